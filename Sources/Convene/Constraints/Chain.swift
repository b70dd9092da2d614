/// `chain`: a `precedence` of `minDays` between each consecutive pair of an ordered list.
public struct Chain: ConstraintRule {
    public static let type = "chain"
    public var events: [Int]
    public var minDays: Int

    public init(events: [Int], minDays: Int = 1) { self.events = events; self.minDays = minDays }

    /// The consecutive pairs, each one link.
    public var links: [(before: Int, after: Int)] { zip(events, events.dropFirst()).map { ($0, $1) } }

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
