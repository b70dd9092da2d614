/// What would fix a minimal conflict (issue 15, item 4): for each element of the conflict, the
/// least change of that element alone that lets a calendar of the whole scenario exist, every
/// other element in force. Each is found by one learning search of the scenario compiled with
/// that element relaxed, the changes tried as assumptions (so the nogoods of one try serve the
/// next), and every calendar found is checked by the evaluator against the changed scenario.
///
/// "Least", by kind:
/// - `window:ID`: the window's one edge moved by the fewest days (the end later, or the start
///   earlier; the end when both move as far): a window one day narrower on that side has no calendar;
/// - `fixed:ID`: the pin's nearest other date, at its venue and length (the earlier of two dates
///   as near);
/// - `rooms:VENUE`: the fewest rooms more (one, else two, else three), on a set of dates from which
///   no date can be dropped; with one room fewer on those dates there is no calendar.
/// Other elements get no repair: dropping one of them is enough for the conflict, not always for
/// the whole scenario.
extension ConflictExplainer {
    /// The repairs of `conflict`, in its order; those the limit left no time for are left out.
    /// One search serves them all: the scenario compiled with the conflict's windows, pins and
    /// rooms relaxed, each of them switched back on as an assumption, so that the nogoods and
    /// phases of one repair's tries serve the next.
    public func repairs(for conflict: [ConflictElementID]) -> [ConflictRepair] {
        let repairable = conflict.filter { id in
            switch id {
            case .reason(.window, _), .reason(.fixed, _), .rooms: return true
            default: return false
            }
        }
        guard !repairable.isEmpty, !timeUp(), let search = repairSearch(repairable) else { return [] }
        var out: [ConflictRepair] = []
        for id in repairable {
            guard !timeUp() else { break }
            let ctx = RepairContext(search: search, others: repairable.indices.filter { repairable[$0] != id })
            switch id {
            case .reason(.window, let name): if let e = scenario.eventIndex(name), let r = windowRepair(e, ctx) { out.append(r) }
            case .reason(.fixed, let name): if let e = scenario.eventIndex(name), let r = pinRepair(e, ctx) { out.append(r) }
            case .rooms(let name): if let v = scenario.venueIndex(name), let r = roomsRepair(v, ctx) { out.append(r) }
            default: break
            }
        }
        return out
    }

    func timeUp() -> Bool { (deadline.map { now() >= $0 } ?? false) || limits.stop?.isRaised == true }

    /// The search of the repairs, and the elements of the conflict it switches on as given: all
    /// but the one being repaired (element i of the search is the conflict's i-th, `repairSearch`).
    struct RepairContext {
        let search: AssumptionSearch
        let others: [Int]
    }

    /// A search of the whole scenario with `relaxed` relaxed and every other element in force,
    /// its rules propagated at the root, and each of `relaxed` as given behind a selector; nil
    /// when even that leaves no calendar (or the limit came).
    func repairSearch(_ relaxed: [ConflictElementID]) -> AssumptionSearch? {
        let model = CompiledModel(scenario, evaluator: evaluator, setup: feasibility(relaxing: Set(relaxed)), deadline: deadline)
        guard !model.aborted, !model.options.contains(where: \.isEmpty) else { return nil }
        let search = AssumptionSearch(model: model, selectors: Parameters.repairSelectors + relaxed.count)
        for p in model.hardPropagators() { search.engine.add(p) }
        search.engine.scheduleAll()
        guard search.engine.propagate(),
              addElements(relaxed, to: search, model: model, part: Array(scenario.events.indices), compulsory: false) else { return nil }
        return search
    }

    /// A calendar with the element `variant` of `ctx.search` and the others as given, checked
    /// by `check`: .some(nil) when there is none, nil when the limit came first or the check fails.
    private func solve(_ ctx: RepairContext, _ variant: Int, check: (Schedule) -> Bool) -> Schedule?? {
        switch ctx.search.solve(ctx.others + [variant], decided: Array(scenario.events.indices), deadline: deadline ?? .infinity, stop: limits.stop) {
        case .sat(let values):
            let schedule: Schedule = values.enumerated().map { ctx.search.model.options[$0][$1].placement }
            return check(schedule) ? .some(schedule) : nil
        case .unsat: return .some(nil)
        case .unknown: return nil
        }
    }

