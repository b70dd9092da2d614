import Foundation

/// One entry of a scenario's `constraints`: the common fields, and the rule of its `type`.
///
/// Spec: "CONSTRAINT". A hard constraint must hold; a soft one adds `weight × amount` to the cost.
public struct Constraint: Sendable {
    public var id: String
    public var hard: Bool
    public var weight: Int
    public var source: String?
    public var rule: any ConstraintRule

    public init(id: String, hard: Bool = true, weight: Int = 1, source: String? = nil, rule: any ConstraintRule) {
        self.id = id; self.hard = hard; self.weight = weight; self.source = source; self.rule = rule
    }
}

/// The spec's definition of one constraint `type`: its `amount` (0 when it holds), the sentences
/// that explain a positive amount, and the clashes it finds. This is the one evaluator that
/// `check`, the solver's final re-check, the benchmark and the conflict explainer all call.
public protocol ConstraintRule: Sendable {
    /// The spec's `type` string.
    static var type: String { get }
    /// The events it selects (indices, in scenario order); milestones included where selected.
    var events: [Int] { get }
    /// The rule in a planner's words (a conflict lists its elements so).
    func sentence(in scenario: Scenario) -> String
    /// Judges the scheduled events of `schedule`; unscheduled ones are left out as the spec says.
    func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome
    /// The same rule over renumbered events (`map[old] = new`); nil when it names an event the
    /// map leaves out. Used to cut a scenario into independent parts.
    func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)?
    /// The links on dates it imposes, `start(after) ≥ end(before) + minDays` (for the reader's
    /// cycle check); none by default.
    var dateLinks: [(before: Int, after: Int, minDays: Int)] { get }
    /// The rule as an `avoidExternal`, for the code that treats clashes with outside events
    /// apart (a cost or a removal per option, clash reports); nil for every other type.
    var avoidance: AvoidExternal? { get }
}

extension ConstraintRule {
    public var dateLinks: [(before: Int, after: Int, minDays: Int)] { [] }
    public var avoidance: AvoidExternal? { nil }
}

extension ConstraintRule {
    /// `events` renumbered, or nil when one is missing from `map`.
    func renumber(_ events: [Int], _ map: [Int: Int]) -> [Int]? {
        var out: [Int] = []
        for e in events { guard let n = map[e] else { return nil }; out.append(n) }
        return out
    }
}

/// What one constraint says of one schedule.
public struct Outcome: Sendable {
    public var amount: Double = 0
    /// Sentences a planner understands, one per broken piece.
    public var details: [String] = []
    /// For `avoidExternal`: each (event, external) pair with its shared dates.
    public var clashes: [Clash] = []
    /// For `precedence` and `chain`: links with an unscheduled side.
    public var notEvaluated: [(before: Int, after: Int)] = []

    public init() {}
}

/// An event that shares dates with an outside event it should avoid.
public struct Clash: Hashable, Sendable {
    public var constraint: String
    public var event: Int
    public var external: Int
    public var dates: [Day]
}

extension Scenario {
    /// The city of a placement's venue, for `travelDays` and `samePlace`.
    func city(of p: Placement) -> String? { p.venue.map { venues[$0].city } }

    /// A human name for an event in sentences: its id.
    func name(_ e: Int) -> String { events[e].id }

    /// Events named in a sentence: up to four ids, else how many and the first three.
    public func names(_ list: [Int]) -> String {
        let ids = list.map { events[$0].id }
        return ids.count <= 4 ? ids.joined(separator: ", ") : "\(ids.count) events (\(ids.prefix(3).joined(separator: ", ")), …)"
    }
}

/// Formats a number the way the spec writes a cost: a whole number without a fraction (`12`,
/// `3651967000000000`), otherwise its shortest decimal form (`0.5`).
public func formatNumber(_ v: Double) -> String {
    guard v.isFinite, v == v.rounded() else { return String(v) }
    if abs(v) < 9.0e18 { return String(Int64(v)) }
    return String(format: "%.0f", v)
}
