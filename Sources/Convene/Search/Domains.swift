/// The options left to each event, as bitsets in one flat array, with a trail that undoes
/// every removal in reverse (MiniSat's `trail` and `cancelUntil`).
///
/// - Complexity: removal O(1); undo O(removals since the mark).
struct Domains {
    private(set) var words: [UInt64]
    /// First word of each event's bitset.
    private let offset: [Int]
    /// Options of each event (the bitset's length in bits).
    let optionCount: [Int]
    private(set) var size: [Int]
    /// (word index, old word, event) for each changed word.
    private var trail: [(word: Int, old: UInt64, event: Int, oldSize: Int)] = []

    init(optionCount: [Int]) {
        self.optionCount = optionCount
        var off: [Int] = [], total = 0
        for n in optionCount { off.append(total); total += (n + 63) / 64 }
        offset = off
        words = [UInt64](repeating: 0, count: total)
        size = optionCount
        for (e, n) in optionCount.enumerated() {
            for o in 0..<n { words[off[e] + o / 64] |= 1 << UInt64(o % 64) }
        }
    }

    var mark: Int { trail.count }

    mutating func undo(to mark: Int) {
        while trail.count > mark {
            let t = trail.removeLast()
            words[t.word] = t.old
            size[t.event] = t.oldSize
        }
    }

    @inline(__always) func contains(_ e: Int, _ o: Int) -> Bool {
        words[offset[e] + o >> 6] & (1 << UInt64(o & 63)) != 0
    }

    /// Removes option `o` of event `e`; returns whether it was there.
    @discardableResult
    mutating func remove(_ e: Int, _ o: Int) -> Bool {
        let w = offset[e] + o >> 6, bit: UInt64 = 1 << UInt64(o & 63)
        guard words[w] & bit != 0 else { return false }
        trail.append((w, words[w], e, size[e]))
        words[w] &= ~bit
        size[e] -= 1
        return true
    }

    /// Keeps only option `o` of event `e`.
    mutating func assign(_ e: Int, _ o: Int) {
        let first = offset[e], n = (optionCount[e] + 63) / 64
        for w in first..<first + n where words[w] != 0 {
            let keep: UInt64 = (w - first == o >> 6) ? (1 << UInt64(o & 63)) : 0
            if words[w] != words[w] & keep {
                trail.append((w, words[w], e, size[e]))
                words[w] &= keep
                size[e] = 1
            }
        }
        size[e] = contains(e, o) ? 1 : 0
    }

    /// The options of `e` still possible, ascending.
    func options(_ e: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(size[e])
        forEach(e) { out.append($0) }
        return out
    }

    /// Calls `body` with each possible option of `e`, ascending.
    @inline(__always) func forEach(_ e: Int, _ body: (Int) -> Void) {
        let first = offset[e], n = (optionCount[e] + 63) / 64
        for w in 0..<n {
            var bits = words[first + w]
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                body(w << 6 | b)
                bits &= bits - 1
            }
        }
    }

    /// The only option of a fixed event.
    func value(_ e: Int) -> Int? {
        guard size[e] == 1 else { return nil }
        var v = -1
        forEach(e) { v = $0 }
        return v
    }
}
