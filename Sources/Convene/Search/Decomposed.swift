/// Solving a scenario part by part.
///
/// 1. Each independent part is solved to its optimum with the rooms counting its own events only.
///    The sum of these optima is a lower bound of the whole; when the merged calendar also keeps
///    every venue's rooms, it is optimal.
/// 2. Otherwise the parts are solved again one after another, each seeing the rooms the earlier
///    ones already take: the first calendar. Should a part find no room that way, the first
///    calendar of the whole scenario searched at once (fail first) takes its place.
/// 3. A Lagrangian relaxation of the rooms (`RoomsRelaxation`) tightens the bound; the
///    calendars the parts propose at its prices are pooled, and the cheapest combination of
///    pooled calendars that keeps the rooms (`ColumnPool`) may improve the calendar.
/// 4. Unproven with time left: the one search over the whole scenario, seeded with the calendar,
///    whose large-neighbourhood dives free whole parts (and the parts sharing their rooms) among
///    their other kinds, until it proves the calendar (or a better one) optimal, meets the
///    bound, or the limit comes.
final class Decomposed {
    let scenario: Scenario
    let parts: [[Int]]
    let limits: Limits
    let evaluator: Evaluator

    struct Result {
        var outcome: SolveOutcome
        /// A part proven infeasible on its own: its events.
        var infeasiblePart: [Int]?
    }

    init(scenario: Scenario, parts: [[Int]], limits: Limits, evaluator: Evaluator) {
        self.scenario = scenario; self.parts = parts; self.limits = limits; self.evaluator = evaluator
        merged = Schedule(repeating: nil, count: scenario.events.count)
        current = merged
        partCost = Array(repeating: 0, count: parts.count)
        pool = ColumnPool(scenario: scenario, parts: parts)
    }

    // MARK: The state of a run

    private var started = 0.0
    private var stats = SolveStats()
    /// Step 0's calendar, the answer should the limit come before step 2 ends.
    private var quick: (schedule: Schedule, cost: Int)? = nil
    /// Each part's own optimum (step 1), merged, and their costs.
    private var merged: Schedule
    private var alone: [Int] = []
    /// The proven lower bound: the parts' optima (when all were proven) or a Lagrangian bound.
    private var bound = 0
    /// The calendar being improved, and each part's cost in it (steps 2 to 4).
    private var current: Schedule
    private var partCost: [Int]
    private var reported: (cost: Int?, bound: Int?) = (nil, nil)
    /// The Lagrangian relaxation of the rooms, from step 3 on.
    private var relaxation: RoomsRelaxation?
    private var pool: ColumnPool
    /// Each part compiled once with its costs scaled for pricing (a round only re-prices it), and
    /// whether it is one event that nothing but its options constrains (`cheapestAlone` prices it).
    private var pricedBase: [Int: (model: CompiledModel, alone: Bool)] = [:]
    /// Nodes the pricing's parts have searched, in all (its budget: `Parameters.pricingNodes`).
    private var pricingNodes = 0
    /// The relaxed calendar from which the calendar the prices suggest was made, when that was
    /// cheaper than the parts': step 4 tries options in the prices' order too, and aims a kind of
    /// neighbourhood at it (on the hard family it is mostly dearer, and there that order slows the proofs).
    private var guide: Schedule? = nil
    /// Step 1's calendars fit together without being all proven: step 2 has nothing to do.
    private var mergedFits = false
    /// Every part was proven optimal alone in step 1 (their optima bound the whole).
    private var allProven = false

    /// Nodes of a part alone in steps 1 to 3: `Parameters.partNodes`, but no more than their
    /// share of `partNodesInAll` (a season's thousands of parts), and at least `partNodesLeast`;
    /// or `partNodesForTests`, which tests set low so that parts stay unproven alone.
    private var partNodes: Int {
        partNodesForTests ?? min(Parameters.partNodes, max(Parameters.partNodesLeast, Parameters.partNodesInAll / max(1, parts.count)))
    }
    var partNodesForTests: Int? = nil

