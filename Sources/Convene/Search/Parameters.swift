/// Every tunable of the search, once, with the reason for its value (MiniSat keeps its own at the
/// top of `core/Solver.cc`); a what-if's budgets, which tests and callers may lower, are
/// `WhatIfEffort` below. Budgets are counted in conflicts or nodes, never in seconds, so that a
/// run that completes is the same on every machine (the only seconds are the time limit's,
/// which only stop a run).
enum Parameters {
    /// Conflicts in the first Luby restart interval (Luby, Sinclair and Zuckerman 1993; Chuffed's
    /// `-f` uses 100 as well).
    static let restartBase = 100
    /// Learnt nogoods kept before the store is halved; grows by a tenth after each reduction.
    static let nogoodLimit = 4000
    /// …but no more than this many per event to start with: on a handful of events every nogood
    /// watches the same few, and a large store costs more to visit than it saves.
    static let nogoodLimitPerEvent = 40
    /// …and no fewer than this, however few the events.
    static let nogoodLimitLeast = 200
    /// Event activity decay (VSIDS): 0.95 as in Pumpkin's autonomous search.
    static let activityDecay = 0.95
    /// Conflicts a large-neighbourhood dive may spend before the complete search resumes.
    /// (50, 200 and 1,000 measured alike on the hard family's K = 20 and 40.)
    static let diveConflicts = 200
    /// Dives after each restart, one after another, before the complete search resumes.
    /// (Measured on the hard family's K = 10 to 40, 30 s: 1 and 3 starve the dives at 1,000
    /// events, 30 starves the proofs at 500.) That many while the dives improve; when they did
    /// not, as many as take the conflicts of the complete search's next Luby interval (at least
    /// one), so that neither starves as the intervals grow. With one idle dive, hard K = 20
    /// seed 1 (whose bound comes from pricing, so that only a calendar ends it) spent most of its
    /// conflicts in the complete search and proved its optimum in 15.9–19 s; with the interval's
    /// share, 8.8–10.7 s (and 4 of 6 neighbourhood seeds proven within 30 s, against 3); K = 10's
    /// proofs, which the complete search makes, take 5–15 % longer (seeds 1 and 3, four
    /// neighbourhood seeds each). A half share lost K = 20 seed 1's proof, a double one took 16 s.
    static let divesPerRestart = 10
    /// From `scaleEvents` events on, a proof is out of reach within a run (the hard family's
    /// K = 40 and the season's 1,000 events never close their gap) and the dives take the time:
    /// `divesPerRestartAtScale` after each restart while they improve, `idleDivesPerRestartAtScale`
    /// when they did not. Measured at 30 s (60 s for the season), against 10 and 1: 2,000 one-off
    /// meetings 4,338 -> 4,300, hard K = 40 seed 1 1,649 -> 1,592, season-1000-s1 3,243 -> 3,202;
    /// below 1,000 events the same counts lost every proof of K = 10 seed 3 and K = 20.
    static let scaleEvents = 1_000
    static let divesPerRestartAtScale = 100, idleDivesPerRestartAtScale = 10

    // MARK: The neighbourhoods (`Neighbourhoods`)

    /// Rules of more events than this link no events in a `linked` neighbourhood: a rule over a
    /// whole process would make every neighbourhood that process.
    static let linkLimit = 32
    /// A `dearest` neighbourhood draws among this many of the dearest soft rules, so that the
    /// dearest alone, once it cannot improve, does not take every turn.
    static let dearestPool = 8
    /// A kind's first size: a fifth of the events that can move (CP-SAT starts near there too).
    static let firstNeighbourhoodShare = 0.2
    /// After a dive: its kind's size times `grow` (plus one) when it searched its neighbourhood
    /// out, times `shrink` when its budget ran out first (CP-SAT's adaptive sizes).
    static let neighbourhoodGrow = 1.25, neighbourhoodShrink = 0.8

    // MARK: Solving part by part (`Decomposed`, `RoomsRelaxation`, `ColumnPool`)

