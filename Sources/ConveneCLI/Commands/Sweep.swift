import Convene
import Foundation

extension Commands {
    static let sweep = CommandSpec(
        name: "sweep",
        overview: "Try every start date of one event in a range: feasible or not, the cost, what moves, the clashes it brings.",
        arguments: [("scenario", "A scenario/1 file (not with --merge).", true)],
        options: [
            OptionSpec(name: "baseline", short: "b", value: "calendar", help: "The calendar/1 file to start from (required)."),
            OptionSpec(name: "event", short: "e", value: "id", help: "The event to move (required), e.g. STOCK."),
            OptionSpec(name: "from", value: "date", help: "The first candidate start date (required)."),
            OptionSpec(name: "to", value: "date", help: "The last candidate start date (required)."),
            OptionSpec(name: "venue", value: "id", help: "Also pin the event to this venue."),
            OptionSpec(name: "move-weight", value: "n", help: "Cost per calendar day an unpinned event moves.", defaultValue: "1"),
            OptionSpec(name: "venue-change-weight", value: "n", help: "Cost per unpinned event that changes venue.", defaultValue: "10"),
            OptionSpec(name: "jobs", short: "j", value: "n", help: "Dates tried at once (the result is the same for any number).", defaultValue: "2"),
            OptionSpec(name: "shard", value: "I/N", help: "Answer only the I-th of N interleaved slices of the dates (1 ≤ I ≤ N); JSON for --merge."),
            OptionSpec(name: "merge", value: "file", help: "Join shards' JSON outputs into the single run's table (once per file; no scenario).",
                       repeatable: true),
            OptionSpec(name: "format", value: "format", help: "table, csv, json or html.", defaultValue: "table"),
            OptionSpec(name: "time-limit", short: "t", value: "seconds",
                       help: "Stop the whole sweep after this many seconds, reading the files included; unfinished dates are marked.", defaultValue: "30"),
        ] + CLI.externalOptions(),
        discussion: """
        The candidates are the dates in the range that are working days of a venue the event may use.
        Each is a what-if pinning the event's start there (see 'convene help whatif'); the cheapest
        feasible dates are marked best. Each date runs the search 'convene whatif --pin ID=DATE'
        runs, from the baseline, bounded by search nodes rather than the clock: any row can be
        rerun with whatif, and the rows are the same for any --jobs and any sharding. With
        --shard I/N only every N-th date from the I-th is answered; --merge joins the N outputs
        (--format json) into the bytes of the single run. On a terminal, progress goes to
        standard error. Ctrl-C stops the sweep and reports the dates it finished.
        """,
        run: runSweep)

