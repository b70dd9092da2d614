/// The objective as a propagator: `cost ≤ upper`, where `upper` is the incumbent's cost less
/// one half-unit. Its lower bound is each event's cheapest live option, plus the soft sums'
/// distance to their range, plus the soft pair rules' amounts among fixed events (monotone:
/// more events only add pairs), plus the other soft rules once all their events are fixed.
///
/// Each part explains itself by the options whose removal raised it (`learning-core.md` §2,
/// "Objective / cost lower bound"): an event's cheaper options, a sum's options beyond its
/// bounds, a rule's fixed events. A bound above `upper` is a conflict; an option whose own cost
/// would lift the bound above `upper` goes, with the other parts as its reason. Every incumbent
/// lowers `upper`; nogoods learnt under a higher one stay valid.
final class ObjectiveBound: LearningPropagator {
    let watched: [Int]
    /// The objective must not exceed this (half-units, scaled); `Int.max` before any calendar.
    var upper = Int.max
    /// The bound at level 0's last fixpoint: no calendar costs less than the lesser of it and
    /// the incumbent's cost (options dearer than `upper` may be gone at the root already).
    private(set) var rootBound = 0

    private let unary: [[Int]]
    private let byCost: [[Int]]
    /// Trailed: position in `byCost[e]` of the cheapest and dearest live options.
    private var minSlot: [Int] = [], maxSlot: [Int] = []
    /// Trailed: Σ of the cheapest live costs; Σ of the rules' current amounts.
    private var unarySumSlot = 0, termSumSlot = 0
    /// Trailed: the least slack (`upper` less the bound) the cost-based filtering has run at.
    private var filteredSlackSlot = 0

    /// A soft rule's amount among fixed events (`monotone`), or once all are fixed.
    private struct Term {
        let constraint: Constraint; let events: [Int]; let monotone: Bool; let scale: Int
        /// A soft `rotation`: its same-venue neighbours are counted as they become certain (see
        /// `adjacencies`), its per-venue counts by the soft sums; the evaluator is not asked.
        let isRotation: Bool
    }
    private let terms: [Term]
    /// A fixed event of a rotation: its start, end and venue.
    private typealias Fixed = (e: Int, start: Int, end: Int, venue: Int?)
    private var termSlot: [Int] = []
    private let termsOf: [[Int]]
    private let sums: [(weight: Int, sum: SumRule)]
    /// Trailed: each sum's weighted distance to its range, and their total; the sums each event
    /// takes part in, and `updateSums`' marks.
    private var sumSlot: [Int] = [], sumTotalSlot = 0
    private let sumsOf: [[Int]]
    private var sumDirty: [Bool]
    private var schedule: Schedule
    /// The events' ids, for the spec's order of a rotation's events.
    private let ids: [String]
    /// Each event's cheapest cost at level 0, and their sum.
    private var rootCheapest: [Int]
    private var rootUnarySum = 0
    /// The same at the engine's `rootLevel` (level 1 in a dive): what an event's part of a
    /// reason adds is its rise above it; `floorEpoch` is the engine's `rootEpoch` they are of.
    private var floorCheapest: [Int]
    private var floorUnarySum = 0, floorEpoch = 0

    init(_ model: CompiledModel, _ s: Engine) {
        let n = model.options.count
        watched = Array(0..<n)
        unary = model.options.map { $0.map(\.unary) }
        byCost = model.byCost
        sums = model.softSums.map { ($0.weight, SumRule($0.sum)) }
        // A rule bounded by its sums alone (not monotone) is no term; a rotation's sums leave out
        // its same-venue neighbours, which its term counts.
        terms = model.softTerms.compactMap { t in
            let isRotation = model.posted(t.constraint).countsVenueNeighbours
            guard t.monotone || isRotation else { return nil }
            let events = t.constraint.rule.events.filter { !model.scenario.events[$0].isMilestone || t.monotone }
            return Term(constraint: t.constraint, events: events, monotone: t.monotone, scale: model.setup.costScale, isRotation: isRotation)
        }
        var of = Array(repeating: [Int](), count: n)
        for (i, t) in terms.enumerated() { for e in t.events { of[e].append(i) } }
        termsOf = of
        var sumOf = Array(repeating: [Int](), count: n)
        for (k, (_, sum)) in sums.enumerated() { for e in Set(sum.watched) { sumOf[e].append(k) } }
        sumsOf = sumOf.map { $0.sorted() }
        sumDirty = Array(repeating: false, count: sums.count)
        schedule = Array(repeating: nil, count: n)
        ids = model.scenario.events.map(\.id)
        rootCheapest = (0..<n).map { e in model.byCost[e].first.map { model.options[e][$0].unary } ?? 0 }
        floorCheapest = rootCheapest
        seen = Array(repeating: 0, count: n)
        minSlot = (0..<n).map { _ in s.newInt(0) }
        maxSlot = (0..<n).map { e in s.newInt(max(0, model.byCost[e].count - 1)) }
        unarySumSlot = s.newInt(0)
        termSumSlot = s.newInt(0)
        filteredSlackSlot = s.newInt(Int.max)
        termSlot = terms.map { _ in s.newInt(0) }
        sumSlot = sums.map { _ in s.newInt(0) }
        sumTotalSlot = s.newInt(0)
        var sumTotal = 0
        for k in sums.indices {
            let v = sumAmount(s, k)
            s.setInt(sumSlot[k], v)
            sumTotal = Cost.add(sumTotal, v)
        }
        s.setInt(sumTotalSlot, sumTotal)
        s.setInt(unarySumSlot, rootCheapest.reduce(0, Cost.add))
    }

