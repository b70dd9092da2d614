import Foundation

/// One scheduled event as the export formats show it (`ICSWriter`, `CSVWriter`, `HTMLWriter`):
/// the assignment, with what the scenario knows of the event and its venue when it is given.
///
/// Dates follow the spec's rule of occupied dates when the scenario is known (so `end` is the
/// last occupied date even when the file leaves it out); otherwise they are the file's own.
public struct ExportRow: Sendable {
    public var event: String
    /// The event's title; its id when the scenario is not given or does not know it.
    public var title: String
    public var kind: String
    public var start: Day
    /// The last date, inclusive.
    public var end: Day
    public var venue: String?
    public var venueName: String?
    public var city: String?
    public var days: Double?
    /// The dates it occupies, ascending (empty for a milestone, or when not known).
    public var occupied: [Day]
    /// The event's index in the scenario, when the scenario knows it.
    public var eventIndex: Int?
    /// The venue's index in the scenario, when the scenario knows it.
    public var venueIndex: Int?

    /// Whether it is a milestone (`days: 0`): a date, not a meeting.
    public var isMilestone: Bool { days == 0 }

    /// The rows of a calendar file in the spec's order (start, end, event id). An event given
    /// twice appears twice; only the first takes the scenario's occupied dates.
    public static func rows(_ file: CalendarFile, scenario: Scenario?) -> [ExportRow] {
        var schedule: Schedule = []
        if let scenario { schedule = Evaluator(scenario).schedule(from: file).0 }
        var seen = Set<Int>()
        return file.sortedAssignments.map { a in
            var row = ExportRow(event: a.event, title: a.event, kind: "", start: a.start, end: a.end ?? a.start,
                                venue: a.venue, venueName: nil, city: nil, days: a.days, occupied: [], eventIndex: nil, venueIndex: nil)
            guard let scenario else { return row }
            if let v = a.venue, let vi = scenario.venueIndex(v) {
                row.venueIndex = vi
                row.venueName = scenario.venues[vi].name
                row.city = scenario.venues[vi].city
            }
            if let e = scenario.eventIndex(a.event) {
                let ev = scenario.events[e]
                row.eventIndex = e
                row.title = ev.title
                row.kind = ev.kind
                if seen.insert(e).inserted, let p = schedule[e] {
                    row.end = max(p.start, p.end)
                    row.days = p.days
                    row.occupied = p.occupied
                }
            }
            return row
        }
    }

    /// `2 working days`, `half a day`, `milestone`.
    public var lengthText: String {
        guard let days else { return "length not given" }
        switch days {
        case 0: return "milestone (a date)"
        case 0.5: return "half a day"
        case 1: return "1 working day"
        default: return "\(formatNumber(days)) working days"
        }
    }

    /// The scenario's rules that bear on this event: its window, pin and preferred start, and
    /// every constraint that selects it (`id (type, hard|soft)`), in file order.
    public func rules(in scenario: Scenario) -> [String] {
        guard let e = eventIndex else { return [] }
        let ev = scenario.events[e]
        var out: [String] = []
        if ev.window != scenario.horizon { out.append("window \(ev.window.start.iso)..\(ev.window.end.iso)") }
        if let f = ev.fixed { out.append("fixed to \(f.start.iso)\(f.venue.map { " at \($0)" } ?? "")") }
        if let p = ev.preferredStart { out.append("preferred start \(p.iso)") }
        for c in scenario.constraints where c.rule.events.contains(e) {
            out.append("\(c.id) (\(type(of: c.rule).type), \(c.hard ? "hard" : "soft, weight \(c.weight)"))")
        }
        return out
    }

    /// What the check report says of this event, one sentence each: the parts of broken rules
    /// and soft costs that name it (a rule's detail joins one part per pair or date with "; "),
    /// and its clashes with outside events.
    public func findings(in report: CheckReport) -> [String] {
        var out: [String] = []
        let avoid = Set(report.clashes.map(\.constraint))
        for f in report.hard + report.soft where f.events.contains(event) && !avoid.contains(f.rule) {
            let parts = f.events.count == 1 ? [f.detail] : f.detail.components(separatedBy: "; ").filter { ExportRow.mentions($0, event) }
            let what = f.weight.map { "Cost \(formatNumber(f.amount * Double($0))) in all (\(f.rule), weight \($0))" } ?? "Broken (\(f.rule))"
            for p in parts { out.append("\(what): \(p)") }
        }
        for c in report.clashes where c.event == event {
            let dates = c.dates.map(\.iso).joined(separator: ", ")
            out.append("Clash with \(c.external) (\(c.category), \(c.place)) on \(dates) [\(c.constraint)\(c.hard ? ", hard" : "")]")
        }
        return out
    }

    /// Whether `text` names `id` as a whole word (so that `TS1` is not found in `TS10`).
    static func mentions(_ text: String, _ id: String) -> Bool {
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "_" }
        var rest = Substring(text)
        while let r = rest.range(of: id) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before.map(isWord) ?? false) && !(after.map(isWord) ?? false) { return true }
            rest = text[r.upperBound...]
        }
        return false
    }
}
