/// Calendars of each part met during the search (the Lagrangian rounds' and the calendars the
/// large-neighbourhood search kept), and the choice of one per part that keeps every venue's
/// rooms at the least cost: a restricted master problem, as in price-and-branch. The Lagrangian
/// prices make the parts propose calendars that avoid crowded days; combining them finds
/// calendars that moving one or two parts at a time does not reach.
struct ColumnPool {
    struct Column {
        /// The part's events' placements, in the part's order.
        let placements: [Placement?]
        /// Its own cost, half-units.
        let cost: Int
        /// Rooms it takes.
        let usage: [VenueDay]
    }

    let scenario: Scenario
    let parts: [[Int]]
    private(set) var columns: [[Column]]
    private var seen: [Set<[Placement?]>]
    /// Columns added since the last `best`.
    private(set) var fresh = 0

    init(scenario: Scenario, parts: [[Int]]) {
        self.scenario = scenario; self.parts = parts
        columns = Array(repeating: [], count: parts.count)
        seen = Array(repeating: [], count: parts.count)
    }

    /// Adds part `k`'s calendar (its events' placements, in order) of cost `cost`, if new.
    mutating func add(part k: Int, _ placements: [Placement?], cost: Int) {
        guard seen[k].insert(placements).inserted else { return }
        columns[k].append(Column(placements: placements, cost: cost, usage: VenueDay.taken(by: placements, in: scenario)))
        fresh += 1
    }

    /// The cheapest choice of one column per part that keeps the rooms, if it costs less than
    /// `below`; depth first, the part with the fewest columns that still fit first, columns
    /// cheapest first, pruned by the cheapest column that still fits each open part. Nil when none is found within
    /// `nodeLimit` nodes or before `deadline`.
    mutating func best(below: Int, nodeLimit: Int, deadline: Double) -> (cost: Int, choice: [Int])? {
        fresh = 0
        guard !columns.contains(where: \.isEmpty) else { return nil }
        let byCost = columns.map { list in list.indices.sorted { (list[$0].cost, $0) < (list[$1].cost, $1) } }
        // The venue-days any column takes, numbered densely.
        var index: [VenueDay: Int] = [:]
        var capacity: [Int] = []
        // Per column: (venue-day index, rooms it takes there); a part may hold two events on
        // one venue-day when the venue has rooms for both.
        let usage: [[[(day: Int, rooms: Int)]]] = columns.map { list in
            list.map { c in
                var count: [Int: Int] = [:]
                for vd in c.usage {
                    if index[vd] == nil {
                        index[vd] = capacity.count
                        capacity.append(scenario.venues[vd.venue].rooms!)
                    }
                    count[index[vd]!, default: 0] += 1
                }
                return count.keys.sorted().map { ($0, count[$0]!) }
            }
        }
        var used = Array(repeating: 0, count: capacity.count)
        var choice = Array(repeating: -1, count: parts.count)
        var incumbent = below, found: [Int]? = nil, nodes = 0
        func fits(_ k: Int, _ c: Int) -> Bool { usage[k][c].allSatisfy { used[$0.day] + $0.rooms <= capacity[$0.day] } }
        func search(_ cost: Int) {
            nodes += 1
            if nodes > nodeLimit || nodes & 255 == 0 && now() > deadline { nodes = nodeLimit + 1; return }
            // Each open part's cheapest fitting column bounds the rest; the part with the
            // fewest fitting columns goes next (fail first), ties to the lower index.
            var bound = cost, pick = -1, fewest = Int.max
            for k in parts.indices where choice[k] < 0 {
                var n = 0, cheapest = -1
                for c in byCost[k] where fits(k, c) { n += 1; if cheapest < 0 { cheapest = c } }
                guard cheapest >= 0 else { return }
                bound = Cost.add(bound, columns[k][cheapest].cost)
                if n < fewest { fewest = n; pick = k }
            }
            guard bound < incumbent else { return }
            guard pick >= 0 else { incumbent = cost; found = choice; return }
            for c in byCost[pick] {
                let column = columns[pick][c]
                guard Cost.add(cost, column.cost) < incumbent, fits(pick, c) else { continue }
                for u in usage[pick][c] { used[u.day] += u.rooms }
                choice[pick] = c
                search(Cost.add(cost, column.cost))
                choice[pick] = -1
                for u in usage[pick][c] { used[u.day] -= u.rooms }
                if nodes > nodeLimit { return }
            }
        }
        search(0)
        return found.map { (incumbent, $0) }
    }
}

/// One venue on one date: the unit the `rooms` limit counts.
struct VenueDay: Hashable, Comparable {
    let day: Int
    let venue: Int

    static func < (a: VenueDay, b: VenueDay) -> Bool { (a.day, a.venue) < (b.day, b.venue) }

    /// The venue-days with a rooms limit that the placements take, with repeats.
    static func taken(by placements: some Sequence<Placement?>, in scenario: Scenario) -> [VenueDay] {
        var out: [VenueDay] = []
        for p in placements {
            guard let p, let v = p.roomVenue, scenario.venues[v].rooms != nil else { continue }
            for d in p.occupied { out.append(VenueDay(day: d.ordinal, venue: v)) }
        }
        return out
    }

    /// The rooms the placements take on each venue-day with a rooms limit.
    static func usage(of placements: some Sequence<Placement?>, in scenario: Scenario) -> [VenueDay: Int] {
        Dictionary(taken(by: placements, in: scenario).map { ($0, 1) }, uniquingKeysWith: +)
    }
}
