/// The answer of a search, in the spec's words.
public enum SolveStatus: String, Sendable {
    /// Cost proven minimal.
    case optimal
    /// Every hard rule holds; the limit came before the proof.
    case feasible
    /// Proven: no calendar meets the hard rules.
    case infeasible
    /// The limit came before any calendar.
    case unknown
}

/// Counters of one search, for `--stats` and the benchmark.
public struct SolveStats: Sendable {
    public var nodes = 0
    public var failures = 0
    public var propagations = 0
    public var solutions = 0
    /// The learning core's conflicts, learnt nogoods kept at the end, and restarts.
    public var conflicts = 0
    public var learnt = 0
    public var restarts = 0
    /// Large-neighbourhood dives of the learning core.
    public var dives = 0
    /// Seconds from the start to the first calendar found.
    public var timeToFirst: Double? = nil
    /// Seconds from the start to the end of the search.
    public var elapsed = 0.0
    /// A proven lower bound of the objective (half-units), when one is known apart from the
    /// calendar's own cost (the sum of the parts' optima).
    public var bound: Int? = nil

    /// Adds the counters of a search run as one step of this one (times and bound aside).
    mutating func absorb(_ o: SolveStats) {
        nodes += o.nodes; failures += o.failures; propagations += o.propagations; solutions += o.solutions
        conflicts += o.conflicts; restarts += o.restarts; learnt += o.learnt; dives += o.dives
    }
}

/// What `Solver.solve` returns: the best calendar found and how far the proof went.
public struct SolveOutcome: Sendable {
    public var status: SolveStatus
    public var schedule: Schedule?
    /// The minimised objective of `schedule`, in half-units (so that 0.5 days are exact).
    public var objective: Int?
    public var stats: SolveStats
}

extension SolveOutcome {
    /// The outcome of a search of `model` that ended with the option values `best` (of cost
    /// `cost`), `complete` when it covered every calendar: optimal, feasible, infeasible or unknown.
    init(_ model: CompiledModel, best: [Int]?, cost: Int, complete: Bool, stats: SolveStats) {
        let schedule = best.map { values in values.enumerated().map { e, o in Optional(model.options[e][o].placement) } }
        let status: SolveStatus = best == nil ? (complete ? .infeasible : .unknown) : (complete ? .optimal : .feasible)
        self.init(status: status, schedule: schedule, objective: best == nil ? nil : cost, stats: stats)
    }
}

/// Depth-first branch and bound over each event's options, with propagation at every node.
///
/// The loop, as in MiniSat's `search()`: propagate; on failure undo and count; else bound,
/// choose the event with the fewest options per failure weight (dom/wdeg), and try its options
/// cheapest first. Among calendars of equal cost the first one met in this fixed order is
/// kept, so the answer is the same on every run that completes.
public final class Solver {
    let model: CompiledModel
    let limits: Limits
    private let state: SearchState
    private var stats = SolveStats()
    private var best: [Int]? = nil
    private var bestCost = Int.max
    private var stopped = false
    private var started = 0.0
    private var deadline = Double.infinity
    private var failureWeight: [Int]

    public convenience init(_ scenario: Scenario, setup: SearchSetup = SearchSetup(), limits: Limits = Limits(), evaluator: Evaluator? = nil) {
        self.init(model: CompiledModel(scenario, setup: setup, limits: limits, evaluator: evaluator), limits: limits)
    }

    init(model: CompiledModel, limits: Limits) {
        self.model = model
        self.limits = limits
        state = SearchState(model)
        failureWeight = Array(repeating: 1, count: model.scenario.events.count)
    }

    /// Takes `schedule` (a what-if's baseline) as the incumbent to beat before the first node,
    /// when every event has a placement among its options and every hard rule holds.
    /// Returns whether it was taken.
    @discardableResult
    public func seed(with schedule: Schedule) -> Bool {
        guard let (values, cost) = model.incumbent(schedule) else { return false }
        best = values; bestCost = cost; stats.solutions += 1; stats.timeToFirst = 0
        return true
    }

    public func solve() -> SolveOutcome {
        started = now()
        if let t = limits.timeLimit { deadline = started + t }
        if model.aborted { return finish(complete: false) }
        if model.options.contains(where: { $0.isEmpty }) { return finish(complete: true) }
        state.scheduleAll()
        if state.propagate() { search() } else { stats.failures += 1 }
        if state.expired || model.aborted { stopped = true }
        return finish(complete: !stopped)
    }

    private func finish(complete: Bool) -> SolveOutcome {
        stats.elapsed = now() - started
        stats.propagations = state.propagations
        return SolveOutcome(model, best: best, cost: bestCost, complete: complete, stats: stats)
    }

