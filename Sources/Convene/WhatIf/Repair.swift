import Foundation

/// The what-if's search, as a minimal-perturbation problem (search guide, "A what-if is a
/// minimal-perturbation problem"; UniTime/cpsolver's MPP, Timefold's non-disruptive replanning):
///
/// 1. **Repair.** Start from the baseline with the changes applied. Free the pinned events, the
///    events the baseline leaves out, and the events of what the pins break (each hard rule the
///    evaluator finds broken, narrowed to the events whose removal lowers its amount; each
///    over-full venue-day's events); hold every other event where the baseline has it
///    (`SearchSetup.frozen`) and search the freed ones at the what-if cost. No calendar within
///    the node limit: grow the freed set (their neighbours near in time in a hard rule or at a
///    venue, then every event of those rules, then whole parts, then everything) and again.
/// 2. **Bound.** Each part alone (the rooms counting its own events: a relaxation) is solved to
///    its optimum; their sum bounds every re-plan. (Before the repair, a part holding a pin
///    that has no calendar alone proves the what-if infeasible.)
/// 3. **Improve and prove** with the one search over the whole what-if (`Solver`), seeded with
///    the repair, under a node limit, ending once it stalls: it opens with a round of
///    large-neighbourhood dives (the change is local), which free the events the repair
///    moved or freed and those near them, the parts, the dearest soft rules, and the generic
///    kinds (`Neighbourhoods`); its complete search between them proves `optimal`, as does
///    meeting the parts' bound.
///
/// Every choice is made in a fixed order (events by index, sorted lists, a seeded generator), so
/// a run that ends before its time limit gives the same answer every time.
final class WhatIfSearch {
    let scenario: Scenario
    let evaluator: Evaluator
    let base: Schedule
    let pins: [Int: (start: Day?, venue: Int?)]
    let pinned: [Int]
    let setup: SearchSetup
    let limits: Limits
    let effort: WhatIfEffort
    private let started: Double
    private var stats = SolveStats()
    /// Per event, the hard rules (not `avoidExternal`) that select it, by constraint index.
    private let rulesOf: [[Int]]
    private let parts: [[Int]]
    private let partOf: [Int]

    init(scenario: Scenario, evaluator: Evaluator, base: Schedule, pins: [Int: (start: Day?, venue: Int?)], setup: SearchSetup,
         limits: Limits, effort: WhatIfEffort) {
        self.scenario = scenario; self.evaluator = evaluator; self.base = base; self.pins = pins
        self.setup = setup; self.limits = limits; self.effort = effort
        pinned = pins.keys.sorted()
        started = now()
        var rules = Array(repeating: [Int](), count: scenario.events.count)
        for (c, con) in scenario.constraints.enumerated() where con.hard && con.rule.avoidance == nil {
            for e in con.rule.events { rules[e].append(c) }
        }
        rulesOf = rules
        parts = scenario.components()
        var of = Array(repeating: 0, count: scenario.events.count)
        for (k, p) in parts.enumerated() { for e in p { of[e] = k } }
        partOf = of
    }

    /// The best calendar, its objective (half-units), the status, and a proven lower bound.
    struct Result {
        var status: SolveStatus
        var schedule: Schedule?
        var objective: Int?
        var bound: Int?
        var stats: SolveStats
        /// The time limit or a stop came before the node budgets were spent, and nothing was
        /// proven: another run may answer otherwise.
        var cutShort = false
    }

    // MARK: Time and effort

    /// What is left of the time limit, less a margin (5 %, at most 0.1 s) for checking and
    /// writing the answer, so that the command as a whole ends within its limit.
    private func remaining() -> Double? {
        limits.timeLimit.map { max(0, $0 - min(Parameters.answerMargin, $0 * Parameters.answerShare) - (now() - started)) }
    }
    private func outOfTime() -> Bool { (remaining().map { $0 <= 0 } ?? false) || limits.stop?.isRaised == true }

    // MARK: One search with most of the calendar held

