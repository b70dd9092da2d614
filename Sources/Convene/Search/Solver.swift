/// Branch and bound that learns from each failure (lazy clause generation: Ohrimenko, Stuckey
/// and Codish 2009; Chuffed, CP-SAT, Pumpkin). The loop, in one reading, as MiniSat's `search()`
/// (`core/Solver.cc`):
///
/// 1. propagate the rules, the learnt nogoods and the objective bound;
/// 2. on a conflict: at level 0 the search is over (optimal, or infeasible); else analyse it to
///    a first-UIP nogood, jump back to the level where it asserts, learn it, maybe restart;
/// 3. at a fixpoint with every event fixed: a calendar; the objective bound drops below its
///    cost, which is a conflict at once, and the search goes on;
/// 4. else decide: the open event of highest conflict activity (fewest options first while
///    nothing is learnt), its incumbent option, else its last option, else its cheapest.
///
/// Restarts follow the Luby sequence in conflicts. Once a calendar is known, each restart is
/// followed by a large-neighbourhood dive (`Neighbourhoods`): every event outside a neighbourhood
/// is set to its incumbent option, all on level 1 (one decision and the rest posted with it, no
/// reason), then the search goes on as ever, for `Parameters.diveConflicts` conflicts or until it
/// backjumps below level 1 (the neighbourhood searched out). A conflict on level 1 itself cannot
/// be analysed (it holds several decisions) and ends the dive. What a dive learns is learnt for
/// good: its nogoods name level 1's predicates as any nogood names decisions, and a conflict at
/// level 0 still ends the whole search. Every budget counts
/// work, never the clock, which only stops the run; so a run that completes gives the same
/// calendar every time.
public final class Solver {
    let model: CompiledModel
    let limits: Limits
    let engine: Engine
    private let objective: ObjectiveBound?
    private var objectiveIndex = -1
    private var stats = SolveStats()
    private var best: [Int]? = nil
    private var bestCost = Int.max
    private var activity: [Double]
    private var activityIncrement = 1.0
    private var phase: [Int]
    private var analysis = FirstUIP()
    private var started = 0.0
    private var deadline = Double.infinity
    /// Conflicts in the first restart interval (`Parameters.restartBase`; tests lower it to
    /// reach restarts and dives on small scenarios).
    var restartBase = Parameters.restartBase
    private var neighbourhoods: Neighbourhoods? = nil
    private var dive: Dive? = nil

    /// A large-neighbourhood dive under way: its events outside the neighbourhood hold their
    /// incumbent options on level 1.
    private struct Dive {
        var conflictsLeft: Int
    }

    public convenience init(_ scenario: Scenario, setup: SearchSetup = SearchSetup(), limits: Limits = Limits(), evaluator: Evaluator? = nil) {
        self.init(model: CompiledModel(scenario, setup: setup, limits: limits, evaluator: evaluator), limits: limits)
    }

    init(model: CompiledModel, limits: Limits) {
        self.model = model
        self.limits = limits
        engine = Engine(model)
        let n = model.options.count
        activity = Array(repeating: 0, count: n)
        phase = Array(repeating: -1, count: n)
        for p in model.hardPropagators() { engine.add(p) }
        if model.setup.feasibilityOnly {
            objective = nil
        } else {
            let o = ObjectiveBound(model, engine)
            objectiveIndex = engine.propagators.count
            engine.add(o)
            objective = o
        }
    }

    /// Takes `schedule` as the incumbent to beat when every event has a placement among its
    /// options and every hard rule holds; its options are also the first values tried.
    @discardableResult
    public func seed(with schedule: Schedule) -> Bool {
        guard let (values, cost) = model.incumbent(schedule) else { return false }
        improve(values, cost)
        stats.timeToFirst = 0
        return true
    }

    /// Takes `schedule`'s placements as the first values to try (phases), for events it places on
    /// one of their options: a search then starts near it without being bound to it.
    public func hint(_ schedule: Schedule) {
        for (e, p) in schedule.enumerated() {
            if let p, let o = model.options[e].firstIndex(where: { $0.placement == p }) { phase[e] = o }
        }
    }

    private func improve(_ values: [Int], _ cost: Int) {
        best = values; bestCost = cost; stats.solutions += 1
        limits.progress?(SearchProgress(seconds: now() - started, cost: cost, bound: nil))
        objective?.upper = cost - 1
        if objectiveIndex >= 0 { engine.schedule(objectiveIndex, events: Array(0..<model.options.count)) }
    }

