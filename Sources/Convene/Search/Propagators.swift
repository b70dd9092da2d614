/// `precedence` and each `chain` link on date bounds: `start(after) ≥ end(before) + minDays`,
/// and `start(after) ≤ end(before) + maxDays`.
final class LinkPropagator: Propagator {
    let before: Int, after: Int, minDays: Int, maxDays: Int?
    var watched: [Int] { [before, after] }

    init(before: Int, after: Int, minDays: Int, maxDays: Int?) {
        self.before = before; self.after = after; self.minDays = minDays; self.maxDays = maxDays
    }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        var minEnd = Int.max, maxEnd = Int.min, minStart = Int.max, maxStart = Int.min
        s.domains.forEach(before) { o in let x = s.option(before, o).end; minEnd = min(minEnd, x); maxEnd = max(maxEnd, x) }
        s.domains.forEach(after) { o in let x = s.option(after, o).start; minStart = min(minStart, x); maxStart = max(maxStart, x) }
        let a = after, b = before
        guard s.removeAll(a, where: { o in
            let st = s.option(a, o).start
            return st < minEnd + minDays || (maxDays.map { st > maxEnd + $0 } ?? false)
        }) else { return false }
        return s.removeAll(b, where: { o in
            let en = s.option(b, o).end
            return en > maxStart - minDays || (maxDays.map { en < minStart - $0 } ?? false)
        })
    }
}

/// `noOverlap` and `minSpacing`: once an event is fixed, the options of every other event that
/// would fall short of the gap the pair needs are removed (forward checking on disjunctive pairs).
/// Options are sorted by start, so only those starting near the fixed one are looked at.
final class PairPropagator: Propagator {
    let watched: [Int]
    /// The largest gap any pair needs.
    let maxNeed: Int
    /// Whether two placements, named by their event indices, fall short of their gap. The
    /// order and the gap are the evaluator's (`NoOverlap.need`, `pairShortfall`).
    let short: (Int, Placement, Int, Placement) -> Bool
    /// Per watched event, by its position in `watched`: option starts (ascending) and the
    /// longest span of an option.
    private let starts: [[Int]]
    private let span: [Int]

    init(events: [Int], maxNeed: Int, options: [[Option]], short: @escaping (Int, Placement, Int, Placement) -> Bool) {
        watched = events; self.maxNeed = maxNeed; self.short = short
        starts = events.map { e in options[e].map(\.start) }
        span = events.map { e in options[e].map { $0.end - $0.start }.max() ?? 0 }
    }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        for f in changed {
            guard let fo = s.domains.value(f) else { continue }
            let of = s.option(f, fo)
            for (i, g) in watched.enumerated() where g != f {
                let st = starts[i]
                let from = lowerBound(st, of.start - maxNeed - span[i] - 1)
                var hit: [Int] = []
                var o = from
                while o < st.count, st[o] <= of.end + maxNeed {
                    if s.domains.contains(g, o), short(f, of.placement, g, s.option(g, o).placement) { hit.append(o) }
                    o += 1
                }
                for o in hit where !s.remove(g, o) { return false }
            }
        }
        return true
    }

    private func lowerBound(_ a: [Int], _ x: Int) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}

/// A sum over events of a per-option contribution (half days, days in a month, events at a
/// venue) kept inside [lo, hi]: `totalDays`, each month of `monthlyQuota`, the per-venue counts
/// of `rotation`. Bounds reasoning: the sum of the others' least (greatest) contributions
/// limits each event's own.
final class SumPropagator: Propagator {
    let watched: [Int]
    /// contribution[i][o]: what option o of watched[i] adds.
    let contribution: [[Int]]
    let lo: Int?, hi: Int?

    init(events: [Int], contribution: [[Int]], lo: Int?, hi: Int?) {
        watched = events; self.contribution = contribution; self.lo = lo; self.hi = hi
    }

    /// The least and greatest achievable sums.
    func bounds(_ s: SearchState) -> (min: Int, max: Int, mins: [Int], maxs: [Int]) {
        var mins: [Int] = [], maxs: [Int] = []
        for (i, e) in watched.enumerated() {
            var a = Int.max, b = Int.min
            s.domains.forEach(e) { o in let c = contribution[i][o]; a = min(a, c); b = max(b, c) }
            mins.append(a); maxs.append(b)
        }
        return (mins.reduce(0, +), maxs.reduce(0, +), mins, maxs)
    }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        while true {
            let (sMin, sMax, mins, maxs) = bounds(s)
            if let hi, sMin > hi { return false }
            if let lo, sMax < lo { return false }
            var narrowed = false
            for (i, e) in watched.enumerated() {
                let before = s.domains.size[e]
                let ok = s.removeAll(e) { o in
                    let c = contribution[i][o]
                    if let hi, sMin - mins[i] + c > hi { return true }
                    if let lo, sMax - maxs[i] + c < lo { return true }
                    return false
                }
                if !ok { return false }
                if s.domains.size[e] != before { narrowed = true }
            }
            if !narrowed { return true }
        }
    }
}