    static func runSweep(_ args: ParsedArguments) -> CommandResult {
        if args.values["merge"] != nil { return runMerge(args) }
        let begun = DispatchTime.now()
        let format: String, limit: Double, mw: Int, vw: Int, jobs: Int, from: Day, to: Day, event: String
        var shard: Shard? = nil
        do throws(UsageError) {
            guard args.positionals.count == 1 else { throw UsageError(message: "Missing expected argument '<scenario>'.") }
            format = try CLI.format(args, ["table", "csv", "json", "html"])
            limit = try timeLimit(args)
            mw = try CLI.int(args, "move-weight", default: 1, in: 0...1_000_000)
            vw = try CLI.int(args, "venue-change-weight", default: 10, in: 0...1_000_000)
            jobs = try CLI.int(args, "jobs", default: 2, in: 1...64)
            if let text = args.value("shard") {
                guard let s = Shard.parse(text) else { throw UsageError(message: "Option '--shard' expects I/N with 1 ≤ I ≤ N, found '\(text)'.") }
                shard = s
            }
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
        let path = args.positionals[0]
        let scenario: Scenario, baseline: CalendarFile
        switch CLI.load(scenario: path, calendar: args.value("baseline")!, args) {
        case .failure(let r): return r.result
        case .success(let (s, c)): scenario = s; baseline = c!
        }
        let sweeper = Sweep(base: WhatIf(scenario: scenario, baseline: baseline, changes: [], moveWeight: mw, venueChangeWeight: vw),
                            event: event, from: from, to: to, venue: args.value("venue"))
        let terminal = isatty(2) == 1
        let progress = sweepProgress(terminal: terminal)
        let rows: [SweepRow], candidates: Int
        do {
            candidates = try sweeper.candidates().count
            rows = try sweeper.run(jobs: jobs, limits: CLI.limits(left(of: limit, since: begun)),
                                   shard: shard ?? .whole, progress: progress)
        } catch let e as ChangeError {
            return CLI.usageError(e.description, sweep)
        } catch {
            return CommandResult(stderr: (terminal ? "\n" : "") + "convene: internal error: \(error)\n", status: ExitStatus.internalError)
        }
        let file = SweepFile(scenario: scenario.name, event: event, rows: rows, shard: shard.map { ($0, candidates) })
        return sweepResult(file, format: format, venue: args.value("venue"), terminal: terminal)
    }

    /// The progress line on standard error as dates finish, when it is a terminal; nothing otherwise.
    private static func sweepProgress(terminal: Bool) -> @Sendable (SweepProgress) -> Void {
        { p in
            guard terminal else { return }
            FileHandle.standardError.write(Data("\r\(p.line)\u{1B}[K".utf8))
        }
    }

    /// The sweep's rows rendered in `format`, with a note on standard error of dates not tried or
    /// cut short (a merged file's rows never are: sweep/1 does not say).
    private static func sweepResult(_ file: SweepFile, format: String, venue: String?, terminal: Bool) -> CommandResult {
        let rows = file.rows
        var result = CommandResult()
        if terminal { result.stderr = "\n" }
        result.stdout = file.written(as: SweepFormat(rawValue: format)!, venue: venue)
        let unfinished = rows.filter { $0.status == nil }.count
        if unfinished > 0 { result.stderr += "sweep: stopped before \(unfinished) of \(rows.count) dates were tried\n" }
        let cut = rows.filter(\.cutShort).map(\.date.iso)
        if !cut.isEmpty {
            result.stderr += "sweep: the time limit cut \(cut.count) dates short (\(cut.joined(separator: ", "))): whatif --pin may answer them better\n"
        }
        result.status = sweepStatus(rows)
        return result
    }

    /// 0 when a date has a calendar; 3 when none has but a date was not tried or not answered in
    /// time; 1 when every date is infeasible.
    static func sweepStatus(_ rows: [SweepRow]) -> Int32 {
        let unfinished = rows.filter { $0.status == nil }.count
        return rows.contains { $0.status == .optimal || $0.status == .feasible } ? ExitStatus.ok
            : unfinished > 0 || rows.contains { $0.status == .unknown } ? ExitStatus.unknown : ExitStatus.no
    }

    /// `--merge FILE…`: the shards' JSON outputs joined, rendered as the single run would be.
    static func runMerge(_ args: ParsedArguments) -> CommandResult {
        let format: String
        do throws(UsageError) {
            format = try CLI.format(args, ["table", "csv", "json", "html"])
            if !args.positionals.isEmpty {
                throw UsageError(message: "--merge reads only shard outputs: give each file with its own --merge, and no scenario.")
            }
            for o in ["baseline", "event", "from", "to", "shard"] where args.value(o) != nil {
                throw UsageError(message: "--merge takes no '--\(o)': the shard outputs say what was swept.")
            }
        } catch { return CLI.usageError(error.message, sweep) }
        var files: [SweepFile] = []
        for path in args.values["merge"] ?? [] {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                return CommandResult(stderr: "convene: cannot read '\(path)'\n", status: ExitStatus.refused)
            }
            switch SweepFile.read(text) {
            case .success(let f): files.append(f)
            case .failure(let e): return CommandResult(stderr: "convene: \(path): \(e)\n", status: ExitStatus.refused)
            }
        }
        switch SweepFile.merge(files) {
        case .failure(let e): return CommandResult(stderr: "convene: --merge: \(e)\n", status: ExitStatus.refused)
        case .success(let merged): return sweepResult(merged, format: format, venue: args.value("venue"), terminal: false)
        }
    }
}