    public func solve() -> SolveOutcome {
        started = now()
        if let t = limits.timeLimit { deadline = started + t }
        if model.aborted { return finish(complete: false) }
        if model.options.contains(where: { $0.isEmpty }) { return finish(complete: true) }
        engine.scheduleAll()
        var complete = false
        var conflictsToRestart = restartBase, restartIndex = 1
        var pendingConflict = false
        var iterations = 0
        while true {
            iterations += 1
            if shouldStop(iterations) { break }
            let ok = pendingConflict ? false : engine.propagate()
            pendingConflict = false
            if !ok {
                if engine.expired { break }
                stats.failures += 1; stats.conflicts += 1
                if dive != nil, engine.conflict.contains(where: { engine.entryLevel[Int($0)] == 1 }),
                   engine.conflict.allSatisfy({ engine.entryLevel[Int($0)] <= 1 }) {
                    // The held options and the bound cannot hold together: nothing to analyse.
                    endDive(searchedOut: true)
                    continue
                }
                guard let conflictOK = learn() else { complete = true; break }
                pendingConflict = !conflictOK
                if feasibilityDone { break }
                engine.nogoods.reduceIfFull()
                if var d = dive {
                    d.conflictsLeft -= 1
                    dive = d
                    let searchedOut = engine.level < 1
                    if (searchedOut || d.conflictsLeft <= 0), !pendingConflict { endDive(searchedOut: searchedOut) }
                    continue
                }
                conflictsToRestart -= 1
                if conflictsToRestart <= 0 {
                    stats.restarts += 1; restartIndex += 1
                    conflictsToRestart = restartBase * luby(restartIndex)
                    if !pendingConflict { pendingConflict = !restart() }
                }
                continue
            }
            guard let e = chooseEvent() else {
                pendingConflict = !leaf()
                if feasibilityDone || limits.solutionLimit.map({ stats.solutions >= $0 }) == true { break }
                continue
            }
            stats.nodes += 1
            let o = chooseValue(e)
            phase[e] = o
            pendingConflict = !engine.decide(Predicate(e, .eq, o))
        }
        return finish(complete: complete)
    }

    /// Back to the root, and once a calendar is known, a dive. The root first reaches its fixpoint
    /// (a nogood asserted there may still be queued): a dive's level would otherwise take its
    /// consequences with it, and a proof at the root would be lost. False on a conflict at the root.
    private func restart() -> Bool {
        engine.backjump(to: 0)
        guard let best else { return true }
        guard engine.propagate() else { return false }
        startDive(best)
        return true
    }

    private var feasibilityDone: Bool { model.setup.feasibilityOnly && best != nil }

    // MARK: Large-neighbourhood dives

    /// Sets every event outside the next neighbourhood to its incumbent option (while live), on
    /// level 1: the first as a decision, the others posted on the same level without a reason.
    private func startDive(_ incumbent: [Int]) {
        if neighbourhoods == nil { neighbourhoods = Neighbourhoods(model: model, rules: engine.propagators.map(\.watched)) }
        let free = Set(neighbourhoods!.next(incumbent))
        let held = (0..<engine.eventCount).filter { !free.contains($0) && engine.size[$0] > 1 && engine.live($0, incumbent[$0]) }
        guard let first = held.first else { return }
        stats.dives += 1
        stats.nodes += 1
        // Posting does not propagate: each held option is still live when it is posted.
        _ = engine.decide(Predicate(first, .eq, incumbent[first]))
        for e in held.dropFirst() {
            engine.beginReason()
            engine.post(Predicate(e, .eq, incumbent[e]))
        }
        dive = Dive(conflictsLeft: Parameters.diveConflicts)
    }

    private func endDive(searchedOut: Bool) {
        neighbourhoods?.finished(exhausted: searchedOut)
        dive = nil
        engine.backjump(to: 0)
    }

    private func shouldStop(_ iterations: Int) -> Bool {
        if let n = limits.nodeLimit, stats.nodes >= n { return true }
        if iterations & 31 == 0, now() >= deadline || limits.stop?.isRaised == true || model.expired() { return true }
        return false
    }

    private func finish(complete: Bool) -> SolveOutcome {
        stats.elapsed = now() - started
        stats.propagations = engine.propagations
        stats.learnt = engine.nogoods.live
        return SolveOutcome(model, best: best, cost: bestCost, complete: complete, stats: stats)
    }

    // MARK: Deciding

    /// The open event of highest activity; ties to fewer options, then the lower index.
    private func chooseEvent() -> Int? {
        var pick = -1, bestActivity = -1.0, bestSize = Int.max
        for e in 0..<engine.eventCount where engine.size[e] > 1 {
            let a = activity[e], sz = engine.size[e]
            if a > bestActivity || (a == bestActivity && sz < bestSize) { pick = e; bestActivity = a; bestSize = sz }
        }
        return pick < 0 ? nil : pick
    }

