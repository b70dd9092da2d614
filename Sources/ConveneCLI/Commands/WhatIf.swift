import Dispatch
import Convene

extension Commands {
    static let whatif = CommandSpec(
        name: "whatif",
        overview: "Shift or pin meetings of a baseline calendar and re-plan the rest with the least disturbance.",
        arguments: [("scenario", "A scenario/1 file.", false)],
        options: [
            OptionSpec(name: "baseline", short: "b", value: "calendar", help: "The calendar/1 file to start from (required)."),
            OptionSpec(name: "shift", value: "ID=+N", help: "Move an event by N calendar days (ID=+14, ID=-7). Repeatable.", repeatable: true),
            OptionSpec(name: "pin", value: "ID=DATE@VENUE", help: "Pin an event to a date (ID=2017-11-20), a venue (ID=@MEX) or both. Repeatable.",
                       repeatable: true),
            OptionSpec(name: "move-weight", value: "n", help: "Cost per calendar day an unpinned event moves.", defaultValue: "1"),
            OptionSpec(name: "venue-change-weight", value: "n", help: "Cost per unpinned event that changes venue.", defaultValue: "10"),
            OptionSpec(name: "out", short: "o", value: "file", help: "Write the new calendar (calendar/1 with a whatif field), atomically."),
            OptionSpec(name: "format", value: "format", help: "table, json (calendar/1 with a whatif field), ics, csv or html.", defaultValue: "table"),
            OptionSpec(name: "time-limit", short: "t", value: "seconds",
                       help: "Answer within this many seconds, reading the files included.", defaultValue: "30"),
            OptionSpec(name: "stats", help: "Print the search's counters on standard error."),
        ] + CLI.externalOptions(),
        discussion: """
        An event named by --shift or --pin is pinned; every other event may move, at a cost of
        --move-weight per day and --venue-change-weight per change of venue from the baseline, added
        to the scenario's own cost. The report lists each event that moved, each rule or clash whose
        amount changed, and the new cost; when the change is impossible, a minimal conflict.
        The re-plan starts from the baseline: the pinned events and what they break are freed
        first (more only when needed), the rest held; then it is improved neighbourhood by
        neighbourhood. 'optimal' is claimed only from a proof over the whole what-if; a
        'feasible' answer prints the best proven lower bound when one is known. Every step is
        bounded by a number of search nodes, not by the clock: the answer depends on the files
        alone, and is the row 'convene sweep' gives for the same date. Should --time-limit come
        first, standard error says so.
        """,
        run: runWhatIf)

    static func runWhatIf(_ args: ParsedArguments) -> CommandResult {
        let started = DispatchTime.now()
        let format: String, limit: Double, mw: Int, vw: Int
        var changes: [Change] = []
        let path = args.positionals[0]
        do throws(UsageError) {
            format = try CLI.format(args, ["table", "json", "ics", "csv", "html"])
            limit = try timeLimit(args)
            mw = try CLI.int(args, "move-weight", default: 1, in: 0...1_000_000)
            vw = try CLI.int(args, "venue-change-weight", default: 10, in: 0...1_000_000)
            guard let b = args.value("baseline") else { throw UsageError(message: "Missing '--baseline <calendar>'.") }
            for s in args.values["shift"] ?? [] {
                switch Change.parse(shift: s) { case .success(let c): changes.append(c); case .failure(let e): throw UsageError(message: "--shift: \(e)") }
            }
            for s in args.values["pin"] ?? [] {
                switch Change.parse(pin: s) { case .success(let c): changes.append(c); case .failure(let e): throw UsageError(message: "--pin: \(e)") }
            }
            if changes.isEmpty { throw UsageError(message: "Give at least one --shift or --pin.") }
            try CLI.checkOutput(args.value("out"), inputs: [path, b])
        } catch { return CLI.usageError(error.message, whatif) }
        let scenario: Scenario, baseline: CalendarFile
        switch CLI.load(scenario: path, calendar: args.value("baseline")!, args) {
        case .failure(let r): return r.result
        case .success(let (s, c)): scenario = s; baseline = c!
        }
        let answer: WhatIfAnswer
        do {
            answer = try WhatIf(scenario: scenario, baseline: baseline, changes: changes, moveWeight: mw, venueChangeWeight: vw)
                .solve(limits: CLI.limits(left(of: limit, since: started)))
        } catch let e as ChangeError {
            return CLI.usageError(e.description, whatif)
        } catch {
            return CommandResult(stderr: "convene: internal error: \(error)\n", status: ExitStatus.internalError)
        }
        var result = CommandResult()
        let file = answer.calendarFile(scenario)
        result.stdout = CLI.render(file, format, scenario, answer.solution.report) ?? answer.table(scenario, changes: changes)
        if args.has("stats") { result.stderr += answer.solution.stats.line }
        if answer.cutShort { result.stderr += "whatif: the time limit came before the search was done: a longer --time-limit may answer better\n" }
        result.status = status(answer.solution.status)
        if let out = args.value("out"), answer.solution.schedule != nil { CLI.write(file.json(), to: out, &result) }
        return result
    }
}
