@testable import Convene

/// A reference answer for small scenarios, independent of the solver: every placement of
/// every event, every combination of them, each judged by the evaluator.
///
/// It shares with the library only what the spec defines once: the occupied dates of a
/// placement (`Evaluator.place`), the structure of an assignment (`structureProblems`) and the
/// amounts and cost of a complete calendar (`Evaluator.evaluate`). It never calls the solver,
/// its compiled model or the conflict explainer, and it relaxes conflict elements by its own
/// reading of the spec's "Calendar file" section.
///
/// The only shortcut is sound by the spec's own definitions: a partial calendar that already
/// breaks a hard rule whose amount can only grow as events are added (`precedence`, `chain`,
/// `noOverlap`, `minSpacing`, `avoidExternal`, `rooms`, a `totalDays` with no `min`, an
/// `atMost` `monthlyQuota`) is not completed.
struct BruteForce {
    let scenario: Scenario
    let evaluator: Evaluator
    /// Nodes (placements tried, at any depth) after which a search gives up.
    let limit: Int

    init(_ scenario: Scenario, limit: Int = 100_000) {
        self.scenario = scenario
        self.evaluator = Evaluator(scenario)
        self.limit = limit
    }

    /// The best calendar: whether any meets every hard rule, and the least cost among those.
    struct Optimum {
        var feasible: Bool { cost != nil }
        var cost: Double?
        /// One calendar of least cost (the first met).
        var best: Schedule?
        /// How many complete calendars meet every hard rule.
        var calendars = 0
        var nodes = 0
        /// Calendars on which this enumerator and `Evaluator.evaluate` disagree (none expected).
        var inconsistencies: [String] = []
    }

    /// Every element a conflict may name: each hard constraint id, each event's five reasons and
    /// each venue's `rooms` (when it has one).
    var allElements: Set<String> {
        var out = Set(scenario.constraints.filter(\.hard).map(\.id))
        for e in scenario.events {
            for r in ["window", "venues", "fixed", "days", "calendar"] { out.insert("\(r):\(e.id)") }
        }
        for v in scenario.venues where v.rooms != nil { out.insert("rooms:\(v.id)") }
        return out
    }

    /// The placements event `e` may take, the reasons in `relaxed` relaxed as the spec's
    /// conflict definition says: `window` to the horizon, `venues` to every venue of the scenario,
    /// `fixed` to no pin, `days` to any length from half a day up to the event's longest,
    /// `calendar` to no contiguity and no start weekdays (the start stays a working day).
    func candidates(_ e: Int, relaxed: Set<String> = []) -> [Placement] {
        let ev = scenario.events[e]
        let h = scenario.horizon
        var venues: [Int?] = ev.venues.isEmpty ? [nil] : ev.venues.map { Optional($0) }
        if relaxed.contains("venues:\(ev.id)"), !ev.venues.isEmpty { venues = scenario.venues.indices.map { Optional($0) } }
        var lengths = ev.length.choices
        if relaxed.contains("days:\(ev.id)"), !ev.isMilestone {
            lengths = [0.5] + (ev.length.longest >= 1 ? (1...Int(ev.length.longest)).map(Double.init) : [])
        }
        var out: [Placement] = []
        for v in venues {
            for offset in 0..<h.count {
                let start = h.start + offset
                // The horizon and the venues' working days are never relaxed.
                guard evaluator.calendar(v).isWorkingDay(start) else { continue }
                for d in lengths {
                    guard let p = evaluator.place(start: start, venue: v, days: d), p.end <= h.end else { continue }
                    guard evaluator.structureProblems(of: e, p).allSatisfy({ relaxed.contains($0.rule) }) else { continue }
                    out.append(p)
                }
            }
        }
        return out
    }

    /// The least cost of a calendar meeting every hard rule; nil when the search is too large.
    ///
    /// Each complete calendar is judged by the rules' own amounts and the spec's sum for the
    /// cost (soft `weight × amount` plus the `preferredStart` terms); every calendar that beats
    /// the best so far, and one in 500 besides, is judged again by `Evaluator.evaluate`, which
    /// must agree.
    func optimum() -> Optimum? {
        let domains = scenario.events.indices.map { candidates($0) }
        var best = Optimum(), nodes = 0
        let hard = scenario.constraints.filter(\.hard)
        let atLeaf = hard.filter { !BruteForce.growsOnly($0.rule) }
        let soft = scenario.constraints.filter { !$0.hard }
        let rooms = Set(scenario.venues.indices.filter { scenario.venues[$0].rooms != nil })
        let done = search(domains, hard: hard, rooms: rooms, nodes: &nodes) { schedule in
            guard !atLeaf.contains(where: { $0.rule.evaluate(schedule, in: scenario).amount > 0 }) else { return false }
            best.calendars += 1
            var cost = soft.reduce(0.0) { $0 + Double($1.weight) * $1.rule.evaluate(schedule, in: scenario).amount }
            for (e, p) in schedule.enumerated() {
                if let want = scenario.events[e].preferredStart { cost += Double(scenario.preferredStartWeight * abs(p!.start - want)) }
            }
            // The evaluator judges every new best and one calendar in 500 besides.
            guard best.cost.map({ cost < $0 }) ?? true || best.calendars % 500 == 1 else { return false }
            let report = evaluator.evaluate(schedule)
            if !report.hardOK || report.cost != cost {
                best.inconsistencies.append("brute force judges a calendar hard OK at cost \(cost); the evaluator says hard OK \(report.hardOK), cost \(report.cost)")
            }
            if best.cost.map({ report.cost < $0 }) ?? true { best.cost = report.cost; best.best = schedule }
            return false
        }
        best.nodes = nodes
        return done ? best : nil
    }

