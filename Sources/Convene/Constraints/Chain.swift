/// `chain`: a `precedence` of `minDays` between each consecutive pair of an ordered list.
public struct Chain: ConstraintRule {
    public static let type = "chain"

    public func sentence(in s: Scenario) -> String {
        "\(s.names(events)) must follow one another, each starting at least \(minDays) days after the previous ends"
    }
    public var events: [Int]
    public var minDays: Int

    public init(events: [Int], minDays: Int = 1) { self.events = events; self.minDays = minDays }

    /// The consecutive pairs, each one link.
    public var links: [(before: Int, after: Int)] { zip(events, events.dropFirst()).map { ($0, $1) } }
    public var dateLinks: [(before: Int, after: Int, minDays: Int)] { links.map { ($0.before, $0.after, minDays) } }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        renumber(events, map).map { Chain(events: $0, minDays: minDays) }
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        for (b, a) in links {
            Precedence.evaluateLink(before: b, after: a, minDays: minDays, maxDays: nil, schedule, scenario, into: &o)
        }
        return o
    }
}

extension Chain: Posted {
    /// Hard: a link per consecutive pair.
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] {
        links.map { LinkRule(before: $0.before, after: $0.after, minDays: minDays, maxDays: nil) }
    }
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .monotone }
}
