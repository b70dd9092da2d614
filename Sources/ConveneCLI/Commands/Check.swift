import Convene

enum Commands {}

extension Commands {
    static let check = CommandSpec(
        name: "check",
        overview: "Judge a calendar against a scenario: every broken hard rule, every soft cost, every clash.",
        arguments: [("scenario", "A scenario/1 file ('-' for standard input).", false),
                    ("calendar", "A calendar/1 file to judge, proposed or published.", false)],
        options: [OptionSpec(name: "format", value: "format", help: "table or json (the check/1 report).", defaultValue: "table")]
            + CLI.externalOptions(),
        discussion: "Exits 0 when every hard rule holds, 1 when one does not.",
        run: runCheck)

    static func runCheck(_ args: ParsedArguments) -> CommandResult {
        let format: String
        do { format = try CLI.format(args, ["table", "json"]) } catch { return CLI.usageError(error.message, check) }
        switch CLI.load(scenario: args.positionals[0], calendar: args.positionals[1], args) {
        case .failure(let r): return r.result
        case .success(let (scenario, calendar)):
            let report = Evaluator(scenario).check(calendar!)
            return CommandResult(stdout: format == "json" ? report.json() : report.table(),
                                 status: report.hardOK ? ExitStatus.ok : ExitStatus.no)
        }
    }

    static let clashes = CommandSpec(
        name: "clashes",
        overview: "List a calendar's clashes with outside events (GFMD, IOM dialogues, …), and near misses.",
        arguments: [("scenario", "A scenario/1 file ('-' for standard input).", false),
                    ("calendar", "A calendar/1 file, proposed or published.", false)],
        options: [
            OptionSpec(name: "category", value: "A,B", help: "Only outside events of these categories, e.g. GFMD,IOM-IDM."),
            OptionSpec(name: "within", value: "days", help: "Also list outside events within this many days of a session."),
            OptionSpec(name: "format", value: "format", help: "table or json.", defaultValue: "table"),
        ] + CLI.externalOptions(category: "external-category"),
        discussion: "A clash is a date an event shares with an outside event that one of the scenario's\n"
            + "avoidExternal rules covers (its buffer included). Exits 0 when it ran, clashes or not.",
        run: runClashes)

    static func runClashes(_ args: ParsedArguments) -> CommandResult {
        let format: String, within: Int?
        do {
            format = try CLI.format(args, ["table", "json"])
            within = args.value("within") == nil ? nil : try CLI.int(args, "within", default: 0, in: 0...3660)
        } catch { return CLI.usageError(error.message, clashes) }
        switch CLI.load(scenario: args.positionals[0], calendar: args.positionals[1], args, categoryOption: "external-category") {
        case .failure(let r): return r.result
        case .success(let (scenario, calendar)):
            var categories: Set<String>? = nil
            if let c = args.value("category") {
                let list = c.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let known = Set(scenario.externals.map(\.category))
                if let bad = list.first(where: { !known.contains($0) }) {
                    return CLI.usageError("No outside event has category '\(bad)'; the scenario has \(known.sorted().joined(separator: ", ")).", clashes)
                }
                categories = Set(list)
            }
            let evaluator = Evaluator(scenario)
            let (schedule, _) = evaluator.schedule(from: calendar!)
            let report = ClashReport(check: evaluator.check(calendar!), schedule: schedule, scenario: scenario,
                                     categories: categories, within: within)
            return CommandResult(stdout: format == "json" ? report.json() : report.table(within: within))
        }
    }
}
