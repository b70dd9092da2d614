/// `rotation`: ordered by start, no two consecutive events share a venue, and the per-venue
/// counts are met. Amount: consecutive same-venue pairs plus count shortfalls and excesses.
public struct Rotation: ConstraintRule {
    public static let type = "rotation"

    public func sentence(in s: Scenario) -> String { "\(s.names(events)) must not meet twice in a row at one venue" }
    public var events: [Int]
    /// Venue index → count.
    public var minPerVenue: [Int: Int]
    public var maxPerVenue: [Int: Int]

    public init(events: [Int], minPerVenue: [Int: Int] = [:], maxPerVenue: [Int: Int] = [:]) {
        self.events = events; self.minPerVenue = minPerVenue; self.maxPerVenue = maxPerVenue
    }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        renumber(events, map).map { Rotation(events: $0, minPerVenue: minPerVenue, maxPerVenue: maxPerVenue) }
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        let ordered = orderedByStart(events.filter { schedule[$0].map { !$0.isMilestone } ?? false }, in: schedule, scenario: scenario)
        for (a, b) in zip(ordered, ordered.dropFirst()) where schedule[a]!.venue != nil && schedule[a]!.venue == schedule[b]!.venue {
            o.amount += 1
            o.details.append("\(scenario.name(a)) and \(scenario.name(b)) follow each other at \(scenario.venues[schedule[a]!.venue!].id)")
        }
        var count: [Int: Int] = [:]
        for e in ordered { if let v = schedule[e]!.venue { count[v, default: 0] += 1 } }
        for (v, n) in minPerVenue.sorted(by: { $0.key < $1.key }) where count[v, default: 0] < n {
            o.amount += Double(n - count[v, default: 0])
            o.details.append("\(scenario.venues[v].id) holds \(count[v, default: 0]) of the selected events; at least \(n) required")
        }
        for (v, n) in maxPerVenue.sorted(by: { $0.key < $1.key }) where count[v, default: 0] > n {
            o.amount += Double(count[v, default: 0] - n)
            o.details.append("\(scenario.venues[v].id) holds \(count[v, default: 0]) of the selected events; at most \(n) allowed")
        }
        return o
    }
}

extension Rotation: Posted {
    var countsVenueNeighbours: Bool { true }
    /// One count per venue with a minimum or maximum.
    func counts(in model: CompiledModel) -> [LinearSum] {
        let events = model.nonMilestones(self.events)
        return Set(minPerVenue.keys).union(maxPerVenue.keys).sorted().map { v in
            model.linearSum(events, lo: minPerVenue[v], hi: maxPerVenue[v]) { $0.venue == v ? 1 : 0 }
        }
    }
    /// Hard: the counts as sums, and the order (`RotationRule`).
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] {
        counts(in: model).map(SumRule.init)
            + [RotationRule(events: model.nonMilestones(events), constraint: c, options: model.options, ids: model.scenario.events.map(\.id))]
    }
    /// Soft: the counts bound the count part of the amount before the events are fixed, a unit
    /// costing `weight`, 2 half-units each.
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .sums(counts(in: model).map { (Cost.mul(2, c.weight), $0) }) }
}
