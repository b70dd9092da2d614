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
}

/// One placement (or none) per event of a scenario, by event index.
public typealias Schedule = [Placement?]

/// The spec's order of scheduled events: by start, then end, then id (by Unicode code points).
public func orderedByStart(_ events: [Int], in schedule: Schedule, scenario: Scenario) -> [Int] {
    events.filter { schedule[$0] != nil }.sorted { a, b in
        let pa = schedule[a]!, pb = schedule[b]!
        if pa.start != pb.start { return pa.start < pb.start }
        if pa.end != pb.end { return pa.end < pb.end }
        return scenario.events[a].id.unicodeScalars.lexicographicallyPrecedes(scenario.events[b].id.unicodeScalars)
    }
}

/// A distance to the range [lo, hi] (spec, Fine print, Amounts); a nil bound is unbounded.
@inline(__always)
public func distance(_ v: Double, toRange lo: Double?, _ hi: Double?) -> Double {
    if let lo, v < lo { return lo - v }
    if let hi, v > hi { return v - hi }
    return 0
}
