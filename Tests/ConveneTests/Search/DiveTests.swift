import Testing
@testable import Convene

// Issue 12, item 6: the learning core's large-neighbourhood dives (`Neighbourhoods.swift`,
// `Solver.startDive`) must leave its answers exact. With a restart after every conflict,
// and so a dive after nearly every restart once a calendar is known, the core must still agree
// with brute force (Search/BruteForce.swift) on the small random scenarios of the agreement
// tests: the status, the optimal cost, and the same calendar twice.

@Suite("large-neighbourhood dives of the learning core")
struct DiveTests {
    @Test("with a restart after every conflict and a dive after each, the learning core still proves brute force's optimum, the same twice")
    func divesKeepAnswersExact() {
        var compared = 0, dived = 0
        for seed in SolverAgreementTests.allSeeds {
            let generated = RandomScenario.make(seed: seed)
            guard let scenario = try? ScenarioReader.read(Array(generated.json.utf8)),
                  let optimum = BruteForce(scenario).optimum() else { continue }
            func run() -> SolveOutcome {
                let solver = Solver(scenario, limits: Limits(timeLimit: 20))
                solver.restartBase = 1
                return solver.solve()
            }
            let first = run(), second = run()
            compared += 1
            if first.stats.dives > 0 { dived += 1 }
            let context = "seed \(seed), \(first.stats.dives) dives:\n\(generated.json)"
            if let cost = optimum.cost {
                #expect(first.status == .optimal, "brute force finds cost \(cost), the core answers \(first.status); \(context)")
                let report = first.schedule.map { Evaluator(scenario).evaluate($0) }
                #expect(report?.hardOK == true && report?.cost == cost,
                        "brute force's optimum is \(cost), the core's calendar costs \(report.map { "\($0.cost)" } ?? "-"); \(context)")
            } else {
                #expect(first.status == .infeasible, "brute force finds no calendar, the core answers \(first.status); \(context)")
            }
            #expect(first.status == second.status && first.schedule == second.schedule, "two runs differ; \(context)")
        }
        #expect(compared >= 180, "only \(compared) seeds compared")
        #expect(dived >= 20, "only \(dived) of \(compared) seeds reached a dive: the test would not see a wrong one")
    }
}
