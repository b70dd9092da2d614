/// `noOverlap`: for every pair ordered by start, `start(later) − end(earlier) ≥ 1`, or
/// `≥ 1 + travelDays` when their venues are in different cities. Milestones are skipped.
public struct NoOverlap: ConstraintRule {
    public static let type = "noOverlap"

    public func sentence(in s: Scenario) -> String {
        "\(s.names(events)) must not overlap\(travelDays > 0 ? ", with \(travelDays) travel day(s) between cities" : "")"
    }
    public var events: [Int]
    public var travelDays: Int

    public init(events: [Int], travelDays: Int = 0) { self.events = events; self.travelDays = travelDays }

    /// The gap two placements need, earlier one first.
    public func need(_ earlier: Placement, _ later: Placement, in scenario: Scenario) -> Int {
        scenario.city(of: earlier) == scenario.city(of: later) ? 1 : 1 + travelDays
    }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        renumber(events, map).map { NoOverlap(events: $0, travelDays: travelDays) }
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        forEachShortPair(events, schedule, scenario, need: { need($0, $1, in: scenario) }) { e, l, short, gap, need in
            o.amount += Double(short)
            let what = gap < 1 ? "overlaps" : "is only \(gap) days after"
            o.details.append("\(scenario.name(l)) (\(schedule[l]!.start.iso)) \(what) \(scenario.name(e)) "
                             + "(ends \(schedule[e]!.end.iso)); a gap of \(need) required")
        }
        return o
    }
}

/// Calls `body(earlier, later, daysShort, gap, need)` for each pair of scheduled non-milestone
/// events, in the spec's order, whose gap `start(later) − end(earlier)` is below its need.
func forEachShortPair(_ events: [Int], _ schedule: Schedule, _ scenario: Scenario,
                      need: (Placement, Placement) -> Int, _ body: (Int, Int, Int, Int, Int) -> Void) {
    let ordered = orderedByStart(events.filter { schedule[$0].map { !$0.isMilestone } ?? false }, in: schedule, scenario: scenario)
    for i in ordered.indices {
        for j in ordered.index(after: i)..<ordered.endIndex {
            let e = schedule[ordered[i]]!, l = schedule[ordered[j]]!
            let n = need(e, l)
            let gap = l.start - e.end
            if gap < n { body(ordered[i], ordered[j], n - gap, gap, n) }
        }
    }
}

/// The days by which two placements fall short of the gap they need, taken in the spec's
/// order (by start, then end, then id): `max(0, need − (start(later) − end(earlier)))`.
public func pairShortfall(_ a: Placement, _ aID: String, _ b: Placement, _ bID: String,
                          need: (Placement, Placement) -> Int) -> Int {
    let aFirst = precedesInSpecOrder(start: a.start.ordinal, end: a.end.ordinal, id: aID,
                                     start: b.start.ordinal, end: b.end.ordinal, id: bID)
    let (e, l) = aFirst ? (a, b) : (b, a)
    return max(0, need(e, l) - (l.start - e.end))
}

extension NoOverlap: Posted {
    /// Hard: forward checking on the pairs, with the evaluator's gap (`pairShortfall`).
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] {
        let s = model.scenario, ids = s.events.map(\.id)
        return [PairRule(events: model.nonMilestones(events), maxNeed: 1 + travelDays) { a, pa, b, pb in
            pairShortfall(pa, ids[a], pb, ids[b], need: { self.need($0, $1, in: s) }) > 0
        }]
    }
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .monotone }
}
