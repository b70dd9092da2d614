import Convene
import Foundation

extension Commands {
    static let sweep = CommandSpec(
        name: "sweep",
        overview: "Try every start date of one event in a range: feasible or not, the cost, what moves, the clashes it brings.",
        arguments: [("scenario", "A scenario/1 file.", false)],
        options: [
            OptionSpec(name: "baseline", short: "b", value: "calendar", help: "The calendar/1 file to start from (required)."),
            OptionSpec(name: "event", short: "e", value: "id", help: "The event to move (required), e.g. STOCK."),
            OptionSpec(name: "from", value: "date", help: "The first candidate start date (required)."),
            OptionSpec(name: "to", value: "date", help: "The last candidate start date (required)."),
            OptionSpec(name: "venue", value: "id", help: "Also pin the event to this venue."),
            OptionSpec(name: "move-weight", value: "n", help: "Cost per calendar day an unpinned event moves.", defaultValue: "1"),
            OptionSpec(name: "venue-change-weight", value: "n", help: "Cost per unpinned event that changes venue.", defaultValue: "10"),
            OptionSpec(name: "jobs", short: "j", value: "n", help: "Dates tried at once (the result is the same for any number).", defaultValue: "2"),
            OptionSpec(name: "format", value: "format", help: "table, csv or json.", defaultValue: "table"),
            OptionSpec(name: "time-limit", short: "t", value: "seconds", help: "Stop the whole sweep after this many seconds, reading the files included; unfinished dates are marked.", defaultValue: "30"),
        ] + CLI.externalOptions(),
        discussion: """
        The candidates are the dates in the range that are working days of a venue the event may use.
        Each is a what-if pinning the event's start there (see 'convene help whatif'); the cheapest
        feasible dates are marked best. Ctrl-C stops the sweep and reports the dates it finished.
        """,
        run: runSweep)

    static func runSweep(_ args: ParsedArguments) -> CommandResult {
        let begun = DispatchTime.now()
        let format: String, limit: Double, mw: Int, vw: Int, jobs: Int, from: Day, to: Day, event: String
        let path = args.positionals[0]
        do throws(UsageError) {
            format = try CLI.format(args, ["table", "csv", "json"])
            limit = try timeLimit(args)
            mw = try CLI.int(args, "move-weight", default: 1, in: 0...1_000_000)
            vw = try CLI.int(args, "venue-change-weight", default: 10, in: 0...1_000_000)
            jobs = try CLI.int(args, "jobs", default: 2, in: 1...64)
            guard args.value("baseline") != nil else { throw UsageError(message: "Missing '--baseline <calendar>'.") }
            guard let e = args.value("event") else { throw UsageError(message: "Missing '--event <id>'.") }
            event = e
            func date(_ name: String) throws(UsageError) -> Day {
                guard let s = args.value(name) else { throw UsageError(message: "Missing '--\(name) <date>'.") }
                guard let d = Day(iso: s) else { throw UsageError(message: "Option '--\(name)' expects a date YYYY-MM-DD, found '\(s)'.") }
                return d
            }
            from = try date("from")
            to = try date("to")
        } catch { return CLI.usageError(error.message, sweep) }
        let scenario: Scenario, baseline: CalendarFile
        switch CLI.load(scenario: path, calendar: args.value("baseline")!, args) {
        case .failure(let r): return r.result
        case .success(let (s, c)): scenario = s; baseline = c!
        }
        let sweeper = Sweep(base: WhatIf(scenario: scenario, baseline: baseline, changes: [], moveWeight: mw, venueChangeWeight: vw),
                            event: event, from: from, to: to, venue: args.value("venue"))
        let started = Date()
        let progress: @Sendable (Int, Int) -> Void = { done, total in
            guard Date().timeIntervalSince(started) > 1 else { return }
            FileHandle.standardError.write(Data("\rsweep: \(done)/\(total) dates".utf8))
        }
        let rows: [SweepRow]
        do {
            rows = try sweeper.run(jobs: jobs, limits: Limits(timeLimit: left(of: limit, since: begun), stop: CLI.interrupt), progress: progress)
        } catch let e as ChangeError {
            return CLI.usageError(e.description, sweep)
        } catch {
            return CommandResult(stderr: "convene: internal error: \(error)\n", status: ExitStatus.internalError)
        }
        var result = CommandResult()
        if Date().timeIntervalSince(started) > 1 { result.stderr = "\n" }
        switch format {
        case "csv": result.stdout = SweepText.csv(rows)
        case "json": result.stdout = SweepText.json(rows, scenario: scenario, event: event)
        default: result.stdout = SweepText.table(rows, scenario: scenario, event: event)
        }
        let unfinished = rows.filter { $0.status == nil }.count
        if unfinished > 0 { result.stderr += "sweep: stopped before \(unfinished) of \(rows.count) dates were tried\n" }
        result.status = rows.contains { $0.status == .optimal || $0.status == .feasible } ? ExitStatus.ok
            : unfinished > 0 || rows.contains { $0.status == .unknown } ? ExitStatus.unknown : ExitStatus.no
        return result
    }
}

enum SweepText {
    static func cells(_ r: SweepRow) -> [String] {
        [r.date.iso, r.date.weekday.rawValue, r.status?.rawValue ?? "not run", r.whatIfCost.map(formatNumber) ?? "",
         r.cost.map(formatNumber) ?? "", r.disturbance.map(formatNumber) ?? "", r.whatIfCost == nil ? "" : String(r.moved),
         r.newClashes.joined(separator: "; "), r.best ? "best" : ""]
    }

    static let headers = ["DATE", "DAY", "STATUS", "WHATIF COST", "COST", "DISTURBANCE", "MOVED", "NEW CLASHES", "BEST"]

    static func table(_ rows: [SweepRow], scenario: Scenario, event: String) -> String {
        let feasible = rows.filter { $0.whatIfCost != nil }.count
        var out = "Sweep of \(event) on \(scenario.name): \(rows.count) candidate dates, \(feasible) feasible\n"
        if let best = rows.first(where: \.best) { out += "Best: \(rows.filter(\.best).map(\.date.iso).joined(separator: ", ")) (what-if cost \(formatNumber(best.whatIfCost!)))\n" }
        return out + "\n" + TextTable(headers, rows.map(cells)).render(indent: "  ")
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF.
    static func csv(_ rows: [SweepRow]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let header = ["date", "weekday", "status", "whatif_cost", "cost", "disturbance", "moved", "new_clashes", "best"]
        return ([header] + rows.map(cells)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ rows: [SweepRow], scenario: Scenario, event: String) -> String {
        JSONWriter.write(.object([
            ("format", .string("sweep/1")), ("scenario", .string(scenario.name)), ("event", .string(event)),
            ("rows", .array(rows.map { r in .object([
                ("date", .string(r.date.iso)), ("status", r.status.map { .string($0.rawValue) } ?? .null),
                ("whatifCost", r.whatIfCost.map(JSONValue.number) ?? .null), ("cost", r.cost.map(JSONValue.number) ?? .null),
                ("disturbance", r.disturbance.map(JSONValue.number) ?? .null), ("moved", .number(Double(r.moved))),
                ("newClashes", .array(r.newClashes.map(JSONValue.string))), ("best", .bool(r.best)),
            ]) })),
        ]))
    }
}
