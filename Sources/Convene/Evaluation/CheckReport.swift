/// A broken rule or a positive cost term, as the check report lists it.
public struct Finding: Equatable, Sendable {
    /// A constraint id, or a reason such as `window:TS1`, `rooms:GVA`, `preferredStart:STOCK`.
    public var rule: String
    public var amount: Double
    /// The weight of a soft rule (nil for a hard one).
    public var weight: Int?
    public var detail: String
    /// The events involved, by id.
    public var events: [String]

    public init(rule: String, amount: Double, weight: Int? = nil, detail: String, events: [String] = []) {
        self.rule = rule; self.amount = amount; self.weight = weight; self.detail = detail; self.events = events
    }

    /// A broken event-level reason of `event` (`window:ID`, …), amount 1.
    init(_ reason: Evaluator.Reason, of event: String, detail: String) {
        self.init(rule: ConflictElementID.reason(reason, event: event).description, amount: 1, detail: detail, events: [event])
    }
}

/// One (event, outside event) pair of an `avoidExternal` constraint and the dates they share.
public struct ClashEntry: Equatable, Sendable {
    public var constraint: String
    public var hard: Bool
    public var event: String
    public var external: String
    public var category: String
    public var place: String
    public var venue: String?
    public var dates: [Day]
}

/// A calendar judged against a scenario: the spec's check report (`check/1`).
public struct CheckReport: Sendable {
    public var scenario: String
    public var complete: Bool
    public var hardOK: Bool
    public var cost: Double
    public var hard: [Finding]
    public var soft: [Finding]
    public var clashes: [ClashEntry]
    public var unscheduled: [String]
    public var notEvaluated: [(rule: String, before: String, after: String)]
    /// Outside events selected by an `avoidExternal` rule whose dates are not fixed yet.
    public var undated: [String]
    /// Amount of every constraint, by id, broken or not: what a what-if compares.
    public var amounts: [String: Double]
}
