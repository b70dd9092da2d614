import Testing
@testable import Convene

// The Lagrangian pricing of the rooms (Search/Lagrangian.swift, Search/Decomposed.swift, step 3):
// a part of one event that nothing but its options constrains is priced without a search
// (`Decomposed.cheapestAlone`), and the calendar the prices suggest may start from the rounds'
// average (`RoomsRelaxation.averaged`).

/// `n` one-off meetings (no rule links any two) at two venues of one room each, in windows of two
/// weeks, wishing for a start, with a soft avoidance of an outside event: each is a part alone.
func oneOffScenario(seed: UInt64, meetings n: Int) throws -> Scenario {
    var rng = SplitMix64(seed: seed)
    let first = Day(iso: "2025-03-03")!
    let events = (0..<n).map { i in
        let lo = first + rng.int(0...20), days = rng.int(1...3)
        let venues = rng.chance(50) ? #"["A"]"# : #"["A", "B"]"#
        return #"{"id": "M\#(i)", "days": \#(days), "venues": \#(venues), "window": {"earliest": "\#(lo.iso)", "latest": "\#((lo + 14).iso)"}, "#
            + #""preferredStart": "\#((lo + rng.int(0...14)).iso)"}"#
    }
    let json = """
    {"format": "scenario/1", "name": "oneoff-\(seed)", "horizon": {"start": "2025-03-01", "end": "2025-04-30"},
     "venues": [{"id": "A", "city": "Geneva", "rooms": 1}, {"id": "B", "city": "Vienna", "rooms": 1}],
     "events": [\(events.joined(separator: ", "))],
     "external": [{"id": "X", "category": "GFMD", "start": "2025-03-17", "end": "2025-03-19", "place": "Geneva"}],
     "constraints": [{"id": "avoid", "type": "avoidExternal", "hard": false, "weight": 3, "events": "all",
                      "external": {"categories": ["GFMD"]}, "bufferDays": 1, "scope": "samePlace"}],
     "objective": {"preferredStartWeight": 1}}
    """
    return try ScenarioReader.read(Array(json.utf8))
}

@Suite("the rooms' pricing")
struct PricingTests {
    @Test("a part of one event is priced as its search prices it: the same calendar, cost and nodes",
          arguments: 1...6 as ClosedRange<UInt64>)
    func cheapestAloneIsTheSearch(seed: UInt64) throws {
        let scenario = try oneOffScenario(seed: seed, meetings: 8)
        #expect(scenario.components().count == 8, "every meeting is a part of its own")
        var rng = SplitMix64(seed: seed &+ 99)
        for e in scenario.events.indices {
            let part = scenario.restricted(to: [e])
            var setup = SearchSetup()
            setup.costScale = RoomsRelaxation.scale
            let base = CompiledModel(part, setup: setup)
            #expect(base.options.count == 1 && base.softTerms.isEmpty && base.softSums.isEmpty && base.hardPropagators().isEmpty)
            // Prices on random venue-days, some of them equal so that options tie.
            var byDay: [VenueDay: Int] = [:]
            for _ in 0..<30 { byDay[VenueDay(day: scenario.horizon.start.ordinal + rng.int(0...60), venue: rng.int(0...1))] = 64 * rng.int(1...3) }
            let prices = RoomPrices(byDay)
            // The table's price of each option is the sum of its days' prices at its venue.
            for option in base.options[0] {
                let p = option.placement
                let sum = p.roomVenue.map { v in p.occupied.reduce(0) { $0 + (byDay[VenueDay(day: $1.ordinal, venue: v)] ?? 0) } } ?? 0
                #expect(prices.price(of: p) == sum, "M\(e) at \(p.start.iso)")
            }
            // No hint, and each option as the hint.
            let hints: [Placement?] = [nil] + base.options[0].map(\.placement)
            for hint in hints {
                let (fast, nodes) = Decomposed.cheapestAlone(base, prices, hint: hint)
                let solver = Solver(model: CompiledModel(repricing: base) { _, p in prices.price(of: p) }, limits: Limits(timeLimit: 30))
                if let hint { solver.seed(with: [hint]) }
                let searched = solver.solve()
                #expect(fast.status == searched.status, "M\(e), hint \(String(describing: hint?.start.iso))")
                #expect(fast.objective == searched.objective, "M\(e), hint \(String(describing: hint?.start.iso))")
                #expect(fast.schedule == searched.schedule, "M\(e), hint \(String(describing: hint?.start.iso))")
                #expect(nodes == searched.stats.nodes, "M\(e), hint \(String(describing: hint?.start.iso))")
            }
        }
    }

    @Test("the rounds' average is the placement chosen most, later rounds weighing more")
    func averagedWeighsLaterRounds() throws {
        // Meetings 0 and 2 want Monday 3 March at A (one room) every round, so the prices rise
        // and the rounds go on; meeting 1 is placed on Tuesday in rounds 1–3 (weights
        // 1 + 2 + 3 = 6) and on Friday in round 4 (weight 4).
        let scenario = try oneOffScenario(seed: 1, meetings: 3)
        let evaluator = Evaluator(scenario)
        let monday = try #require(evaluator.place(start: Day(iso: "2025-03-03")!, venue: 0, days: 1))
        let tuesday = try #require(evaluator.place(start: Day(iso: "2025-03-04")!, venue: 0, days: 1))
        let friday = try #require(evaluator.place(start: Day(iso: "2025-03-07")!, venue: 0, days: 1))
        var relaxation = RoomsRelaxation(scenario: scenario, parts: [[0], [1], [2]], start: [monday, monday, monday], initial: 0)
        #expect(relaxation.averaged == [monday, monday, monday], "before any round: the start")
        var round = 0
        relaxation.improve(upper: 1_000, goOn: { round < 4 }) { k, _, _ in
            if k == 0 { round += 1 }
            return (0, [k != 1 ? monday : round < 4 ? tuesday : friday])
        }
        #expect(round == 4)
        #expect(relaxation.solution == [monday, friday, monday], "the last round's calendar")
        #expect(relaxation.averaged == [monday, tuesday, monday], "Tuesday weighs 6, Friday 4")
    }
}
