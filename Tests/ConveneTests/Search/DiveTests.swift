import Foundation
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
                // The limit only guards against a hang: seed 212 takes 29,607 conflicts and about
                // 10 s in a debug build, and 20 s did not always suffice with the suites beside it.
                let solver = Solver(scenario, limits: Limits(timeLimit: 120))
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

@Suite("the root after a restart")
struct RestartRootTests {
    @Test("a proof at the root right after a restart is not lost to the dive that follows it")
    func proofAtRestartKept() throws {
        // One process of the hard family (K = 20, seed 2, its tenth process `P9`, with the
        // family's shared rules), where the first restart comes with a nogood asserted at the
        // root whose consequences prove the incumbent (cost 21) optimal. The dive after that
        // restart used to open its level before the root reached its fixpoint, and the proof was
        // lost with the level: 67,000 conflicts and no proof in 20 s; with the root propagated
        // first, 101 conflicts.
        let root = try #require(ConveneBinary.packageRoot(), "package root not found")
        let url = root.appendingPathComponent("Tests/ConveneTests/Search/scenarios/hard-k20-s2-p9.json")
        let scenario = try ScenarioReader.read([UInt8](Data(contentsOf: url)), file: "hard-k20-s2-p9.json")
        let solution = try Solver.solve(scenario, limits: Limits(timeLimit: 120))
        #expect(solution.status == .optimal)
        #expect(solution.report?.cost == 21)
        #expect(solution.stats.conflicts < 2_000, "\(solution.stats.conflicts) conflicts")
    }

    // The what-if's improvement (`WhatIfSearch.improve`): a seeded search that opens with dives
    // and ends once `stallNodes` pass without a better calendar. Seeded with its optimum, a
    // scenario has no better calendar: on the first random scenario whose proof from there takes
    // more than 20 nodes, a stall of 3 nodes ends the search unproven within 3 nodes, after a
    // dive, with the same calendar cost.
    @Test("a seeded search opens with dives when asked, and stops once it has stalled")
    func divesFirstAndStall() throws {
        var checked = false
        for seed in SolverAgreementTests.allSeeds where !checked {
            let generated = RandomScenario.make(seed: seed)
            guard let scenario = try? ScenarioReader.read(Array(generated.json.utf8)),
                  let optimum = Solver(scenario, limits: Limits(timeLimit: 60)).solve().schedule else { continue }
            func run(stall: Int?) -> SolveOutcome {
                let solver = Solver(scenario, limits: Limits(timeLimit: 60))
                _ = solver.seed(with: optimum)
                solver.divesFirst = true
                solver.stallNodes = stall
                return solver.solve()
            }
            let whole = run(stall: nil)
            guard whole.status == .optimal, whole.stats.nodes > 20 else { continue }
            let stalled = run(stall: 3)
            #expect(stalled.status == .feasible && stalled.stats.nodes <= 3, "seed \(seed): \(stalled.status), \(stalled.stats.nodes) nodes")
            #expect(stalled.stats.dives >= 1 && stalled.objective == whole.objective, "seed \(seed)")
            checked = true
        }
        #expect(checked, "no random scenario needs more than 20 nodes to prove its seeded optimum")
    }
}