    /// Tri-state: true (a calendar, checked by `check`), false (none), nil (the limit).
    private func tryVariant(_ ctx: RepairContext, _ removals: [(event: Int, options: [Int])], check: (Schedule) -> Bool) -> Bool? {
        solve(ctx, ctx.search.addRemovals(removals), check: check).map { $0 != nil }
    }

    /// Whether `schedule` meets every hard rule of `s`.
    private func holds(_ schedule: Schedule, in s: Scenario) -> Bool { Evaluator(s).evaluate(schedule).hardOK }

    /// Bisection of a monotone `test` between `none` (no calendar) and `some` (a calendar), each
    /// probe the lower value plus half the gap: the value next to the edge on the side of `some`;
    /// nil when the limit came first.
    private func bisect(none: Int, some: Int, _ test: (Int) -> Bool?) -> Int? {
        var a = none, b = some
        while abs(b - a) > 1 {
            let m = min(a, b) + abs(b - a) / 2
            guard let ok = test(m) else { return nil }
            if ok { b = m } else { a = m }
        }
        return b
    }

    // MARK: Windows

    func windowRepair(_ e: Int, _ ctx: RepairContext) -> ConflictRepair? {
        let s = scenario, ev = s.events[e]
        let options = ctx.search.model.options[e]
        func outside(_ lo: Day, _ hi: Day) -> [Int] {
            options.indices.filter { o in
                let p = options[o].placement
                return p.isMilestone ? !(lo <= p.start && p.start <= hi) : p.occupied.contains { $0 < lo || $0 > hi }
            }
        }
        func test(_ lo: Day, _ hi: Day) -> Bool? {
            var changed = s
            changed.events[e].window = DateRange(lo, hi)
            return tryVariant(ctx, [(e, outside(lo, hi))]) { holds($0, in: changed) }
        }
        let lo = max(ev.window.start, s.horizon.start), hi = min(ev.window.end, s.horizon.end)
        // The least end: the first day d after hi with a calendar (monotone: a later end only adds
        // options); the same for the start, before lo. Each from the scenario's edge (none) and the horizon's.
        var end: Day? = nil, start: Day? = nil
        if hi < s.horizon.end, test(lo, s.horizon.end) == true {
            guard let d = bisect(none: hi.ordinal, some: s.horizon.end.ordinal, { test(lo, Day(ordinal: $0)) }) else { return nil }
            end = Day(ordinal: d)
        }
        if lo > s.horizon.start, test(s.horizon.start, hi) == true {
            guard let d = bisect(none: lo.ordinal, some: s.horizon.start.ordinal, { test(Day(ordinal: $0), hi) }) else { return nil }
            start = Day(ordinal: d)
        }
        let element = ConflictElementID.reason(.window, event: ev.id)
        if let end, end - hi <= start.map({ lo - $0 }) ?? Int.max {
            return ConflictRepair(element: element, kind: "window-end",
                                  sentence: "widen \(element) to end on or after \(end.iso) (it ends \(hi.iso))", day: end)
        }
        if let start {
            return ConflictRepair(element: element, kind: "window-start",
                                  sentence: "widen \(element) to start on or before \(start.iso) (it starts \(lo.iso))", day: start)
        }
        return nil
    }

    // MARK: Pins