    @inline(__always) private func cheapest(_ s: Engine, _ e: Int) -> Int { unary[e][byCost[e][s.ints[minSlot[e]]]] }

    /// The consecutive same-venue pairs of a rotation that no completion can undo: two fixed
    /// events, consecutive among the fixed ones in the spec's order, at one venue, with no live
    /// option of any other event of the rule between them. Monotone: they only grow as domains
    /// shrink, and once all are fixed they are the rule's same-venue pairs.
    private func adjacencies(_ s: Engine, _ t: Term) -> [(Fixed, Fixed)] {
        var fixed: [Fixed] = []
        for e in t.events { if let o = s.value(e) { let p = s.model.options[e][o]; fixed.append((e, p.start, p.end, p.placement.venue)) } }
        fixed.sort { precedesInSpecOrder(start: $0.start, end: $0.end, id: ids[$0.e], start: $1.start, end: $1.end, id: ids[$1.e]) }
        var out: [(Fixed, Fixed)] = []
        for (a, b) in zip(fixed, fixed.dropFirst()) where a.venue != nil && a.venue == b.venue {
            let between = t.events.contains { g in
                guard g != a.e, g != b.e, !s.isFixed(g) else { return false }
                var any = false
                s.forEach(g) { o in if !any, isBetween(s, g, o, a, b) { any = true } }
                return any
            }
            if !between { out.append((a, b)) }
        }
        return out
    }

    private func isBetween(_ s: Engine, _ g: Int, _ o: Int, _ a: Fixed, _ b: Fixed) -> Bool {
        let p = s.model.options[g][o]
        return precedesInSpecOrder(start: a.start, end: a.end, id: ids[a.e], start: p.start, end: p.end, id: ids[g])
            && precedesInSpecOrder(start: p.start, end: p.end, id: ids[g], start: b.start, end: b.end, id: ids[b.e])
    }

    /// Adds the reason of a rotation's certain pairs: the pair fixed, and every other event of
    /// the rule without its options between them.
    private func explainAdjacencies(_ s: Engine, _ t: Term) {
        for (a, b) in adjacencies(s, t) {
            s.explainFixed(a.e); s.explainFixed(b.e)
            for g in t.events where g != a.e && g != b.e { s.explain(g) { isBetween(s, g, $0, a, b) } }
        }
    }

    private func termValue(_ s: Engine, _ t: Term) -> Int {
        if t.isRotation { return Cost.mul(Cost.mul(t.scale, Cost.mul(2, t.constraint.weight)), adjacencies(s, t).count) }
        if !t.monotone, !t.events.allSatisfy({ s.isFixed($0) }) { return 0 }
        var any = false
        for e in t.events { if let o = s.value(e) { schedule[e] = s.model.options[e][o].placement; any = true } }
        defer { for e in t.events { schedule[e] = nil } }
        guard any else { return 0 }
        let amount = t.constraint.rule.evaluate(schedule, in: s.model.scenario).amount
        return Cost.mul(t.scale, Cost.halves(Double(t.constraint.weight) * amount))
    }

    /// Sum `k`'s weighted distance to its range, given the live options.
    private func sumAmount(_ s: Engine, _ k: Int) -> Int {
        let (w, sum) = sums[k]
        // An event without options (a scenario that cannot be placed, or a wipe-out the engine
        // is about to report) has no bounds to add: this sum gives none.
        guard !sum.watched.contains(where: { s.size[$0] == 0 }) else { return 0 }
        return Cost.mul(w, sum.outside(s).amount)
    }