    private func remaining() -> Double? { limits.timeLimit.map { max(0, $0 - (now() - started)) } }
    private var stopped: Bool { (remaining() ?? 1) <= 0 || limits.stop?.isRaised == true }
    private var partsTotal: Int { partCost.reduce(0, Cost.add) }

    /// The steps in order; each step that can end the run returns its result.
    func solve() -> Result {
        started = now()
        calendarAtOnce()
        if let result = eachPartAlone() { return result }
        if !mergedFits, let result = partsInTurn() { return result }
        startPricing()
        return improveAndProve()
    }

    /// Solves the events of one or more parts on their own, with the rooms others take, and a node limit.
    private func sub(_ events: [Int], occupancy: [Int: [Int: Int]] = [:], nodeLimit: Int? = nil, firstOnly: Bool = false) -> SolveOutcome {
        let (s, partEvaluator) = restricted(events)
        var setup = SearchSetup()
        setup.occupancy = occupancy
        var subLimits = limits.step(timeLimit: remaining(), nodeLimit: nodeLimit)
        if firstOnly { subLimits.solutionLimit = 1 }
        let out = Solver(s, setup: setup, limits: subLimits, evaluator: partEvaluator).solve()
        stats.absorb(out.stats)
        limits.trace?("part of \(events.count) events (\(s.events.first?.id ?? "-"), …): \(out.status), "
                      + "\(out.stats.conflicts) conflicts, \(Int(out.stats.elapsed * 1000)) ms")
        return out
    }

    /// The result with `outcome`'s status and calendar, the run's stats and time.
    private func finished(_ status: SolveStatus, _ schedule: Schedule?, _ objective: Int?, infeasiblePart: [Int]? = nil) -> Result {
        stats.elapsed = now() - started
        return Result(outcome: SolveOutcome(status: status, schedule: schedule, objective: objective, stats: stats), infeasiblePart: infeasiblePart)
    }

    /// What the search answers when the limit comes before step 2 has a calendar.
    private func stoppedEarly() -> Result { finished(quick == nil ? .unknown : .feasible, quick?.schedule, quick?.cost) }

    /// Tells `limits.progress` when the calendar's cost or the bound has improved.
    private func report(_ total: Int) {
        guard let progress = limits.progress else { return }
        let b: Int? = bound > 0 ? bound : nil
        guard reported.cost.map({ total < $0 }) ?? true || (b ?? 0) > (reported.bound ?? 0) else { return }
        reported = (total, b)
        progress(SearchProgress(seconds: now() - started, cost: total, bound: b))
    }

    // MARK: The steps

    /// 0. A calendar at once: the parts one after another, each its first calendar against the
    /// rooms the earlier ones take (from `Parameters.quickParts` parts on).
    private func calendarAtOnce() {
        guard parts.count >= Parameters.quickParts else { return }
        let (greedy, placedAll) = firstCalendar()
        if placedAll {
            quick = (greedy, parts.indices.reduce(0) { Cost.add($0, cost(of: $1, in: greedy)) })
        } else if !stopped {
            // A part found no room even with its rivals: the whole scenario at once, from the
            // parts placed so far (should that fail, the steps after this one find out again).
            _ = firstCalendarOfWhole(hint: greedy)
        }
        reported = (quick?.cost, nil)
        if let quick {
            stats.timeToFirst = now() - started
            limits.progress?(SearchProgress(seconds: stats.timeToFirst!, cost: quick.cost, bound: nil))
        }
    }

    /// The first calendar of the whole scenario searched at once (fail first), its first values
    /// `hint`'s options: it keeps most of them and moves what the rooms force.
    /// `nodeLimit` and `prices` (the options' order, `pricedOrder`) when given.
    private func firstOfWhole(hint: Schedule, nodeLimit: Int? = nil, prices: RoomPrices? = nil) -> SolveOutcome {
        var firstOnly = limits.step(timeLimit: remaining(), nodeLimit: nodeLimit)
        firstOnly.solutionLimit = 1
        let search = Solver(scenario, limits: firstOnly, evaluator: evaluator)
        search.hint(hint)
        if let prices { search.preference = pricedOrder(search.model, prices) }
        let whole = search.solve()
        stats.absorb(whole.stats)
        return whole
    }