    /// Whether a calendar exists when only the elements in `kept` hold (hard constraint ids
    /// and event-level reasons) and every other one is relaxed.
    enum Verdict: Equatable { case satisfiable, unsatisfiable, tooLarge, inconsistent(String) }

    func isSatisfiable(keeping kept: Set<String>) -> Verdict {
        let relaxed = allElements.subtracting(kept)
        var domains = scenario.events.indices.map { candidates($0, relaxed: relaxed) }
        if domains.contains(where: \.isEmpty) { return .unsatisfiable }
        let hard = scenario.constraints.filter { $0.hard && kept.contains($0.id) }
        let atLeaf = hard.filter { !BruteForce.growsOnly($0.rule) }
        let rooms = Set(scenario.venues.indices.filter { scenario.venues[$0].rooms != nil && kept.contains("rooms:\(scenario.venues[$0].id)") })
        // An event that no kept constraint selects and no kept `rooms` can count cannot change
        // the verdict (an amount depends on the events its rule selects): any one of its
        // placements, each of which keeps its own kept reasons, will do.
        for e in domains.indices {
            let selected = hard.contains { $0.rule.events.contains(e) }
            let roomed = domains[e].contains { p in !p.isMilestone && p.venue.map(rooms.contains) ?? false }
            if !selected && !roomed { domains[e] = [domains[e][0]] }
        }
        var found: Schedule? = nil, nodes = 0
        let done = search(domains, hard: hard, rooms: rooms, nodes: &nodes) { schedule in
            guard !atLeaf.contains(where: { $0.rule.evaluate(schedule, in: scenario).amount > 0 }) else { return false }
            found = schedule
            return true
        }
        if let found {
            // The evaluator must agree: of the kept elements, the calendar breaks none.
            let broken = evaluator.evaluate(found).hard.map(\.rule).filter(kept.contains)
            return broken.isEmpty ? .satisfiable : .inconsistent("brute force finds a calendar keeping \(kept.sorted()); the evaluator says it breaks \(broken)")
        }
        return done ? .unsatisfiable : .tooLarge
    }

    /// Whether a partial calendar's break of `rule` stays broken in every completion.
    static func growsOnly(_ rule: any ConstraintRule) -> Bool {
        switch rule {
        case is Precedence, is Chain, is NoOverlap, is MinSpacing, is AvoidExternal: return true
        case let t as TotalDays: return t.min == nil
        case let q as MonthlyQuota: return q.mode == .atMost
        default: return false
        }
    }

    /// Depth-first over every combination of `domains` (events with the fewest placements
    /// first), skipping partial calendars that break a grow-only rule of `hard` or the `rooms`
    /// of a venue in `rooms`. `leaf` sees each complete calendar and returns true to stop.
    /// Returns false when `limit` nodes came first.
    func search(_ domains: [[Placement]], hard: [Constraint], rooms: Set<Int>, nodes: inout Int,
                        leaf: (Schedule) -> Bool) -> Bool {
        let order = domains.indices.sorted { (domains[$0].count, $0) < (domains[$1].count, $1) }
        let pruning = hard.filter { BruteForce.growsOnly($0.rule) }
        let roomIDs = Set(rooms.map { "rooms:\(scenario.venues[$0].id)" })
        var schedule: Schedule = Array(repeating: nil, count: domains.count)
        var stopped = false, exhausted = false
        func go(_ depth: Int) {
            if depth == order.count { stopped = leaf(schedule); return }
            let e = order[depth]
            for p in domains[e] {
                nodes += 1
                if nodes > limit { exhausted = true; return }
                schedule[e] = p
                let broken = pruning.contains { $0.rule.events.contains(e) && $0.rule.evaluate(schedule, in: scenario).amount > 0 }
                    || (!p.isMilestone && p.venue.map(rooms.contains) == true
                        && evaluator.roomProblems(schedule).contains { roomIDs.contains($0.rule) })
                if !broken { go(depth + 1) }
                if stopped || exhausted { break }
            }
            schedule[e] = nil
        }
        go(0)
        return !exhausted
    }
}
