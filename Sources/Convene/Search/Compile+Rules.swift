extension CompiledModel {
    /// Rooms taken before the search starts: by events outside it (`setup.occupancy`) and by
    /// the events held where they are (`setup.frozen`, a large-neighbourhood step). Options of
    /// the other events on dates those fill are removed; held events that alone overfill a
    /// date leave no calendar. The rooms propagators then watch only the events still free, so
    /// a step that frees a few events of thousands costs what those few cost.
    func applyOccupancy() {
        roomsTaken = setup.occupancy
        for (_, p) in setup.frozen {
            guard let v = p.roomVenue, scenario.venues[v].rooms != nil else { continue }
            for d in p.occupied { roomsTaken[v, default: [:]][d.ordinal, default: 0] += 1 }
        }
        for (v, venue) in scenario.venues.enumerated() {
            guard let rooms = venue.rooms, !setup.relaxed.contains("rooms:\(venue.id)"), let taken = roomsTaken[v], !taken.isEmpty else { continue }
            if taken.values.contains(where: { $0 > rooms }) {
                // Held events alone take more rooms than there are: no calendar.
                for e in options.indices { options[e] = []; byCost[e] = [] }
                return
            }
            for e in options.indices where setup.frozen[e] == nil {
                let before = options[e].count
                options[e].removeAll { o in
                    o.placement.roomVenue == v && o.placement.occupied.contains { taken[$0.ordinal, default: 0] >= rooms }
                }
                if options[e].count != before {
                    byCost[e] = options[e].indices.sorted { (options[e][$0].unary, $0) < (options[e][$1].unary, $1) }
                }
            }
        }
    }

    // MARK: Pass 2: propagators for the hard rules

    func buildPropagators() {
        let s = scenario
        func nonMilestones(_ events: [Int]) -> [Int] { events.filter { !s.events[$0].isMilestone } }
        func add(_ p: Propagator) { propagators.append(p) }
        for c in s.constraints where c.hard && isActive(c) {
            if expired() { return }
            switch c.rule {
            case let r as Precedence:
                add(LinkPropagator(before: r.before, after: r.after, minDays: r.minDays, maxDays: r.maxDays))
            case let r as Chain:
                for (b, a) in r.links { add(LinkPropagator(before: b, after: a, minDays: r.minDays, maxDays: nil)) }
            case let r as NoOverlap:
                let ids = s.events.map(\.id)
                add(PairPropagator(events: nonMilestones(r.events), maxNeed: 1 + r.travelDays, options: options) { a, pa, b, pb in
                    pairShortfall(pa, ids[a], pb, ids[b], need: { r.need($0, $1, in: s) }) > 0
                })
            case let r as MinSpacing:
                let ids = s.events.map(\.id)
                add(PairPropagator(events: nonMilestones(r.events), maxNeed: r.days, options: options) { a, pa, b, pb in
                    pairShortfall(pa, ids[a], pb, ids[b], need: { _, _ in r.days }) > 0
                })
            case let r as TotalDays:
                add(totalDaysSum(r))
            case let r as MonthlyQuota:
                for p in quotaSums(r) { add(p) }
            case let r as Rotation:
                let events = nonMilestones(r.events)
                for p in venueCountSums(r, events) { add(p) }
                add(RotationPropagator(events: events, rule: r, scenario: s))
                leafChecks.append(c)
            default:
                break // avoidExternal: unary, applied to the options.
            }
        }
        for (v, venue) in s.venues.enumerated() {
            guard let rooms = venue.rooms, !setup.relaxed.contains("rooms:\(venue.id)") else { continue }
            let events = s.events.indices.filter { e in
                setup.frozen[e] == nil && options[e].contains { $0.placement.roomVenue == v }
            }
            let taken = roomsTaken[v] ?? [:]
            if let p = RoomsPropagator(events: events, venue: v, rooms: rooms, taken: taken, options: options) { add(p) }
        }
    }

    /// Half-units: a `days` of 0.5 adds 1, a whole day 2.
    func totalDaysSum(_ r: TotalDays) -> SumPropagator {
        SumPropagator(events: r.events, contribution: r.events.map { e in options[e].map { Int($0.placement.days * 2) } },
                      lo: r.min.map { Int(($0 * 2).rounded(.up)) }, hi: r.max.map { Int(($0 * 2).rounded(.down)) })
    }

    /// One sum per listed month, in half-units, with the bounds its mode sets.
    func quotaSums(_ r: MonthlyQuota) -> [SumPropagator] {
        let events = r.events.filter { !scenario.events[$0].isMilestone }
        return r.quota.map { month, q in
            let m = Day.monthIndex(of: month)!
            let contribution = events.map { e in options[e].map { Int(MonthlyQuota.contribution(of: $0.placement, toMonthIndex: m) * 2) } }
            let lo = r.mode == .atMost ? nil : Int((q * 2).rounded(.up))
            let hi = r.mode == .atLeast ? nil : Int((q * 2).rounded(.down))
            return SumPropagator(events: events, contribution: contribution, lo: lo, hi: hi)
        }
    }

    /// One count per venue with a minimum or maximum.
    func venueCountSums(_ r: Rotation, _ events: [Int]) -> [SumPropagator] {
        let venues = Set(r.minPerVenue.keys).union(r.maxPerVenue.keys).sorted()
        return venues.map { v in
            SumPropagator(events: events, contribution: events.map { e in options[e].map { $0.placement.venue == v ? 1 : 0 } },
                          lo: r.minPerVenue[v], hi: r.maxPerVenue[v])
        }
    }

    // MARK: Pass 3: soft rules that are not unary

    func buildSoftTerms() {
        guard !setup.feasibilityOnly else { return }
        for c in scenario.constraints where !c.hard && isActive(c) {
            switch c.rule {
            case is AvoidExternal:
                continue // unary, in the options' costs
            case is Precedence, is Chain, is NoOverlap, is MinSpacing:
                softTerms.append((c, true))
            case let r as TotalDays:
                softTerms.append((c, false)); softSums.append((Cost.mul(setup.costScale, c.weight), totalDaysSum(r)))
            case let r as MonthlyQuota:
                softTerms.append((c, false)); for p in quotaSums(r) { softSums.append((Cost.mul(setup.costScale, c.weight), p)) }
            case let r as Rotation:
                // Its per-venue counts bound the count part of its amount before its events are
                // fixed: sums of 1 per event at the venue, 2 half-units of cost each.
                let counts = venueCountSums(r, r.events.filter { !scenario.events[$0].isMilestone })
                softTerms.append((c, false))
                for p in counts { softSums.append((Cost.mul(setup.costScale, Cost.mul(2, c.weight)), p)) }
            default:
                softTerms.append((c, false))
            }
        }
    }
}
