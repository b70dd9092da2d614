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
/// followed by large-neighbourhood dives (`Neighbourhoods`; how many: `Parameters.divesPerRestart`):
/// every event outside a neighbourhood is set to its incumbent option, all on level 1 (one
/// decision and the rest posted with it, no reason), then the search goes on as ever,
/// branching on the free events alone, for `Parameters.diveConflicts` conflicts or until a
/// conflict rests on level 1 alone (the neighbourhood searched out). During a dive level 1 is
/// the engine's root (`Engine.rootLevel`): reasons and nogoods leave the held options out, as
/// facts, so they stay short at thousands of events, and the dive's nogoods are forgotten when
/// it ends (they hold only with its options held; CP-SAT's LNS sub-solvers likewise start
/// afresh). A seeded search may open with dives (`divesFirst`) and stop once it stalls
/// (`stallNodes`): a what-if's improvement. Every budget counts work, never the clock, which
/// only stops the run; so a run that completes gives the same calendar every time.
///
/// The same loop answers under assumptions (`solve(assuming:)`, MiniSat's `solve(assumps)`),
/// for conflicts and their repairs (`AssumptionSearch`): the assumptions sit on level 1, the
/// *floor*, below which learning never jumps; a conflict resting on the floor alone ends the run,
/// and `roots(of:)` traces it back to the assumptions it needs (MiniSat's `analyzeFinal`).
public final class Solver {
    let model: CompiledModel
    let limits: Limits
    let engine: Engine
    private var objective: ObjectiveBound? = nil
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
    private var stop: StopFlag? = nil
    /// Levels at or below `floor` hold assumptions: 0 for none, 1 under `solve(assuming:)`.
    private var floor = 0
    /// The events to branch on, when not all of them.
    private var decided: [Int]? = nil
    /// Conflicts in the first restart interval (`Parameters.restartBase`; tests lower it to
    /// reach restarts and dives on small scenarios).
    var restartBase = Parameters.restartBase
    private lazy var neighbourhoods = Neighbourhoods(model: model, rules: engine.propagators.map(\.watched), hints: hints)
    /// What the dives' neighbourhoods should aim at (a scenario's parts, a what-if's moved events).
    var hints = Neighbourhoods.Hints()
    /// Per event, its options in the order to try them when neither the incumbent's nor the last
    /// one tried is live (nil: cheapest first); `Decomposed` orders them by the rooms' prices.
    var preference: [[Int]]? = nil
    /// A proven lower bound of the objective from outside (the parts' Lagrangian bound): a
    /// calendar that meets it ends the search as optimal.
    var knownBound = 0
    private var dive: Dive? = nil
    /// Dives to make, one after another, before the complete search resumes.
    private var divesDue = 0
    /// Whether a seeded search opens with a round of dives before its first descent (a
    /// what-if's improvement: the change is local, and a descent through every event first
    /// spends most of its nodes on the events it left where they were).
    var divesFirst = false
    /// Nodes without a better calendar after which the search stops (nil: none), counted from
    /// the seed or the last improvement: a what-if's improvement ends once it has stalled.
    var stallNodes: Int? = nil
    private var nodesAtBest = 0
    /// Whether a dive since the last restart found a better calendar.
    private var divesImproved = true

    /// A large-neighbourhood dive under way: its events outside the neighbourhood hold their
    /// incumbent options on level 1.
    private struct Dive {
        var conflictsLeft: Int
        /// The nogoods learnt from here on rest on the held options: forgotten when it ends.
        let nogoodMark: Int
    }

    public convenience init(_ scenario: Scenario, setup: SearchSetup = SearchSetup(), limits: Limits = Limits(), evaluator: Evaluator? = nil) {
        self.init(model: CompiledModel(scenario, setup: setup, limits: limits, evaluator: evaluator), limits: limits)
    }

    convenience init(model: CompiledModel, limits: Limits) {
        self.init(bare: model, limits: limits)
        for p in model.hardPropagators() { engine.add(p) }
        guard !model.setup.feasibilityOnly else { return }
        let o = ObjectiveBound(model, engine)
        objectiveIndex = engine.propagators.count
        engine.add(o)
        objective = o
    }