    /// Brings the amounts of the sums watching `changed` up to date; their total.
    private func updateSums(_ s: Engine, _ changed: [Int]) -> Int {
        var total = s.ints[sumTotalSlot]
        var dirty: [Int] = []
        for e in changed where s.size[e] > 0 {
            for k in sumsOf[e] {
                sums[k].sum.refresh(s, e)
                if !sumDirty[k] { sumDirty[k] = true; dirty.append(k) }
            }
        }
        for k in dirty {
            sumDirty[k] = false
            let v = sumAmount(s, k), old = s.ints[sumSlot[k]]
            if v != old { s.setInt(sumSlot[k], v); total = total >= Cost.cap ? Cost.cap : Cost.add(total - old, v) }
        }
        s.setInt(sumTotalSlot, total)
        return total
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        var unarySum = s.ints[unarySumSlot], termSum = s.ints[termSumSlot]
        var dirtyTerms: [Int] = []
        for e in changed where s.size[e] > 0 {
            var lo = s.ints[minSlot[e]], hi = s.ints[maxSlot[e]]
            let order = byCost[e]
            if !s.live(e, order[lo]) {
                let old = unary[e][order[lo]]
                while !s.live(e, order[lo]) { lo += 1 }
                s.setInt(minSlot[e], lo)
                unarySum = unarySum >= Cost.cap ? Cost.cap : Cost.add(unarySum - old, unary[e][order[lo]])
            }
            while !s.live(e, order[hi]) { hi -= 1 }
            s.setInt(maxSlot[e], hi)
            for t in termsOf[e] where !dirtyTerms.contains(t) { dirtyTerms.append(t) }
        }
        for t in dirtyTerms {
            let v = termValue(s, terms[t]), old = s.ints[termSlot[t]]
            if v != old { s.setInt(termSlot[t], v); termSum = termSum >= Cost.cap ? Cost.cap : Cost.add(termSum - old, v) }
        }
        s.setInt(unarySumSlot, unarySum); s.setInt(termSumSlot, termSum)
        let sumTotal = updateSums(s, changed)
        recordRoots(s, changed, unarySum: unarySum, termSum: termSum, sumTotal: sumTotal)
        guard upper < Int.max else { return true }
        let bound = Cost.add(Cost.add(unarySum, termSum), sumTotal)
        guard bound >= upper - maxSpread else { return true }
        if bound > upper {
            s.beginReason(); explain(s, reasonParts(s), base: floorUnarySum, above: upper)
            return s.fail()
        }
        return filter(s, slack: upper - bound)
    }

    /// Cost-based filtering: removes every option dearer than `slack` allows. One reason serves
    /// every event filtered here: the parts that lift the bound above `upper` even with the least
    /// rise any removed option brings over its event's cheapest (`lift`). It may name an event's
    /// own cheaper removals; they hold too. Explaining each event on its own would rebuild nearly
    /// the same long reason once per event (2,000 events: most of the time).
    private func filter(_ s: Engine, slack: Int) -> Bool {
        // Filtering at a slack leaves every event without options dearer than its cheapest plus
        // that slack; as cheapest costs only rise, a slack no smaller finds nothing more.
        if slack >= s.ints[filteredSlackSlot] { return true }
        s.setInt(filteredSlackSlot, slack)
        // Each event's options dearer than its limit are those after the last within it in
        // `byCost` (`rank`), found by bisection; each goes as its own `≠` entry, all sharing one
        // reason. (One `[rank ≤ r]` entry per event instead was tried: fewer entries, but as
        // literals of learnt nogoods they cost a scan per check, and asserted they removed an
        // event's cheapest options: twice the propagations a node, and hard K = 20 seed 1's
        // proof in 19-22 s instead of 8-10; docs/performance.md.)
        var targets: [(event: Int, rank: Int)] = [], lift = Int.max
        for e in scope ?? allEvents where s.size[e] > 1 {
            let cost = unary[e], order = byCost[e]
            let least = cheapest(s, e), limit = least + slack
            var lo = s.ints[minSlot[e]], hi = s.ints[maxSlot[e]]
            guard cost[order[hi]] > limit else { continue }
            while lo < hi { let mid = (lo + hi + 1) / 2; if cost[order[mid]] <= limit { lo = mid } else { hi = mid - 1 } }
            var next = lo + 1
            while !s.live(e, order[next]) { next += 1 }
            targets.append((e, lo))
            lift = min(lift, cost[order[next]] - least)
        }
        guard !targets.isEmpty else { return true }
        s.beginReason(); explain(s, reasonParts(s), base: Cost.add(floorUnarySum, lift), above: upper)
        var shared: (start: Int32, end: Int32)? = nil
        for (e, rank) in targets {
            if !s.remove(e, byCost[e][(rank + 1)...s.ints[maxSlot[e]]], sharing: &shared) { return false }
        }
        return true
    }

