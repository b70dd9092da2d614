/// The learning core's state: each event's live options as a bitset (as `Domains`), and a trail
/// of *entries*, each a predicate made true at a decision level with the reason it holds.
///
/// Every option removal belongs to exactly one entry (`removedBy`), so any statement of the form
/// "these options of e are gone" is explained by the distinct entries that removed them, the
/// cover (Pumpkin's lazy `[x >= v]` explanation by removed values, `element.rs`, done eagerly).
/// Reasons are lists of entry indices copied into one pool when the entry is made, so deleting a
/// learnt nogood never leaves a dangling reason. Decision levels mark the trail as MiniSat's
/// `trail_lim` does (`core/Solver.cc`, `cancelUntil`).
///
/// A propagator explains a change in three steps:
///
///     s.beginReason()
///     s.explain(before) { s.end(before, $0) < minEnd }   // [end(before) ≥ minEnd]
///     guard s.post(Predicate(after, .startGE, minEnd + minDays)) else { return false }
final class Engine {
    let model: CompiledModel
    let eventCount: Int

    // MARK: Options, flat: option o of event e is at base[e] + o.
    let base: [Int]
    let count: [Int]
    let startOf: [Int32]
    let endOf: [Int32]

    // MARK: Domains
    private(set) var words: [UInt64]
    private let wordBase: [Int]
    private(set) var size: [Int]
    private var wordTrail: [(word: Int32, old: UInt64, event: Int32, oldSize: Int32)] = []
    /// The entry that removed each option; meaningful only while the option is removed.
    private(set) var removedBy: [Int32]

    // MARK: Entries
    private(set) var entryPredicate: [Predicate] = []
    private(set) var entryLevel: [Int32] = []
    /// Range of each entry's reason in `pool`; empty for decisions and level-0 facts.
    private(set) var entryReason: [(start: Int32, end: Int32)] = []
    private(set) var pool: [Int32] = []
    var entryCount: Int { entryPredicate.count }

    /// Trail marks of each level above 0: entries, words, pool, trailed integers.
    private var levelMarks: [(entries: Int, words: Int, pool: Int, ints: Int)] = []
    var level: Int { levelMarks.count }
    /// The entries made above `rootLevel`: the only ones a reason may name.
    var entriesAboveRoot: Range<Int> { (Int(rootLevel) < level ? levelMarks[Int(rootLevel)].entries : entryCount)..<entryCount }

    // MARK: Trailed integers (propagator state restored on backjump)
    private(set) var ints: [Int] = []
    private var intTrail: [(slot: Int32, old: Int)] = []

    // MARK: Propagation
    private(set) var propagators: [LearningPropagator] = []
    private var watchers: [[Int32]]
    private var queue: [Int32] = []
    private var queueHead = 0
    private var queued: [Bool] = []
    private var dirty: [[Int]] = []
    /// The list handed to the propagator running: swapped with its `dirty` list, so that no
    /// list is copied or allocated per wake.
    private var waking: [Int] = []
    let nogoods: NogoodStore
    /// Events changed since the nogoods last looked.
    private var nogoodDirty: [Int32] = []
    private var nogoodMarked: [Bool]

    /// The entries of the last conflict: their predicates cannot all hold.
    private(set) var conflict: [Int32] = []
    /// Set when propagation stopped for the time limit: not a conflict.
    private(set) var expired = false
    var propagations = 0

    // MARK: Reason building
    private(set) var scratch: [Int32] = []
    private var stamp: [UInt32] = []
    private var stampValue: UInt32 = 0