    /// A solver over `model` with no rule posted and no objective, for a caller that adds its own
    /// propagators to `engine` and solves under assumptions (`AssumptionSearch`).
    init(bare model: CompiledModel, limits: Limits = Limits()) {
        self.model = model
        self.limits = limits
        engine = Engine(model)
        started = now()
        activity = Array(repeating: 0, count: model.options.count)
        phase = Array(repeating: -1, count: model.options.count)
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
            if let o = model.option(e, p) { phase[e] = o }
        }
    }

    private func improve(_ values: [Int], _ cost: Int) {
        best = values; bestCost = cost; stats.solutions += 1
        nodesAtBest = stats.nodes
        if dive != nil { divesImproved = true }
        limits.progress?(SearchProgress(seconds: now() - started, cost: cost, bound: nil))
        objective?.upper = cost - 1
        if objectiveIndex >= 0 { engine.schedule(objectiveIndex, events: Array(0..<model.options.count)) }
    }

    public func solve() -> SolveOutcome { solve(slice: nil) }

    /// The search, or its next `slice` of nodes: a caller may tighten `knownBound` or `seed` a
    /// better calendar between slices (`Decomposed`); what is learnt stays. `sliceEnded` tells
    /// whether the last call stopped at its slice's end (rather than at the limit or a proof).
    func solve(slice: Int?) -> SolveOutcome {
        sliceEnded = false
        if !begun {
            begun = true
            started = now()
            if let t = limits.timeLimit { deadline = started + t }
            stop = limits.stop
            if model.aborted { return finish(complete: false) }
            if model.options.contains(where: { $0.isEmpty }) { return finish(complete: true) }
            engine.scheduleAll()
            if divesFirst { dueDives(interval: restartBase) }
        } else {
            if dive != nil { endDive(searchedOut: false) }
            engine.backjump(to: 0)
        }
        if best != nil, bestCost <= knownBound { return finish(complete: true) }
        nodeBudget = [limits.nodeLimit, slice.map { stats.nodes + $0 }].compactMap { $0 }.min()
        let end = run()
        sliceEnded = end == .stopped && slice != nil && stats.nodes >= nodeBudget! && limits.nodeLimit.map { stats.nodes < $0 } ?? true
        return finish(complete: end == .exhausted)
    }
    private var begun = false
    private var nodeBudget: Int? = nil
    private(set) var sliceEnded = false

    /// Whether a calendar exists under assumptions (MiniSat's `solve(assumps)`): level 1 is
    /// opened by one decision and holds what `assume` posts there; then the one loop runs,
    /// branching on `decided` alone, until those are all fixed at a fixpoint (`found`), a
    /// conflict rests on level 1 alone (`assumptionsFail`, whose `roots` name the assumptions),
    /// or `deadline` (as `now()`) or `stop` comes first. What is learnt stays for the next call.
    func solve(assuming assume: () -> Bool, decided: [Int], deadline: Double, stop: StopFlag?) -> End {
        engine.backjump(to: 0)
        floor = 1
        self.decided = decided
        self.deadline = deadline
        self.stop = stop
        _ = engine.decide(Predicate(0, .startGE, -1_000_000))
        guard assume() else { return .assumptionsFail(engine.conflict) }
        return run()
    }

    /// The entries without a reason that `conflict` rests on, through every reason (MiniSat's
    /// `analyzeFinal`): under assumptions, the assumptions a failure needs.
    func roots(of conflict: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var visited = Set<Int32>()
        var stack = conflict
        while let r = stack.popLast() {
            guard visited.insert(r).inserted else { continue }
            let why = engine.reason(of: Int(r))
            if why.isEmpty { out.append(r) } else { stack.append(contentsOf: why) }
        }
        return out
    }

    /// Work done so far, over every call: conflicts, and decisions (`nodes`).
    var work: SolveStats { stats }

    /// How the loop ended.
    enum End: Equatable {
        /// The limit, the stop flag or the clock came first.
        case stopped
        /// A conflict at the root: no (better) calendar exists.
        case exhausted
        /// A conflict that rests on the assumptions alone: its entries, for `assumptionsBehind`.
        case assumptionsFail([Int32])
        /// A calendar (feasibility), or the solution limit reached; under assumptions, every
        /// event to decide fixed.
        case found
    }

    /// The one loop (see the type's comment). Levels at or below `floor` hold assumptions (none
    /// when 0); only `decided` events are branched on (every event when nil), and under
    /// assumptions a fixpoint with those fixed ends the run.
    private func run() -> End {
        var conflictsToRestart = restartBase, restartIndex = 1
        var pendingConflict = false
        var iterations = 0
        while true {
            iterations += 1
            if shouldStop(iterations) { return .stopped }
            let ok = !pendingConflict && engine.propagate()
            pendingConflict = false
            if !ok {
                if engine.expired { return .stopped }
                stats.failures += 1; stats.conflicts += 1
                if dive != nil, engine.conflict.allSatisfy({ engine.entryLevel[Int($0)] <= 1 }) {
                    // The held options and the bound cannot hold together: nothing to analyse.
                    endDive(searchedOut: true)
                    continue
                }
                switch learn(engine.conflict, wiped: engine.wipedOut) {
                case .onFloor(let conflict): return floor == 0 ? .exhausted : .assumptionsFail(conflict)
                case .asserted(let ok): pendingConflict = !ok
                }
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
                    if !pendingConflict { restart(interval: conflictsToRestart) }
                }
                continue
            }
            if divesDue > 0, dive == nil, engine.level == 0, let best {
                divesDue -= 1
                startDive(best)
                continue
            }
            guard let e = chooseEvent() else {
                if floor > 0 { return .found }
                pendingConflict = !leaf()
                if bestCost <= knownBound { return .exhausted }
                // A leaf leaves a calendar known: a feasibility search is done.
                if model.setup.feasibilityOnly || limits.solutionLimit.map({ stats.solutions >= $0 }) == true { return .found }
                continue
            }
            stats.nodes += 1
            let o = chooseValue(e)
            phase[e] = o
            pendingConflict = !engine.decide(Predicate(e, .eq, o))
        }
    }

    /// Back to the floor, and once a calendar is known, dives are due: the loop opens them at
    /// the root's fixpoint (a nogood asserted there may still be queued: a dive's level would
    /// otherwise take its consequences with it, and a proof at the root would be lost).
    private func restart(interval: Int) {
        engine.backjump(to: floor)
        dueDives(interval: interval)
    }

    /// Once a calendar is known, the dives to make before the complete search resumes for
    /// `interval` conflicts.
    private func dueDives(interval: Int) {
        if floor == 0, best != nil {
            let atScale = engine.eventCount >= Parameters.scaleEvents
            // Idle, the dives get as many conflicts as the complete search's next interval.
            let idle = max(1, interval / Parameters.diveConflicts)
            divesDue = divesImproved ? (atScale ? Parameters.divesPerRestartAtScale : Parameters.divesPerRestart)
                : (atScale ? Parameters.idleDivesPerRestartAtScale : idle)
            divesImproved = false
        }
    }

    // MARK: Large-neighbourhood dives

    /// Sets every event outside the next neighbourhood to its incumbent option (while live), on
    /// level 1: the first as a decision, the others posted on the same level without a reason.
    private func startDive(_ incumbent: [Int]) {
        let free = Set(neighbourhoods.next(incumbent))
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
        engine.setRootLevel(1)
        // Posting fixed the held events: the free ones (and any whose incumbent option is gone)
        // are all that remain to branch on.
        let open = (0..<engine.eventCount).filter { engine.size[$0] > 1 }
        decided = open
        objective?.scope = open
        dive = Dive(conflictsLeft: Parameters.diveConflicts, nogoodMark: engine.nogoods.added)
    }

    private func endDive(searchedOut: Bool) {
        if let trace = limits.trace {
            trace("dive \(stats.dives) \(neighbourhoods.lastKind) of \(neighbourhoods.lastSize): "
                  + "\(searchedOut ? "searched out" : "budget spent"), best \(bestCost), node \(stats.nodes)")
        }
        neighbourhoods.finished(exhausted: searchedOut)
        engine.backjump(to: 0)
        engine.setRootLevel(0)
        engine.nogoods.forget(from: dive!.nogoodMark)
        decided = nil
        objective?.scope = nil
        dive = nil
    }

    private func shouldStop(_ iterations: Int) -> Bool {
        if let n = nodeBudget, stats.nodes >= n { return true }
        if let n = stallNodes, best != nil, stats.nodes - nodesAtBest >= n { return true }
        if iterations & 31 == 0, now() >= deadline || stop?.isRaised == true || model.expired() { return true }
        return false
    }

    private func finish(complete: Bool) -> SolveOutcome {
        stats.elapsed = now() - started
        // Unfinished: the root's bound, a proven one (the lesser of it and the best cost).
        if !complete, let objective, objective.rootBound > 0 { stats.bound = min(objective.rootBound, bestCost) }
        stats.propagations = engine.propagations
        stats.learnt = engine.nogoods.live
        return SolveOutcome(model, best: best, cost: bestCost, complete: complete, stats: stats)
    }

    // MARK: Deciding

    /// The open event of highest activity; ties to fewer options, then the lower index.
    private func chooseEvent() -> Int? {
        var pick = -1, bestActivity = -1.0, bestSize = Int.max
        func consider(_ e: Int) {
            let a = activity[e], sz = engine.size[e]
            if sz > 1, a > bestActivity || (a == bestActivity && sz < bestSize) { pick = e; bestActivity = a; bestSize = sz }
        }
        if let decided { for e in decided { consider(e) } } else { for e in 0..<engine.eventCount { consider(e) } }
        return pick < 0 ? nil : pick
    }

    /// The incumbent's option when still live (solution-guided search), else the last one
    /// tried (phase saving), else the first live one of `preference` (the cheapest).
    private func chooseValue(_ e: Int) -> Int {
        if let best, engine.live(e, best[e]) { return best[e] }
        if phase[e] >= 0, engine.live(e, phase[e]) { return phase[e] }
        for o in preference?[e] ?? model.byCost[e] where engine.live(e, o) { return o }
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

    /// What learning from a conflict gave.
    private enum Learnt {
        /// The nogood's negated UIP was asserted: false when that met a conflict.
        case asserted(Bool)
        /// Resolved, the conflict rests on the floor's levels alone: these entries.
        case onFloor([Int32])
    }

    /// Analyses `conflict` to a first-UIP nogood (never jumping below the floor), backjumps and
    /// asserts it; `wiped` as `FirstUIP.analyse` takes it.
    private func learn(_ conflict: [Int32], wiped: Int) -> Learnt {
        let top = conflict.map { Int(engine.entryLevel[Int($0)]) }.max() ?? 0
        if top <= floor { return .onFloor(conflict) }
        if top < engine.level { engine.backjump(to: top) }
        switch analysis.analyse(engine, conflict, wiped: wiped, bump: bump) {
        case .below(let lower):
            return learn(lower, wiped: -1)
        case .uip(let uip, let lower):
            activityIncrement /= Parameters.activityDecay
            guard floor > 0 else { return .asserted(analysis.assert(engine, uip: uip, lower: lower, floor: Int(engine.rootLevel))) }
            return .asserted(analysis.assert(engine, uip: uip, lower: assumptionsBehind(lower), floor: floor) { engine.entryLevel[$0] > floor })
        }
    }

    /// `lower` with its entries on the assumptions' levels replaced by the assumptions they follow
    /// from (the entries without a reason): the nogood names those (a selector or marker each),
    /// not each option they removed.
    private func assumptionsBehind(_ lower: [Int32]) -> [Int32] {
        let onFloor = lower.filter { Int(engine.entryLevel[Int($0)]) <= floor }
        var kept = lower.filter { Int(engine.entryLevel[Int($0)]) > floor }
        analysis.forget(onFloor)
        analysis.add(roots(of: onFloor).sorted(), to: &kept)
        return kept
    }

    private func bump(_ e: Int) {
        activity[e] += activityIncrement
        if activity[e] > 1e100 {
            for x in activity.indices { activity[x] *= 1e-100 }
            activityIncrement *= 1e-100
        }
    }
}

