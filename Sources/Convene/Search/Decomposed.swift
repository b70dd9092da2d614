/// Solving a scenario part by part.
///
/// 1. Each independent part is solved to its optimum with the rooms counting its own events only.
///    The sum of these optima is a lower bound of the whole; when the merged calendar also keeps
///    every venue's rooms, it is optimal.
/// 2. Otherwise the parts are solved again one after another, each seeing the rooms the earlier
///    ones already take: the first calendar. Should a part find no room that way, the whole
///    scenario is searched at once.
/// 3. A Lagrangian relaxation of the rooms tightens the bound.
/// 4. Large-neighbourhood search over one part, then two parts, with the rest held.
/// 5. The same over the events of each crowded venue-month, until the bound, a pass without
///    improvement, or the limit; `optimal` only when the calendar meets the bound.
struct Decomposed {
    let scenario: Scenario
    let parts: [[Int]]
    let limits: Limits
    let evaluator: Evaluator

    struct Result {
        var outcome: SolveOutcome
        /// A part proven infeasible on its own: its events.
        var infeasiblePart: [Int]?
    }

    func solve() -> Result {
        let started = now()
        var stats = SolveStats()
        func remaining() -> Double? { limits.timeLimit.map { max(0, $0 - (now() - started)) } }
        func sub(_ part: [Int], occupancy: [Int: [Int: Int]] = [:], prices: [Int: Int] = [:], budget: Double? = nil) -> (SolveOutcome, Scenario) {
            let s = scenario.restricted(to: part)
            var setup = SearchSetup()
            setup.occupancy = occupancy
            if !prices.isEmpty {
                setup.extraCost = { _, p in
                    guard let v = p.venue, !p.isMilestone else { return 0 }
                    return p.occupied.reduce(0) { $0 + (prices[$1.ordinal * 64 + v] ?? 0) }
                }
            }
            let time = budget.map { b in min(b, remaining() ?? b) } ?? remaining()
            let out = Solver(s, setup: setup, limits: Limits(timeLimit: time, stop: limits.stop), evaluator: Evaluator(s, calendarsOf: evaluator)).solve()
            stats.nodes += out.stats.nodes; stats.failures += out.stats.failures
            stats.propagations += out.stats.propagations; stats.solutions += out.stats.solutions
            return (out, s)
        }
        // 1. Each part alone.
        var merged = Schedule(repeating: nil, count: scenario.events.count)
        var bound = 0, allOptimal = true
        var alone: [Int] = []
        for part in parts {
            let (out, _) = sub(part)
            switch out.status {
            case .infeasible:
                stats.elapsed = now() - started
                return Result(outcome: SolveOutcome(status: .infeasible, schedule: nil, objective: nil, stats: stats), infeasiblePart: part)
            case .unknown:
                stats.elapsed = now() - started
                return Result(outcome: SolveOutcome(status: .unknown, schedule: nil, objective: nil, stats: stats), infeasiblePart: nil)
            case .feasible: allOptimal = false
            case .optimal: break
            }
            for (i, e) in part.enumerated() { merged[e] = out.schedule![i] }
            bound = Cost.add(bound, out.objective!)
            alone.append(out.objective!)
        }
        if stats.timeToFirst == nil, evaluator.roomProblems(merged).isEmpty {
            stats.timeToFirst = now() - started
            stats.elapsed = stats.timeToFirst!
            return Result(outcome: SolveOutcome(status: allOptimal ? .optimal : .feasible, schedule: merged, objective: bound, stats: stats),
                          infeasiblePart: nil)
        }
        // 2. One after another, each with the rooms the earlier parts take.
        var current = Schedule(repeating: nil, count: scenario.events.count)
        var partCost = Array(repeating: 0, count: parts.count)
        func occupancy(except skip: Set<Int>) -> [Int: [Int: Int]] {
            var taken: [Int: [Int: Int]] = [:]
            for (k, part) in parts.enumerated() where !skip.contains(k) {
                for e in part {
                    guard let p = current[e], let v = p.venue, !p.isMilestone else { continue }
                    for d in p.occupied { taken[v, default: [:]][d.ordinal, default: 0] += 1 }
                }
            }
            return taken
        }
        for (k, part) in parts.enumerated() {
            let (out, _) = sub(part, occupancy: occupancy(except: Set(k..<parts.count)))
            guard let schedule = out.schedule else {
                // The whole at once.
                var whole = Solver(scenario, limits: Limits(timeLimit: remaining(), stop: limits.stop), evaluator: evaluator).solve()
                whole.stats.bound = bound
                return Result(outcome: whole, infeasiblePart: nil)
            }
            for (i, e) in part.enumerated() { current[e] = schedule[i] }
            partCost[k] = out.objective!
        }
        stats.timeToFirst = now() - started
        // 3. A stronger bound: a Lagrangian relaxation of the rooms (Fisher 1981). Each crowded
        // venue-day gets a price added to the parts' option costs; Σ parts' optima − Σ price ×
        // rooms is a lower bound for any price ≥ 0. Prices follow the subgradient (excess rooms).
        bound = max(bound, lagrangianBound(merged, initial: bound, sub: { part, prices in
            let (out, _) = sub(part, prices: prices, budget: 1)
            return out.status == .optimal ? out : nil
        }, remaining: remaining))
        // 4. Large-neighbourhood search: re-solve one part, then two parts together, with the
        // rest held where they are, keeping each strict improvement; until the bound, no
        // improvement in a whole pass, or the limit.
        var improved = true
        while improved, partCost.reduce(0, Cost.add) > bound, !(limits.stop?.isRaised ?? false), (remaining() ?? 1) > 0 {
            improved = false
            let unhappy = Set(parts.indices.filter { partCost[$0] > alone[$0] })
            let neighbourhoods = unhappy.sorted().map { [$0] } + pairsToTry(current, unhappy)
            for group in neighbourhoods {
                if (remaining() ?? 1) <= 0 || limits.stop?.isRaised == true { break }
                let union = group.flatMap { parts[$0] }.sorted()
                let (out, _) = sub(union, occupancy: occupancy(except: Set(group)))
                guard let schedule = out.schedule, out.objective! < group.reduce(0, { Cost.add($0, partCost[$1]) }) else { continue }
                for (i, e) in union.enumerated() { current[e] = schedule[i] }
                for k in group { partCost[k] = cost(of: k, in: current) }
                improved = true
            }
        }
        // 5. Events rather than parts: free every event at a crowded venue in a month, hold the
        // rest of the calendar, and search for a cheaper arrangement under a node limit.
        var total = partCost.reduce(0, Cost.add)
        improved = true
        while improved, total > bound, !(limits.stop?.isRaised ?? false), (remaining() ?? 1) > 0 {
            improved = false
            for free in crowdedNeighbourhoods(current) {
                if (remaining() ?? 1) <= 0 || limits.stop?.isRaised == true { break }
                var setup = SearchSetup()
                let freeSet = Set(free)
                for e in scenario.events.indices where !freeSet.contains(e) { setup.frozen[e] = current[e] }
                let step = min(remaining() ?? 2, 2)
                let solver = Solver(scenario, setup: setup, limits: Limits(timeLimit: step, nodeLimit: 20_000, stop: limits.stop), evaluator: evaluator)
                guard solver.seed(with: current) else { continue }
                let out = solver.solve()
                stats.nodes += out.stats.nodes; stats.failures += out.stats.failures
                guard let schedule = out.schedule, let objective = out.objective, objective < total else { continue }
                current = schedule
                total = objective
                improved = true
            }
        }
        stats.elapsed = now() - started
        stats.bound = bound
        let proven = allOptimal && total == bound
        return Result(outcome: SolveOutcome(status: proven ? .optimal : .feasible, schedule: current, objective: total, stats: stats),
                      infeasiblePart: nil)
    }

