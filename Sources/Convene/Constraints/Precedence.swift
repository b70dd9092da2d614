/// `precedence`: `start(after) − end(before)` in calendar days lies in [minDays, maxDays].
///
/// Spec: amount is the distance to the range; a link with an unscheduled side is not evaluated.
public struct Precedence: ConstraintRule {
    public static let type = "precedence"

    /// The planner's sentence for this rule, as a conflict lists it.
    public func sentence(in s: Scenario) -> String {
        let upper = maxDays.map { " and at most \($0)" } ?? ""
        return "\(s.events[after].id) must start at least \(minDays)\(upper) days after \(s.events[before].id) ends"
    }
    public var before: Int
    public var after: Int
    public var minDays: Int
    public var maxDays: Int?

    public init(before: Int, after: Int, minDays: Int = 1, maxDays: Int? = nil) {
        self.before = before; self.after = after; self.minDays = minDays; self.maxDays = maxDays
    }

    public var events: [Int] { [before, after] }
    public var dateLinks: [(before: Int, after: Int, minDays: Int)] { [(before, after, minDays)] }

    /// The amount of the link between two placements.
    public static func amount(before b: Placement, after a: Placement, minDays: Int, maxDays: Int?) -> Double {
        distance(Double(a.start - b.end), toRange: Double(minDays), maxDays.map(Double.init))
    }

    /// Evaluates one link into `o`; shared with `chain`.
    static func evaluateLink(before: Int, after: Int, minDays: Int, maxDays: Int?,
                             _ schedule: Schedule, _ scenario: Scenario, into o: inout Outcome) {
        guard let b = schedule[before], let a = schedule[after] else {
            o.notEvaluated.append((before, after))
            return
        }
        let amount = Precedence.amount(before: b, after: a, minDays: minDays, maxDays: maxDays)
        guard amount > 0 else { return }
        o.amount += amount
        let gap = a.start - b.end
        let want = maxDays.map { "between \(minDays) and \($0)" } ?? "at least \(minDays)"
        o.details.append("\(scenario.name(after)) starts \(gap) days after \(scenario.name(before)) ends (\(b.end.iso) to \(a.start.iso)); \(want) required")
    }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        guard let b = map[before], let a = map[after] else { return nil }
        return Precedence(before: b, after: a, minDays: minDays, maxDays: maxDays)
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        Precedence.evaluateLink(before: before, after: after, minDays: minDays, maxDays: maxDays, schedule, scenario, into: &o)
        return o
    }
}

extension Precedence: Posted {
    /// Hard: one link on date bounds.
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] {
        [LinkRule(before: before, after: after, minDays: minDays, maxDays: maxDays)]
    }
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .monotone }
}
