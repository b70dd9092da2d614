import Foundation
import Testing
@testable import Convene

// `Solver.preference`: the order in which a search tries an event's options when neither the
// incumbent's nor the last one tried is live. `Decomposed` orders them by the rooms' Lagrangian
// prices for the calendar the prices suggest (the 2,000 one-off meetings: 4,832 -> 4,338 at 30 s,
// docs/performance.md).

@Suite("the options' order a caller prefers")
struct PreferenceTests {
    /// X, a day at A in a five-day week (Monday 3 March 2025 to Friday 7), wishing for Monday.
    static let json = """
    {"format": "scenario/1", "name": "week", "horizon": {"start": "2025-03-03", "end": "2025-03-07"},
     "venues": [{"id": "A", "city": "Geneva", "rooms": 1}],
     "events": [{"id": "X", "days": 1, "venues": ["A"], "preferredStart": "2025-03-03"}],
     "objective": {"preferredStartWeight": 1}}
    """

    func firstCalendar(preferring order: ((CompiledModel) -> [[Int]])?) throws -> (Placement?, SolveStatus) {
        let scenario = try ScenarioReader.read(Array(Self.json.utf8))
        var limits = Limits(timeLimit: 10)
        limits.solutionLimit = 1
        let solver = Solver(scenario, limits: limits)
        if let order { solver.preference = order(solver.model) }
        let out = solver.solve()
        return (out.schedule?.first ?? nil, out.status)
    }

    @Test("the first calendar takes the preferred option, not the cheapest")
    func firstCalendarFollowsThePreference() throws {
        // Without a preference: the cheapest, Monday (the wish). Preferring the latest start
        // first: Friday, though it costs 4 days.
        let (cheapest, _) = try firstCalendar(preferring: nil)
        #expect(cheapest?.start == Day(iso: "2025-03-03"))
        let (latest, _) = try firstCalendar { model in model.options.map { Array($0.indices.reversed()) } }
        #expect(latest?.start == Day(iso: "2025-03-07"))
    }

    @Test("a preference changes where the search starts, never its answer: brute force's optimum, the same twice")
    func preferenceKeepsAnswersExact() {
        var compared = 0
        for seed in SolverAgreementTests.allSeeds.prefix(60) {
            let generated = RandomScenario.make(seed: seed)
            guard let scenario = try? ScenarioReader.read(Array(generated.json.utf8)),
                  let optimum = BruteForce(scenario).optimum() else { continue }
            func run() -> SolveOutcome {
                let solver = Solver(scenario, limits: Limits(timeLimit: 20))
                // The dearest option first: the opposite of the search's own order.
                solver.preference = solver.model.byCost.map { $0.reversed() }
                return solver.solve()
            }
            let first = run(), second = run()
            compared += 1
            let context = "seed \(seed):\n\(generated.json)"
            if let cost = optimum.cost {
                #expect(first.status == .optimal, "brute force finds cost \(cost), the search answers \(first.status); \(context)")
                #expect(first.schedule.map { Evaluator(scenario).evaluate($0).cost } == cost, "not brute force's optimum \(cost); \(context)")
            } else {
                #expect(first.status == .infeasible, "brute force finds no calendar, the search answers \(first.status); \(context)")
            }
            #expect(first.status == second.status && first.schedule == second.schedule, "two runs differ; \(context)")
        }
        #expect(compared >= 40, "only \(compared) seeds compared")
    }
}

@Suite("the neighbourhood a relaxation guides")
struct GuidedNeighbourhoodTests {
    @Test("it frees an event off the relaxation's choice and the event holding that choice's room, not the others")
    func guidedFreesTheEventAndWhatIsInItsWay() throws {
        // X, Y and Z, a day each at A (one room) in the week of Monday 3 March 2025; X wishes for
        // Monday. The incumbent: X on Tuesday, Y on Monday, Z on Friday. The relaxation would
        // put X on Monday (the rest as they are): X is off its choice, Y holds Monday's room,
        // and Z has nothing to do with either.
        let json = """
        {"format": "scenario/1", "name": "week", "horizon": {"start": "2025-03-03", "end": "2025-03-07"},
         "venues": [{"id": "A", "city": "Geneva", "rooms": 1}],
         "events": [{"id": "X", "days": 1, "venues": ["A"], "preferredStart": "2025-03-03"},
                    {"id": "Y", "days": 1, "venues": ["A"]}, {"id": "Z", "days": 1, "venues": ["A"]}],
         "objective": {"preferredStartWeight": 1}}
        """
        let scenario = try ScenarioReader.read(Array(json.utf8))
        let model = Solver(scenario).model
        // Options run Monday (0) to Friday (4) for each event.
        #expect(model.options.map(\.count) == [5, 5, 5])
        let incumbent = [1, 0, 4], guide = [0, 0, 4]
        var withGuide = Neighbourhoods(model: model, rules: [], hints: Neighbourhoods.Hints(guide: guide))
        var guided: [Int]? = nil
        for _ in 0..<20 where guided == nil {
            let free = withGuide.next(incumbent)
            if withGuide.lastKind == .guided { guided = free }
        }
        // The first size is two events (a fifth of three, at least two).
        #expect(guided == [0, 1])
        // Without a guide there is no such kind.
        var without = Neighbourhoods(model: model, rules: [])
        for _ in 0..<20 { _ = without.next(incumbent); #expect(without.lastKind != .guided) }
    }
}
