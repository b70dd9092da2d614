/// The conflict of an infeasible answer as a calendar/1 file writes it (spec, "Calendar file"):
/// the elements by their names, and the repairs found for them.
enum ConflictJSON {
    /// `conflict` (a minimal conflict), `conflictNotProvenMinimal` (the smallest set found before
    /// the limit) and `repairs`, each when there is one.
    static func members(conflict: [String]?, unproven: [String]?, repairs: [ConflictRepair]) -> [(key: String, value: JSONValue)] {
        var out: [(key: String, value: JSONValue)] = []
        if let conflict { out.append(("conflict", .array(conflict.map(JSONValue.string)))) }
        if let unproven { out.append(("conflictNotProvenMinimal", .array(unproven.map(JSONValue.string)))) }
        if !repairs.isEmpty { out.append(("repairs", .array(repairs.map(\.json)))) }
        return out
    }
}

extension ConflictRepair {
    /// The repair in the calendar file: `{"element", "change", "sentence", ...}` with `day`
    /// (window edges, pin dates) or `rooms` and `dates` (rooms).
    public var json: JSONValue {
        var m: [(key: String, value: JSONValue)] = [("element", .string(element.description)), ("change", .string(kind))]
        if let day { m.append(("day", .string(day.iso))) }
        if let rooms { m.append(("rooms", .number(Double(rooms)))); m.append(("dates", .array(dates.map { .string($0.iso) }))) }
        m.append(("sentence", .string(sentence)))
        return .object(m)
    }
}
