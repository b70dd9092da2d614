/// The one large-neighbourhood search's neighbourhoods (Shaw 1998; Pisinger and Ropke 2010;
/// CP-SAT's generic and scheduling neighbourhoods): sets of events to free, every other event
/// keeping its incumbent option, which `Solver`'s dives hold by decisions in the one engine. The
/// kinds are values; each dive takes the next kind in turn among those that apply:
///
/// - **random**: events drawn uniformly;
/// - **window**: events whose incumbent starts are consecutive in time, around a random one;
/// - **linked**: events reached from a random one through the rules they share (breadth first);
/// - **crowded**: events at a venue near a day whose rooms the incumbent fills;
/// - **groups**: whole groups the caller names (a scenario's independent parts), a random one
///   and then others sharing its venue-days, as many as the size allows;
/// - **dearest**: the events of a soft rule among the dearest in the incumbent, then those linked
///   to them;
/// - **displaced**: an event among those whose incumbent option costs most above their cheapest,
///   then the events holding rooms on the venue-days of its cheaper options (the ones in its way);
/// - **focus**: the events the caller names (those a what-if's change moved), with events near
///   them in time;
/// - **guided**: events whose incumbent option is not the one a relaxation chose for them (the
///   calendar the rooms' prices suggest), then the events holding rooms on the venue-days of
///   those choices (a relaxation-induced neighbourhood, as RINS: Danna, Rothberg and Le Pape 2005).
///
/// Each kind's size adapts as in CP-SAT: up a quarter when a dive searched its neighbourhood
/// out, down a fifth when its budget ran out first. Every draw comes from a seeded generator, so
/// a run is the same on every machine.
struct Neighbourhoods {
    enum Kind: CaseIterable { case random, window, linked, crowded, groups, dearest, displaced, focus, guided }

    /// What a caller knows that the neighbourhoods should aim at.
    struct Hints {
        /// Groups of events worth freeing whole (independent parts); used from two groups on.
        var groups: [[Int]] = []
        /// Events worth freeing first: the events a change moved.
        var focus: [Int] = []
        /// An option per event that a relaxation chose (the rooms' prices; -1 for an event whose
        /// choice is none of its options), when there is one.
        var guide: [Int]? = nil
    }

    let model: CompiledModel
    let hints: Hints
    /// The events a search can move (more than one option).
    private let movable: [Int]
    private let isMovable: [Bool]
    /// Per event: the events of the rules it takes part in, rules of at most `linkLimit` events.
    private let links: [[Int]]
    private let kinds: [Kind]
    private var rng = SplitMix64(seed: 0x4C4E_5300)
    private var turn = 0
    /// The last neighbourhood's kind and size (its size for traces).
    private(set) var lastKind: Kind = .random
    private(set) var lastSize = 0
    private var size: [Kind: Double] = [:]

    /// `rules`: the events each hard or soft rule watches.
    init(model: CompiledModel, rules: [[Int]], hints: Hints = Hints()) {
        self.model = model
        self.hints = hints
        let n = model.options.count
        let isMovable = (0..<n).map { model.options[$0].count > 1 }
        self.isMovable = isMovable
        movable = isMovable.indices.filter { isMovable[$0] }
        var links = Array(repeating: [Int](), count: n)
        for r in rules where r.count > 1 && r.count <= Parameters.linkLimit {
            for e in r { links[e] += r.filter { $0 != e } }
        }
        self.links = links.map { Array(Set($0)).sorted() }
        var kinds: [Kind] = [.random]
        // Second: a scenario's parts are where step 4 of `Decomposed` finds most (first, they
        // slowed the hard family's K = 10; fifth, they tripled the first family's K = 10).
        if hints.groups.count > 1 { kinds.append(.groups) }
        kinds += [.window, .linked, .crowded]
        if !model.softTerms.isEmpty { kinds.append(.dearest) }
        if movable.contains(where: { e in model.options[e].contains { $0.unary != model.options[e][0].unary } }) { kinds.append(.displaced) }
        if !hints.focus.isEmpty { kinds.append(.focus) }
        if hints.guide?.count == n { kinds.append(.guided) }
        self.kinds = kinds
        let start = Double(min(movable.count, max(2, Int(Double(movable.count) * Parameters.firstNeighbourhoodShare))))
        for k in kinds { size[k] = start }
    }