    private func shouldStop() -> Bool {
        if stopped || state.expired { stopped = true; return true }
        if stats.nodes & 63 == 0 || limits.timeLimit != nil && stats.nodes & 7 == 0 {
            if now() >= deadline || limits.stop?.isRaised == true { stopped = true }
        }
        if let n = limits.nodeLimit, stats.nodes >= n { stopped = true }
        if let n = limits.solutionLimit, stats.solutions >= n { stopped = true }
        return stopped
    }

    private func search() {
        if shouldStop() { return }
        stats.nodes += 1
        if !model.setup.feasibilityOnly, best != nil, !filterByCost() { return }
        guard let e = chooseEvent() else { leaf(); return }
        var values: [Int] = []
        values.reserveCapacity(state.domains.size[e])
        for o in model.byCost[e] where state.domains.contains(e, o) { values.append(o) }
        for o in values {
            let mark = state.domains.mark
            state.assign(e, o)
            if state.propagate() {
                search()
            } else if state.expired {
                stopped = true
            } else {
                stats.failures += 1
                failureWeight[e] += 1
                if let p = state.failedPropagator {
                    let w = model.propagators[p].watched
                    if w.count <= 8 { for x in w { failureWeight[x] += 1 } }
                }
            }
            state.domains.undo(to: mark)
            if stopped || (model.setup.feasibilityOnly && best != nil) { return }
            if !model.setup.feasibilityOnly, best != nil, lowerBound() >= bestCost { return }
        }
    }

    /// Cost-based filtering: with an incumbent, a calendar must cost at most `bestCost − 1`
    /// (half-units are whole), so an option whose own cost exceeds its event's cheapest by more
    /// than the slack above the lower bound cannot be part of a better one. Removals propagate,
    /// which may raise the bound; repeated to a fixpoint. False when the node cannot improve.
    private func filterByCost() -> Bool {
        while true {
            let bound = lowerBound()
            let slack = bestCost - 1 - bound
            if slack < 0 { return false }
            var removed = false
            for e in 0..<model.options.count where state.domains.size[e] > 1 {
                let order = model.byCost[e], options = model.options[e]
                guard let cheapest = order.first(where: { state.domains.contains(e, $0) }),
                      let dearest = order.last(where: { state.domains.contains(e, $0) }) else { return false }
                let limit = options[cheapest].unary + slack
                guard options[dearest].unary > limit else { continue }
                removed = true
                if !state.removeAll(e, where: { options[$0].unary > limit }) { return false }
            }
            if !removed { return true }
            guard state.propagate() else {
                if state.expired { stopped = true } else { stats.failures += 1 }
                return false
            }
        }
    }

    /// The open event with the fewest options per failure weight; ties to the lower index.
    private func chooseEvent() -> Int? {
        var pick: Int? = nil, score = Double.infinity
        for e in 0..<model.options.count where state.domains.size[e] > 1 {
            let s = Double(state.domains.size[e]) / Double(failureWeight[e])
            if s < score { score = s; pick = e }
        }
        return pick
    }

    private func leaf() {
        let values = (0..<model.options.count).map { state.domains.value($0)! }
        guard let cost = leafCost(values) else { stats.failures += 1; return }
        stats.solutions += 1
        if stats.timeToFirst == nil { stats.timeToFirst = now() - started }
        if best == nil || cost < bestCost {
            best = values; bestCost = cost
            limits.progress?(SearchProgress(seconds: now() - started, cost: cost, bound: nil))
        }
    }

    func leafCost(_ values: [Int]) -> Int? { model.leafCost(values) }

    /// An admissible bound on the objective of any completion, in half-units: each event's
    /// cheapest remaining option, the pair rules among fixed events, and the sums' distance.
    func lowerBound() -> Int {
        var bound = 0
        for e in 0..<model.options.count {
            for o in model.byCost[e] where state.domains.contains(e, o) { bound = Cost.add(bound, model.options[e][o].unary); break }
        }
        if model.softTerms.contains(where: \.monotone) {
            let partial: Schedule = (0..<model.options.count).map { e in state.domains.value(e).map { model.options[e][$0].placement } }
            for (c, monotone) in model.softTerms where monotone {
                bound = Cost.add(bound, Cost.mul(model.setup.costScale, Cost.halves(Double(c.weight) * c.rule.evaluate(partial, in: model.scenario).amount)))
            }
        }
        for (w, sum) in model.softSums {
            let (lo, hi, _, _) = sum.bounds(state)
            if let h = sum.hi, lo > h { bound = Cost.add(bound, Cost.mul(w, lo - h)) }
            if let l = sum.lo, hi < l { bound = Cost.add(bound, Cost.mul(w, l - hi)) }
        }
        return bound
    }
}
