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

    /// The calendar/1 file of this solution.
    public func calendarFile(_ scenario: Scenario) -> CalendarFile {
        var file = CalendarFile(scenario: scenario.name, status: status.rawValue, cost: report?.cost, assignments: [])
        if let schedule {
            file.assignments = schedule.enumerated().compactMap { e, p in
                p.map { Assignment(event: scenario.events[e].id, start: $0.start, end: $0.end,
                                   venue: $0.venue.map { scenario.venues[$0].id }, days: $0.days) }
            }
        }
        file.violations = report.map { $0.soft } ?? []
        file.conflict = conflict.map { $0.map(\.element) }
        file.unprovenConflict = unprovenConflict.map { $0.map(\.element) }
        file.repairs = repairs
        return file
    }
}

/// The evaluator disagreed with the solver: a bug, reported rather than written.
public struct InternalError: Error, CustomStringConvertible {
    public var description: String
}

/// Which search core answers: the classic depth-first branch and bound (with independent parts,
/// Lagrangian prices and neighbourhoods), the learning core (`LearningSolver`), or, by default,
/// both in turn (`PortfolioSearch`): the classic core for a few nodes, then the learning core.
public enum SearchCore: String, Sendable, CaseIterable {
    case auto, classic, learning
}

/// One search of either core: an incumbent to start from, then the search.
protocol SearchRun: AnyObject {
    @discardableResult func seed(with schedule: Schedule) -> Bool
    /// The placements to try first, where the core keeps phases (the learning core does).
    func hint(_ schedule: Schedule)
    func solve() -> SolveOutcome
}
extension Solver: SearchRun {
    /// The classic core tries options cheapest first and keeps no phases.
    func hint(_ schedule: Schedule) {}
}
extension LearningSolver: SearchRun {}

/// A search of `scenario` by the core `limits` names.
func makeSearch(_ scenario: Scenario, setup: SearchSetup = SearchSetup(), limits: Limits, evaluator: Evaluator? = nil) -> SearchRun {
    makeSearch(model: CompiledModel(scenario, setup: setup, limits: limits, evaluator: evaluator), limits: limits)
}

/// A search of a compiled model by the core `limits` names.
func makeSearch(model: CompiledModel, limits: Limits) -> SearchRun {
    switch limits.core {
    case .classic: Solver(model: model, limits: limits)
    case .learning: LearningSolver(model: model, limits: limits)
    case .auto: PortfolioSearch(model: model, limits: limits)
    }
}

/// The default core: the classic branch and bound for a few nodes per event, then, unless it has
/// finished, the learning core from the classic core's best calendar (incumbent and phases).
///
/// Each wins where the other loses. On a scenario whose rules bind loosely, the classic core's
/// cheapest-first dive and cost filtering prove the optimum in a few dozen nodes, before the
/// learning core has paid for its trail and its first restarts; where rules bind (exact monthly
/// quotas, rooms), it redoes the same sub-proofs for ever and the learning core is many times
/// faster. The budget counts nodes, never seconds, so the answer is the same on every machine.
final class PortfolioSearch: SearchRun {
    let model: CompiledModel
    let limits: Limits
    private var seedSchedule: Schedule? = nil
    private var hintSchedule: Schedule? = nil

    init(model: CompiledModel, limits: Limits) {
        self.model = model
        self.limits = limits
    }

    /// The classic core's node budget: `Parameters.classicNodesPerEvent` per event.
    var classicBudget: Int {
        let budget = Parameters.classicNodesPerEvent * max(1, model.options.count)
        return limits.nodeLimit.map { min($0, budget) } ?? budget
    }

    @discardableResult
    func seed(with schedule: Schedule) -> Bool {
        guard model.incumbent(schedule) != nil else { return false }
        seedSchedule = schedule
        return true
    }

    func hint(_ schedule: Schedule) { hintSchedule = schedule }

    func solve() -> SolveOutcome {
        let started = now()
        // From a given calendar (a what-if's baseline, a neighbourhood's), the search improves
        // it: the learning core's solution-guided search starts there, where the classic core's
        // cheapest-first dive would start far from it.
        if seedSchedule != nil { return handOn(SolveOutcome(status: .unknown, schedule: nil, objective: nil, stats: SolveStats()), started: started) }
        // The classic core within its budget.
        var first = limits
        first.core = .classic
        first.nodeLimit = classicBudget
        let out = Solver(model: model, limits: first).solve()
        let done = out.status == .optimal || out.status == .infeasible
            || (out.schedule != nil && (model.setup.feasibilityOnly || limits.solutionLimit == 1))
        let stopped = limits.stop?.isRaised == true || limits.timeLimit.map { now() - started >= $0 } == true || model.aborted
        if done || stopped { return out }
        return handOn(out, started: started)
    }

    /// The learning core, for the time and nodes `out` left, from its calendar or the seed.
    private func handOn(_ out: SolveOutcome, started: Double) -> SolveOutcome {
        var second = limits
        second.core = .learning
        second.timeLimit = limits.timeLimit.map { max(0, $0 - (now() - started)) }
        second.nodeLimit = limits.nodeLimit.map { max(0, $0 - out.stats.nodes) }
        let learning = LearningSolver(model: model, limits: second)
        if let hintSchedule { learning.hint(hintSchedule) }
        if let best = out.schedule ?? seedSchedule {
            learning.seed(with: best)
            learning.hint(best)
        }
        var result = learning.solve()
        var stats = out.stats
        stats.absorb(result.stats)
        stats.timeToFirst = out.stats.timeToFirst ?? result.stats.timeToFirst.map { $0 + out.stats.elapsed }
        stats.elapsed = now() - started
        result.stats = stats
        return result
    }
}

extension Solver {
    /// Solves `scenario`: the best calendar, checked by the evaluator; or, when none exists,
    /// a minimal conflict.
    /// With `decompose` false the whole scenario is searched at once, even when it falls into
    /// independent parts: slower, but a second opinion (the benchmark's check of "optimal").
    /// `limits.core` names the core that searches.
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
            out = makeSearch(scenario, limits: limits, evaluator: evaluator).solve()
        }
        var solution = Solution(status: out.status, schedule: out.schedule, report: nil, conflict: nil, stats: out.stats)
        if let schedule = out.schedule {
            let report = evaluator.evaluate(schedule)
            guard report.hardOK, report.complete, Cost.matches(report.cost, out.objective) else {
                throw InternalError(description: "the evaluator rejected the solver's calendar (hard OK: \(report.hardOK), cost \(formatNumber(report.cost)) vs the solver's \(formatNumber(Double(out.objective ?? 0) / 2))): \(report.hard.map(\.rule).joined(separator: ", "))")
            }
            solution.report = report
        }
        if out.status == .infeasible {
            let remaining = limits.timeLimit.map { max(0.1, $0 - (now() - started)) }
            let until = remaining.map { now() + $0 }
            let c = ConflictExplainer(explainScenario, limits: Limits(timeLimit: remaining, stop: limits.stop, core: limits.core)).conflict(repairs: false)
            if let c {
                if c.minimal {
                    solution.conflict = c.elements
                    // Repairs of the whole scenario: parts share rooms, so a change that frees one
                    // part alone might not leave the others room.
                    let left = until.map { max(0, $0 - now()) }
                    solution.repairs = ConflictExplainer(scenario, evaluator: evaluator, limits: Limits(timeLimit: left, stop: limits.stop, core: limits.core))
                        .repairs(for: c.elements.map(\.element))
                } else { solution.unprovenConflict = c.elements }
            }
        }
        return solution
    }
}
