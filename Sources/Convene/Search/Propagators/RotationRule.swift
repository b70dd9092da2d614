/// `rotation`'s order (no two consecutive events at one venue), with reasons, so that a conflict
/// that rests on a rotation is learnt from and explained like any other (issue 19). The
/// per-venue counts are sums (`SumRule`); this propagator reasons on the order.
///
/// Events are ordered as the spec orders them (start, then end, then id), so each option has a
/// *key* and no two options of different events tie. An event `a` whose live options all lie at
/// one venue `v` is *held at v*, with keys in [lo, hi]. Three inferences, each with its reason:
/// - *follow*: an option of another event `b` at `v` with a key `k > hi` is removed when no
///   third event has a live key in (lo, k): nobody could come between. The reason: `a`'s options
///   elsewhere and outside [lo, k) gone, and each third event's options in (lo, k) gone.
/// - *precede*: the mirror image, for `b` just before `a`.
/// - *between*: when `b` is held at `v` too and surely after `a`, and only one third event `c`
///   has a live key in (lo(a), hi(b)), then `c` must come between them: its keys at or below
///   lo(a) and at or above hi(b) go.
/// Once every event is fixed, *follow* decides the order exactly. And *counting*: events held at
/// `v` need others between them, so m of n held there need m ≤ n − m + 1 (the reason: their
/// options elsewhere gone).
final class RotationRule: LearningPropagator {
    let watched: [Int]
    /// Per watched event (by position), per option: its venue, or -1 for none.
    private let venue: [[Int32]]
    /// Per watched event, per option: its place in the spec's order among all their options.
    private let key: [[Int64]]

    /// `events`: the rule's events that are not milestones (milestones are not ordered).
    init(events: [Int], constraint: Constraint, options: [[Option]], ids: [String]) {
        watched = events
        venue = events.map { e in options[e].map { Int32($0.placement.venue ?? -1) } }
        // Each option's rank among all the options of these events in the spec's order
        // (`precedesInSpecOrder`, the evaluator's own comparison): no two events tie.
        var all: [(i: Int, o: Int)] = []
        for (i, e) in events.enumerated() { for o in options[e].indices { all.append((i, o)) } }
        all.sort { x, y in
            let a = options[events[x.i]][x.o], b = options[events[y.i]][y.o]
            return precedesInSpecOrder(start: a.start, end: a.end, id: ids[events[x.i]], start: b.start, end: b.end, id: ids[events[y.i]])
        }
        var rank = events.map { e in [Int64](repeating: 0, count: options[e].count) }
        for (r, x) in all.enumerated() { rank[x.i][x.o] = Int64(r) }
        key = rank
    }

    /// Per position: least and greatest live key, and the one venue of every live option (-1
    /// when they differ or have none).
    private struct Span { var lo: Int64, hi: Int64, venue: Int32 }

    private func spans(_ s: Engine) -> [Span] {
        watched.enumerated().map { i, e in
            var lo = Int64.max, hi = Int64.min, v: Int32 = -2
            let keys = key[i], venues = venue[i]
            s.forEach(e) { o in
                lo = min(lo, keys[o]); hi = max(hi, keys[o])
                let w = venues[o]
                v = v == -2 ? w : (v == w ? v : -1)
            }
            return Span(lo: lo, hi: hi, venue: v < 0 ? -1 : v)
        }
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        let span = spans(s)
        guard count(s, span) else { return false }
        let held = watched.indices.filter { span[$0].venue >= 0 }
        for i in held {
            guard adjacent(s, span, held: i, sign: 1), adjacent(s, span, held: i, sign: -1) else { return false }
        }
        for i in held {
            for k in held where k != i && span[k].venue == span[i].venue && span[k].lo > span[i].hi {
                guard between(s, span, i, k) else { return false }
            }
        }
        return true
    }

    /// Adds to the reason that the event at position `i` holds only options at venue `v`.
    private func explainVenue(_ s: Engine, _ i: Int, _ v: Int32) {
        let list = venue[i]
        s.explain(watched[i]) { list[$0] != v }
    }