    /// Searches the events of `free` (ascending) at the what-if cost, every other event held at
    /// its placement in `around`, from `around` when it is a calendar; its dives aim at `hints`,
    /// and `bound` (a proven lower bound), once met, ends it. `improving`: the improvement step,
    /// which opens with dives and ends once `effort.improveStallNodes` pass without a better calendar.
    func solve(free: [Int], around: Schedule, nodeLimit: Int?, firstOnly: Bool = false,
               hints: Neighbourhoods.Hints = .init(), bound: Int? = nil, improving: Bool = false) -> SolveOutcome {
        var s = setup
        let isFree = Set(free)
        for e in scenario.events.indices where !isFree.contains(e) { s.frozen[e] = around[e]! }
        var sub = limits.step(timeLimit: remaining(), nodeLimit: nodeLimit)
        if firstOnly { sub.solutionLimit = 1 }
        let solver = Solver(scenario, setup: s, limits: sub, evaluator: evaluator)
        solver.hints = hints
        if improving {
            solver.divesFirst = true
            solver.stallNodes = effort.improveStallNodes
        }
        if let bound { solver.knownBound = bound }
        if !around.contains(where: { $0 == nil }) { solver.seed(with: around) }
        let out = solver.solve()
        stats.absorb(out.stats)
        if let trace = limits.trace {
            let objective = out.objective.map { String(Double($0) / 2) } ?? "-", ms = String(format: "%.1f", out.stats.elapsed * 1000)
            trace("whatif: \(String(format: "%.3f", now() - started)) s: \(free.count) free, "
                  + "\(out.status), objective \(objective), \(out.stats.nodes) nodes, \(ms) ms search")
        }
        return out
    }

    /// The what-if objective of `schedule` in half-units, by the evaluator itself (scenario cost
    /// plus disturbance), or nil when it is no calendar of the what-if (a hard rule broken, an
    /// event unplaced, a pin not kept). Every calendar a step returns is judged so before it is
    /// kept: a step cut short while compiling can report its seed at a cost without the soft
    /// rules it had no time to build.
    func judged(_ schedule: Schedule) -> Int? {
        let report = evaluator.evaluate(schedule)
        guard report.hardOK, report.complete else { return nil }
        for e in pinned { guard let p = schedule[e], setup.admits?(e, p) ?? true else { return nil } }
        var d = 0
        for (e, p) in schedule.enumerated() { if let p, let extra = setup.extraCost { d = Cost.add(d, extra(e, p)) } }
        return Cost.add(Cost.halves(report.cost), d)
    }

    // MARK: 1. Repair

    /// The baseline with each pinned event placed as its pin asks (the rest of its placement as
    /// the baseline has it); nil where that is no placement.
    func applyPins() -> Schedule {
        var s = base
        for e in pinned {
            let pin = pins[e]!
            guard let b = base[e] else { s[e] = nil; continue }
            s[e] = evaluator.place(start: pin.start ?? b.start, venue: pin.venue ?? b.venue, days: b.days)
            if let p = s[e], let admits = setup.admits, !admits(e, p) { s[e] = nil }
        }
        return s
    }

    /// The events that must be free for `s` to become a calendar: the pinned ones, the unplaced
    /// ones, and those of each broken hard rule and over-full venue-day. Ascending.
    func broken(_ s: Schedule) -> [Int] {
        var out = Set(pinned)
        for (e, p) in s.enumerated() where p.map({ !evaluator.structureReasons(of: e, $0).isEmpty }) ?? true { out.insert(e) }
        for con in scenario.constraints where con.hard {
            let amount = con.rule.evaluate(s, in: scenario).amount
            guard amount > 0 else { continue }
            // The events whose removal lowers the amount; all of them when none does alone.
            let events = con.rule.events.filter { s[$0] != nil }
            var t = s
            let culprits = events.count > Parameters.culpritScan ? [] : events.filter { e in
                t[e] = nil
                defer { t[e] = s[e] }
                return con.rule.evaluate(t, in: scenario).amount < amount
            }
            out.formUnion(culprits.isEmpty ? events : culprits)
        }
        for v in scenario.venues.indices { for (_, es) in evaluator.overfull(s, venue: v) { out.formUnion(es) } }
        return out.sorted()
    }