    /// The parts searched one after another from this many on, for a calendar at once: with
    /// fewer, step 1 is as quick (the first family's K = 1 to 5 take milliseconds).
    static let quickParts = 8
    /// Nodes of a part alone (step 1, and each pricing round): a part not proven within them
    /// gives no bound, and the search goes on from its best calendar (a part of 11 events of the
    /// season family took 35,000 conflicts without a proof).
    static let partNodes = 5_000
    /// …but the parts of one step share at most this many, each getting at least
    /// `partNodesLeast`: the season family's 1,000 events (530 parts) spent 13 s of 30 in steps 1
    /// and 2 at 5,000 each, and its 5,000 events (2,700 parts) never reached step 4.
    static let partNodesInAll = 500_000, partNodesLeast = 300
    /// Nodes of the Lagrangian pricing's parts, in all: a count, so that a run takes the same
    /// path on any machine (a share of the time limit did not: hard K = 20 seed 1 ended its 30 s
    /// with a bound of 459 or 460 by how many rounds fitted in 7.5 s, and proved its optimum 460
    /// only with the latter). K = 20 converges in 40 rounds and 137,000 nodes (8 s); K = 40 gets
    /// 5 rounds (as many as in a quarter of 30 s); a bound is worth less than the calendars the
    /// rest finds.
    static let pricingNodes = 150_000
    /// Subgradient rounds of the relaxation in all: a count, so that a run takes the same path.
    static let pricingRounds = 60
    /// Polyak's step aims this much above the best calendar known (a target at the optimum
    /// itself makes the steps shrink too fast); θ halves after `pricingStallRounds` rounds
    /// without a better bound, and below `pricingLeastTheta` (eight halvings from 1) the prices
    /// have converged.
    static let pricingTargetAbove = 1.03, pricingStallRounds = 3, pricingLeastTheta = 0.005
    /// A part that finds no room for the first calendar is searched again with the earlier
    /// parts holding most of the rooms it could use: the one holding most, then three, then
    /// seven (`Decomposed.firstCalendar`).
    static let rivalGroups = [1, 3, 7]
    /// When some part is unproven alone: rounds without a bound above the parts' own, after
    /// which the pricing ends for the run (the season family's bound never moved in 15 s of
    /// pricing, 1,000 events, 60 s). Once a round has raised it, the rounds go on as budgeted.
    static let pricingPatience = 3
    /// Nodes per event of the search for the calendar the prices suggest (`Decomposed`), which
    /// branches once per event when the rooms let it.
    static let pricedCalendarNodesPerEvent = 4
    /// Nodes of the pool's cheapest combination, each time it is asked.
    static let combineNodes = 20_000
    /// Nodes of the whole scenario's search between two rounds of pricing and combining.
    static let sliceNodes = 20_000

    // MARK: The what-if (`WhatIfSearch`; its budgets are `WhatIfEffort`)

    /// Kept of a what-if's time limit for checking and writing the answer: 5 %, at most 0.1 s, so
    /// that the command as a whole ends within its limit.
    static let answerMargin = 0.1, answerShare = 0.05
    /// A broken hard rule of at most this many events is narrowed to the events whose removal
    /// lowers its amount (one evaluation each); a larger one frees all its events.
    static let culpritScan = 200
    /// The repair's growth of its freed set (`WhatIfSearch.grow`): events within this many days
    /// of a freed one (twice as many from the second step on), and from the second step every
    /// event of the freed ones' hard rules of at most `smallRuleEvents` events; a pinned event
    /// with no placement counts as spanning `pinSpanDays` from its pinned start.
    static let growRadiusDays = 14, smallRuleEvents = 8, pinSpanDays = 7

    // MARK: Conflicts

    /// An explanation of infeasibility gets at least this many seconds, however little of the
    /// time limit the search left.
    static let leastExplainSeconds = 0.1
    /// Tries of a conflict's repairs (a window edge, a pin's band, a count of rooms) behind a
    /// selector of their own, beyond one per element, so that a nogood names a try by one
    /// predicate; later tries remove their options directly (`AssumptionSearch.addRemovals`).
    static let repairSelectors = 160
    /// The rooms' compulsory parts (`RoomsRule.compulsory`) are read off events of at most this
    /// many live options: an event of more is far from fixed, and intersecting its options'
    /// days at each wake costs more than it finds.
    static let compulsoryOptions = 64
}

/// How hard each step of a what-if searches: node limits only, so that the answer depends on
/// the input alone, not on the machine's speed or load, nor on what else runs (a sweep's rows
/// are then those of `whatif --pin` on each date, with any number of jobs). The time limit
/// stops it all the same (then the answer says it was cut short).
public struct WhatIfEffort: Sendable {
    /// Each repair step.
    public var repairNodes = 20_000
    /// The repair's last step, every event free; nil for no limit but the time limit.
    public var wholeNodes: Int? = 50_000
    /// Each part alone, for the bound.
    public var partNodes = 5_000
    /// The one search over the whole what-if from the repair (step 3): its work in nodes × events
    /// (a node of a wider what-if propagates over more events), so 8,000 nodes at 250 events and
    /// 4,000 at 500, and never fewer than `improveNodesLeast`; nil for no limit but the time limit.
    public var improveWork: Int? = 2_000_000
    public var improveNodesLeast = 1_000
    /// …and it ends sooner once this many nodes pass without a better calendar (nil: never).
    /// On 48 what-ifs of the hard family (K = 10 to 40, seeds 1 to 3, nine kinds of change,
    /// docs/performance.md) every answer costs the same as with the whole budget, and one is no
    /// longer proven (its proof came 1,718 nodes after its last improvement); the K = 20 ones
    /// that ran the whole budget took 0.8 to 1.8 s, and end in 0.2 to 0.5 s. Patience as long as
    /// the nodes before the last improvement kept that proof, but left two rows slower than
    /// before issue 19 (0.90 against 0.65 s, 0.63 against 0.58, alternating).
    public var improveStallNodes: Int? = 1_500
    /// A what-if of at most this many events is first searched whole, for at most
    /// `directNodes`: on the bundled 25-event scenario that proves the answer in under 100
    /// nodes, before any repair step has been compiled (a repair, its neighbourhoods and the
    /// parts' bound cost about ten compilings of the scenario).
    public var directMaxEvents = 40
    public var directNodes = 2_000

    public init() {}

    /// What `whatif` and each date of `sweep` search: the same, so that any sweep row can be
    /// rerun with `whatif --pin`.
    public static let standard = WhatIfEffort()
}
