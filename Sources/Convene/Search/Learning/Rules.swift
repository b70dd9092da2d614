/// The hard rules' propagators, each explaining what it removes (`learning-core.md` §2 gives the
/// recipe of each). Each rule type posts its own (`Posted`, in `Constraints/<Type>.swift`).

/// `precedence` and each `chain` link: `start(after) ≥ end(before) + minDays` and, with
/// `maxDays`, `start(after) ≤ end(before) + maxDays`. Each bound moves with one bound of the
/// other event as its reason.
final class LinkRule: LearningPropagator {
    let before: Int, after: Int, minDays: Int32, maxDays: Int32?
    var watched: [Int] { [before, after] }

    init(before: Int, after: Int, minDays: Int, maxDays: Int?) {
        self.before = before; self.after = after; self.minDays = Int32(minDays); self.maxDays = maxDays.map(Int32.init)
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        let b = before, a = after
        var minEnd = Int32.max, maxEnd = Int32.min
        s.forEach(b) { o in let x = s.end(b, o); minEnd = min(minEnd, x); maxEnd = max(maxEnd, x) }
        guard let aFirst = s.firstLive(a), let aLast = s.lastLive(a), minEnd <= maxEnd else { return true }
        let minStart = s.start(a, aFirst), maxStart = s.start(a, aLast)
        if minStart < minEnd + minDays, !post(s, Predicate(a, .startGE, Int(minEnd + minDays)), because: b, { s.end(b, $0) < minEnd }) { return false }
        if maxEnd > maxStart - minDays, !post(s, Predicate(b, .endLE, Int(maxStart - minDays)), because: a, { s.start(a, $0) > maxStart }) { return false }
        guard let maxDays else { return true }
        if maxStart > maxEnd + maxDays, !post(s, Predicate(a, .startLE, Int(maxEnd + maxDays)), because: b, { s.end(b, $0) > maxEnd }) { return false }
        if minEnd < minStart - maxDays, !post(s, Predicate(b, .endGE, Int(minStart - maxDays)), because: a, { s.start(a, $0) < minStart }) { return false }
        return true
    }

    /// Posts `p` because the options of `e` passing `gone` are gone; false on a conflict.
    @inline(__always) private func post(_ s: Engine, _ p: Predicate, because e: Int, _ gone: (Int) -> Bool) -> Bool {
        s.beginReason()
        s.explain(e, where: gone)
        return s.post(p)
    }
}

/// `noOverlap` and `minSpacing`: once an event is fixed, every option of another that would
/// fall short of the pair's gap goes, because of the fixed one (forward checking, with
/// `[fixed = o]` as the reason).
final class PairRule: LearningPropagator {
    let watched: [Int]
    let maxNeed: Int32
    let short: (Int, Placement, Int, Placement) -> Bool

    init(events: [Int], maxNeed: Int, short: @escaping (Int, Placement, Int, Placement) -> Bool) {
        watched = events; self.maxNeed = Int32(maxNeed); self.short = short
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        for f in changed {
            guard let fo = s.value(f) else { continue }
            let pf = s.model.options[f][fo].placement
            let fs = s.start(f, fo), fe = s.end(f, fo)
            var reasoned = false
            for g in watched where g != f {
                // Only options that start near f can fall short: within the longest gap.
                let options = s.model.options[g]
                var hit = false
                s.forEach(g) { o in
                    if !hit, s.end(g, o) >= fs - maxNeed, s.start(g, o) <= fe + maxNeed, short(f, pf, g, options[o].placement) { hit = true }
                }
                guard hit else { continue }
                if !reasoned { s.beginReason(); s.explainFixed(f); reasoned = true }
                let ok = s.removeEach(g) { o in
                    s.end(g, o) >= fs - maxNeed && s.start(g, o) <= fe + maxNeed && short(f, pf, g, options[o].placement)
                }
                if !ok { return false }
            }
        }
        return true
    }
}

/// A sum over events of a per-option contribution kept inside [lo, hi]: `totalDays`, each month
/// of `monthlyQuota`, the per-venue counts of `rotation`. Removing option i of e because
/// Σ_{j≠e} min_j + c_e(i) > hi has the reason "every j ≠ e has lost its options below min_j"
/// (Pumpkin's `linear_less_or_equal.rs`); atLeast is the mirror.
final class SumRule: LearningPropagator {
    let watched: [Int]
    let contribution: [[Int]]
    let lo: Int?, hi: Int?
    /// The positions of each event in `watched` (an event may count more than once).
    private let positions: [[Int]]
    /// Trailed, once attached to an engine: each position's least and greatest live
    /// contribution, and their sums. Kept up to date from the events that change (`refresh`),
    /// so a wake costs what changed, not the whole sum.
    private var minSlot: [Int] = [], maxSlot: [Int] = []
    private var sMinSlot = -1, sMaxSlot = -1
    /// Each position's least and greatest contribution over all its options: a scan of the
    /// live ones that meets both can stop.
    private let floor: [Int], ceiling: [Int]
    /// Per position, a live option at its least and one at its greatest contribution when last
    /// scanned: while both are live and still at the bounds kept, the bounds hold (watches, not
    /// trailed; checked before use).
    private var minWitness: [Int], maxWitness: [Int]

