import Dispatch
import Testing
@testable import Convene
@testable import ConveneCLI

/// What `convene solve` says under an unproven calendar (issue 5): the search may stop at its
/// limit or run out of ways to improve; when it holds a proven lower bound, the planner is told
/// how far from the best the calendar can be.
struct SolutionTextTests {
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
        let text = SolutionText.table(s, scenario)
        #expect(text.contains("Scenario t: feasible, cost 10\n"))
        #expect(text.contains("The search stopped before it could prove this calendar the best: no calendar costs less than 7, so this one costs at most 3 more than the best one.\n"))
        #expect(SolutionText.stats(s.stats).hasSuffix(", lower bound 7\n"))
    }

    @Test("without a bound it says only that the proof is missing")
    func feasibleWithoutBound() throws {
        let (s, scenario) = try solution(bound: nil)
        let text = SolutionText.table(s, scenario)
        #expect(text.hasSuffix("\nThe search stopped before it could prove this calendar the best.\n"))
        #expect(!SolutionText.stats(s.stats).contains("lower bound"))
    }
}

/// `--time-limit` bounds the whole command: the search gets what reading the files left.
struct TimeLeftTests {
    @Test("the search's limit is the command's less the time already spent, never below zero")
    func timeLeft() {
        let twoSecondsAgo = DispatchTime(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds - 2_000_000_000)
        let left = Commands.left(of: 5, since: twoSecondsAgo)
        #expect(left > 2.5 && left <= 3.0, "5 s less 2 s spent: \(left)")
        #expect(Commands.left(of: 1, since: twoSecondsAgo) == 0)
        #expect(Commands.left(of: 1, since: DispatchTime.now()) > 0.9)
    }
}
