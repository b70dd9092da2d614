/// A solved calendar, checked by the evaluator: what `solve` prints and writes.
public struct Solution: Sendable {
    public var status: SolveStatus
    public var schedule: Schedule?
    /// The evaluator's report of `schedule`.
    public var report: CheckReport?
    public var conflict: [ConflictElement]?
    /// When the limit came before a minimal conflict: the smallest set of elements found that
    /// cannot all hold, not proven minimal (`conflict` is then nil).
    public var unprovenConflict: [ConflictElement]? = nil
    /// For a minimal conflict, the least change of each element alone that lets a calendar exist.
    public var repairs: [ConflictRepair] = []
    public var stats: SolveStats
}

extension Solution {
    /// The one post-solve judge, for `solve` and `whatif`: the search's calendar re-checked by the
    /// evaluator, which must find every hard rule held, every event placed, the pins kept
    /// (`pinsKept`) and the search's objective equal to its cost plus `extra` (a what-if's
    /// disturbance). A disagreement is a bug: thrown, never written.
    static func judged(_ out: SolveOutcome, by evaluator: Evaluator, extra: Double = 0, pinsKept: Bool = true,
                       what: String) throws(InternalError) -> Solution {
        var solution = Solution(status: out.status, schedule: out.schedule, report: nil, conflict: nil, stats: out.stats)
        guard let schedule = out.schedule else { return solution }
        let report = evaluator.evaluate(schedule)
        guard report.hardOK, report.complete, pinsKept, Cost.matches(report.cost + extra, out.objective) else {
            throw InternalError(description: "the evaluator rejected \(what) (hard OK: \(report.hardOK), complete: \(report.complete), "
                                             + "pins kept: \(pinsKept), cost \(formatNumber(report.cost)) + \(formatNumber(extra)) "
                                             + "vs the solver's \(formatNumber(Double(out.objective ?? 0) / 2))): "
                                             + "\(report.hard.map(\.rule).joined(separator: ", "))")
        }
        solution.report = report
        return solution
    }
}

/// The evaluator disagreed with the solver: a bug, reported rather than written.
public struct InternalError: Error, CustomStringConvertible {
    public var description: String
}

extension Solver {
    /// Solves `scenario`: the best calendar, checked by the evaluator; or, when none exists,
    /// a minimal conflict.
    /// With `decompose` false the whole scenario is searched at once, even when it falls into
    /// independent parts: slower, but a second opinion (the benchmark's check of "optimal").
    public static func solve(_ scenario: Scenario, limits: Limits = Limits(), decompose: Bool = true) throws(InternalError) -> Solution {
        let evaluator = Evaluator(scenario)
        let started = now()
        let parts = scenario.components()
        var out: SolveOutcome, explainScenario = scenario
        if decompose, parts.count > 1 {
            let r = Decomposed(scenario: scenario, parts: parts, limits: limits, evaluator: evaluator).solve()
            out = r.outcome
            // A part infeasible on its own is explained on its own: ids name the same elements.
            if let part = r.infeasiblePart { explainScenario = scenario.restricted(to: part) }
        } else {
            out = Solver(scenario, limits: limits, evaluator: evaluator).solve()
        }
        var solution = try Solution.judged(out, by: evaluator, what: "the solver's calendar")
        if out.status == .infeasible {
            let remaining = limits.timeLimit.map { max(Parameters.leastExplainSeconds, $0 - (now() - started)) }
            let until = remaining.map { now() + $0 }
            let c = ConflictExplainer(explainScenario, limits: limits.step(timeLimit: remaining)).conflict(repairs: false)
            if let c {
                if c.minimal {
                    solution.conflict = c.elements
                    // Repairs of the whole scenario: parts share rooms, so a change that frees one
                    // part alone might not leave the others room.
                    let left = until.map { max(0, $0 - now()) }
                    solution.repairs = ConflictExplainer(scenario, evaluator: evaluator, limits: limits.step(timeLimit: left))
                        .repairs(for: c.elements.map(\.id))
                } else { solution.unprovenConflict = c.elements }
            }
        }
        return solution
    }
}