    /// Keeps the values as of level 0 (`rootCheapest`, `rootBound`) and of the engine's root
    /// level (`floorCheapest`, taken afresh from level 0's when that root changes).
    private func recordRoots(_ s: Engine, _ changed: [Int], unarySum: Int, termSum: Int, sumTotal: Int) {
        if s.level == 0 {
            for e in changed where s.size[e] > 0 { rootCheapest[e] = cheapest(s, e) }
            rootUnarySum = unarySum
            rootBound = Cost.add(Cost.add(unarySum, termSum), sumTotal)
        }
        if floorEpoch != s.rootEpoch { floorCheapest = rootCheapest; floorUnarySum = rootUnarySum; floorEpoch = s.rootEpoch }
        if s.level <= s.rootLevel {
            for e in changed where s.size[e] > 0 { floorCheapest[e] = cheapest(s, e) }
            floorUnarySum = unarySum
        }
    }

    /// The only events that may still be open, when a caller knows (a dive's free events; the
    /// held ones are fixed): cost-based filtering looks at these alone.
    var scope: [Int]? = nil
    private lazy var allEvents = Array(0..<unary.count)

    /// The widest spread of one event's costs: below `upper − maxSpread` no option can go.
    private lazy var maxSpread: Int = unary.map { ($0.max() ?? 0) - ($0.min() ?? 0) }.max() ?? 0

    /// The events that may have risen above their cheapest at the root, in order: those with an
    /// entry above it (in a dive, a few among thousands), or all when that is not fewer.
    private func risen(_ s: Engine) -> [Int] {
        let entries = s.entriesAboveRoot
        guard entries.count < unary.count else { return allEvents }
        seenMark &+= 1
        var out: [Int] = []
        for i in entries {
            let e = Int(s.entryPredicate[i].event)
            if seen[e] != seenMark { seen[e] = seenMark; out.append(e) }
        }
        return out.sorted()
    }
    private var seen: [Int], seenMark = 0

    /// One part of the bound above its root value, and how to explain it.
    private enum Part { case unary(Int), term(Int), sum(Int, low: Bool) }

    /// The parts above their root value (in event, term, sum order): a reason takes the fewest
    /// that still lift the bound above `upper`, largest first (lifting, as CP-SAT's
    /// `RelaxLinearReason`). A soft sum outside its range counts its kept amount (`sumSlot`, up to
    /// date as its events change, so the others are not visited) and is explained by its kept
    /// bounds on the side it passes (`low`: above it, by its least contributions).
    private func reasonParts(_ s: Engine) -> [(value: Int, part: Part)] {
        var parts: [(value: Int, part: Part)] = []
        for e in risen(s) where s.size[e] > 0 {
            let rise = cheapest(s, e) - floorCheapest[e]
            if rise > 0 { parts.append((rise, .unary(e))) }
        }
        for t in terms.indices where s.ints[termSlot[t]] > 0 { parts.append((s.ints[termSlot[t]], .term(t))) }
        for k in sums.indices where s.ints[sumSlot[k]] > 0 {
            parts.append((s.ints[sumSlot[k]], .sum(k, low: sums[k].sum.outside(s).over)))
        }
        return parts
    }

    /// Adds the reason that the bound exceeds `above`: from `base`, the largest parts until the
    /// sum passes it (ties in `parts`' order). A heap: a reason often needs only a few of
    /// thousands of parts.
    private func explain(_ s: Engine, _ parts: [(value: Int, part: Part)], base: Int, above: Int) {
        var total = base
        var heap = MaxHeap(parts.map(\.value))
        while total <= above, let i = heap.pop() {
            let (value, part) = parts[i]
            switch part {
            case .unary(let e):
                let m = cheapest(s, e), cost = unary[e]
                s.explain(e) { cost[$0] < m }
            case .term(let t) where terms[t].isRotation:
                explainAdjacencies(s, terms[t])
            case .term(let t):
                for e in terms[t].events where s.isFixed(e) { s.explainFixed(e) }
            case .sum(let k, let low):
                sums[k].sum.explain(s, low: low, except: -1)
            }
            total = Cost.add(total, value)
        }
    }
}

/// The indices of `values`, largest value first, ties by lower index: a binary heap (Williams
/// 1964), built in linear time (Floyd).
struct MaxHeap {
    private let values: [Int]
    private var heap: [Int]

    init(_ values: [Int]) {
        self.values = values
        heap = Array(values.indices)
        var i = heap.count / 2 - 1
        while i >= 0 { down(i); i -= 1 }
    }

    @inline(__always) private func above(_ a: Int, _ b: Int) -> Bool { values[a] != values[b] ? values[a] > values[b] : a < b }

    private mutating func down(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var top = i
            if l < heap.count, above(heap[l], heap[top]) { top = l }
            if r < heap.count, above(heap[r], heap[top]) { top = r }
            if top == i { return }
            heap.swapAt(i, top); i = top
        }
    }

    mutating func pop() -> Int? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty { heap[0] = last; down(0) }
        return first
    }
}