    init(_ model: CompiledModel) {
        self.model = model
        eventCount = model.options.count
        var b: [Int] = [], wb: [Int] = [], total = 0, wtotal = 0
        for list in model.options { b.append(total); wb.append(wtotal); total += list.count; wtotal += (list.count + 63) / 64 }
        base = b; wordBase = wb
        count = model.options.map(\.count)
        startOf = model.options.flatMap { $0.map { Int32($0.start) } }
        endOf = model.options.flatMap { $0.map { Int32($0.end) } }
        words = [UInt64](repeating: 0, count: wtotal)
        for e in 0..<model.options.count {
            for o in 0..<count[e] { words[wb[e] + o >> 6] |= 1 << UInt64(o & 63) }
        }
        size = count
        removedBy = [Int32](repeating: -1, count: total)
        watchers = Array(repeating: [], count: model.options.count)
        nogoods = NogoodStore(events: model.options.count)
        nogoodMarked = Array(repeating: false, count: model.options.count)
    }

    func add(_ p: LearningPropagator) {
        let id = Int32(propagators.count)
        propagators.append(p)
        queued.append(false); dirty.append([])
        for e in p.watched { watchers[e].append(id) }
    }

    /// A new trailed integer slot holding `value`.
    func newInt(_ value: Int) -> Int { ints.append(value); return ints.count - 1 }

    @inline(__always) func setInt(_ slot: Int, _ value: Int) {
        guard ints[slot] != value else { return }
        if level > 0 { intTrail.append((Int32(slot), ints[slot])) }
        ints[slot] = value
    }

    // MARK: Reading domains

    @inline(__always) func live(_ e: Int, _ o: Int) -> Bool {
        words[wordBase[e] + o >> 6] & (1 << UInt64(o & 63)) != 0
    }
    @inline(__always) func start(_ e: Int, _ o: Int) -> Int32 { startOf[base[e] + o] }
    @inline(__always) func end(_ e: Int, _ o: Int) -> Int32 { endOf[base[e] + o] }
    @inline(__always) func isFixed(_ e: Int) -> Bool { size[e] == 1 }

    /// Calls `body` with each live option of `e`, ascending.
    @inline(__always) func forEach(_ e: Int, _ body: (Int) -> Void) {
        let first = wordBase[e], n = (count[e] + 63) / 64
        for w in 0..<n {
            var bits = words[first + w]
            while bits != 0 { body(w << 6 | bits.trailingZeroBitCount); bits &= bits - 1 }
        }
    }

    /// Calls `body` with each live option of `e`, ascending, until it returns true.
    @inline(__always) func forEachUntil(_ e: Int, _ body: (Int) -> Bool) {
        let first = wordBase[e], n = (count[e] + 63) / 64
        for w in 0..<n {
            var bits = words[first + w]
            while bits != 0 {
                if body(w << 6 | bits.trailingZeroBitCount) { return }
                bits &= bits - 1
            }
        }
    }

    /// Calls `body` with each removed option of `e`, ascending.
    @inline(__always) func forEachRemoved(_ e: Int, _ body: (Int) -> Void) {
        let first = wordBase[e], n = (count[e] + 63) / 64, c = count[e]
        for w in 0..<n {
            let valid: UInt64 = (w == n - 1 && c & 63 != 0) ? (1 << UInt64(c & 63)) - 1 : ~0
            var bits = ~words[first + w] & valid
            while bits != 0 { body(w << 6 | bits.trailingZeroBitCount); bits &= bits - 1 }
        }
    }

    /// The first and last live options (by index, so by start).
    func firstLive(_ e: Int) -> Int? {
        let first = wordBase[e], n = (count[e] + 63) / 64
        for w in 0..<n where words[first + w] != 0 { return w << 6 | words[first + w].trailingZeroBitCount }
        return nil
    }
    func lastLive(_ e: Int) -> Int? {
        let first = wordBase[e], n = (count[e] + 63) / 64
        for w in stride(from: n - 1, through: 0, by: -1) where words[first + w] != 0 {
            return w << 6 | (63 - words[first + w].leadingZeroBitCount)
        }
        return nil
    }

    /// The only live option of a fixed event.
    func value(_ e: Int) -> Int? { size[e] == 1 ? firstLive(e) : nil }