    /// Adds to the reason that the event at position `j` has no live key strictly between `lo` and
    /// `hi`, keys read in the direction `sign` (1: the spec's order, −1: reversed).
    private func explainGap(_ s: Engine, _ j: Int, _ lo: Int64, _ hi: Int64, sign: Int64 = 1) {
        let keys = key[j]
        s.explain(watched[j]) { sign * keys[$0] > lo && sign * keys[$0] < hi }
    }

    /// Counting: more than half (plus one) of the events held at one venue cannot alternate.
    private func count(_ s: Engine, _ span: [Span]) -> Bool {
        var held: [Int32: [Int]] = [:]
        for (i, sp) in span.enumerated() where sp.venue >= 0 { held[sp.venue, default: []].append(i) }
        let n = watched.count
        for (v, list) in held.sorted(by: { $0.key < $1.key }) where list.count > n - list.count + 1 {
            s.beginReason()
            for i in list { explainVenue(s, i, v) }
            return s.fail()
        }
        return true
    }

    /// The least live key above `x` of each event but the one at position `i` (keys read in the
    /// direction `sign`), the least of them with its owner, and the second least.
    private func nearest(_ s: Engine, except i: Int, above x: Int64, sign: Int64) -> (best: Int64, owner: Int, second: Int64) {
        var best = Int64.max, owner = -1, second = Int64.max
        for (j, e) in watched.enumerated() where j != i {
            let keys = key[j]
            var near = Int64.max
            s.forEach(e) { o in let k = sign * keys[o]; if k > x, k < near { near = k } }
            if near < best { second = best; best = near; owner = j } else if near < second { second = near }
        }
        return (best, owner, second)
    }

    /// *follow* (`sign` 1) and *precede* (`sign` −1, the same with the order reversed): options at
    /// the held venue of every other event that would come right after (before) the event at
    /// position `i`, with nobody able to come between.
    private func adjacent(_ s: Engine, _ span: [Span], held i: Int, sign: Int64) -> Bool {
        let v = span[i].venue, ae = watched[i], ak = key[i]
        // The held event's key range in this direction.
        let (lo, hi) = sign == 1 ? (span[i].lo, span[i].hi) : (-span[i].hi, -span[i].lo)
        let near = nearest(s, except: i, above: lo, sign: sign)
        for (k, b) in watched.enumerated() where k != i {
            let m = near.owner == k ? near.second : near.best
            let list = venue[k], keys = key[k]
            var first = Int64.max
            s.forEach(b) { o in let x = sign * keys[o]; if list[o] == v, x > hi, x < m { first = min(first, x) } }
            guard first != .max else { continue }
            s.beginReason()
            explainVenue(s, i, v)
            s.explain(ae) { sign * ak[$0] < lo || sign * ak[$0] >= first }
            for j in watched.indices where j != i && j != k { explainGap(s, j, lo, m, sign: sign) }
            if !s.removeEach(b, where: { list[$0] == v && sign * keys[$0] > hi && sign * keys[$0] < m }) { return false }
        }
        return true
    }

    /// *between*: events at positions `i` and `k` held at one venue, `k` surely after `i`; when
    /// one third event alone can come between them, it must.
    private func between(_ s: Engine, _ span: [Span], _ i: Int, _ k: Int) -> Bool {
        let a = span[i], b = span[k], v = a.venue
        var only = -1
        for (j, e) in watched.enumerated() where j != i && j != k {
            let keys = key[j]
            var inside = false
            s.forEach(e) { o in if !inside, keys[o] > a.lo, keys[o] < b.hi { inside = true } }
            guard inside else { continue }
            if only >= 0 { return true }
            only = j
        }
        guard only >= 0 else { return true } // nobody at all: *follow* has emptied b already
        let c = watched[only], ck = key[only], ak = key[i], bk = key[k]
        var outside = false
        s.forEach(c) { o in if ck[o] <= a.lo || ck[o] >= b.hi { outside = true } }
        guard outside else { return true }
        s.beginReason()
        explainVenue(s, i, v); explainVenue(s, k, v)
        s.explain(watched[i]) { ak[$0] < a.lo || ak[$0] > a.hi }
        s.explain(watched[k]) { bk[$0] <= a.hi || bk[$0] > b.hi }
        for j in watched.indices where j != i && j != k && j != only { explainGap(s, j, a.lo, b.hi) }
        return s.removeEach(c) { ck[$0] <= a.lo || ck[$0] >= b.hi }
    }
}
