/// A what-if: a scenario, a baseline calendar, changes, and the disturbance weights.
public struct WhatIf: Sendable {
    public var scenario: Scenario
    public var baseline: CalendarFile
    public var changes: [Change]
    public var moveWeight: Int
    public var venueChangeWeight: Int

    public init(scenario: Scenario, baseline: CalendarFile, changes: [Change], moveWeight: Int = 1, venueChangeWeight: Int = 10) {
        self.scenario = scenario; self.baseline = baseline; self.changes = changes
        self.moveWeight = moveWeight; self.venueChangeWeight = venueChangeWeight
    }
}

/// One event's move from the baseline to the re-plan.
public struct Move: Equatable, Sendable {
    public var event: String
    public var from: DateRange?
    public var to: DateRange
    public var fromVenue: String?
    public var toVenue: String?
    public var pinned: Bool
}

/// What changed in a constraint's amount, or in one (event, external) clash.
public struct AmountChange: Equatable, Sendable {
    public enum Direction: String, Sendable { case new, gone, worse, better }
    /// A constraint id, `preferredStart:ID`, or `constraint: EVENT × EXTERNAL` for a clash.
    public var subject: String
    public var before: Double
    public var after: Double
    public var direction: Direction
}

/// The answer to a what-if: the re-planned calendar (checked), its disturbance, and the diff.
public struct WhatIfAnswer: Sendable {
    public var solution: Solution
    /// The baseline's own check report.
    public var baselineReport: CheckReport
    /// Σ over unpinned events of moveWeight × |Δstart| + venueChangeWeight per venue change.
    public var disturbance: Double?
    public var moved: [Move]
    /// Events the baseline leaves out and the re-plan places.
    public var added: [Move]
    public var changes: [AmountChange]
    /// With `feasible`: a proven lower bound of the what-if cost ("no re-plan costs less").
    public var lowerBound: Double? = nil
    /// The time limit or a stop came before the search's node budgets were spent (and nothing
    /// was proven): the same what-if with more time may answer otherwise.
    public var cutShort = false

    /// What the re-plan minimises: the scenario's cost plus the disturbance.
    public var whatIfCost: Double? { solution.report.map { $0.cost + (disturbance ?? 0) } }
}

extension WhatIf {
    /// The pins the changes set, by event index: a start, a venue index, or both.
    func pins(baseline: Schedule) throws(ChangeError) -> [Int: (start: Day?, venue: Int?)] {
        var pins: [Int: (start: Day?, venue: Int?)] = [:]
        for c in changes {
            guard let e = scenario.eventIndex(c.event) else { throw ChangeError("the scenario has no event '\(c.event)'") }
            guard pins[e] == nil else { throw ChangeError("'\(c.event)' is changed twice") }
            switch c.kind {
            case .shift(let n):
                guard let b = baseline[e] else { throw ChangeError("'\(c.event)' has no date in the baseline to shift from") }
                pins[e] = (b.start + n, nil)
            case let .pin(start, venue):
                if let venue, scenario.venueIndex(venue) == nil {
                    throw ChangeError("the scenario has no venue '\(venue)' (it has \(scenario.venues.map(\.id).joined(separator: ", ")))")
                }
                pins[e] = (start, venue.flatMap(scenario.venueIndex))
            }
        }
        return pins
    }

    /// Re-plans: every event not pinned may move at the disturbance cost the spec defines.
    /// With `explain` false, an infeasible what-if is not explained (a sweep's many dates).
    /// `effort` bounds each step by nodes (`WhatIfSearch`).
    public func solve(limits: Limits = Limits(), explain: Bool = true, effort: WhatIfEffort = .standard) throws -> WhatIfAnswer {
        let evaluator = Evaluator(scenario)
        let started = now()
        let (base, _) = evaluator.schedule(from: baseline)
        let baselineReport = evaluator.check(baseline)
        let pins = try pins(baseline: base)
        let setup = searchSetup(pins: pins, base: base, evaluator: evaluator)
        let search = WhatIfSearch(scenario: scenario, evaluator: evaluator, base: base, pins: pins, setup: setup,
                                  limits: limits, effort: effort)
        let out = search.run()
        let disturbance = out.schedule.map { disturbanceOf($0, base: base, pins: pins) }
        let admitted = out.schedule.map { schedule in pins.allSatisfy { e, _ in schedule[e].map { setup.admits!(e, $0) } ?? false } } ?? true
        var solution = try Solution.judged(SolveOutcome(status: out.status, schedule: out.schedule, objective: out.objective, stats: out.stats),
                                           by: evaluator, extra: disturbance ?? 0, pinsKept: admitted, what: "the what-if calendar")
        if out.status == .infeasible && explain {
            let remaining = limits.timeLimit.map { max(Parameters.leastExplainSeconds, $0 - (now() - started)) }
            solution.conflict = ConflictExplainer(scenario, evaluator: evaluator, limits: limits.step(timeLimit: remaining), base: setup).explain()
        }
        let (moved, added) = moves(solution.schedule, base: base, pins: pins)
        return WhatIfAnswer(solution: solution, baselineReport: baselineReport, disturbance: disturbance, moved: moved, added: added,
                            changes: solution.report.map { amountChanges(baselineReport, $0) } ?? [],
                            lowerBound: out.status == .feasible ? out.bound.map { Double($0) / 2 } : nil, cutShort: out.cutShort)
    }