    /// Whether no live option violates `p`.
    func isTrue(_ p: Predicate) -> Bool {
        let e = Int(p.event)
        switch p.kind {
        case .ne: return !live(e, Int(p.value))
        case .eq: return size[e] == 1 && live(e, Int(p.value))
        case .startGE: return firstLive(e).map { start(e, $0) >= p.value } ?? true
        case .startLE: return lastLive(e).map { start(e, $0) <= p.value } ?? true
        case .endGE, .endLE:
            var ok = true
            let b = base[e]
            forEach(e) { o in if ok, p.violated(by: o, start: 0, end: endOf[b + o]) { ok = false } }
            return ok
        }
    }

    @inline(__always) func isFalse(_ p: Predicate) -> Bool { isTrue(p.negated) }

    // MARK: Building reasons

    func beginReason() {
        scratch.removeAll(keepingCapacity: true)
        stampValue &+= 1
        if stampValue == 0 { for i in stamp.indices { stamp[i] = 0 }; stampValue = 1 }
        if guardEntry >= 0 { because(entry: guardEntry) }
    }

    /// An entry every reason begun now includes: the selector of a rule switched on by an
    /// assumption (`GuardedRule`, `Assumptions.swift`); -1 for none.
    var guardEntry: Int32 = -1
    /// Per event, an entry every reason that reads its options includes (`AssumptionSearch`'s
    /// markers); empty for none.
    var markers: [Int32] = []

    /// An entry for `p`, true already, with the reason built so far: a marker.
    func pushMarker(_ p: Predicate) -> Int32 { pushEntry(p); return Int32(entryCount - 1) }

    /// Keeps a copy of the reason built so far, for `restoreReason` (one reason for several changes).
    func keepReason() { kept = scratch }
    /// Makes the kept reason the one being built again.
    func restoreReason() { scratch = kept }
    private var kept: [Int32] = []

    /// The level whose entries count as facts: 0, or 1 during a large-neighbourhood dive, whose
    /// held options are then true for as long as its reasons and nogoods live (`Solver`'s dives
    /// forget what they learnt when they end). `rootEpoch` counts its changes, for propagators
    /// that keep values as of the root (`ObjectiveBound`).
    private(set) var rootLevel: Int32 = 0
    private(set) var rootEpoch = 0
    func setRootLevel(_ level: Int) { rootLevel = Int32(level); rootEpoch += 1 }

    /// Adds entry `r` to the reason being built (facts, at or below `rootLevel`, are left out:
    /// always true while the reason lives).
    @inline(__always) func because(entry r: Int32) {
        guard entryLevel[Int(r)] > rootLevel, stamp[Int(r)] != stampValue else { return }
        stamp[Int(r)] = stampValue
        scratch.append(r)
    }

    /// Adds to the reason being built that every removed option of `e` passing `test` is gone.
    @inline(__always) func explain(_ e: Int, where test: (Int) -> Bool) {
        if !markers.isEmpty, markers[e] >= 0 { because(entry: markers[e]) }
        let b = base[e]
        forEachRemoved(e) { o in if test(o) { because(entry: removedBy[b + o]) } }
    }

    /// Adds to the reason that `e` holds its only live option (all others gone).
    func explainFixed(_ e: Int) { explain(e) { _ in true } }

    /// Adds the entries that make `p` true (it must be).
    func explain(_ p: Predicate) {
        let e = Int(p.event), b = base[e]
        explain(e) { o in p.violated(by: o, start: startOf[b + o], end: endOf[b + o]) }
    }

    // MARK: Changing domains

    /// Makes `p` true with the reason built so far; false on a conflict (its event has no option left).
    @discardableResult
    func post(_ p: Predicate) -> Bool {
        let e = Int(p.event), b = base[e], first = wordBase[e]
        var hit = false
        let entry = Int32(entryCount)
        // Word by word, each trailed once (a bound may take many options of a word).
        for w in 0..<(count[e] + 63) / 64 {
            var bits = words[first + w], gone: UInt64 = 0
            while bits != 0 {
                let o = w << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                if p.violated(by: o, start: startOf[b + o], end: endOf[b + o]) { gone |= 1 << UInt64(o & 63); removedBy[b + o] = entry }
            }
            guard gone != 0 else { continue }
            if !hit { hit = true; pushEntry(p) }
            clear(e, word: first + w, gone)
        }
        return hit ? changed(e) : true
    }

