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