    /// The dates event `e` spans in `s`, or those its pin names (a week from the pinned start),
    /// or the baseline's: what its neighbours are near to.
    private func span(_ e: Int, _ s: Schedule) -> (lo: Int, hi: Int)? {
        if let p = s[e] { return (p.start.ordinal, p.end.ordinal) }
        if let d = pins[e]?.start { return (d.ordinal, d.ordinal + Parameters.pinSpanDays) }
        if let b = base[e] { return (b.start.ordinal, b.end.ordinal) }
        return nil
    }

    /// One step of growth of a freed set, in `level`s:
    /// 1: events within `radius` days of a freed one that share a hard rule with it or may use a
    ///    venue it may use; 2: as 1 with twice the radius, and every event of the small hard
    ///    rules (at most `Parameters.smallRuleEvents` events) of the freed ones; 3: every event of the freed ones' hard
    ///    rules and parts; 4 and above: every event.
    func grow(_ free: [Int], level: Int, around s: Schedule, radius: Int = Parameters.growRadiusDays) -> [Int] {
        let n = scenario.events.count
        if level >= 4 { return Array(0..<n) }
        var add = Array(repeating: false, count: n)
        for e in free { add[e] = true }
        var linked = Array(repeating: false, count: n)
        for e in free {
            for c in rulesOf[e] {
                let es = scenario.constraints[c].rule.events
                if level >= 3 || level >= 2 && es.count <= Parameters.smallRuleEvents { for x in es { add[x] = true } }
                for x in es { linked[x] = true }
            }
            if level >= 3 { for x in parts[partOf[e]] { add[x] = true } }
        }
        // Venues each freed event may use, and the windows around them.
        let r = level == 1 ? radius : 2 * radius
        let windows = free.compactMap { e in span(e, s).map { (venues: scenario.events[e].venues, lo: $0.lo - r, hi: $0.hi + r) } }
        for x in 0..<n where !add[x] {
            guard let p = s[x] ?? base[x] else { continue }
            let lo = p.start.ordinal, hi = p.end.ordinal
            add[x] = windows.contains { w in
                lo <= w.hi && hi >= w.lo && (linked[x] || (p.roomVenue.map { v in w.venues.contains(v) && scenario.venues[v].rooms != nil } ?? false))
            }
        }
        return (0..<n).filter { add[$0] }
    }

    /// A calendar that keeps as much of the baseline as can be kept: nil when none was found
    /// (then `provenInfeasible` says whether that is proven, by a search with nothing held).
    func repair() -> (schedule: Schedule, objective: Int, free: [Int])? {
        let s0 = applyPins()
        var free = broken(s0)
        var level = 0
        while !outOfTime() {
            // Every unplaced event must be free to be held anywhere: fill those the search frees.
            var around = s0
            for e in free { if around[e] == nil { around[e] = base[e] } }
            let all = free.count == scenario.events.count
            // Past the first step, the first calendar is enough: improving it is the next phase's
            // work, in narrower neighbourhoods (a wide step searched to its node limit took 9 s
            // on hard-K10-s2 for a calendar the next phase improved in milliseconds).
            let out = solve(free: free, around: around, nodeLimit: all ? effort.wholeNodes : effort.repairNodes, firstOnly: level > 0)
            if let schedule = out.schedule, let objective = judged(schedule) { return (schedule, objective, free) }
            if all {
                if out.status == .infeasible { provenInfeasible = true }
                return nil
            }
            level += 1
            free = grow(free, level: level, around: s0)
        }
        return nil
    }

    private(set) var provenInfeasible = false

    // MARK: 2. Improve

    /// The one search over the whole what-if from `s`, at the what-if cost, under
    /// `effort.improveWork`: its dives free first the events the repair moved or freed (and
    /// those near them), the parts, the dearest soft rules and the other kinds; `bound` (the
    /// parts' bound), once met, ends it. The better calendar when it finds one, and whether it
    /// proved its calendar optimal.
    func improve(_ s: inout Schedule, _ objective: inout Int, repaired: [Int], bound: Int?) -> Bool {
        // The events placed differently from the baseline (pinned ones included), those it leaves
        // out, and those the repair freed.
        let freed = Set(repaired)
        let focus = s.indices.filter { e in pins[e] != nil || base[e] == nil || s[e] != base[e] || freed.contains(e) }
        let nodes = effort.improveWork.map { max(effort.improveNodesLeast, $0 / max(1, scenario.events.count)) }
        let out = solve(free: Array(scenario.events.indices), around: s, nodeLimit: nodes,
                        hints: Neighbourhoods.Hints(groups: parts, focus: focus), bound: bound, improving: true)
        if let schedule = out.schedule, let claimed = out.objective, claimed < objective, let obj = judged(schedule), obj < objective {
            s = schedule; objective = obj
        }
        return out.status == .optimal
    }

