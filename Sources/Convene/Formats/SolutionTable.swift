import Foundation

/// A solution as text: what `solve` prints (`--format table`), and the lines of `--stats` and
/// `--progress`. A what-if's table ends with its solution's (`WhatIfAnswer.table`).
extension Solution {
    /// The status and cost, the calendar by start, the soft costs and clashes it accepts, then
    /// what the status means: the conflict and its repairs, or how far from proven it is. A
    /// what-if passes `gap: false`: its bound is of the re-plan's cost, which it states itself.
    public func table(_ scenario: Scenario, gap: Bool = true) -> String {
        var out = "Scenario \(scenario.name): \(status.rawValue)"
        if let r = report { out += ", cost \(formatNumber(r.cost))" }
        out += "\n"
        if let schedule {
            let order = orderedByStart(Array(schedule.indices), in: schedule, scenario: scenario)
            out += "\n" + TextTable(["DATES", "EVENT", "VENUE", "DAYS", "TITLE"], order.map { e in
                let p = schedule[e]!
                return [p.start == p.end ? p.start.iso : "\(p.start.iso)..\(p.end.iso)", scenario.events[e].id,
                        p.venue.map { scenario.venues[$0].id } ?? "-", formatNumber(p.days), clip(scenario.events[e].title, 60)]
            }).render(indent: "  ")
        }
        if let r = report { out += Solution.accepted(r) }
        return out + statusNote(gap: gap)
    }

    /// The soft costs and the clashes a calendar accepts.
    private static func accepted(_ r: CheckReport) -> String {
        var out = ""
        if !r.soft.isEmpty {
            out += "\nSOFT COSTS ACCEPTED\n" + TextTable(["RULE", "AMOUNT", "WEIGHT", "COST", "DETAIL"], r.soft.map {
                [$0.rule, formatNumber($0.amount), String($0.weight ?? 0), formatNumber($0.amount * Double($0.weight ?? 0)), $0.detail]
            }).render(indent: "  ")
        }
        if !r.clashes.isEmpty {
            out += "\nCLASHES ACCEPTED\n" + TextTable(["EVENT", "EXTERNAL", "CATEGORY", "PLACE", "DATES", "RULE"], r.clashes.map {
                [$0.event, $0.external, $0.category, $0.place, $0.dates.map(\.iso).joined(separator: ", "), $0.constraint]
            }).render(indent: "  ")
        }
        return out
    }

    /// What the status means for the planner: a conflict and its repairs, no calendar, or how far
    /// an unproven calendar may be from the best.
    private func statusNote(gap: Bool) -> String {
        switch status {
        case .infeasible:
            if let c = conflict {
                var out = "\nNo calendar meets all of these together (drop any one and a calendar exists):\n"
                out += c.map { "  - \($0.sentence)\n" }.joined()
                if !repairs.isEmpty {
                    out += "\nWhat would fix it (each change alone lets a calendar exist):\n"
                    out += repairs.map { "  - \($0.sentence)\n" }.joined()
                }
                return out
            } else if let c = unprovenConflict {
                return "\nNo calendar meets all of these together (not proven minimal: the time limit came first):\n"
                    + c.map { "  - \($0.sentence)\n" }.joined()
            }
            return "\nNo calendar exists; the time limit came before a minimal conflict was found.\n"
        case .unknown: return "\nThe time limit came before any calendar was found.\n"
        case .feasible:
            // The limit, or a search that ran out of ways to improve: either way not proven.
            var out = "\nThe search stopped before it could prove this calendar the best"
            if gap, let b = stats.bound, let r = report, b > 0 {
                let bound = Double(b) / 2
                out += ": no calendar costs less than \(formatNumber(bound)), so this one costs at most \(formatNumber(r.cost - bound)) more than the best one"
            }
            return out + ".\n"
        case .optimal: return ""
        }
    }
}

extension SolveStats {
    /// The `--stats` line: the search's counters, the time to the first calendar and in all, the
    /// proven bound, and the learning core's counters when it ran.
    public var line: String {
        let first = timeToFirst.map { String(format: "%.1f ms", $0 * 1000) } ?? "-"
        let bound = self.bound.map { ", lower bound \(formatNumber(Double($0) / 2))" } ?? ""
        return "stats: nodes \(nodes), failures \(failures), propagations \(propagations), solutions \(solutions), " +
            "first calendar \(first), total \(String(format: "%.1f ms", elapsed * 1000))\(bound)\(learning)\n"
    }

    /// The learning core's counters and their rates, when it ran.
    private var learning: String {
        guard conflicts > 0 || restarts > 0 else { return "" }
        let rate = elapsed > 0 ? String(format: "%.0f", Double(conflicts) / elapsed) : "-"
        return ", conflicts \(conflicts) (\(rate)/s), nogoods kept \(learnt), restarts \(restarts), dives \(dives)"
    }
}

extension SearchProgress {
    /// One line of `--progress`: seconds, the best calendar's cost, the proven bound and the gap
    /// between them, when known.
    public var line: String {
        var line = String(format: "%8.2f s", seconds)
        if let c = cost { line += "  best \(formatNumber(Double(c) / 2))" }
        if let b = bound { line += "  bound \(formatNumber(Double(b) / 2))" }
        if let c = cost, let b = bound, c > 0 { line += String(format: "  gap %.1f%%", 100 * Double(c - b) / Double(c)) }
        return line + "\n"
    }
}

/// `text` cut to `width` characters, with an ellipsis when cut.
func clip(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
}
