/// What a search may relax or add: the conflict explainer removes constraints and relaxes
/// event-level reasons; a what-if restricts some events and adds a disturbance cost.
public struct SearchSetup: Sendable {
    /// Constraints, event-level reasons, venues' rooms and pins that are relaxed as the spec's
    /// conflict definition says.
    public var relaxed: Set<ConflictElementID> = []
    /// Only whether a calendar exists: soft rules and costs play no part.
    public var feasibilityOnly = false
    /// Every cost term of the scenario is multiplied by this before `extraCost` is added: lets
    /// the Lagrangian prices of the rooms be fractions of a half-unit.
    public var costScale = 1
    /// Extra cost per placement, in half-units times `costScale` (what-if disturbance,
    /// Lagrangian prices), by event index.
    public var extraCost: (@Sendable (Int, Placement) -> Int)? = nil
    /// Extra admission test per placement (what-if pins), by event index.
    public var admits: (@Sendable (Int, Placement) -> Bool)? = nil
    /// Raised to stop compiling as well as searching.
    public var stop: StopFlag? = nil
    /// Event-level reasons that a pin adds (`pin:ID`), relaxable like the others.
    public var pinReasons: Set<ConflictElementID> = []
    /// Events held at a given placement (one option each), by index: the rest of the calendar
    /// around a large-neighbourhood step.
    public var frozen: [Int: Placement] = [:]
    /// Rooms already taken by events outside this search: venue → day ordinal → count.
    public var occupancy: [Int: [Int: Int]] = [:]
    /// The planner's sentence for each pin reason, for conflicts.
    public var pinSentences: [ConflictElementID: String] = [:]

    public init() {}
}

/// One way to hold an event: a placement and its unary cost.
struct Option {
    let placement: Placement
    let start: Int
    let end: Int
    /// Unary cost in half-units: preferredStart, soft avoidExternal, what-if disturbance.
    let unary: Int
}

/// A scenario compiled for search, in named passes: options per event (the spec's structure
/// of an assignment, hard unary rules), then propagators for the hard rules, then the soft
/// rules' cost terms. After this, the search sees option indices and integers only.
final class CompiledModel {
    let scenario: Scenario
    let evaluator: Evaluator
    let setup: SearchSetup
    /// Options per event, ordered by start, venue, length.
    var options: [[Option]] = []
    /// Per event, option indices by unary cost then index: the value order.
    var byCost: [[Int]] = []
    /// Soft constraints that are not unary: (constraint, monotone on partial calendars).
    var softTerms: [(constraint: Constraint, monotone: Bool)] = []
    /// The sums of soft rules, for the objective's bound: (weight per unit in scaled half-units, sum).
    var softSums: [(weight: Int, sum: LinearSum)] = []

    /// Rooms taken by events outside the search and by held events: venue → day ordinal → count.
    var roomsTaken: [Int: [Int: Int]] = [:]

    /// When compiling must stop (the search's time limit): then `aborted`, and the answer is `unknown`.
    let deadline: Double?
    private(set) var aborted = false

    /// Whether the time limit has passed or the stop flag is raised; then `aborted`.
    func expired() -> Bool {
        if !aborted, (deadline.map { now() > $0 } ?? false) || setup.stop?.isRaised == true { aborted = true }
        return aborted
    }
    private var placementsTried = 0
    /// `AvoidExternal.windows` by constraint and venue.
    private var clashWindows: [Int: [(external: Int, lo: Int, hi: Int)]] = [:]
    /// Options and placements shared by the many searches of one conflict explanation.
    let cache: OptionCache?

    init(_ scenario: Scenario, evaluator: Evaluator? = nil, setup: SearchSetup = SearchSetup(), cache: OptionCache? = nil,
         deadline: Double? = nil) {
        self.scenario = scenario
        self.deadline = deadline
        self.cache = cache
        self.evaluator = evaluator ?? Evaluator(scenario)
        self.setup = setup
        buildOptions()
        if !expired() { applyOccupancy() }
        if !expired() { buildSoftTerms() }
    }

    /// `base` with `extra(event, placement)` added to every option's cost (Lagrangian prices,
    /// in the same scaled half-units): the options, their order, the propagators and the rules
    /// are shared, so only the costs and the value order are computed again. The propagators
    /// keep no state between calls, so the two models may be searched one after the other.
    init(repricing base: CompiledModel, extra: (Int, Placement) -> Int) {
        precondition(!base.aborted, "a model whose compiling stopped has no options to reprice")
        scenario = base.scenario; evaluator = base.evaluator; setup = base.setup
        deadline = base.deadline; cache = nil
        options = base.options.enumerated().map { e, list in
            list.map { Option(placement: $0.placement, start: $0.start, end: $0.end,
                              unary: Cost.add($0.unary, min(Cost.cap, max(0, extra(e, $0.placement))))) }
        }
        byCost = options.map { list in list.indices.sorted { (list[$0].unary, $0) < (list[$1].unary, $1) } }
        softTerms = base.softTerms; softSums = base.softSums; roomsTaken = base.roomsTaken
    }

    func isActive(_ c: Constraint) -> Bool { !setup.relaxed.contains(.constraint(c.id)) }
    /// Whether the rooms of `venue` are relaxed.
    func roomsRelaxed(_ venue: Venue) -> Bool { setup.relaxed.contains(.rooms(venue: venue.id)) }

    // MARK: Pass 1: options

