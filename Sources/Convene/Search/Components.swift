/// Independent parts of a scenario: events that share no constraint can be solved apart and
/// their optima added (search guide, "Decomposition"). `rooms` is left out of the links: the
/// parts are solved with each venue's rooms counting their own events only (a relaxation), and
/// the merged calendar is then checked against every venue's rooms.
extension Scenario {
    /// The groups of event indices linked by some constraint, each ascending, ordered by their
    /// first event. Unary constraints (`avoidExternal`) link nothing.
    public func components() -> [[Int]] {
        var parent = Array(events.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for c in constraints where c.rule.avoidance == nil {
            let es = c.rule.events
            for e in es.dropFirst() { let a = find(es[0]), b = find(e); if a != b { parent[max(a, b)] = min(a, b) } }
        }
        var groups: [Int: [Int]] = [:]
        for e in events.indices { groups[find(e), default: []].append(e) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// The scenario of `events` alone: those events, renumbered, and the constraints that name
    /// only them (an `avoidExternal` keeps the events of the part it selects).
    public func restricted(to part: [Int]) -> Scenario {
        var map: [Int: Int] = [:]
        for (i, e) in part.enumerated() { map[e] = i }
        let kept = constraints.compactMap { c -> Constraint? in
            guard let r = c.rule.renumbered(map) else { return nil }
            return Constraint(id: c.id, hard: c.hard, weight: c.weight, source: c.source, rule: r)
        }
        return Scenario(name: name, horizon: horizon, venues: venues, events: part.map { events[$0] }, externals: externals,
                        constraints: kept, preferredStartWeight: preferredStartWeight)
    }
}