    init(_ sum: LinearSum) {
        watched = sum.events; contribution = sum.contribution; lo = sum.lo; hi = sum.hi
        var at = Array(repeating: [Int](), count: (watched.max() ?? -1) + 1)
        for (i, e) in watched.enumerated() { at[e].append(i) }
        positions = at
        floor = contribution.map { $0.min() ?? 0 }; ceiling = contribution.map { $0.max() ?? 0 }
        minWitness = Array(repeating: -1, count: watched.count); maxWitness = minWitness
    }

    /// The slots, made on first use: the contributions' range over all options, then narrowed
    /// to the live ones as a change (trailed), so they hold at whatever level this happens.
    private func attach(_ s: Engine) {
        guard sMinSlot < 0 else { return }
        var a = 0, b = 0
        for (x, y) in zip(floor, ceiling) { minSlot.append(s.newInt(x)); maxSlot.append(s.newInt(y)); a += x; b += y }
        sMinSlot = s.newInt(a); sMaxSlot = s.newInt(b)
        for i in watched.indices { update(s, i) }
    }

    private func update(_ s: Engine, _ i: Int) {
        let e = watched[i]
        guard s.size[e] > 0 else { return }
        let c = contribution[i], least = floor[i], most = ceiling[i]
        let oldA = s.ints[minSlot[i]], oldB = s.ints[maxSlot[i]]
        let wa = minWitness[i], wb = maxWitness[i]
        if wa >= 0, wb >= 0, s.live(e, wa), s.live(e, wb), c[wa] == oldA, c[wb] == oldB { return }
        var a = Int.max, b = Int.min
        s.forEachUntil(e) { o in
            let v = c[o]
            if v < a { a = v; minWitness[i] = o }
            if v > b { b = v; maxWitness[i] = o }
            return a == least && b == most
        }
        if a != oldA { s.setInt(minSlot[i], a); s.setInt(sMinSlot, s.ints[sMinSlot] + a - oldA) }
        if b != oldB { s.setInt(maxSlot[i], b); s.setInt(sMaxSlot, s.ints[sMaxSlot] + b - oldB) }
    }

    /// Brings the bounds of event `e`'s positions up to date (every caller that reads them
    /// passes each change of a watched event: the engine, or the objective's soft sums).
    func refresh(_ s: Engine, _ e: Int) {
        if sMinSlot < 0 { attach(s); return }
        if e < positions.count { for i in positions[e] { update(s, i) } }
    }

    /// Each position's least and greatest live contribution (as kept; `SumBoundsTests` checks them).
    func bounds(_ s: Engine) -> (mins: [Int], maxs: [Int]) {
        attach(s)
        return (minSlot.map { s.ints[$0] }, maxSlot.map { s.ints[$0] })
    }

    /// How far the sum's bounds with the live options lie outside [lo, hi]: the amount above
    /// `hi` (`over`) or below `lo`, 0 inside. The one test of the range, for this propagator's
    /// conflicts and the objective's soft sums.
    func outside(_ s: Engine) -> (amount: Int, over: Bool) {
        attach(s)
        let sMin = s.ints[sMinSlot], sMax = s.ints[sMaxSlot]
        if let hi, sMin > hi { return (sMin - hi, true) }
        if let lo, sMax < lo { return (lo - sMax, false) }
        return (0, false)
    }

    /// Adds to the reason that every position but `except` has lost its options below its least
    /// live contribution (`low` true: the sum's least is as high as it is) or above its greatest.
    func explain(_ s: Engine, low: Bool, except: Int) {
        attach(s)
        for (i, e) in watched.enumerated() where i != except {
            let c = contribution[i]
            if low {
                let m = s.ints[minSlot[i]]
                s.explain(e) { c[$0] < m }
            } else {
                let m = s.ints[maxSlot[i]]
                s.explain(e) { c[$0] > m }
            }
        }
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        for e in changed { refresh(s, e) }
        while true {
            let (amount, over) = outside(s)
            if amount > 0 { s.beginReason(); explain(s, low: over, except: -1); return s.fail() }
            var narrowed = false
            for (i, e) in watched.enumerated() where s.size[e] > 1 {
                guard let n = narrow(s, i, e) else { return false }
                narrowed = narrowed || n
            }
            if !narrowed { return true }
        }
    }

    /// Removes position `i`'s options that would take the sum out of range with every other
    /// position at its bound; whether it removed any, nil on a conflict.
    private func narrow(_ s: Engine, _ i: Int, _ e: Int) -> Bool? {
        let c = contribution[i], least = s.ints[minSlot[i]], most = s.ints[maxSlot[i]]
        let sMin = s.ints[sMinSlot], sMax = s.ints[sMaxSlot]
        var narrowed = false
        if let hi, most > hi - (sMin - least) {
            let limit = hi - (sMin - least)
            s.beginReason(); explain(s, low: true, except: i)
            if !s.removeEach(e, where: { c[$0] > limit }) { return nil }
            narrowed = true
        }
        if let lo, least < lo - (sMax - most), s.size[e] > 0 {
            let limit = lo - (sMax - most)
            s.beginReason(); explain(s, low: false, except: i)
            if !s.removeEach(e, where: { c[$0] < limit }) { return nil }
            narrowed = true
        }
        if narrowed { refresh(s, e) }
        return narrowed
    }
}