    /// Step 0's calendar from the whole scenario searched at once, from `hint` (the parts'
    /// calendars so far): nil when found; else the run's result (infeasible, or stopped).
    private func firstCalendarOfWhole(hint: Schedule) -> Result? {
        let whole = firstOfWhole(hint: hint)
        guard let schedule = whole.schedule, let cost = whole.objective else {
            return whole.status == .infeasible ? finished(.infeasible, nil, nil) : stoppedEarly()
        }
        quick = (schedule, cost)
        return nil
    }

    /// 1. Each part alone: infeasible when one is; optimal when the merged calendar keeps the rooms.
    private func eachPartAlone() -> Result? {
        allProven = true
        for (k, part) in parts.enumerated() {
            let out = sub(part, nodeLimit: partNodes)
            // A part unproven still bounds the whole by its search's root bound.
            bound = Cost.add(bound, out.status == .optimal ? out.objective! : out.stats.bound ?? 0)
            switch out.status {
            case .infeasible: return finished(.infeasible, nil, nil, infeasiblePart: part)
            case .unknown:
                // No calendar of its own within the budget: step 0's serves, else the whole
                // scenario's first calendar (the part's budget is not the run's time limit).
                guard !stopped else { return stoppedEarly() }
                if quick == nil, let result = firstCalendarOfWhole(hint: merged) { return result }
                guard let quick else { return stoppedEarly() }
                allProven = false
                for e in part { merged[e] = quick.schedule[e] }
                alone.append(cost(of: k, in: quick.schedule))
                continue
            case .feasible: allProven = false
            case .optimal: break
            }
            for (i, e) in part.enumerated() { merged[e] = out.schedule![i] }
            alone.append(out.objective!)
        }
        guard evaluator.roomProblems(merged).isEmpty else { return nil }
        if stats.timeToFirst == nil { stats.timeToFirst = now() - started }
        if allProven { return finished(.optimal, merged, bound) }
        // The parts' calendars fit together but are not all proven: the first calendar.
        mergedFits = true
        current = merged
        partCost = alone
        report(partsTotal)
        return nil
    }

    /// 2. One after another, each with the rooms the earlier parts take. Should a part find no
    /// room, the first calendar of the whole scenario searched at once takes its place; on the
    /// learning core that search starts from the parts' own calendars (their options as first
    /// values), so it keeps most of them and moves what rooms force.
    private func partsInTurn() -> Result? {
        var earlier: [Int: [Int: Int]] = [:]   // the rooms the parts before k take
        for (k, part) in parts.enumerated() {
            let out = sub(part, occupancy: earlier, nodeLimit: partNodes)
            guard let schedule = out.schedule else {
                let whole = firstOfWhole(hint: merged)
                guard let first = whole.schedule else {
                    // Proven infeasible, or the limit came first.
                    return whole.status == .unknown ? stoppedEarly() : finished(whole.status, nil, nil)
                }
                current = first
                for k in parts.indices { partCost[k] = cost(of: k, in: current) }
                break
            }
            for (i, e) in part.enumerated() { current[e] = schedule[i] }
            partCost[k] = out.objective!
            for vd in VenueDay.taken(by: schedule, in: scenario) { earlier[vd.venue, default: [:]][vd.day, default: 0] += 1 }
        }
        if let quick, quick.cost < partsTotal {
            current = quick.schedule
            for k in parts.indices { partCost[k] = cost(of: k, in: current) }
        }
        if stats.timeToFirst == nil { stats.timeToFirst = now() - started }
        report(partsTotal)
        return nil
    }

