import Convene

extension Commands {
    static let export = CommandSpec(
        name: "export",
        overview: "Write a calendar as iCalendar (for calendar programs), CSV (for spreadsheets) or an HTML page to look at.",
        arguments: [("calendar", "A calendar/1 file ('-' for standard input).", false)],
        options: [
            OptionSpec(name: "format", value: "format", help: "ics, csv or html.", defaultValue: "the --out file's extension, else ics"),
            OptionSpec(name: "scenario", short: "s", value: "scenario", help: "The calendar's scenario/1 file: titles, kinds, venues, rules, costs, clashes."),
            OptionSpec(name: "external", value: "file.ics", help: "Add the events of an iCalendar file as outside events (needs --scenario). Repeatable.",
                       repeatable: true),
            OptionSpec(name: "category", value: "name", help: "Category of --external events that have no CATEGORIES.", defaultValue: "ICS"),
            OptionSpec(name: "within", value: "days", help: "html: mark outside events within this many days of a session as near misses.", defaultValue: "7"),
            OptionSpec(name: "out", short: "o", value: "file", help: "Write to this file, atomically, instead of standard output."),
        ],
        discussion: """
        ics: one all-day VEVENT per scheduled event (DTEND exclusive), with a UID that stays the same
        across runs (<event>@<scenario>.convene), so a re-planned calendar imported again updates its
        events; DTSTAMP is the horizon start (1970-01-01 without --scenario) so that the same input
        gives the same bytes. csv: RFC 4180, one row per event, with a header. html: one
        self-contained page (no network, no script) with the whole horizon, a lane per venue,
        outside events, clashes, near misses and phases; details on hover.
        Exits 0 when written; 2 when an input is refused (nothing is written).
        """,
        run: runExport)

    static func runExport(_ args: ParsedArguments) -> CommandResult {
        let path = args.positionals[0]
        let out = args.value("out")
        let format: String, within: Int
        let externals = args.values["external"] ?? []
        do throws(UsageError) {
            if args.value("format") == nil, let out, let ext = out.split(separator: ".").last.map({ $0.lowercased() }),
               out.contains("."), ["ics", "csv", "html"].contains(ext == "htm" ? "html" : ext) {
                format = ext == "htm" ? "html" : ext
            } else {
                format = try CLI.format(args, ["ics", "csv", "html"])
            }
            within = try CLI.int(args, "within", default: 7, in: 0...3660)
            if !externals.isEmpty, args.value("scenario") == nil {
                throw UsageError(message: "'--external' needs '--scenario <scenario>' (its horizon bounds recurring events).")
            }
            if externals.isEmpty, args.value("category") != nil { throw UsageError(message: "'--category' applies to '--external' files; none given.") }
            try CLI.checkOutput(out, inputs: [path] + externals + [args.value("scenario")].compactMap { $0 })
        } catch { return CLI.usageError(error.message, export) }

        var problems: [String] = []
        var scenario: Scenario? = nil, calendar: CalendarFile? = nil
        do { calendar = try CalendarFile.read(try FileIO.read(path), file: path) } catch { problems.append(error.description) }
        if let spath = args.value("scenario") {
            do {
                let bytes = try FileIO.read(spath)
                var calendars: [(file: String, bytes: [UInt8])] = []
                for x in externals {
                    do { calendars.append((x, try FileIO.read(x))) } catch { problems.append(error.description) }
                }
                do { scenario = try ScenarioReader.read(bytes, file: spath, externalCalendars: calendars, category: args.value("category")) }
                catch { problems.append(error.description) }
            } catch { problems.append(error.description) }
        }
        if let scenario, let calendar, calendar.scenario != scenario.name {
            problems.append(InputError(file: path, problems: [InputProblem(path: "scenario",
                message: "expected a calendar of scenario \"\(scenario.name)\" (given by --scenario), found \"\(calendar.scenario)\"")]).description)
        }
        guard problems.isEmpty, let calendar else { return Refusal(text: problems.joined(separator: "\n") + "\n").result }

        let report = scenario.map { Evaluator($0).check(calendar) }
        let text = calendar.written(as: CalendarFormat(rawValue: format)!, scenario: scenario, report: report, nearMissDays: within)
        guard let out else { return CommandResult(stdout: text) }
        var result = CommandResult()
        CLI.write(text, to: out, &result)
        return result
    }
}