    /// The next neighbourhood around `incumbent` (option per event), its events ascending.
    mutating func next(_ incumbent: [Int]) -> [Int] {
        let kind = kinds[turn % kinds.count]
        turn += 1
        lastKind = kind
        let k = max(1, min(movable.count, Int(size[kind]!)))
        guard k < movable.count else { return movable }
        let free: [Int]
        switch kind {
        case .random: free = shuffled(movable, first: k)
        case .window: free = window(k, incumbent)
        case .linked: free = linked(k, from: [])
        case .crowded: free = crowded(k, incumbent) ?? window(k, incumbent)
        case .groups: free = groups(k, incumbent)
        case .dearest: free = dearest(k, incumbent) ?? linked(k, from: [])
        case .displaced: free = displaced(k, incumbent) ?? window(k, incumbent)
        case .focus: free = focus(k, incumbent)
        case .guided: free = guided(k, incumbent) ?? shuffled(movable, first: k)
        }
        let out = free.filter { isMovable[$0] }.sorted()
        lastSize = out.count
        return out
    }

    /// The last dive has ended: `exhausted` when it searched its neighbourhood out within its budget.
    mutating func finished(exhausted: Bool) {
        let s = size[lastKind]!
        size[lastKind] = exhausted ? min(Double(movable.count), s * Parameters.neighbourhoodGrow + 1) : max(2, s * Parameters.neighbourhoodShrink)
    }

    /// The movable events by incumbent start (ties by index).
    private func byStart(_ incumbent: [Int]) -> [Int] {
        movable.sorted { (model.options[$0][incumbent[$0]].start, $0) < (model.options[$1][incumbent[$1]].start, $1) }
    }

    private mutating func window(_ k: Int, _ incumbent: [Int]) -> [Int] {
        let order = byStart(incumbent)
        let centre = rng.int(0...(order.count - 1))
        let from = max(0, min(order.count - k, centre - k / 2))
        return Array(order[from..<(from + k)])
    }

    /// `k` events reached breadth first through shared rules from `seeds`, then from random
    /// starts where a component runs out.
    private mutating func linked(_ k: Int, from seeds: [Int]) -> [Int] {
        // `queue` holds every event reached, in order; `seen` marks them (a flag per event, not a
        // set: with no rules to follow, as for one-off meetings, every event is a random start).
        var seen = Array(repeating: false, count: isMovable.count), queue: [Int] = [], head = 0, movableSeen = 0
        func reach(_ e: Int) { seen[e] = true; queue.append(e); if isMovable[e] { movableSeen += 1 } }
        for e in seeds where queue.count < k && !seen[e] { reach(e) }
        while queue.count < k {
            if head == queue.count {
                // A random start among the movable events not reached yet, in `movable`'s order.
                var r = rng.int(0...(movable.count - movableSeen - 1))
                for e in movable where !seen[e] {
                    if r == 0 { reach(e); break }
                    r -= 1
                }
                continue
            }
            let e = queue[head]; head += 1
            for x in links[e] where queue.count < k && isMovable[x] && !seen[x] { reach(x) }
        }
        return queue
    }

    /// Nil when no venue-day of the incumbent has all its rooms taken.
    private mutating func crowded(_ k: Int, _ incumbent: [Int]) -> [Int]? {
        let placements = (0..<model.options.count).map { model.options[$0][incumbent[$0]].placement }
        let full = VenueDay.usage(of: placements, in: model.scenario).filter { vd, n in
            n + (model.roomsTaken[vd.venue]?[vd.day] ?? 0) >= model.scenario.venues[vd.venue].rooms!
        }.keys.sorted { $0.venue != $1.venue ? $0.venue < $1.venue : $0.day < $1.day }
        guard !full.isEmpty else { return nil }
        let at = full[rng.int(0...(full.count - 1))]
        let there = movable.filter { placements[$0].roomVenue == at.venue }
        let near = there.sorted { (abs(placements[$0].start.ordinal - at.day), $0) < (abs(placements[$1].start.ordinal - at.day), $1) }
        guard !near.isEmpty else { return nil }
        return Array(near.prefix(k))
    }

