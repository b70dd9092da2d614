/// Learnt nogoods: conjunctions of predicates that no calendar satisfies, propagated with two
/// watched predicates each, as MiniSat watches two literals of a clause (`core/Solver.cc`,
/// `propagate`): a nogood wakes only when one of its two watched predicates becomes true; if
/// every other one is true as well, the last is made false.
///
/// The store is reduced by LBD (Audemard and Simon's glue): nogoods of LBD ≤ 2 are kept for
/// good, the rest, newest first within equal LBD, are halved when they pass `limit`.
/// Reasons are copied into the engine's pool, so a deleted nogood leaves no reason dangling.
final class NogoodStore {
    private(set) var lits: [[Predicate]] = []
    private var lbd: [Int] = []
    private var deleted: [Bool] = []
    private var watches: [[Int32]]
    private(set) var live = 0
    var limit: Int

    init(events: Int) {
        watches = Array(repeating: [], count: events)
        limit = min(Parameters.nogoodLimit, max(Parameters.nogoodLimitPerEvent * events, Parameters.nogoodLimitLeast))
    }

    /// Adds a nogood of two or more predicates, watching its first two: the caller puts the one
    /// it is about to make false first and the latest true one second (MiniSat's order).
    func add(_ nogood: [Predicate], lbd: Int) {
        precondition(nogood.count >= 2)
        let id = Int32(lits.count)
        lits.append(nogood); self.lbd.append(lbd); deleted.append(false)
        watches[Int(nogood[0].event)].append(id)
        if nogood[1].event != nogood[0].event { watches[Int(nogood[1].event)].append(id) }
        live += 1
    }

    /// Visits the nogoods watching a predicate on `e` after `e` changed; false on a conflict.
    func propagate(event e: Int, _ s: Engine) -> Bool {
        var i = 0
        while i < watches[e].count {
            let id = Int(watches[e][i])
            if deleted[id] { watches[e].swapAt(i, watches[e].count - 1); watches[e].removeLast(); continue }
            var moved = false
            for k in 0...1 where !moved && Int(lits[id][k].event) == e {
                guard s.isTrue(lits[id][k]) else { continue }
                // A replacement that is not true yet.
                var j = 2
                while j < lits[id].count, s.isTrue(lits[id][j]) { j += 1 }
                if j < lits[id].count {
                    lits[id].swapAt(k, j)
                    let now = Int(lits[id][k].event), other = Int(lits[id][1 - k].event)
                    if now != e {
                        if now != other { watches[now].append(Int32(id)) }
                        // Leaves e's list unless the other watch is still on e.
                        if other != e { moved = true }
                    }
                    continue
                }
                let other = lits[id][1 - k]
                if s.isFalse(other) { break }
                s.beginReason()
                for (n, p) in lits[id].enumerated() where n != 1 - k { s.explain(p) }
                if s.isTrue(other) { s.explain(other); return s.fail() }
                if !s.post(other.negated) { return false }
            }
            if moved { watches[e].swapAt(i, watches[e].count - 1); watches[e].removeLast() } else { i += 1 }
        }
        return true
    }

    /// How many nogoods were ever added: a mark for `forget(from:)`.
    var added: Int { lits.count }

    /// Forgets the nogoods added since `mark` (a dive's, which rest on its held options).
    func forget(from mark: Int) {
        guard mark < lits.count else { return }
        var events = Set<Int32>()
        for id in mark..<lits.count {
            if !deleted[id] { live -= 1 }
            events.insert(lits[id][0].event); events.insert(lits[id][1].event)
        }
        for e in events { watches[Int(e)].removeAll { Int($0) >= mark } }
        lits.removeSubrange(mark...); lbd.removeSubrange(mark...); deleted.removeSubrange(mark...)
    }

    /// Halves the store when it holds more than `limit` nogoods: keeps LBD ≤ 2, then the lower
    /// LBD, then the newer. Ties by age, so the result does not depend on anything but the run.
    func reduceIfFull() {
        guard live > limit else { return }
        var candidates = lits.indices.filter { !deleted[$0] && lbd[$0] > 2 }
        candidates.sort { (lbd[$0], -$0) < (lbd[$1], -$1) }
        for id in candidates.dropFirst(candidates.count / 2) { deleted[id] = true; live -= 1 }
        limit = limit + limit / 10
    }
}
