/// A what-if's answer as text: what `whatif` prints (`--format table`).
extension WhatIfAnswer {
    /// The changes asked for, the status and cost, then the events moved, the events newly
    /// placed and the amounts changed, and last the new calendar's own table (`Solution.table`).
    public func table(_ scenario: Scenario, changes asked: [Change]) -> String {
        var out = "What-if on \(scenario.name): \(asked.map(\.summary).joined(separator: ", "))\n"
        out += "Status: \(solution.status.rawValue)\n"
        if let r = solution.report, let d = disturbance {
            out += "Cost: \(formatNumber(r.cost + d)) = scenario cost \(formatNumber(r.cost)) + disturbance \(formatNumber(d)); "
                   + "the baseline's cost was \(formatNumber(baselineReport.cost))\n"
        }
        if let bound = lowerBound {
            out += "No re-plan costs less than \(formatNumber(bound)) (a proven lower bound)"
            if let r = solution.report, let d = disturbance, solution.status == .feasible {
                out += ", so this one costs at most \(formatNumber(r.cost + d - bound)) more than the best one"
            }
            out += "\n"
        }
        if solution.schedule != nil { out += differences }
        return out + "\n" + solution.table(scenario, gap: false)
    }

    /// The events moved, the events newly placed and the amounts changed, each a table.
    private var differences: String {
        func dates(_ r: DateRange?) -> String { r.map(span) ?? "-" }
        var out = "\nMOVED (\(moved.count))\n"
        if !moved.isEmpty {
            out += TextTable(["EVENT", "FROM", "TO", "VENUE", ""], moved.map {
                [$0.event, dates($0.from), dates($0.to), "\($0.fromVenue ?? "-") → \($0.toVenue ?? "-")", $0.pinned ? "pinned" : ""]
            }).render(indent: "  ")
        }
        if !added.isEmpty {
            out += "\nNEWLY SCHEDULED (no date in the baseline: \(added.count))\n" + TextTable(["EVENT", "DATES", "VENUE"], added.map {
                [$0.event, dates($0.to), $0.toVenue ?? "-"]
            }).render(indent: "  ")
        }
        out += "\nCHANGED AMOUNTS (\(changes.count))\n"
        if !changes.isEmpty {
            out += TextTable(["RULE OR CLASH", "BEFORE", "AFTER", "CHANGE"], changes.map {
                [$0.subject, formatNumber($0.before), formatNumber($0.after), $0.direction.rawValue]
            }).render(indent: "  ")
        }
        return out
    }
}

extension Change {
    /// The change as the what-if's table names it: `TS2 shifted by +14 days`,
    /// `STOCK pinned to 2017-11-20@MEX`.
    public var summary: String {
        switch kind {
        case .shift(let n): return "\(event) shifted by \(n >= 0 ? "+" : "")\(n) days"
        case let .pin(start, venue): return "\(event) pinned to \([start?.iso, venue.map { "@\($0)" }].compactMap { $0 }.joined())"
        }
    }
}
