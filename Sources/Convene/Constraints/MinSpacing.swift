/// `minSpacing`: for every pair ordered by start, `start(later) − end(earlier) ≥ days`.
/// Milestones are skipped.
public struct MinSpacing: ConstraintRule {
    public static let type = "minSpacing"

    public func sentence(in s: Scenario) -> String { "\(s.names(events)) must start at least \(days) days after one another ends" }
    public var events: [Int]
    public var days: Int

    public init(events: [Int], days: Int) { self.events = events; self.days = days }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        renumber(events, map).map { MinSpacing(events: $0, days: days) }
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        forEachShortPair(events, schedule, scenario, need: { _, _ in days }) { e, l, short, gap, need in
            o.amount += Double(short)
            o.details.append("\(scenario.name(l)) starts \(gap) days after \(scenario.name(e)) ends; \(need) required")
        }
        return o
    }
}

extension MinSpacing: Posted {
    /// Hard: forward checking on the pairs, with the evaluator's gap (`pairShortfall`).
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] {
        let ids = model.scenario.events.map(\.id), gap = days
        return [PairRule(events: model.nonMilestones(events), maxNeed: gap) { a, pa, b, pb in
            pairShortfall(pa, ids[a], pb, ids[b], need: { _, _ in gap }) > 0
        }]
    }
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .monotone }
}