extension CompiledModel {
    /// The model of `scenario` for a search under `limits` (its time limit bounds compiling too).
    convenience init(_ scenario: Scenario, setup: SearchSetup, limits: Limits, evaluator: Evaluator?) {
        var setup = setup
        setup.stop = setup.stop ?? limits.stop
        self.init(scenario, evaluator: evaluator, setup: setup, deadline: limits.timeLimit.map { now() + $0 })
    }

    /// The index of event `e`'s option with placement `p`, if it has one.
    func option(_ e: Int, _ p: Placement?) -> Int? {
        guard let p else { return nil }
        return options[e].firstIndex { $0.placement == p }
    }

    /// `schedule` as option values and their objective, when it can be a search's first
    /// incumbent: every event placed on one of its options, every hard rule held, and the model
    /// compiled in full (a model whose compiling stopped lacks the soft rules, so its cost of the
    /// calendar would be wrong).
    func incumbent(_ schedule: Schedule) -> (values: [Int], cost: Int)? {
        guard !aborted else { return nil }
        let values = schedule.enumerated().compactMap { option($0, $1) }
        guard values.count == schedule.count, evaluator.evaluate(schedule).hardOK else { return nil }
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
/// restart intervals of the loop, in units of `Parameters.restartBase` conflicts.
func luby(_ i: Int) -> Int {
    var i = i
    while true {
        var k = 1
        while (1 << k) - 1 < i { k += 1 }
        if i == (1 << k) - 1 { return 1 << (k - 1) }
        i -= (1 << (k - 1)) - 1
    }
}
