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
            if args.has("progress") || isatty(2) == 1 { limits.progress = SolutionText.printProgress }
            solution = try Solver.solve(scenario, limits: limits)
        } catch {
            return CommandResult(stderr: "convene: internal error: \(error.description)\n", status: ExitStatus.internalError)
        }
        var result = CommandResult()
        let file = solution.calendarFile(scenario)
        result.stdout = CLI.render(file, format, scenario, solution.report) ?? SolutionText.table(solution, scenario)
        if args.has("stats") { result.stderr += SolutionText.stats(solution.stats) }
        result.status = status(solution.status)
        if let out = args.value("out"), solution.schedule != nil { CLI.write(file.json(), to: out, &result) }
        return result
    }

    static func status(_ s: SolveStatus) -> Int32 {
        switch s {
        case .optimal, .feasible: return ExitStatus.ok
        case .infeasible: return ExitStatus.no
        case .unknown: return ExitStatus.unknown
        }
    }
}

/// The text forms of a solution.
enum SolutionText {
    static func table(_ s: Solution, _ scenario: Scenario) -> String {
        var out = "Scenario \(scenario.name): \(s.status.rawValue)"
        if let r = s.report { out += ", cost \(formatNumber(r.cost))" }
        out += "\n"
        if let schedule = s.schedule {
            let order = orderedByStart(Array(schedule.indices), in: schedule, scenario: scenario)
            out += "\n" + TextTable(["DATES", "EVENT", "VENUE", "DAYS", "TITLE"], order.map { e in
                let p = schedule[e]!
                return [p.start == p.end ? p.start.iso : "\(p.start.iso)..\(p.end.iso)", scenario.events[e].id,
                        p.venue.map { scenario.venues[$0].id } ?? "-", formatNumber(p.days), clip(scenario.events[e].title, 60)]
            }).render(indent: "  ")
        }
        if let r = s.report {
            if !r.soft.isEmpty {
                out += "\nSOFT COSTS ACCEPTED\n" + TextTable(["RULE", "AMOUNT", "WEIGHT", "COST", "DETAIL"], r.soft.map {
                    [$0.rule, formatNumber($0.amount), String($0.weight ?? 0), formatNumber($0.amount * Double($0.weight ?? 0)), $0.detail]
                }).render(indent: "  ")
            }
            if !r.clashes.isEmpty {
                out += "\nCLASHES ACCEPTED\n" + TextTable(["EVENT", "EXTERNAL", "CATEGORY", "PLACE", "DATES", "RULE"], r.clashes.map {
                    [$0.event, $0.external, $0.category, $0.place, $0.dates.map(\.iso).joined(separator: ", "), $0.constraint]
                }).render(indent: "  ")
            }
        }
        switch s.status {
        case .infeasible:
            if let c = s.conflict {
                out += "\nNo calendar meets all of these together (drop any one and a calendar exists):\n"
                out += c.map { "  - \($0.sentence)\n" }.joined()
                if !s.repairs.isEmpty {
                    out += "\nWhat would fix it (each change alone lets a calendar exist):\n"
                    out += s.repairs.map { "  - \($0.sentence)\n" }.joined()
                }
            } else if let c = s.unprovenConflict {
                out += "\nNo calendar meets all of these together (not proven minimal: the time limit came first):\n"
                out += c.map { "  - \($0.sentence)\n" }.joined()
            } else {
                out += "\nNo calendar exists; the time limit came before a minimal conflict was found.\n"
            }
        case .unknown: out += "\nThe time limit came before any calendar was found.\n"
        case .feasible:
            // The limit, or a search that ran out of ways to improve: either way not proven.
            out += "\nThe search stopped before it could prove this calendar the best"
            if let b = s.stats.bound, let r = s.report, b > 0 {
                let bound = Double(b) / 2
                out += ": no calendar costs less than \(formatNumber(bound)), so this one costs at most \(formatNumber(r.cost - bound)) more than the best one"
            }
            out += ".\n"
        case .optimal: break
        }
        return out
    }

    static func stats(_ s: SolveStats) -> String {
        let first = s.timeToFirst.map { String(format: "%.1f ms", $0 * 1000) } ?? "-"
        let bound = s.bound.map { ", lower bound \(formatNumber(Double($0) / 2))" } ?? ""
        return "stats: nodes \(s.nodes), failures \(s.failures), propagations \(s.propagations), solutions \(s.solutions), " +
            "first calendar \(first), total \(String(format: "%.1f ms", s.elapsed * 1000))\(bound)\(learning(s))\n"
    }

    /// One line of `--progress`, written at once (not with the command's output): seconds, the
    /// best calendar's cost, the proven bound and the gap between them, when known.
    @Sendable static func printProgress(_ p: SearchProgress) {
        var line = String(format: "%8.2f s", p.seconds)
        if let c = p.cost { line += "  best \(formatNumber(Double(c) / 2))" }
        if let b = p.bound { line += "  bound \(formatNumber(Double(b) / 2))" }
        if let c = p.cost, let b = p.bound, c > 0 { line += String(format: "  gap %.1f%%", 100 * Double(c - b) / Double(c)) }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The learning core's counters and their rates, when it ran.
    static func learning(_ s: SolveStats) -> String {
        guard s.conflicts > 0 || s.restarts > 0 else { return "" }
        let rate = s.elapsed > 0 ? String(format: "%.0f", Double(s.conflicts) / s.elapsed) : "-"
        return ", conflicts \(s.conflicts) (\(rate)/s), nogoods kept \(s.learnt), restarts \(s.restarts), dives \(s.dives)"
    }
}

/// `text` cut to `width` characters, with an ellipsis when cut.
func clip(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
}
