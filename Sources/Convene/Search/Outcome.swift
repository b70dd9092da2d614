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
