/// `minSpacing`: for every pair ordered by start, `start(later) − end(earlier) ≥ days`.
/// Milestones are skipped.
public struct MinSpacing: ConstraintRule {
    public static let type = "minSpacing"
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
