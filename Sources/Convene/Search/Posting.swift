/// How a rule takes part in the search: the propagators it posts when hard, and the cost term it
/// adds when soft. Each rule type says so in its own file (`Constraints/<Type>.swift`), next to
/// its amount, so that a new rule type is one file; the compiler (`CompiledModel`) asks through
/// this protocol and never switches on a rule's type.
protocol Posted {
    /// The propagators of the rule held hard, over `model`'s options (fresh ones each call: a
    /// propagator may keep trailed state in the engine it is added to).
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator]
    /// What the rule adds to the objective when soft.
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm
    /// Whether its soft amount counts same-venue neighbours in start order (`rotation`), which
    /// the objective's bound counts as they become certain instead of asking the evaluator.
    var countsVenueNeighbours: Bool { get }
}

extension Posted {
    var countsVenueNeighbours: Bool { false }
}

/// A soft rule's share of the objective, as the search sees it.
enum SoftTerm {
    /// Counted in the options' own costs (`avoidExternal`): nothing more to add.
    case unary
    /// Evaluated on the fixed events; its amount never falls as more events are fixed, so a
    /// partial calendar's amount bounds the whole's.
    case monotone
    /// Evaluated on complete calendars; `sums` bound it before then (weight per unit, in
    /// half-units, times the sum's distance to its range).
    case sums([(weight: Int, sum: LinearSum)])
}

/// A sum over events of a per-option contribution (half days, days in a month, events at a venue)
/// that a rule keeps within [lo, hi]: `totalDays`, each month of `monthlyQuota`, the per-venue
/// counts of `rotation`. The data of a `SumRule`, and of the objective's bound of a soft one.
struct LinearSum {
    let events: [Int]
    /// contribution[i][o]: what option o of events[i] adds.
    let contribution: [[Int]]
    let lo: Int?, hi: Int?
}

extension CompiledModel {
    /// The rule's way of taking part in the search; every rule type has one.
    func posted(_ c: Constraint) -> Posted {
        guard let p = c.rule as? Posted else { preconditionFailure("rule type \(type(of: c.rule).type) posts nothing") }
        return p
    }

    /// The events of `events` that are not milestones (milestones occupy no date and take no room).
    func nonMilestones(_ events: [Int]) -> [Int] { events.filter { !scenario.events[$0].isMilestone } }

    /// The propagators of every active hard rule and of each venue's rooms, fresh for one engine.
    func hardPropagators() -> [LearningPropagator] {
        var out: [LearningPropagator] = []
        for c in scenario.constraints where c.hard && isActive(c) { out += posted(c).propagators(of: c, in: self) }
        for (v, venue) in scenario.venues.enumerated() {
            if let rooms = venue.rooms, !roomsRelaxed(venue), let r = roomsRule(v, rooms: rooms) { out.append(r) }
        }
        return out
    }

    /// The rooms rule of venue `v` over every event that may be held there, with `extra` more
    /// rooms on the listed day ordinals; nil when no date can overfill.
    func roomsRule(_ v: Int, rooms: Int, extra: [Int: Int] = [:]) -> RoomsRule? {
        let events = scenario.events.indices.filter { e in setup.frozen[e] == nil && options[e].contains { $0.placement.roomVenue == v } }
        var taken = roomsTaken[v] ?? [:]
        for (d, n) in extra { taken[d, default: 0] -= n }
        return RoomsRule(events: events, venue: v, rooms: rooms, taken: taken, options: options)
    }

    /// A sum of `value(placement)` over `events` within [lo, hi].
    func linearSum(_ events: [Int], lo: Int?, hi: Int?, _ value: (Placement) -> Int) -> LinearSum {
        LinearSum(events: events, contribution: events.map { e in options[e].map { value($0.placement) } }, lo: lo, hi: hi)
    }
}