    /// The best Lagrangian bound found in a few subgradient steps (half-units), or `initial`.
    private func lagrangianBound(_ relaxed: Schedule, initial: Int, sub: (_ part: [Int], _ prices: [Int: Int]) -> SolveOutcome?,
                                 remaining: () -> Double?) -> Int {
        let deadline = now() + min(5, (remaining() ?? 10) / 4)
        var prices: [Int: Int] = [:]
        var solution = relaxed, best = initial, step = 4
        for _ in 0..<25 {
            guard now() < deadline, !(limits.stop?.isRaised ?? false) else { break }
            var count: [Int: Int] = [:]
            for p in solution {
                guard let p, let v = p.venue, !p.isMilestone else { continue }
                for d in p.occupied { count[d.ordinal * 64 + v, default: 0] += 1 }
            }
            var moved = false
            for key in Set(count.keys).union(prices.keys) {
                guard let rooms = scenario.venues[key & 63].rooms else { continue }
                let g = count[key, default: 0] - rooms
                let price = max(0, prices[key, default: 0] + step * g)
                if price != prices[key, default: 0] { moved = true }
                prices[key] = price == 0 ? nil : price
            }
            guard moved else { break }
            var total = 0
            var next = Schedule(repeating: nil, count: scenario.events.count)
            for part in parts {
                guard let out = sub(part, prices), let objective = out.objective else { return best }
                total = Cost.add(total, objective)
                for (i, e) in part.enumerated() { next[e] = out.schedule![i] }
            }
            guard total < Cost.cap else { return best }
            for (key, price) in prices { total -= price * (scenario.venues[key & 63].rooms ?? 0) }
            best = max(best, total)
            solution = next
            step = max(1, step * 3 / 4)
        }
        return best
    }