    /// 3. A stronger bound: the Lagrangian relaxation of the rooms, priced towards the best
    /// calendar known, resumed between the slices of step 4; at most `Parameters.pricingRounds`
    /// rounds and `Parameters.pricingNodes` nodes in all. Every calendar a part proposes at some
    /// prices joins the pool that `combine` chooses from.
    private func startPricing() {
        // Parts unproven alone bound the relaxation by their roots: it may never rise, so it
        // gets `pricingPatience` rounds to show it does.
        relaxation = RoomsRelaxation(scenario: scenario, parts: parts, start: merged, initial: bound,
                                     patience: allProven ? nil : Parameters.pricingPatience)
        relaxation?.trace = limits.trace
        for (k, part) in parts.enumerated() {
            pool.add(part: k, part.map { merged[$0] }, cost: alone[k])
            pool.add(part: k, part.map { current[$0] }, cost: partCost[k])
        }
        tighten(below: partsTotal)
        _ = combine(below: partsTotal)
        pricedCalendar()
        report(partsTotal)
    }

    /// The calendar the prices suggest (a Lagrangian heuristic, Fisher 1981): the whole
    /// scenario's first calendar with each event's relaxed option tried first and its others in
    /// the prices' order, so that the rooms' conflicts alone move events off it; it becomes the
    /// calendar when cheaper. Tried from the last round's relaxed calendar and from the rounds'
    /// average (`RoomsRelaxation.averaged`), the cheaper kept (the first on a tie), whose relaxed
    /// calendar then guides the search: on 2,000 one-off meetings the average gives 4,661 and the
    /// last round 4,742 (the parts' calendar: 6,350); on hard K = 20 seed 1, 1,050 and 1,034.
    private func pricedCalendar() {
        guard let relaxation else { return }
        var best: (hint: Schedule, schedule: Schedule, cost: Int)? = nil
        let prices = relaxation.prices
        for hint in [relaxation.solution, relaxation.averaged] where !stopped {
            let out = firstOfWhole(hint: hint, nodeLimit: Parameters.pricedCalendarNodesPerEvent * scenario.events.count, prices: prices)
            limits.trace?("priced calendar: \(out.objective.map(String.init) ?? "none") against \(partsTotal)")
            if let schedule = out.schedule, let cost = out.objective, cost < best?.cost ?? partsTotal { best = (hint, schedule, cost) }
        }
        guard let best else { return }
        current = best.schedule
        for k in parts.indices { partCost[k] = cost(of: k, in: current) }
        guide = best.hint
    }

    /// Each event's options of `model`, cheapest first at the rooms' `prices` (ties by
    /// the unpriced order): an event that loses its priced option to the rooms moves to the next
    /// one the prices favour, not to the crowded days around its wish.
    private func pricedOrder(_ model: CompiledModel, _ prices: RoomPrices) -> [[Int]] {
        model.options.indices.map { e in
            let priced = model.options[e].map { Cost.add(Cost.mul(RoomsRelaxation.scale, $0.unary), prices.price(of: $0.placement)) }
            var rank = Array(repeating: 0, count: priced.count)
            for (i, o) in model.byCost[e].enumerated() { rank[o] = i }
            return model.options[e].indices.sorted { priced[$0] != priced[$1] ? priced[$0] < priced[$1] : rank[$0] < rank[$1] }
        }
    }

    /// Part `k` alone at the rooms' `prices`, from `hint`.
    private func pricedSolve(_ k: Int, _ prices: RoomPrices, hint: Schedule) -> SolveOutcome {
        let base: CompiledModel, alone: Bool
        if let known = pricedBase[k] { (base, alone) = known } else {
            let (s, partEvaluator) = restricted(parts[k])
            var setup = SearchSetup()
            setup.costScale = RoomsRelaxation.scale
            setup.stop = limits.stop
            base = CompiledModel(s, evaluator: partEvaluator, setup: setup,
                                 deadline: limits.timeLimit.map { started + $0 })
            alone = !base.aborted && base.options.count == 1 && base.softTerms.isEmpty && base.softSums.isEmpty && base.hardPropagators().isEmpty
            pricedBase[k] = (base, alone)
        }
        guard !base.aborted else { return SolveOutcome(status: .unknown, schedule: nil, objective: nil, stats: SolveStats()) }
        if alone {
            let (out, nodes) = Decomposed.cheapestAlone(base, prices, hint: hint[parts[k][0]])
            stats.nodes += nodes
            return out
        }
        let solver = Solver(model: CompiledModel(repricing: base) { _, p in prices.price(of: p) },
                            limits: limits.step(timeLimit: remaining(), nodeLimit: partNodes))
        solver.seed(with: parts[k].map { hint[$0] })
        let out = solver.solve()
        stats.absorb(out.stats)
        return out
    }

