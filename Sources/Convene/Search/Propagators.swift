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
    /// Per watched event: option starts (ascending) and the longest span of an option.
    private var starts: [Int: [Int]] = [:]
    private var span: [Int: Int] = [:]

    init(events: [Int], maxNeed: Int, options: [[Option]], short: @escaping (Int, Placement, Int, Placement) -> Bool) {
        watched = events; self.maxNeed = maxNeed; self.short = short
        for e in events {
            starts[e] = options[e].map(\.start)
            span[e] = options[e].map { $0.end - $0.start }.max() ?? 0
        }
    }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        for f in changed {
            guard let fo = s.domains.value(f) else { continue }
            let of = s.option(f, fo)
            for g in watched where g != f {
                let st = starts[g]!
                let from = lowerBound(st, of.start - maxNeed - span[g]! - 1)
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
/// to every other event at that venue.
final class RoomsPropagator: Propagator {
    let watched: [Int]
    let venue: Int, rooms: Int

    init(events: [Int], venue: Int, rooms: Int) { watched = events; self.venue = venue; self.rooms = rooms }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        guard changed.contains(where: { s.isFixed($0) }) else { return true }
        var count: [Int: Int] = [:]
        for e in watched {
            guard let o = s.domains.value(e) else { continue }
            let p = s.option(e, o).placement
            guard p.venue == venue, !p.isMilestone else { continue }
            for d in p.occupied { count[d.ordinal, default: 0] += 1 }
        }
        if count.values.contains(where: { $0 > rooms }) { return false }
        let full = Set(count.filter { $0.value >= rooms }.keys)
        guard !full.isEmpty else { return true }
        for e in watched where !s.isFixed(e) {
            let ok = s.removeAll(e) { o in
                let p = s.option(e, o).placement
                return p.venue == venue && !p.isMilestone && p.occupied.contains { full.contains($0.ordinal) }
            }
            if !ok { return false }
        }
        return true
    }
}

/// `rotation`, no two consecutive events at one venue: when the events are all fixed, the
/// evaluator's own amount must be 0; before that, two fixed events at one venue with nothing
/// else able to come between them already fail.
final class RotationPropagator: Propagator {
    let watched: [Int]
    let rule: Rotation
    let scenario: Scenario

    init(events: [Int], rule: Rotation, scenario: Scenario) { watched = events; self.rule = rule; self.scenario = scenario }

    func propagate(_ s: SearchState, changed: [Int]) -> Bool {
        let fixed = watched.filter(s.isFixed)
        guard fixed.count >= 2 else { return true }
        func key(_ e: Int) -> (Int, Int, String) {
            let o = s.option(e, s.domains.value(e)!)
            return (o.start, o.end, scenario.events[e].id)
        }
        let ordered = fixed.sorted { a, b in
            let ka = key(a), kb = key(b)
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            if ka.1 != kb.1 { return ka.1 < kb.1 }
            return ka.2.unicodeScalars.lexicographicallyPrecedes(kb.2.unicodeScalars)
        }
        let open = watched.filter { !s.isFixed($0) }
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            let pa = s.option(a, s.domains.value(a)!), pb = s.option(b, s.domains.value(b)!)
            guard pa.placement.venue != nil, pa.placement.venue == pb.placement.venue else { continue }
            // Could an open event sort between them? Only if one of its options starts in [a.start, b.start].
            let between = open.contains { e in
                var any = false
                s.domains.forEach(e) { o in let st = s.option(e, o).start; if st >= pa.start && st <= pb.start { any = true } }
                return any
            }
            if !between { return false }
        }
        return true
    }
}