    /// Sets of events to free together: for each venue-month holding a date whose rooms are
    /// all taken, the events at that venue in that month. In venue, then month order.
    private func crowdedNeighbourhoods(_ current: Schedule) -> [[Int]] {
        var count: [Int: Int] = [:]      // day ordinal * 64 + venue → events
        for p in current {
            guard let p, let v = p.venue, !p.isMilestone else { continue }
            for d in p.occupied { count[d.ordinal * 64 + v, default: 0] += 1 }
        }
        var crowded = Set<Int>()         // month index * 64 + venue
        for (key, n) in count {
            let v = key & 63, d = Day(ordinal: key >> 6)
            if let rooms = scenario.venues[v].rooms, n >= rooms { crowded.insert(d.monthIndex * 64 + v) }
        }
        return crowded.sorted { ($0 & 63, $0 >> 6) < ($1 & 63, $1 >> 6) }.map { key in
            current.indices.filter { e in
                guard let p = current[e], p.venue == key & 63, !p.isMilestone else { return false }
                return p.occupied.contains { $0.monthIndex == key >> 6 }
            }
        }
    }

    /// The objective of part `k` as placed in `schedule` (half-units), by the evaluator.
    private func cost(of k: Int, in schedule: Schedule) -> Int {
        let s = scenario.restricted(to: parts[k])
        return Cost.halves(Evaluator(s, calendarsOf: evaluator).evaluate(parts[k].map { schedule[$0] }).cost)
    }

    /// Pairs of parts worth re-solving together: a part costing more than alone, with each
    /// part holding rooms on a venue-day it uses. In part order.
    private func pairsToTry(_ current: Schedule, _ unhappy: Set<Int>) -> [[Int]] {
        var users: [Int: Set<Int>] = [:]   // venue-day key → parts
        var partOf: [Int: Int] = [:]
        for (k, part) in parts.enumerated() { for e in part { partOf[e] = k } }
        for (e, p) in current.enumerated() {
            guard let p, let v = p.venue, !p.isMilestone else { continue }
            for d in p.occupied { users[d.ordinal * 64 + v, default: []].insert(partOf[e]!) }
        }
        var pairs = Set<[Int]>()
        for set in users.values where set.count > 1 {
            for a in set where unhappy.contains(a) { for b in set where b != a { pairs.insert([min(a, b), max(a, b)]) } }
        }
        return pairs.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