    /// A random group, then the groups holding rooms on its venue-days (most shared first, ties
    /// by index), whole, while the events stay within `k` (the first group always).
    private mutating func groups(_ k: Int, _ incumbent: [Int]) -> [Int] {
        let groups = hints.groups
        let first = rng.int(0...(groups.count - 1))
        func days(_ g: Int) -> Set<VenueDay> {
            let placements: Schedule = groups[g].map { model.options[$0][incumbent[$0]].placement }
            return Set(VenueDay.taken(by: placements, in: model.scenario))
        }
        let mine = days(first)
        var rivals: [(group: Int, shared: Int)] = []
        for g in groups.indices where g != first {
            let shared = days(g).intersection(mine).count
            if shared > 0 { rivals.append((g, shared)) }
        }
        rivals.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.group < $1.group }
        var out = groups[first]
        for r in rivals where out.count + groups[r.group].count <= k { out += groups[r.group] }
        return out
    }

    /// The events of one of the dearest soft rules in the incumbent, and those linked to them,
    /// `k` in all; nil when no soft rule costs anything.
    private mutating func dearest(_ k: Int, _ incumbent: [Int]) -> [Int]? {
        let schedule: Schedule = incumbent.enumerated().map { e, o in model.options[e][o].placement }
        var dear: [(events: [Int], cost: Double)] = []
        for (c, _) in model.softTerms where c.rule.events.count > 0 {
            let a = c.rule.evaluate(schedule, in: model.scenario).amount * Double(c.weight)
            if a > 0 { dear.append((c.rule.events, a)) }
        }
        guard !dear.isEmpty else { return nil }
        let top = dear.enumerated().sorted { $0.element.cost != $1.element.cost ? $0.element.cost > $1.element.cost : $0.offset < $1.offset }
        let pick = top[rng.int(0...(min(Parameters.dearestPool, top.count) - 1))].element.events
        return linked(k, from: pick.filter { isMovable[$0] })
    }

    /// One of the `dearestPool` events whose incumbent option costs most above their cheapest
    /// (ties by index), then the events whose incumbent options hold rooms on the venue-days of
    /// its cheaper options, most such days first (ties by index), `k` in all; nil when every
    /// event holds its cheapest.
    private mutating func displaced(_ k: Int, _ incumbent: [Int]) -> [Int]? {
        var rise: [(event: Int, rise: Int)] = []
        for e in movable {
            let held = model.options[e][incumbent[e]].unary, least = model.options[e][model.byCost[e][0]].unary
            if held > least { rise.append((e, held - least)) }
        }
        guard !rise.isEmpty else { return nil }
        rise.sort { $0.rise != $1.rise ? $0.rise > $1.rise : $0.event < $1.event }
        let e = rise[rng.int(0...(min(Parameters.dearestPool, rise.count) - 1))].event
        let held = model.options[e][incumbent[e]].unary
        return [e] + inWay(of: model.options[e].filter { $0.unary < held }.map(\.placement), except: [e], incumbent).prefix(k - 1)
    }

    /// The movable events outside `except` whose incumbent options hold rooms on the venue-days
    /// of `wanted`, most such days first (ties by index).
    private func inWay(of wanted: Schedule, except: Set<Int>, _ incumbent: [Int]) -> [Int] {
        let wanted = Set(VenueDay.taken(by: wanted, in: model.scenario))
        var found: [(event: Int, days: Int)] = []
        for x in movable where !except.contains(x) {
            let days = VenueDay.taken(by: [model.options[x][incumbent[x]].placement], in: model.scenario).filter(wanted.contains).count
            if days > 0 { found.append((x, days)) }
        }
        found.sort { $0.days != $1.days ? $0.days > $1.days : $0.event < $1.event }
        return found.map(\.event)
    }

    /// Up to `k` in all: events off their guide's option (in a random order), then the events
    /// whose incumbent options hold rooms on the venue-days of those options, most such days
    /// first (ties by index); nil when every event holds its guide's option.
    private mutating func guided(_ k: Int, _ incumbent: [Int]) -> [Int]? {
        guard let guide = hints.guide else { return nil }
        let off = shuffled(movable.filter { incumbent[$0] != guide[$0] && guide[$0] >= 0 })
        guard !off.isEmpty else { return nil }
        let chosen = Array(off.prefix(max(1, k / 2)))
        return chosen + inWay(of: chosen.map { model.options[$0][guide[$0]].placement }, except: Set(chosen), incumbent).prefix(k - chosen.count)
    }

    /// `list` in a random order (Fisher and Yates), from the run's generator; with `k`, only
    /// its first `k` (the shuffle stops after `k` draws).
    private mutating func shuffled(_ list: [Int], first k: Int = .max) -> [Int] {
        var out = list
        for i in 0..<min(k, out.count) { out.swapAt(i, rng.int(i...(out.count - 1))) }
        return Array(out.prefix(k))
    }

    /// The focus events, then the movable events nearest them in time, `k` in all (the focus
    /// first, in a random order when more than `k`).
    private mutating func focus(_ k: Int, _ incumbent: [Int]) -> [Int] {
        let pool = shuffled(hints.focus.filter { isMovable[$0] })
        var seen = Set(pool.prefix(k))
        guard seen.count < k, !pool.isEmpty else { return Array(seen) }
        let order = byStart(incumbent)
        let centre = order.firstIndex(of: pool[rng.int(0...(pool.count - 1))])!
        var lo = centre - 1, hi = centre + 1
        while seen.count < k, lo >= 0 || hi < order.count {
            if hi < order.count { seen.insert(order[hi]); hi += 1 }
            if seen.count < k, lo >= 0 { seen.insert(order[lo]); lo -= 1 }
        }
        return Array(seen)
    }
}