    /// Removes every live option of `e` passing `test`, each as its own `≠` entry sharing the
    /// reason built so far; false on a conflict.
    @discardableResult
    func removeEach(_ e: Int, where test: (Int) -> Bool) -> Bool {
        var hit = false
        var reason: (Int32, Int32) = (0, 0)
        forEach(e) { o in
            guard test(o) else { return }
            if !hit { hit = true; pushEntry(Predicate(e, .ne, o)); reason = entryReason[entryCount - 1] }
            else { pushEntry(Predicate(e, .ne, o), reason: reason) }
            removedBy[base[e] + o] = Int32(entryCount - 1)
            clear(e, word: wordBase[e] + o >> 6, 1 << UInt64(o & 63))
        }
        return hit ? changed(e) : true
    }

    /// Removes those of `options` of `e` still live, each as its own `≠` entry with one reason
    /// in the pool for the removals of many events: the first removal (`shared` nil) stores the
    /// reason built so far and sets `shared` to it; later ones take that same reason without
    /// copying it. False on a conflict.
    func remove(_ e: Int, _ options: ArraySlice<Int>, sharing shared: inout (start: Int32, end: Int32)?) -> Bool {
        let first = wordBase[e], b = base[e]
        // The words they fall in, each trailed once (an event's options fill a few words).
        gone.removeAll(keepingCapacity: true)
        for o in options where live(e, o) {
            if let reason = shared { pushEntry(Predicate(e, .ne, o), reason: reason) } else {
                pushEntry(Predicate(e, .ne, o)); shared = entryReason[entryCount - 1]
            }
            removedBy[b + o] = Int32(entryCount - 1)
            let w = first + o >> 6, bit: UInt64 = 1 << UInt64(o & 63)
            if let i = gone.firstIndex(where: { $0.word == w }) { gone[i].bits |= bit } else { gone.append((w, bit)) }
        }
        guard !gone.isEmpty else { return true }
        for (w, bits) in gone { clear(e, word: w, bits) }
        return changed(e)
    }
    /// `remove`'s words and the bits it clears in each, kept to spare an allocation a call.
    private var gone: [(word: Int, bits: UInt64)] = []

    /// Records the reason built so far as a conflict; returns false for the caller to pass on.
    func fail() -> Bool { conflict = scratch; wipedOut = -1; return false }

    /// The event whose last option the last conflict removed (the conflict is then the entries
    /// that removed its options), or -1 when a propagator failed with a reason of its own.
    private(set) var wipedOut = -1

    /// A decision: `p` made true on a new level, with no reason.
    func decide(_ p: Predicate) -> Bool {
        levelMarks.append((entryCount, wordTrail.count, pool.count, intTrail.count))
        beginReason()
        return post(p)
    }

    private func pushEntry(_ p: Predicate) {
        let s = Int32(pool.count)
        if level > 0 { pool.append(contentsOf: scratch) }
        pushEntry(p, reason: (s, Int32(pool.count)))
    }

    /// An entry for `p` whose reason is already in the pool.
    private func pushEntry(_ p: Predicate, reason: (start: Int32, end: Int32)) {
        entryPredicate.append(p); entryLevel.append(Int32(level)); entryReason.append(reason); stamp.append(0)
    }

    /// Clears `bits` of word `w` (of event `e`'s options), trailing the word above level 0.
    @inline(__always) private func clear(_ e: Int, word w: Int, _ bits: UInt64) {
        if level > 0 { wordTrail.append((Int32(w), words[w], Int32(e), Int32(size[e]))) }
        words[w] &= ~bits
        size[e] -= bits.nonzeroBitCount
    }

