/// Where and when one event is held: what the evaluator judges, whether it comes from a
/// calendar file or from the solver. `end` and `occupied` follow from `start`, the venue and
/// `days` by the spec's rule of occupied dates (`WorkingCalendar.occupancy`).
public struct Placement: Hashable, Sendable {
    public var start: Day
    public var end: Day
    /// Index of the venue in the scenario; nil for a milestone held nowhere (or a venue the
    /// scenario does not have, which `check` reports as `venues:ID`).
    public var venue: Int?
    public var days: Double
    /// Occupied dates, ascending; empty for a milestone.
    public var occupied: [Day]

    public init(start: Day, end: Day, venue: Int?, days: Double, occupied: [Day]) {
        self.start = start; self.end = end; self.venue = venue; self.days = days; self.occupied = occupied
    }

    public var isMilestone: Bool { days == 0 }

    /// The venue whose rooms this placement takes, one on each occupied date (the spec's
    /// `rooms`); nil for a milestone, which occupies nothing, and for an event held nowhere.
    /// The one reading of that rule, for the evaluator and the solver alike.
    public var roomVenue: Int? { isMilestone ? nil : venue }
}

/// One placement (or none) per event of a scenario, by event index.
public typealias Schedule = [Placement?]

/// The spec's order ("Fine print", Order): by start, then end, then id by Unicode code points.
/// The one definition used by the evaluator's pair and rotation rules and by the solver.
@inline(__always)
public func precedesInSpecOrder(start a: Int, end ae: Int, id aID: String, start b: Int, end be: Int, id bID: String) -> Bool {
    if a != b { return a < b }
    if ae != be { return ae < be }
    return aID.unicodeScalars.lexicographicallyPrecedes(bID.unicodeScalars)
}

/// The scheduled events among `events`, in the spec's order.
public func orderedByStart(_ events: [Int], in schedule: Schedule, scenario: Scenario) -> [Int] {
    events.filter { schedule[$0] != nil }.sorted { a, b in
        let pa = schedule[a]!, pb = schedule[b]!
        return precedesInSpecOrder(start: pa.start.ordinal, end: pa.end.ordinal, id: scenario.events[a].id,
                                   start: pb.start.ordinal, end: pb.end.ordinal, id: scenario.events[b].id)
    }
}

/// A distance to the range [lo, hi] (spec, Fine print, Amounts); a nil bound is unbounded.
@inline(__always)
public func distance(_ v: Double, toRange lo: Double?, _ hi: Double?) -> Double {
    if let lo, v < lo { return lo - v }
    if let hi, v > hi { return v - hi }
    return 0
}