    /// The search's view of the what-if: pins as admission tests, the disturbance as extra cost.
    func searchSetup(pins: [Int: (start: Day?, venue: Int?)], base: Schedule, evaluator: Evaluator) -> SearchSetup {
        let ids = scenario.events.map(\.id)
        let weights = (move: moveWeight, venue: venueChangeWeight)
        var setup = SearchSetup()
        setup.pinReasons = Set(pins.keys.map { .pin(event: ids[$0]) })
        for (e, pin) in pins { setup.pinSentences[.pin(event: ids[e])] = pinSentence(e, pin, evaluator) }
        setup.admits = { e, p in
            guard let pin = pins[e] else { return true }
            return (pin.start.map { $0 == p.start } ?? true) && (pin.venue.map { $0 == p.venue } ?? true)
        }
        setup.extraCost = { e, p in
            guard pins[e] == nil, let b = base[e] else { return 0 }
            return 2 * WhatIf.disturbance(of: p, from: b, weights: weights)
        }
        return setup
    }

    /// "the what-if pins STOCK to start on 2017-11-20 (a mon: not a working day at MEX)".
    func pinSentence(_ e: Int, _ pin: (start: Day?, venue: Int?), _ evaluator: Evaluator) -> String {
        let ev = scenario.events[e]
        var text = "the what-if pins \(ev.id)"
        if let d = pin.start { text += " to start on \(d.iso)" }
        if let v = pin.venue { text += " at \(scenario.venues[v].id)" }
        if let d = pin.start {
            let venues: [Int?] = pin.venue.map { [$0] } ?? (ev.venues.isEmpty ? [nil] : ev.venues.map { Optional($0) })
            let closed = venues.filter { !evaluator.calendar($0).isWorkingDay(d) }
            if closed.count == venues.count {
                let names = closed.map { $0.map { scenario.venues[$0].id } ?? "any venue" }.joined(separator: ", ")
                text += " (a \(d.weekday.rawValue): not a working day at \(names))"
            }
        }
        return text
    }

    /// The spec's disturbance of one event placed at `p` instead of its baseline `b`: the move
    /// weight per day its start moved, the venue-change weight when its venue changed. The one
    /// definition: the search's extra cost and the answer's disturbance both use it.
    static func disturbance(of p: Placement, from b: Placement, weights: (move: Int, venue: Int)) -> Int {
        weights.move * abs(p.start - b.start) + (p.venue != b.venue ? weights.venue : 0)
    }

    /// The spec's disturbance of a re-plan, computed from the placements themselves.
    public func disturbanceOf(_ schedule: Schedule, base: Schedule, pins: [Int: (start: Day?, venue: Int?)]) -> Double {
        var d = 0
        for (e, p) in schedule.enumerated() {
            guard pins[e] == nil, let p, let b = base[e] else { continue }
            d += Self.disturbance(of: p, from: b, weights: (moveWeight, venueChangeWeight))
        }
        return Double(d)
    }

    func moves(_ schedule: Schedule?, base: Schedule, pins: [Int: (start: Day?, venue: Int?)]) -> ([Move], [Move]) {
        guard let schedule else { return ([], []) }
        var moved: [Move] = [], added: [Move] = []
        for e in orderedByStart(Array(schedule.indices), in: schedule, scenario: scenario) {
            let p = schedule[e]!
            let m = Move(event: scenario.events[e].id, from: base[e].map { DateRange($0.start, $0.end) }, to: DateRange(p.start, p.end),
                         fromVenue: base[e]?.venue.map { scenario.venues[$0].id }, toVenue: p.venue.map { scenario.venues[$0].id },
                         pinned: pins[e] != nil)
            guard let b = base[e] else { added.append(m); continue }
            if b.start != p.start || b.end != p.end || b.venue != p.venue { moved.append(m) }
        }
        return (moved, added)
    }

    /// Constraint amounts and clashes that differ between two reports.
    func amountChanges(_ before: CheckReport, _ after: CheckReport) -> [AmountChange] {
        var out: [AmountChange] = []
        func compare(_ subject: String, _ a: Double, _ b: Double) {
            guard a != b else { return }
            out.append(AmountChange(subject: subject, before: a, after: b, direction: a == 0 ? .new : b == 0 ? .gone : b > a ? .worse : .better))
        }
        for c in scenario.constraints { compare(c.id, before.amounts[c.id] ?? 0, after.amounts[c.id] ?? 0) }
        // Every key either side has, in order.
        func compareTotals(_ a: [String: Double], _ b: [String: Double]) {
            for key in Set(a.keys).union(b.keys).sorted() { compare(key, a[key] ?? 0, b[key] ?? 0) }
        }
        func terms(_ r: CheckReport) -> [String: Double] {
            Dictionary(r.soft.filter { $0.rule.hasPrefix("preferredStart:") }.map { ($0.rule, $0.amount) }, uniquingKeysWith: +)
        }
        compareTotals(terms(before), terms(after))
        func clashes(_ r: CheckReport) -> [String: Double] {
            Dictionary(r.clashes.map { ("\($0.constraint): \($0.event) × \($0.external)", Double($0.dates.count)) }, uniquingKeysWith: +)
        }
        compareTotals(clashes(before), clashes(after))
        return out
    }
}