    /// The spec's "Structure of an assignment", judged by the evaluator, relaxed reasons aside.
    private func buildOptions() {
        let s = scenario
        let hardAvoid = s.constraints.indices.filter { s.constraints[$0].hard && isActive(s.constraints[$0]) && s.constraints[$0].rule.avoidance != nil }
        // Per event, the soft avoidExternal rules that select it: (weight, constraint index).
        var avoidOf = Array(repeating: [(Int, Int)](), count: s.events.count)
        for (c, con) in s.constraints.enumerated() where !con.hard && isActive(con) {
            if let a = con.rule.avoidance { for e in a.events { avoidOf[e].append((con.weight, c)) } }
        }
        for (e, ev) in s.events.enumerated() {
            if let p = setup.frozen[e] {
                // Held where it is by a large-neighbourhood step: its one option.
                let list = [Option(placement: p, start: p.start.ordinal, end: p.end.ordinal, unary: unaryCost(e, p, avoidOf[e]))]
                options.append(list); byCost.append([0]); continue
            }
            let ignored = Set(Evaluator.Reason.allCases.filter { setup.relaxed.contains(.reason($0, event: ev.id)) })
            let avoid = hardAvoid.filter { s.constraints[$0].rule.events.contains(e) }
            let pinned = setup.admits != nil && !setup.relaxed.contains(.pin(event: ev.id))
            let key = "\(e)|\(ignored.map(\.rawValue).sorted())|\(avoid)|\(pinned)"
            if setup.feasibilityOnly, let cache, let hit = cache.options[key] {
                options.append(hit); byCost.append(Array(hit.indices)); continue
            }
            var venues: [Int?] = ev.venues.isEmpty ? [nil] : ev.venues
            if ignored.contains(.venues), !ev.venues.isEmpty { venues = Array(s.venues.indices) }
            // No event lasts more working days than the horizon has days.
            let most = Double(s.horizon.count)
            var lengths = ev.length.choices(upTo: most)
            if ignored.contains(.days), !ev.isMilestone {
                lengths = [0.5] + (ev.length.longest >= 1 ? (1...Int(min(ev.length.longest, most))).map(Double.init) : [])
            }
            let window = ignored.contains(.window) ? s.horizon : ev.window
            var list: [Option] = []
            for v in venues {
                // Stopped at an earlier venue or event: every later loop stops at once, not after 4096 more.
                if aborted { break }
                let cal = evaluator.calendar(v)
                let lo = max(window.start, s.horizon.start), hi = min(window.end, s.horizon.end)
                var start = lo
                // Day by day, not a materialised list: a long horizon stays within the time limit.
                while start <= hi {
                    defer { start = start + 1 }
                    placementsTried += 1
                    if placementsTried > 4096 { placementsTried = 0; if expired() { break } }
                    guard cal.isWorkingDay(start) else { continue }
                    placementsTried += lengths.count
                    for d in lengths {
                        guard let p = place(start, v, d), p.end <= s.horizon.end else { continue }
                        guard evaluator.structureReasons(of: e, p).isSubset(of: ignored) else { continue }
                        if pinned, let admits = setup.admits, !admits(e, p) { continue }
                        if !p.isMilestone, avoid.contains(where: { c in AvoidExternal.clashCount(p.occupied, windows(c, v)) > 0 }) { continue }
                        list.append(Option(placement: p, start: p.start.ordinal, end: p.end.ordinal, unary: unaryCost(e, p, avoidOf[e])))
                    }
                }
            }
            list.sort { ($0.start, $0.placement.venue ?? -1, $0.placement.days) < ($1.start, $1.placement.venue ?? -1, $1.placement.days) }
            if setup.feasibilityOnly, let cache { cache.options[key] = list }
            options.append(list)
            byCost.append(list.indices.sorted { (list[$0].unary, $0) < (list[$1].unary, $1) })
        }
    }

    /// The evaluator's placement, through the cache when there is one.
    private func place(_ start: Day, _ venue: Int?, _ days: Double) -> Placement? {
        guard let cache else { return evaluator.place(start: start, venue: venue, days: days) }
        let key = PlacementKey(start: start.ordinal, venue: venue ?? -1, halfDays: Int(days * 2))
        if let hit = cache.placements[key] { return hit }
        let p = evaluator.place(start: start, venue: venue, days: days)
        cache.placements[key] = p
        return p
    }

    /// The evaluator's clash windows of constraint `c` for an event at `venue`, computed once.
    private func windows(_ c: Int, _ venue: Int?) -> [(external: Int, lo: Int, hi: Int)] {
        let key = c * 1024 + (venue ?? 1023)
        if let hit = clashWindows[key] { return hit }
        let w = scenario.constraints[c].rule.avoidance!.windows(forVenue: venue, in: scenario)
        clashWindows[key] = w
        return w
    }

    /// The cost of one placement that depends on it alone, in half-units, by the evaluator's
    /// own terms: `preferredStart`, soft `avoidExternal` clashes, and a what-if's disturbance.
    private func unaryCost(_ e: Int, _ p: Placement, _ softAvoid: [(Int, Int)]) -> Int {
        guard !setup.feasibilityOnly else { return 0 }
        var cost = Cost.halves(evaluator.preferredStartCost(of: e, p))
        if !p.isMilestone {
            for (w, c) in softAvoid { cost = Cost.add(cost, Cost.mul(2 * w, AvoidExternal.clashCount(p.occupied, windows(c, p.venue)))) }
        }
        cost = Cost.mul(setup.costScale, cost)
        if let extra = setup.extraCost { cost = Cost.add(cost, min(Cost.cap, max(0, extra(e, p)))) }
        return cost
    }
}

struct PlacementKey: Hashable { let start: Int, venue: Int, halfDays: Int }

/// Options computed once and reused by later compilations of the same scenario with other
/// relaxations (feasibility only: the options then carry no cost).
final class OptionCache: @unchecked Sendable {
    var options: [String: [Option]] = [:]
    var placements: [PlacementKey: Placement?] = [:]
}
