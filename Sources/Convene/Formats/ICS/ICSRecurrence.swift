/// The part of an RRULE (RFC 5545 §3.3.10) that Convene expands: `FREQ=DAILY`, `WEEKLY`,
/// `MONTHLY` or `YEARLY`, with `INTERVAL`, `COUNT`, `UNTIL`, `WKST` and, for `WEEKLY` only,
/// `BYDAY` with plain weekdays. Any other part is refused by name, since silently ignoring it
/// would invent or lose occurrences.
///
///     RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20171231
struct RecurrenceRule: Equatable, Sendable {
    /// The supported `FREQ` values.
    enum Frequency: String, Sendable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    /// The last date an occurrence may start on (inclusive); a DATE-TIME keeps its date.
    var until: Day?
    /// Weekdays of a `WEEKLY` rule; nil: the weekday of DTSTART.
    var byDay: [Weekday]?
    var weekStart: Weekday = .mon

    static let weekdayCodes: [String: Weekday] = ["MO": .mon, "TU": .tue, "WE": .wed, "TH": .thu, "FR": .fri, "SA": .sat, "SU": .sun]
    static let supported = "supported: FREQ=DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL, COUNT, UNTIL, WKST, and BYDAY=MO,TU,… with WEEKLY"

    /// Parses an RRULE value; the failure is the sentence for the refusal.
    static func parse(_ value: String) -> Result<RecurrenceRule, ICSFailure> {
        var parts: [String: String] = [:]
        for item in value.split(separator: ";", omittingEmptySubsequences: true) {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return .failure(ICSFailure(message: "expected RRULE parts NAME=VALUE separated by ';', found \"\(item)\"")) }
            let key = kv[0].uppercased()
            guard parts[key] == nil else { return .failure(ICSFailure(message: "RRULE gives \(key) twice")) }
            parts[key] = String(kv[1])
        }
        guard let f = parts["FREQ"] else { return .failure(ICSFailure(message: "expected FREQ in RRULE (\(supported))")) }
        guard let frequency = Frequency(rawValue: f.uppercased()) else {
            return .failure(ICSFailure(message: "RRULE FREQ=\(f) is not supported (\(supported))"))
        }
        var rule = RecurrenceRule(frequency: frequency)
        for key in parts.keys.sorted() where !["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"].contains(key) {
            return .failure(ICSFailure(message: "RRULE part \(key) is not supported (\(supported))"))
        }
        if let s = parts["INTERVAL"] {
            guard let n = Int(s), n >= 1, n <= 10_000 else {
                return .failure(ICSFailure(message: "expected INTERVAL a whole number ≥ 1 in RRULE, found \"\(s)\""))
            }
            rule.interval = n
        }
        if let s = parts["COUNT"] {
            guard let n = Int(s), n >= 1 else { return .failure(ICSFailure(message: "expected COUNT a whole number ≥ 1 in RRULE, found \"\(s)\"")) }
            rule.count = n
        }
        if let s = parts["UNTIL"] {
            guard let d = ICSDate.parse(s, valueType: nil) else {
                return .failure(ICSFailure(message: "expected UNTIL a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z] in RRULE, found \"\(s)\""))
            }
            rule.until = d.day
        }
        if let s = parts["WKST"] {
            guard let w = weekdayCodes[s.uppercased()] else {
                return .failure(ICSFailure(message: "expected WKST one of MO TU WE TH FR SA SU in RRULE, found \"\(s)\""))
            }
            rule.weekStart = w
        }
        if let s = parts["BYDAY"] {
            guard frequency == .weekly else {
                return .failure(ICSFailure(message: "RRULE BYDAY is supported with FREQ=WEEKLY only, found FREQ=\(frequency.rawValue) (\(supported))"))
            }
            var days: [Weekday] = []
            for code in s.split(separator: ",") {
                guard let w = weekdayCodes[code.uppercased()] else {
                    return .failure(ICSFailure(message: "expected BYDAY weekdays MO TU WE TH FR SA SU in RRULE, found \"\(code)\""))
                }
                if !days.contains(w) { days.append(w) }
            }
            guard !days.isEmpty else { return .failure(ICSFailure(message: "expected BYDAY weekdays MO TU WE TH FR SA SU in RRULE, found \"\"")) }
            rule.byDay = days
        }
        return .success(rule)
    }

    /// The start dates of the occurrences from `first` (DTSTART, always the first occurrence, as
    /// RFC 5545 counts it) in order, up to `last`, `UNTIL` or `COUNT`, whichever comes first.
    ///
    /// - Complexity: O(periods from `first` to `last`).
    func starts(from first: Day, through last: Day) -> [Day] {
        let stop = min(last, until ?? last)
        var out: [Day] = []
        func take(_ d: Day) -> Bool {
            // Returns false when the expansion is over.
            if let count, out.count >= count { return false }
            if d > stop { return false }
            if d >= first, out.last.map({ d > $0 }) ?? true { out.append(d) }
            return true
        }
        guard take(first) else { return out }
        switch frequency {
        case .daily:
            var d = first + interval
            while take(d) { d = d + interval }
        case .weekly:
            let week0 = first - ((first.weekday.index - weekStart.index + 7) % 7)
            let offsets = (byDay ?? [first.weekday]).map { ($0.index - weekStart.index + 7) % 7 }.sorted()
            var week = week0
            outer: while week <= stop {
                for o in offsets where week + o > first {
                    if !take(week + o) { break outer }
                }
                week = week + 7 * interval
            }
        case .monthly, .yearly:
            let c = first.civil
            let step = frequency == .monthly ? interval : 12 * interval
            var k = step
            while true {
                let m0 = c.month - 1 + k
                let y = c.year + m0 / 12, m = m0 % 12 + 1
                guard let month1 = Day(year: y, month: m, day: 1), month1 <= stop else { break }
                // A month without that day (31 April, 29 February) has no occurrence (RFC 5545 §3.3.10).
                if let d = Day(year: y, month: m, day: c.day), !take(d) { break }
                k += step
            }
        }
        return out
    }
}