    /// Wakes the propagators and nogoods watching `e`; false when `e` has no option left.
    private func changed(_ e: Int) -> Bool {
        for p in watchers[e] {
            if dirty[Int(p)].last != e { dirty[Int(p)].append(e) }
            if !queued[Int(p)] { queued[Int(p)] = true; queue.append(p) }
        }
        if !nogoodMarked[e] { nogoodMarked[e] = true; nogoodDirty.append(Int32(e)) }
        if size[e] == 0 { beginReason(); explainFixed(e); _ = fail(); wipedOut = e; return false }
        return true
    }

    /// Schedules every propagator (at the root, or after the objective bound tightens).
    func scheduleAll() { for p in propagators.indices { schedule(p, events: propagators[p].watched) } }

    func schedule(_ p: Int, events: [Int]) {
        dirty[p] = events
        if !queued[p] { queued[p] = true; queue.append(Int32(p)) }
    }

    /// Runs nogoods and propagators to a fixpoint; false on a conflict (then `conflict`) or when
    /// the time limit passed (then `expired`).
    func propagate() -> Bool {
        while true {
            while !nogoodDirty.isEmpty {
                let e = Int(nogoodDirty.removeLast())
                nogoodMarked[e] = false
                if !nogoods.propagate(event: e, self) { clearQueue(); return false }
            }
            guard queueHead < queue.count else { clearQueue(); return true }
            let p = Int(queue[queueHead]); queueHead += 1
            queued[p] = false
            swap(&waking, &dirty[p])
            defer { waking.removeAll(keepingCapacity: true) }
            propagations += 1
            if propagations & 255 == 255, model.expired() { expired = true; clearQueue(); return false }
            if !propagators[p].propagate(self, changed: waking) { clearQueue(); return false }
        }
    }

    private func clearQueue() {
        for p in queue[queueHead...] { queued[Int(p)] = false; dirty[Int(p)].removeAll(keepingCapacity: true) }
        queue.removeAll(keepingCapacity: true); queueHead = 0
        for e in nogoodDirty { nogoodMarked[Int(e)] = false }
        nogoodDirty.removeAll(keepingCapacity: true)
    }

    /// Undoes every level above `target`.
    func backjump(to target: Int) {
        guard target < level else { return }
        let m = levelMarks[target]
        while wordTrail.count > m.words {
            let t = wordTrail.removeLast()
            words[Int(t.word)] = t.old
            size[Int(t.event)] = Int(t.oldSize)
        }
        while intTrail.count > m.ints { let t = intTrail.removeLast(); ints[Int(t.slot)] = t.old }
        entryPredicate.removeSubrange(m.entries...); entryLevel.removeSubrange(m.entries...)
        entryReason.removeSubrange(m.entries...); stamp.removeSubrange(m.entries...)
        pool.removeSubrange(m.pool...)
        levelMarks.removeSubrange(target...)
        clearQueue()
    }

    /// The reason entries of entry `i`.
    @inline(__always) func reason(of i: Int) -> ArraySlice<Int32> {
        let r = entryReason[i]
        return pool[Int(r.start)..<Int(r.end)]
    }

    /// Whether entry `i` is a decision (the first entry of its level, with no reason).
    func isDecision(_ i: Int) -> Bool {
        let l = Int(entryLevel[i])
        return l > 0 && levelMarks[l - 1].entries == i
    }
}

/// A hard rule's filtering on the learning core: every removal it makes, and every failure,
/// comes with the entries that justify it (see `Engine`). `Audit` re-derives them in tests.
protocol LearningPropagator: AnyObject {
    /// The events whose changes wake it.
    var watched: [Int] { get }
    /// Removes what the rule forbids given the domains, each with its reason; false on a
    /// conflict, after `s.fail()` recorded its reason.
    func propagate(_ s: Engine, changed: [Int]) -> Bool
}
