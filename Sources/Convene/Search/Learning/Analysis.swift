/// First-UIP conflict analysis (MiniSat's `analyze`, `core/Solver.cc`) for `Solver`'s loop:
/// the resolution to the first unique implication point
/// on the conflict's level, the local minimisation of the rest, and the nogood that asserts.
struct FirstUIP {
    /// Per entry, whether the analysis has marked it; all false between analyses.
    private var seen: [Bool] = []

    enum Outcome {
        /// The UIP entry, and the marked entries of lower levels (still marked, for `assert`).
        case uip(Int, lower: [Int32])
        /// Resolved, the conflict lies wholly below the current level: these entries.
        case below([Int32])
    }

    /// Analyses `conflict` on the engine's current level (the caller has jumped back to the
    /// conflict's top level). `bump` is told each event an entry of the analysis is about.
    ///
    /// The removals of `wiped` (the event whose last option the conflict removed, or -1) on this
    /// level are resolved at once: its predicate can be no asserting literal, since with its
    /// other options gone below, `[e = o]` would already hold after the backjump and the same
    /// removal would come again (found on seed 193 with a restart after every conflict).
    mutating func analyse(_ engine: Engine, _ conflict: [Int32], wiped: Int, bump: (Int) -> Void) -> Outcome {
        let level = engine.level
        if seen.count < engine.entryCount { seen += Array(repeating: false, count: engine.entryCount - seen.count) }
        var lower: [Int32] = []
        var path = 0
        func mark(_ r: Int32) {
            let i = Int(r), l = Int(engine.entryLevel[i])
            guard l > Int(engine.rootLevel), !seen[i] else { return }
            seen[i] = true
            bump(Int(engine.entryPredicate[i].event))
            if l == level { path += 1 } else { lower.append(r) }
        }
        for r in conflict {
            let i = Int(r)
            if wiped >= 0, Int(engine.entryPredicate[i].event) == wiped, Int(engine.entryLevel[i]) == level, !engine.isDecision(i) {
                for q in engine.reason(of: i) { mark(q) }
            } else {
                mark(r)
            }
        }
        if path == 0 {
            for r in lower { seen[Int(r)] = false }
            return .below(lower)
        }
        var i = engine.entryCount - 1
        while true {
            while !seen[i] { i -= 1 }
            seen[i] = false
            path -= 1
            if path == 0 { return .uip(i, lower: lower) }
            for r in engine.reason(of: i) { mark(r) }
            i -= 1
        }
    }

    /// Marks `entries` too (for `assert`'s minimisation); those already marked are left out.
    mutating func add(_ entries: [Int32], to lower: inout [Int32]) {
        for r in entries where !seen[Int(r)] { seen[Int(r)] = true; lower.append(r) }
    }

    /// Unmarks `entries` without learning from them.
    mutating func forget(_ entries: [Int32]) { for r in entries { seen[Int(r)] = false } }

    /// Learns from an analysis: drops each entry of `lower` implied by the others' reasons (local
    /// minimisation; only those `removable` allows), unmarks them all, jumps back to the level
    /// where the nogood asserts (not below `floor`), keeps the nogood and asserts the UIP's
    /// negation. False when asserting meets a conflict.
    mutating func assert(_ engine: Engine, uip: Int, lower marked: [Int32], floor: Int = 0, removable: (Int) -> Bool = { _ in true }) -> Bool {
        var lower = marked.filter { r in
            let i = Int(r)
            let why = engine.reason(of: i)
            guard !engine.isDecision(i), !why.isEmpty, removable(i) else { return true }
            return !why.allSatisfy { seen[Int($0)] || engine.entryLevel[Int($0)] <= engine.rootLevel }
        }
        forget(marked)
        lower.sort { engine.entryLevel[Int($0)] > engine.entryLevel[Int($1)] }
        let asserting = engine.entryPredicate[uip].negated
        let target = max(floor, lower.first.map { Int(engine.entryLevel[Int($0)]) } ?? 0)
        let nogood = [engine.entryPredicate[uip]] + lower.map { engine.entryPredicate[Int($0)] }
        let lbd = Set(lower.map { engine.entryLevel[Int($0)] }).count + 1
        engine.backjump(to: target)
        if nogood.count >= 2 { engine.nogoods.add(nogood, lbd: lbd) }
        engine.beginReason()
        for r in lower { engine.because(entry: r) }
        return engine.post(asserting)
    }
}