    /// The priced optimum of a part of one event that nothing but its options constrains (one
    /// of the one-off meetings), and the nodes its search takes: what `pricedSolve`'s search
    /// finds, without compiling and searching (2,000 one-off meetings price 60 rounds in 0.25 s,
    /// where a search of each part took 2.3 s). The search, seeded with `hint`, keeps it when
    /// it is among the cheapest; else it takes the first by priced cost and index. Its bound
    /// leaves the options cheaper than the hint (all of them without one): it decides (one node)
    /// only when more than one is left.
    static func cheapestAlone(_ base: CompiledModel, _ prices: RoomPrices, hint: Placement?) -> (outcome: SolveOutcome, nodes: Int) {
        let options = base.options[0]
        guard !options.isEmpty else { return (SolveOutcome(status: .infeasible, schedule: nil, objective: nil, stats: SolveStats()), 0) }
        let cost = options.map { Cost.add($0.unary, min(Cost.cap, prices.price(of: $0.placement))) }
        var pick = options.indices.min { (cost[$0], $0) < (cost[$1], $1) }!
        let h = base.option(0, hint)
        let open = h.map { h in cost.filter { $0 < cost[h] }.count } ?? options.count
        if let h, cost[h] == cost[pick] { pick = h }
        return (SolveOutcome(status: .optimal, schedule: [options[pick].placement], objective: cost[pick], stats: SolveStats()), open > 1 ? 1 : 0)
    }

    /// More rounds of the relaxation towards a calendar of cost `total`, within what is left of
    /// the pricing budget.
    private func tighten(below total: Int) {
        guard bound < total, pricingNodes < Parameters.pricingNodes, let before = relaxation?.bound else { return }
        let began = now(), nodes = stats.nodes
        relaxation?.improve(upper: total, goOn: { self.pricingNodes + self.stats.nodes - nodes < Parameters.pricingNodes && !self.stopped }) {
            k, prices, hint in
            let out = self.pricedSolve(k, prices, hint: hint)
            guard let objective = out.objective, objective < Cost.cap, let schedule = out.schedule else { return nil }
            // The part's own cost: the priced objective less the prices, unscaled.
            let paid = schedule.reduce(0) { Cost.add($0, $1.map(prices.price) ?? 0) }
            self.pool.add(part: k, schedule, cost: (objective - paid) / RoomsRelaxation.scale)
            // Unproven, the part bounds the relaxation by its search's root bound.
            return (out.status == .optimal ? objective : out.stats.bound ?? 0, schedule)
        }
        pricingNodes += stats.nodes - nodes
        // Pricing that has not raised the bound within its patience is over: the search's nodes go
        // to the calendar.
        if relaxation?.gaveUp == true { pricingNodes = Parameters.pricingNodes }
        bound = max(bound, relaxation?.bound ?? 0)
        limits.trace?("pricing: bound \(before) -> \(bound) (half-units), \(pricingNodes) nodes in all, "
                      + "\(Int((now() - began) * 1000)) ms")
    }

    /// A combination of the parts' calendars met so far cheaper than `total`, if there is one;
    /// it becomes the calendar, with its parts' costs.
    private func combine(below total: Int) -> Bool {
        guard total > bound, pool.fresh > 0, (remaining() ?? 1) > 0,
              let (_, choice) = pool.best(below: total, nodeLimit: Parameters.combineNodes, deadline: now() + (remaining() ?? 60)) else { return false }
        for (k, part) in parts.enumerated() {
            let column = pool.columns[k][choice[k]]
            for (i, e) in part.enumerated() { current[e] = column.placements[i] }
            partCost[k] = column.cost
        }
        return true
    }