    /// The incumbent's option when still live (solution-guided search), else the last one
    /// tried (phase saving), else the cheapest.
    private func chooseValue(_ e: Int) -> Int {
        if let best, engine.live(e, best[e]) { return best[e] }
        if phase[e] >= 0, engine.live(e, phase[e]) { return phase[e] }
        for o in model.byCost[e] where engine.live(e, o) { return o }
        fatalError("an open event has a live option")
    }

    /// A complete assignment at a fixpoint: a calendar, which the objective bound then excludes.
    /// False when it is no calendar after all (then the engine holds the conflict).
    private func leaf() -> Bool {
        let values = (0..<engine.eventCount).map { engine.value($0)! }
        let cost = model.leafCost(values)
        guard cost < bestCost else {
            // The bound that propagation missed: exclude this assignment.
            stats.failures += 1
            engine.beginReason()
            for e in 0..<engine.eventCount { engine.explainFixed(e) }
            return engine.fail()
        }
        if stats.timeToFirst == nil { stats.timeToFirst = now() - started }
        improve(values, cost)
        return true
    }

    // MARK: Learning

    /// Analyses the engine's conflict to a first-UIP nogood, backjumps and asserts it. Returns
    /// nil when the conflict holds at level 0 (the search is complete), else whether asserting
    /// went without a new conflict.
    private func learn(_ given: [Int32]? = nil) -> Bool? {
        let conflict = given ?? engine.conflict
        let top = conflict.map { Int(engine.entryLevel[Int($0)]) }.max() ?? 0
        if top == 0 { return nil }
        if top < engine.level { engine.backjump(to: top) }
        switch analysis.analyse(engine, conflict, wiped: given == nil ? engine.wipedOut : -1, bump: bump) {
        case .below(let lower):
            return learn(lower)
        case .uip(let uip, let lower):
            decayActivities()
            return analysis.assert(engine, uip: uip, lower: lower)
        }
    }

    private func bump(_ e: Int) {
        activity[e] += activityIncrement
        if activity[e] > 1e100 {
            for x in activity.indices { activity[x] *= 1e-100 }
            activityIncrement *= 1e-100
        }
    }

    private func decayActivities() { activityIncrement /= Parameters.activityDecay }

}

extension CompiledModel {
    /// The model of `scenario` for a search under `limits` (its time limit bounds compiling too).
    convenience init(_ scenario: Scenario, setup: SearchSetup, limits: Limits, evaluator: Evaluator?) {
        var setup = setup
        setup.stop = setup.stop ?? limits.stop
        self.init(scenario, evaluator: evaluator, setup: setup, deadline: limits.timeLimit.map { now() + $0 })
    }

    /// `schedule` as option values and their objective, when it can be a search's first
    /// incumbent: every event placed on one of its options, every hard rule held, and the model
    /// compiled in full (a model whose compiling stopped lacks the soft rules, so its cost of the
    /// calendar would be wrong).
    func incumbent(_ schedule: Schedule) -> (values: [Int], cost: Int)? {
        guard !aborted else { return nil }
        var values: [Int] = []
        for (e, p) in schedule.enumerated() {
            guard let p, let o = options[e].firstIndex(where: { $0.placement == p }) else { return nil }
            values.append(o)
        }
        guard evaluator.evaluate(schedule).hardOK else { return nil }
        return (values, leafCost(values))
    }

    /// The exact objective of a complete calendar, in half-units; non-unary terms come from the
    /// evaluator. (Every propagator decides its hard rule once its events are fixed, so a
    /// complete assignment at a fixpoint holds every hard rule; the final re-check confirms it.)
    func leafCost(_ values: [Int]) -> Int {
        guard !setup.feasibilityOnly else { return 0 }
        let schedule: Schedule = values.enumerated().map { e, o in options[e][o].placement }
        var cost = values.enumerated().reduce(0) { Cost.add($0, options[$1.offset][$1.element].unary) }
        for (c, _) in softTerms {
            cost = Cost.add(cost, Cost.mul(setup.costScale, Cost.halves(Double(c.weight) * c.rule.evaluate(schedule, in: scenario).amount)))
        }
        return cost
    }
}

/// The Luby sequence 1 1 2 1 1 2 4 1 1 2 …, 1-based (Luby, Sinclair and Zuckerman 1993): the
/// restart intervals of both learning searches, in units of `Parameters.restartBase` conflicts.
func luby(_ i: Int) -> Int {
    var k = 1
    while (1 << k) - 1 < i { k += 1 }
    var i = i
    while true {
        if i == (1 << k) - 1 { return 1 << (k - 1) }
        i -= (1 << (k - 1)) - 1
        k = 1
        while (1 << k) - 1 < i { k += 1 }
    }
}
