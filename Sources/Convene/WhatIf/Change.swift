/// One change a what-if makes to a baseline: a shift by calendar days, or a pin on a date, a
/// venue, or both (spec, "What-if"). An event named by a change is *pinned*.
public struct Change: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The start moves by this many calendar days from the baseline's start.
        case shift(Int)
        /// Only this start and/or this venue (by id); nil leaves that part free.
        case pin(start: Day?, venue: String?)
    }
    public var event: String
    public var kind: Kind

    public init(event: String, kind: Kind) { self.event = event; self.kind = kind }

    /// Parses the command line's `ID=+14` (`--shift`) or `ID=2017-11-20`, `ID=@MEX`,
    /// `ID=2017-11-20@MEX` (`--pin`); nil with the reason when it is none of these.
    public static func parse(shift text: String) -> Result<Change, ChangeError> {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return .failure(ChangeError("expected ID=+N or ID=-N, found '\(text)'")) }
        let id = String(text[..<eq]), value = String(text[text.index(after: eq)...])
        guard let n = Int(value.hasPrefix("+") ? String(value.dropFirst()) : value), (-36_600...36_600).contains(n) else {
            return .failure(ChangeError("expected a whole number of days after '\(id)=', found '\(value)'"))
        }
        return .success(Change(event: id, kind: .shift(n)))
    }

    public static func parse(pin text: String) -> Result<Change, ChangeError> {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            return .failure(ChangeError("expected ID=YYYY-MM-DD, ID=@VENUE or ID=YYYY-MM-DD@VENUE, found '\(text)'"))
        }
        let id = String(text[..<eq]), value = String(text[text.index(after: eq)...])
        let parts = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let datePart = parts[0], venue = parts.count > 1 ? parts[1] : nil
        if venue == "" { return .failure(ChangeError("expected a venue id after '@' in '\(text)'")) }
        let start = datePart.isEmpty ? nil : Day(iso: datePart)
        if !datePart.isEmpty && start == nil { return .failure(ChangeError("expected a date YYYY-MM-DD in '\(text)', found '\(datePart)'")) }
        guard start != nil || venue != nil else { return .failure(ChangeError("expected a date, a venue or both after '\(id)='")) }
        return .success(Change(event: id, kind: .pin(start: start, venue: venue)))
    }
}

/// A change that cannot be read or applied, with what was expected.
public struct ChangeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
