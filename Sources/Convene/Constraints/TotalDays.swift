/// `totalDays`: the selected events' `days` add up to a value in [min, max].
///
/// Spec: amount is the distance to the range; a half day counts 0.5, a milestone 0; only
/// scheduled events count.
public struct TotalDays: ConstraintRule {
    public static let type = "totalDays"

    public func sentence(in s: Scenario) -> String {
        let range = [min.map { "at least \(formatNumber($0))" }, max.map { "at most \(formatNumber($0))" }].compactMap { $0 }
        return "\(s.names(events)) must last \(range.joined(separator: " and ")) days in all"
    }
    public var events: [Int]
    public var min: Double?
    public var max: Double?

    public init(events: [Int], min: Double?, max: Double?) { self.events = events; self.min = min; self.max = max }

    public func total(_ schedule: Schedule) -> Double {
        events.reduce(0) { $0 + (schedule[$1]?.days ?? 0) }
    }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        renumber(events, map).map { TotalDays(events: $0, min: min, max: max) }
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        let v = total(schedule)
        o.amount = distance(v, toRange: min, max)
        if o.amount > 0 {
            let bound = min.map { v < $0 ? "at least \(formatNumber($0))" : "" } ?? ""
            let upper = max.map { v > $0 ? "at most \(formatNumber($0))" : "" } ?? ""
            o.details.append("the selected events last \(formatNumber(v)) days in all; \(bound)\(upper) allowed")
        }
        return o
    }
}

extension TotalDays: Posted {
    /// The selected events' lengths in half-units (a half day adds 1, a whole day 2).
    func sum(in model: CompiledModel) -> LinearSum {
        model.linearSum(events, lo: min.map { Int(($0 * 2).rounded(.up)) }, hi: max.map { Int(($0 * 2).rounded(.down)) }) { Int($0.days * 2) }
    }
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] { [SumRule(sum(in: model))] }
    /// A day off the range costs `weight`, so a half-unit of the sum costs `weight` half-units.
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .sums([(c.weight, sum(in: model))]) }
}