    func pinRepair(_ e: Int, _ ctx: RepairContext) -> ConflictRepair? {
        let s = scenario, ev = s.events[e]
        guard let pin = ev.fixed else { return nil }
        let options = ctx.search.model.options[e]
        func admitted(_ p: Placement, near: Int) -> Bool {
            abs(p.start - pin.start) <= near && (pin.venue.map { v in p.venue.map { s.venues[$0].id } == v } ?? true)
                && (pin.days.map { $0 == p.days } ?? true)
        }
        func check(_ schedule: Schedule) -> Bool {
            var changed = s
            changed.events[e].fixed = nil
            return holds(schedule, in: changed)
        }
        // The least distance: monotone (a wider band only adds options). Doubling from one day,
        // then halving: the nearest date is usually near, and a near band is quick to refute.
        func band(_ k: Int) -> Bool? {
            tryVariant(ctx, [(e, options.indices.filter { !admitted(options[$0].placement, near: k) })], check: check)
        }
        let far = s.horizon.count
        var a = 0, b = 1
        while true {
            guard let ok = band(b) else { return nil }
            if ok { break }
            if b >= far { return nil }
            a = b; b = min(far, 2 * b)
        }
        guard let near = bisect(none: a, some: b, band) else { return nil }
        for day in [pin.start - near, pin.start + near] {
            let keep = options.indices.filter { admitted(options[$0].placement, near: near) && options[$0].placement.start == day }
            guard !keep.isEmpty else { continue }
            let drop = options.indices.filter { !keep.contains($0) }
            guard let ok = tryVariant(ctx, [(e, drop)], check: check) else { return nil }
            if ok {
                return ConflictRepair(element: .reason(.fixed, event: ev.id), kind: "date",
                                      sentence: "pin \(ev.id) to \(day.iso)\(pin.venue.map { " at \($0)" } ?? "") instead of \(pin.start.iso), "
                                                + "the nearest date that works",
                                      day: day)
            }
        }
        return nil
    }

    // MARK: Rooms

    func roomsRepair(_ v: Int, _ ctx: RepairContext) -> ConflictRepair? {
        let s = scenario, venue = s.venues[v]
        guard let rooms = venue.rooms else { return nil }
        let search = ctx.search, model = search.model
        let days = Set(model.options.prefix(s.events.count).flatMap {
            $0.filter { $0.placement.roomVenue == v }.flatMap { $0.placement.occupied.map(\.ordinal) }
        }).sorted()
        /// A calendar with `extra` rooms more on `dates`; false none; nil the limit.
        func test(_ extra: Int, _ dates: [Int]) -> Schedule?? {
            // No rule: so few events that the rooms, with `extra` more, cannot overfill.
            let rule = model.roomsRule(v, rooms: rooms, extra: Dictionary(uniqueKeysWithValues: dates.map { ($0, extra) }))
            guard let sel = search.addRule(rule.map { [$0] } ?? []) else { return nil }
            var changed = s
            changed.venues[v].rooms = rooms + extra
            return solve(ctx, sel) { holds($0, in: changed) }
        }
        func overfull(_ schedule: Schedule) -> [Int] { evaluator.overfull(schedule, venue: v).map(\.day) }
        for extra in 1...3 {
            guard let found = test(extra, days) else { return nil }
            guard let first = found else { continue }
            var dates = overfull(first)
            // Drop dates one at a time while a calendar remains (a deletion filter over dates).
            var i = dates.count - 1
            while i >= 0 {
                let without = dates.enumerated().filter { $0.offset != i }.map(\.element)
                guard let again = test(extra, without) else { return nil }
                if let again { dates = without.filter(Set(overfull(again)).contains) ; i = min(i, dates.count) - 1 } else { i -= 1 }
            }
            let list = dates.map { Day(ordinal: $0) }
            return ConflictRepair(element: .rooms(venue: venue.id), kind: "rooms",
                                  sentence: "\(venue.id) needs \(rooms + extra) rooms on \(ConflictExplainer.dateRuns(list)) (it has \(rooms)), "
                                            + "or move one of the events held there then",
                                  rooms: rooms + extra, dates: list)
        }
        return nil
    }

    /// Dates as runs of consecutive days: `2017-12-11..2017-12-13, 2018-01-08`.
    static func dateRuns(_ days: [Day]) -> String {
        var runs: [(Day, Day)] = []
        for d in days.sorted() {
            if let last = runs.last, d - last.1 == 1 { runs[runs.count - 1].1 = d } else { runs.append((d, d)) }
        }
        return runs.map { $0.0 == $0.1 ? $0.0.iso : "\($0.0.iso)..\($0.1.iso)" }.joined(separator: ", ")
    }
}