/// `rooms` of one venue: once events are fixed there, a date holding `rooms` of them is closed
/// to every other event at that venue. Days are counted in dense arrays, offsets from the first
/// day any option occupies at the venue.
final class RoomsPropagator: Propagator {
    let watched: [Int]
    let rooms: Int
    private let base: Int
    /// Per watched event (by position), per option: the days it occupies at this venue (the
    /// placement's own array, shared, not copied); empty for options elsewhere and milestones.
    private let occupied: [[[Day]]]
    /// Rooms taken by events outside the search, by offset.
    private let taken: [Int]
    /// Scratch, equal to `taken` and all false between calls.
    private var count: [Int]
    private var full: [Bool]

    /// Nil when the rule cannot bind: fewer events could meet there than it has rooms free.
    init?(events: [Int], venue: Int, rooms: Int, taken: [Int: Int] = [:], options: [[Option]]) {
        guard events.count + (taken.values.max() ?? 0) > rooms else { return nil }
        var lo = Int.max, hi = Int.min
        let days: [[[Day]]] = events.map { e in
            options[e].map { o in
                guard o.placement.roomVenue == venue else { return [] }
                let list = o.placement.occupied
                if let first = list.first, let last = list.last { lo = min(lo, first.ordinal); hi = max(hi, last.ordinal) }
                return list
            }
        }
        guard lo <= hi else { return nil }
        watched = events; self.rooms = rooms; base = lo
        occupied = days
        var t = Array(repeating: 0, count: hi - lo + 1)
        for (d, n) in taken where d >= lo && d <= hi { t[d - lo] = n }
        self.taken = t
        count = t
        full = Array(repeating: false, count: t.count)
    }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        guard changed.contains(where: { s.isFixed($0) }) else { return true }
        var hot: [Int] = []
        defer { for d in hot { count[d] = taken[d]; full[d] = false } }
        var anyFull = false
        for (i, e) in watched.enumerated() {
            guard let o = s.domains.value(e) else { continue }
            for day in occupied[i][o] {
                let d = day.ordinal - base
                if count[d] == taken[d] { hot.append(d) }
                count[d] += 1
                if count[d] > rooms { return false }
                if count[d] == rooms { full[d] = true; anyFull = true }
            }
        }
        guard anyFull else { return true }
        for (i, e) in watched.enumerated() where !s.isFixed(e) {
            let days = occupied[i], base = base
            let ok = s.removeAll(e) { o in days[o].contains { full[$0.ordinal - base] } }
            if !ok { return false }
        }
        return true
    }
}

/// `rotation`, no two consecutive events at one venue. Two fixed events at one venue with
/// nothing else able to come between them fail; and an open event loses each option that would
/// sit next to a fixed event at the same venue with nothing else able to come between them.
/// "Able to come between" is judged on the other open events' start bounds, which can only keep
/// too much, never remove a good option. The evaluator's amount decides on complete calendars.
final class RotationPropagator: Propagator {
    let watched: [Int]
    let rule: Rotation
    let scenario: Scenario

    init(events: [Int], rule: Rotation, scenario: Scenario) { watched = events; self.rule = rule; self.scenario = scenario }

    private typealias Key = (start: Int, end: Int, id: String)

    private func precedes(_ a: Key, _ b: Key) -> Bool {
        precedesInSpecOrder(start: a.start, end: a.end, id: a.id, start: b.start, end: b.end, id: b.id)
    }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        var fixed: [(key: Key, venue: Int?)] = []
        var open: [(e: Int, lo: Int, hi: Int)] = []
        for e in watched {
            if let o = s.domains.value(e) {
                let op = s.option(e, o)
                fixed.append(((op.start, op.end, scenario.events[e].id), op.placement.venue))
            } else {
                var lo = Int.max, hi = Int.min
                s.domains.forEach(e) { o in let st = s.option(e, o).start; lo = min(lo, st); hi = max(hi, st) }
                open.append((e, lo, hi))
            }
        }
        // Counting: events that can only meet at venue v need others between them; with m of
        // them among n events in all, a rotation needs m ≤ n − m + 1.
        var only: [Int: Int] = [:]
        for e in watched {
            var venue: Int?? = nil
            var single = true
            s.domains.forEach(e) { o in
                let v = s.option(e, o).placement.venue
                if venue == nil { venue = .some(v) } else if venue! != v { single = false }
            }
            if single, let v = venue ?? nil { only[v, default: 0] += 1 }
        }
        if only.values.contains(where: { $0 > watched.count - $0 + 1 }) { return false }
        guard !fixed.isEmpty else { return true }
        fixed.sort { precedes($0.key, $1.key) }
        func someoneBetween(_ a: Int, _ b: Int, except: Int) -> Bool {
            open.contains { $0.e != except && $0.lo <= b && $0.hi >= a }
        }
        for (a, b) in zip(fixed, fixed.dropFirst()) where a.venue != nil && a.venue == b.venue {
            if !someoneBetween(a.key.start, b.key.start, except: -1) { return false }
        }
        for g in open {
            let ok = s.removeAll(g.e) { o in
                let op = s.option(g.e, o)
                guard let v = op.placement.venue else { return false }
                let key: Key = (op.start, op.end, scenario.events[g.e].id)
                // The fixed neighbours this option would sit between.
                let i = fixed.firstIndex { precedes(key, $0.key) } ?? fixed.count
                if i > 0, fixed[i - 1].venue == v, !someoneBetween(fixed[i - 1].key.start, op.start, except: g.e) { return true }
                if i < fixed.count, fixed[i].venue == v, !someoneBetween(op.start, fixed[i].key.start, except: g.e) { return true }
                return false
            }
            if !ok { return false }
        }
        return true
    }
}