/// `rooms` of one venue: a date holding `rooms` fixed events is closed to every other event
/// there, because of those fixed events (the pointwise explanation of a unit-demand cumulative,
/// Schutt et al.; Pumpkin `time_table/explanations/pointwise.rs`); one more is a conflict.
///
/// Incremental: the rooms used per day are trailed integers, counted when an event becomes fixed,
/// and a day that fills closes at once through its list of the options that occupy it; a wake
/// costs what the newly fixed events occupy, not the whole venue.
final class RoomsRule: LearningPropagator {
    let watched: [Int]
    let rooms: Int
    /// Per watched event, per option: the day offsets it occupies at this venue.
    private let occupied: [[[Int32]]]
    /// Per day offset: (watched position, option) of every option that occupies it, by position.
    private let coverers: [[(i: Int32, o: Int32)]]
    private let taken: [Int]
    /// Position of each event in `watched`, or -1.
    private let position: [Int]
    /// Trailed: rooms used per day offset; whether each watched event is counted.
    private var usedSlot: [Int] = [], countedSlot: [Int] = []

    init?(events: [Int], venue: Int, rooms: Int, taken: [Int: Int], options: [[Option]]) {
        // No date can overfill: a date `taken` does not list has none taken (a repair's extra
        // rooms make some negative), so the most taken on any date is at least 0.
        guard events.count + max(0, taken.values.max() ?? 0) > rooms else { return nil }
        var lo = Int.max, hi = Int.min
        for e in events { for o in options[e] where o.placement.roomVenue == venue {
            if let f = o.placement.occupied.first, let l = o.placement.occupied.last { lo = min(lo, f.ordinal); hi = max(hi, l.ordinal) }
        } }
        guard lo <= hi else { return nil }
        occupied = events.map { e in options[e].map { o in
            o.placement.roomVenue == venue ? o.placement.occupied.map { Int32($0.ordinal - lo) } : []
        } }
        var cover = Array(repeating: [(i: Int32, o: Int32)](), count: hi - lo + 1)
        for (i, list) in occupied.enumerated() { for (o, days) in list.enumerated() { for d in days { cover[Int(d)].append((Int32(i), Int32(o))) } } }
        coverers = cover
        var t = Array(repeating: 0, count: hi - lo + 1)
        for (d, n) in taken where d >= lo && d <= hi { t[d - lo] = n }
        self.taken = t
        var pos = Array(repeating: -1, count: options.count)
        for (i, e) in events.enumerated() { pos[e] = i }
        position = pos
        watched = events; self.rooms = rooms
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        if usedSlot.isEmpty {
            usedSlot = taken.map { s.newInt($0) }
            countedSlot = watched.map { _ in s.newInt(0) }
        }
        for e in changed {
            let i = position[e]
            guard i >= 0, let o = s.value(e), s.ints[countedSlot[i]] == 0 else { continue }
            s.setInt(countedSlot[i], 1)
            for d in occupied[i][o] {
                let used = s.ints[usedSlot[Int(d)]] + 1
                s.setInt(usedSlot[Int(d)], used)
                if used > rooms { explainDay(s, d); return s.fail() }
                if used == rooms, !close(s, d) { return false }
            }
        }
        return true
    }

    /// Removes every open option occupying full day `d`, event by event, with the fixed events
    /// there as the reason; false on a conflict.
    private func close(_ s: Engine, _ d: Int32) -> Bool {
        let list = coverers[Int(d)]
        var k = 0
        var reasoned = false
        while k < list.count {
            let i = Int(list[k].i), e = watched[i]
            var hit: [Int] = []
            while k < list.count, Int(list[k].i) == i {
                let o = Int(list[k].o)
                if !s.isFixed(e), s.live(e, o) { hit.append(o) }
                k += 1
            }
            guard !hit.isEmpty else { continue }
            if !reasoned { explainDay(s, d); reasoned = true } else { s.restoreReason() }
            if !s.removeEach(e, where: { hit.contains($0) }) { return false }
        }
        return true
    }

    /// Starts a reason: the fixed events occupying day offset `d`. (Each one's compulsory part
    /// there, "its options leaving `d` free are gone", would be weaker, but this propagator
    /// counts fixed events only, so such a reason could not be re-derived by it: kept equal.)
    private func explainDay(_ s: Engine, _ d: Int32) {
        s.beginReason()
        for (i, o) in coverers[Int(d)] where s.value(watched[Int(i)]) == Int(o) { s.explainFixed(watched[Int(i)]) }
        s.keepReason()
    }
}
