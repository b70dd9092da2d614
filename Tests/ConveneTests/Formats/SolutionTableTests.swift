import Testing
@testable import Convene

/// What `convene solve` says under an unproven calendar (issue 5): the search may stop at its
/// limit or run out of ways to improve; when it holds a proven lower bound, the planner is told
/// how far from the best the calendar can be.
struct SolutionTableTests {
    func solution(bound: Int?) throws -> (Solution, Scenario) {
        let scenario = try ScenarioReader.read(Array(CLITests.scenarioText.utf8))
        let evaluator = Evaluator(scenario)
        let (schedule, problems) = evaluator.schedule(from: try CalendarFile.read(Array(CLITests.good.utf8)))
        #expect(problems.isEmpty)
        let report = evaluator.evaluate(schedule)
        var stats = SolveStats()
        stats.bound = bound
        return (Solution(status: .feasible, schedule: schedule, report: report, conflict: nil, stats: stats), scenario)
    }

    @Test("a feasible calendar with a proven bound names the bound and the most it can cost above the best")
    func feasibleWithBound() throws {
        // CLITests.good costs 10: A meets X and Y, weight 5 each (CLITests, "A 8–10 May").
        let (s, scenario) = try solution(bound: 14)   // half-units: 7
        let text = s.table(scenario)
        #expect(text.contains("Scenario t: feasible, cost 10\n"))
        #expect(text.contains("The search stopped before it could prove this calendar the best: no calendar costs less than 7, "
                              + "so this one costs at most 3 more than the best one.\n"))
        #expect(s.stats.line.hasSuffix(", lower bound 7\n"))
    }

    @Test("without a bound it says only that the proof is missing")
    func feasibleWithoutBound() throws {
        let (s, scenario) = try solution(bound: nil)
        let text = s.table(scenario)
        #expect(text.hasSuffix("\nThe search stopped before it could prove this calendar the best.\n"))
        #expect(!s.stats.line.contains("lower bound"))
    }
}
