/// The neighbourhoods of the learning core's large-neighbourhood search (Shaw 1998; Pisinger and
/// Ropke 2010; CP-SAT's generic neighbourhoods): sets of events to free, every other event
/// keeping its incumbent option. Four kinds in turn:
///
/// - **random**: events drawn uniformly;
/// - **window**: events whose incumbent starts are consecutive in time, around a random one;
/// - **linked**: events reached from a random one through the rules they share (breadth first);
/// - **crowded**: events at a venue near a day whose rooms the incumbent fills.
///
/// The size adapts as in CP-SAT: up a quarter when a dive searched its neighbourhood out, down a
/// fifth when its budget ran out first. Every draw comes from a seeded generator, so a run is
/// the same on every machine.
struct Neighbourhoods {
    enum Kind: CaseIterable { case random, window, linked, crowded }

    let model: CompiledModel
    /// The events a search can move (more than one option).
    private let movable: [Int]
    /// Per event: the events of the rules it takes part in, rules of at most `linkLimit` events.
    private let links: [[Int]]
    private var rng = SplitMix64(seed: 0x4C4E_5300)
    private var turn = 0
    private var size: Double

    static let linkLimit = 32

    /// `rules`: the events each hard or soft rule watches.
    init(model: CompiledModel, rules: [[Int]]) {
        self.model = model
        let n = model.options.count
        movable = (0..<n).filter { model.options[$0].count > 1 }
        var links = Array(repeating: [Int](), count: n)
        for r in rules where r.count > 1 && r.count <= Self.linkLimit {
            for e in r { links[e] += r.filter { $0 != e } }
        }
        self.links = links.map { Array(Set($0)).sorted() }
        size = Double(min(movable.count, max(2, movable.count / 5)))
    }

    /// The next neighbourhood around `incumbent` (option per event), its events ascending.
    mutating func next(_ incumbent: [Int]) -> [Int] {
        let k = max(1, min(movable.count, Int(size)))
        guard k < movable.count else { return movable }
        let kind = Kind.allCases[turn % Kind.allCases.count]
        turn += 1
        let free: [Int]
        switch kind {
        case .random: free = random(k)
        case .window: free = window(k, incumbent)
        case .linked: free = linked(k)
        case .crowded: free = crowded(k, incumbent) ?? window(k, incumbent)
        }
        return free.sorted()
    }

    /// A dive has ended: `exhausted` when it searched its neighbourhood out within its budget.
    mutating func finished(exhausted: Bool) {
        size = exhausted ? min(Double(movable.count), size * 1.25 + 1) : max(2, size * 0.8)
    }

    private mutating func random(_ k: Int) -> [Int] {
        var pool = movable
        for i in 0..<k { pool.swapAt(i, rng.int(i...(pool.count - 1))) }
        return Array(pool.prefix(k))
    }

    private mutating func window(_ k: Int, _ incumbent: [Int]) -> [Int] {
        let byStart = movable.sorted {
            let a = model.options[$0][incumbent[$0]].start, b = model.options[$1][incumbent[$1]].start
            return a != b ? a < b : $0 < $1
        }
        let centre = rng.int(0...(byStart.count - 1))
        let from = max(0, min(byStart.count - k, centre - k / 2))
        return Array(byStart[from..<(from + k)])
    }

    private mutating func linked(_ k: Int) -> [Int] {
        var seen = Set<Int>(), queue: [Int] = [], head = 0
        while seen.count < k {
            if head == queue.count {
                // A new start where the last component ran out.
                let rest = movable.filter { !seen.contains($0) }
                let start = rest[rng.int(0...(rest.count - 1))]
                seen.insert(start); queue.append(start)
                continue
            }
            let e = queue[head]; head += 1
            for x in links[e] where seen.count < k && model.options[x].count > 1 && seen.insert(x).inserted { queue.append(x) }
        }
        return Array(seen)
    }

    /// Nil when no venue-day of the incumbent has all its rooms taken.
    private mutating func crowded(_ k: Int, _ incumbent: [Int]) -> [Int]? {
        var count: [VenueDay: Int] = [:]
        let placements = (0..<model.options.count).map { model.options[$0][incumbent[$0]].placement }
        for vd in VenueDay.taken(by: placements, in: model.scenario) { count[vd, default: 0] += 1 }
        let full = count.filter { vd, n in
            n + (model.roomsTaken[vd.venue]?[vd.day] ?? 0) >= model.scenario.venues[vd.venue].rooms!
        }.keys.sorted { $0.venue != $1.venue ? $0.venue < $1.venue : $0.day < $1.day }
        guard !full.isEmpty else { return nil }
        let at = full[rng.int(0...(full.count - 1))]
        let there = movable.filter { placements[$0].roomVenue == at.venue }
        let near = there.sorted {
            let a = abs(placements[$0].start.ordinal - at.day), b = abs(placements[$1].start.ordinal - at.day)
            return a != b ? a < b : $0 < $1
        }
        guard !near.isEmpty else { return nil }
        return Array(near.prefix(k))
    }
}
