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