    // MARK: 3. Prove

    /// The sum of the parts' what-if optima, each part alone with the rooms counting its own
    /// events (a relaxation of the whole), from `seed` (a calendar of the what-if, so no part
    /// alone is infeasible); nil when some part is not proven within its node limit.
    func partsBound(seed: Schedule) -> Int? {
        var total = 0
        for part in parts {
            guard !outOfTime() else { return nil }
            let out = solvePartAlone(part, seed: seed, feasibilityOnly: false)
            guard out.status == .optimal else { return nil }
            total = Cost.add(total, out.objective!)
        }
        return total
    }

    /// Whether the parts holding a pin have a calendar each, alone (rooms counting their own
    /// events): false proves the what-if infeasible.
    func pinnedPartsFeasible() -> Bool {
        for k in Set(pinned.map { partOf[$0] }).sorted() where !outOfTime() {
            if solvePartAlone(parts[k], seed: nil, feasibilityOnly: true).status == .infeasible { return false }
        }
        return true
    }

    /// Part `part` alone (the rooms counting its own events) within `effort.partNodes`.
    private func solvePartAlone(_ part: [Int], seed: Schedule?, feasibilityOnly: Bool) -> SolveOutcome {
        let sub = scenario.restricted(to: part)
        var s = SearchSetup()
        s.feasibilityOnly = feasibilityOnly
        s.stop = limits.stop
        if let admits = setup.admits { s.admits = { i, p in admits(part[i], p) } }
        if let extra = setup.extraCost { s.extraCost = { i, p in extra(part[i], p) } }
        let solver = Solver(sub, setup: s, limits: limits.step(timeLimit: remaining(), nodeLimit: effort.partNodes),
                            evaluator: Evaluator(sub, calendarsOf: evaluator))
        if let seed { solver.seed(with: part.map { seed[$0] }) }
        let out = solver.solve()
        stats.absorb(out.stats)
        return out
    }

    // MARK: The whole

    /// Repairs from the baseline, improves the repair, and proves what it can.
    func run() -> Result {
        func finish(_ status: SolveStatus, _ s: Schedule?, _ obj: Int?, _ bound: Int?) -> Result {
            stats.elapsed = now() - started
            stats.bound = bound
            let proven = status == .optimal || status == .infeasible
            return Result(status: status, schedule: s, objective: obj, bound: bound, stats: stats, cutShort: !proven && outOfTime())
        }
        if scenario.events.count <= effort.directMaxEvents {
            let out = solve(free: Array(scenario.events.indices), around: applyPins(), nodeLimit: effort.directNodes)
            if out.status == .infeasible { return finish(.infeasible, nil, nil, nil) }
            if out.status == .optimal, let schedule = out.schedule, let objective = judged(schedule) {
                if stats.timeToFirst == nil { stats.timeToFirst = now() - started }
                return finish(.optimal, schedule, objective, objective)
            }
        }
        if !pinnedPartsFeasible() { return finish(.infeasible, nil, nil, nil) }
        guard let found = outOfTime() ? nil : repair() else { return finish(provenInfeasible ? .infeasible : .unknown, nil, nil, nil) }
        if stats.timeToFirst == nil { stats.timeToFirst = now() - started }
        var (s, objective) = (found.schedule, found.objective)
        // The parts' bound first: the search from the repair stops once it meets it.
        let bound = outOfTime() ? nil : partsBound(seed: s)
        if let bound, objective <= bound { return finish(.optimal, s, objective, bound) }
        if !outOfTime(), improve(&s, &objective, repaired: found.free, bound: bound) { return finish(.optimal, s, objective, objective) }
        if let bound, objective <= bound { return finish(.optimal, s, objective, bound) }
        return finish(.feasible, s, objective, bound)
    }
}