    /// 4. The one search over the whole scenario from the calendar: its dives free parts among
    /// their other kinds, its restarts go on with the complete search, and the bound, once met,
    /// ends it. It runs in slices of `sliceNodes`, between which the relaxation tightens the bound
    /// and the pool's combination may give it a cheaper calendar. It proves small scenarios at
    /// once and improves large ones.
    private func improveAndProve() -> Result {
        var total = partsTotal
        var proven = total <= bound
        if !proven, !stopped {
            let solver = wholeSolver()
            if solver.seed(with: current) {
                while true {
                    let out = solver.solve(slice: Parameters.sliceNodes)
                    if let schedule = out.schedule, let objective = out.objective, objective < total {
                        // `partCost` is left as it was: from here on only `total` is read.
                        current = schedule; total = objective
                        report(total)
                    }
                    proven = out.status == .optimal || total <= bound
                    guard !proven, solver.sliceEnded, !stopped else { stats.absorb(out.stats); break }
                    tighten(below: total)
                    solver.knownBound = bound
                    if combine(below: total) { total = partsTotal; solver.seed(with: current); report(total) }
                }
            }
        }
        if proven, bound < total { bound = total; report(total) }
        stats.bound = bound
        return finished(proven ? .optimal : .feasible, current, total)
    }

    /// The search over the whole scenario for step 4, its progress the run's (with the run's
    /// clock and bound), its dives freeing parts too.
    private func wholeSolver() -> Solver {
        var whole = limits.step(timeLimit: remaining())
        if let outer = limits.progress {
            let offset = now() - started, known: Int? = bound > 0 ? bound : nil
            whole.progress = { p in outer(SearchProgress(seconds: p.seconds + offset, cost: p.cost, bound: known)) }
        }
        let solver = Solver(scenario, limits: whole, evaluator: evaluator)
        solver.hints = Neighbourhoods.Hints(groups: parts)
        solver.knownBound = bound
        // Where the prices made the calendar, they also order the options the search tries, and
        // their calendar guides a kind of neighbourhood.
        if let guide, let relaxation {
            solver.preference = pricedOrder(solver.model, relaxation.prices)
            solver.hints.guide = guide.enumerated().map { e, p in solver.model.option(e, p) ?? -1 }
        }
        return solver
    }

    /// The parts one after another, each its first calendar (`firstOnly`) against the rooms the
    /// earlier ones take, and the calendar's cost. A part that finds no room is searched again
    /// together with the earlier parts that hold rooms it could use (its rivals: the one holding
    /// most, then three, then seven), against the rooms of the rest; when that fails too, the
    /// parts placed so far and false. The rooms taken are kept as a running count, so that a
    /// season's thousands of parts cost no more each than the first.
    private func firstCalendar() -> (schedule: Schedule, placedAll: Bool) {
        var schedule = Schedule(repeating: nil, count: scenario.events.count)
        var occupied: [Int: [Int: Int]] = [:]
        func days(_ k: Int) -> [VenueDay] { VenueDay.taken(by: parts[k].map { schedule[$0] }, in: scenario) }
        func count(_ k: Int, _ sign: Int) { for vd in days(k) { occupied[vd.venue, default: [:]][vd.day, default: 0] += sign } }
        nextPart: for k in parts.indices {
            var sizes = [0], rivals: [Int] = [], attempt = 0
            while attempt < sizes.count {
                let group = [k] + rivals.prefix(sizes[attempt])
                attempt += 1
                let events = group.flatMap { parts[$0] }.sorted()
                // Rooms taken by the placed parts outside the group.
                for g in group.dropFirst() { count(g, -1) }
                let out = sub(events, occupancy: occupied, firstOnly: true)
                guard let result = out.schedule else {
                    for g in group.dropFirst() { count(g, 1) }
                    if out.status == .unknown { return (schedule, false) }
                    if attempt == 1 {
                        rivals = self.rivals(of: k, in: schedule)
                        for n in Parameters.rivalGroups where min(n, rivals.count) > sizes.last! { sizes.append(min(n, rivals.count)) }
                    }
                    continue
                }
                for (i, e) in events.enumerated() { schedule[e] = result[i] }
                for g in group { count(g, 1) }
                continue nextPart
            }
            return (schedule, false)
        }
        return (schedule, true)
    }

