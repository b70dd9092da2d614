import Dispatch
import Foundation
import Convene

extension Commands {
    static let defaultScenario = "Scenarios/gcm-work-plan.json"

    static let solve = CommandSpec(
        name: "solve",
        overview: "Propose the best calendar that meets every hard rule, prove it optimal, or explain why none exists.",
        arguments: [("scenario", "A scenario/1 file (default: \(defaultScenario)).", true)],
        options: [
            OptionSpec(name: "out", short: "o", value: "file", help: "Write the calendar (calendar/1) to this file, atomically."),
            OptionSpec(name: "format", value: "format", help: "table, json (calendar/1), ics, csv or html.", defaultValue: "table"),
            OptionSpec(name: "time-limit", short: "t", value: "seconds",
                       help: "Answer within this many seconds, reading the files included, with the best calendar found by then.", defaultValue: "30"),
            OptionSpec(name: "stats", help: "Print the search's counters (nodes, failures, time) on standard error."),
            OptionSpec(name: "progress", help: "Print a line on standard error each time the best calendar or the lower bound improves "
                                               + "(on by default when standard error is a terminal)."),
        ] + CLI.externalOptions(),
        discussion: """
        Status: optimal (cost proven minimal), feasible (the time limit came first), infeasible (a
        minimal conflict is printed: dropping any one of its elements makes a calendar exist; then
        what would fix it: for a window, a pin or a venue's rooms, the least change of that element
        alone that lets a calendar exist; when the limit comes first, the smallest set found that
        cannot all hold, marked not proven minimal), or unknown (the time limit came before any
        calendar). Ctrl-C stops the search like the limit.
        Among calendars of equal cost, the first one met by the search's fixed order is given.
        """,
        run: runSolve)

    static func timeLimit(_ args: ParsedArguments) throws(UsageError) -> Double {
        guard let s = args.value("time-limit") else { return 30 }
        guard let v = Double(s), v.isFinite, v > 0, v <= 86_400 else {
            throw UsageError(message: "Option '--time-limit' expects seconds above 0 (at most 86400), found '\(s)'.")
        }
        return v
    }

    /// What is left of `limit` seconds since `start`: reading the files counts, so that
    /// `--time-limit` bounds the whole command, not only the search.
    static func left(of limit: Double, since start: DispatchTime) -> Double {
        max(0, limit - Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    static func runSolve(_ args: ParsedArguments) -> CommandResult {
        let started = DispatchTime.now()
        let format: String, limit: Double
        let path = args.positionals.first ?? defaultScenario
        do throws(UsageError) {
            format = try CLI.format(args, ["table", "json", "ics", "csv", "html"])
            limit = try timeLimit(args)
            try CLI.checkOutput(args.value("out"), inputs: [path])
        } catch { return CLI.usageError(error.message, solve) }
        let scenario: Scenario
        switch CLI.load(scenario: path, calendar: nil, args) {
        case .failure(let r): return r.result
        case .success(let (s, _)): scenario = s
        }
        let solution: Solution
        do {
            var limits = CLI.limits(left(of: limit, since: started))
            if args.has("progress") || isatty(2) == 1 { limits.progress = printProgress }
            solution = try Solver.solve(scenario, limits: limits)
        } catch {
            return CommandResult(stderr: "convene: internal error: \(error.description)\n", status: ExitStatus.internalError)
        }
        var result = CommandResult()
        let file = solution.calendarFile(scenario)
        result.stdout = CLI.render(file, format, scenario, solution.report) ?? solution.table(scenario)
        if args.has("stats") { result.stderr += solution.stats.line }
        result.status = status(solution.status)
        if let out = args.value("out"), solution.schedule != nil { CLI.write(file.json(), to: out, &result) }
        return result
    }

    /// Writes a `--progress` line at once (not with the command's output).
    @Sendable static func printProgress(_ p: SearchProgress) {
        FileHandle.standardError.write(Data(p.line.utf8))
    }

    static func status(_ s: SolveStatus) -> Int32 {
        switch s {
        case .optimal, .feasible: return ExitStatus.ok
        case .infeasible: return ExitStatus.no
        case .unknown: return ExitStatus.unknown
        }
    }
}
