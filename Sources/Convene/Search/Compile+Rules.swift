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
            guard let rooms = venue.rooms, !roomsRelaxed(venue), let taken = roomsTaken[v], !taken.isEmpty else { continue }
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

    // MARK: Pass 3: soft rules that are not unary

    func buildSoftTerms() {
        guard !setup.feasibilityOnly else { return }
        for c in scenario.constraints where !c.hard && isActive(c) {
            switch posted(c).softTerm(of: c, in: self) {
            case .unary: continue
            case .monotone: softTerms.append((c, true))
            case .sums(let sums):
                softTerms.append((c, false))
                for (w, sum) in sums { softSums.append((Cost.mul(setup.costScale, w), sum)) }
            }
        }
    }
}