    /// The parts before `k` (all placed) holding rooms on venue-days that part `k` could use (a venue
    /// its events may meet at, a day inside their windows), most such days first; ties in part order.
    private func rivals(of k: Int, in schedule: Schedule) -> [Int] {
        var wanted = Set<VenueDay>()
        for e in parts[k] {
            let event = scenario.events[e]
            guard !event.isMilestone else { continue }
            let venues = event.venues.isEmpty ? Array(scenario.venues.indices) : event.venues
            for v in venues where scenario.venues[v].rooms != nil {
                for d in event.window.start.ordinal...event.window.end.ordinal { wanted.insert(VenueDay(day: d, venue: v)) }
            }
        }
        let overlap = (0..<k).map { j in (j, VenueDay.taken(by: parts[j].map { schedule[$0] }, in: scenario).filter(wanted.contains).count) }
        return overlap.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }

    /// The objective of part `k` as placed in `schedule` (half-units), by the evaluator.
    private func cost(of k: Int, in schedule: Schedule) -> Int {
        Cost.halves(restricted(parts[k]).evaluator.evaluate(parts[k].map { schedule[$0] }).cost)
    }

    /// The scenario of `events` alone and its evaluator, made once per set of events: restricting
    /// renumbers every rule, and a rule over thousands of events (the one-off meetings' avoidance
    /// of outside events) made that a twentieth of a run when done for each part at each step.
    private func restricted(_ events: [Int]) -> (scenario: Scenario, evaluator: Evaluator) {
        if let known = restrictedTo[events] { return known }
        let s = scenario.restricted(to: events)
        let made = (s, Evaluator(s, calendarsOf: evaluator))
        restrictedTo[events] = made
        return made
    }
    private var restrictedTo: [[Int]: (scenario: Scenario, evaluator: Evaluator)] = [:]
}

/// The rooms' prices per venue-day (scaled half-units): the relaxation's, rounded, as a table
/// over the venues and days that have a price, since pricing looks them up millions of times
/// (2,000 one-off meetings: 60 rounds × 2,000 parts × about 17 options × their days).
struct RoomPrices {
    /// The positive prices by venue-day.
    let byDay: [VenueDay: Int]
    /// The table's first venue and day, its days a venue, and its prices by (venue, day).
    private let firstVenue: Int, venues: Int, firstDay: Int, days: Int
    private let table: [Int]

    init(_ byDay: [VenueDay: Int]) {
        self.byDay = byDay
        let keys = byDay.keys
        firstVenue = keys.map(\.venue).min() ?? 0
        venues = keys.isEmpty ? 0 : keys.map(\.venue).max()! - firstVenue + 1
        firstDay = keys.map(\.day).min() ?? 0
        days = keys.isEmpty ? 0 : keys.map(\.day).max()! - firstDay + 1
        var table = Array(repeating: 0, count: venues * days)
        for (vd, p) in byDay { table[(vd.venue - firstVenue) * days + vd.day - firstDay] = p }
        self.table = table
    }

    /// The price `p` pays for the rooms it takes.
    func price(of p: Placement) -> Int {
        guard let v = p.roomVenue.map({ $0 - firstVenue }), v >= 0, v < venues else { return 0 }
        return p.occupied.reduce(0) { total, d in
            let i = d.ordinal - firstDay
            return i >= 0 && i < days ? Cost.add(total, table[v * days + i]) : total
        }
    }
}
