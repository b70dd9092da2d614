import Foundation
import Convene

/// The command table of `convene`: parsing, help and dispatch. Each command's work is in
/// `Commands/`; it returns text and a status, and only `main.swift` prints and exits.
enum CLI {
    static let version = "0.1.0"
    /// Raised by Ctrl-C: a running search stops and answers as if its time limit had come.
    static let interrupt = StopFlag()

    /// A command's search limits: the seconds left, Ctrl-C, and with `CONVENE_TRACE` set in the
    /// environment, the search's trace (one line a step) on standard error.
    static func limits(_ seconds: Double) -> Limits {
        var limits = Limits(timeLimit: seconds, stop: interrupt)
        if getenv("CONVENE_TRACE") != nil {
            limits.trace = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        return limits
    }

    static var commands: [CommandSpec] { [Commands.check, Commands.clashes, Commands.solve, Commands.whatif, Commands.sweep, Commands.export, Commands.serve] }

    static let overview = """
    OVERVIEW: Convene proposes, checks and re-plans the session calendars of intergovernmental
    negotiations. The files (scenario/1, calendar/1, the check report, sweep/1) are described
    in docs/formats.md, with JSON Schemas for editors in docs/schema/.

    USAGE: convene <command> [<arguments>] [<options>]

    COMMANDS:
      solve                   Propose the best calendar that meets every hard rule.
      whatif                  Shift or pin meetings of a calendar and re-plan the rest.
      sweep                   Try every start date of one event in a range, with the cost of each.
      check                   Judge a calendar against a scenario: hard rules, soft costs, clashes.
      clashes                 List a calendar's clashes with outside events, and near misses.
      export                  Write a calendar as iCalendar, CSV or an HTML page.
      serve                   Open the planner's page: solve, re-plan by pointing, check, export.
      help                    Show help for a command.

      See 'convene help <command>' for detailed help.

    OPTIONS:
      --version               Show the version.
      -h, --help              Show help information.

    """ + "\n" + ExitStatus.helpText

    static func run(_ args: [String]) -> CommandResult {
        guard let first = args.first else { return CommandResult(stdout: overview) }
        switch first {
        case "-h", "--help": return CommandResult(stdout: overview)
        case "--version": return CommandResult(stdout: version + "\n")
        case "help":
            guard args.count > 1 else { return CommandResult(stdout: overview) }
            guard let c = commands.first(where: { $0.name == args[1] }) else { return unknownCommand(args[1]) }
            return CommandResult(stdout: c.help)
        default:
            guard let c = commands.first(where: { $0.name == first }) else { return unknownCommand(first) }
            let rest = Array(args.dropFirst())
            if rest.contains("-h") || rest.contains("--help"), !rest.contains("--") { return CommandResult(stdout: c.help) }
            do {
                return c.run(try ArgumentParser.parse(rest, for: c))
            } catch {
                return usageError(error.message, c)
            }
        }
    }

    static func unknownCommand(_ name: String) -> CommandResult {
        let hint = ArgumentParser.closest(name, commands.map(\.name) + ["help"]).map { " Did you mean '\($0)'?" } ?? ""
        return CommandResult(stderr: "Error: Unknown command '\(name)'.\(hint)\nUsage: convene <command> [<arguments>] [<options>]\n"
                                     + "  See 'convene --help' for more information.\n",
                             status: ExitStatus.refused)
    }

    static func usageError(_ message: String, _ c: CommandSpec) -> CommandResult {
        CommandResult(stderr: "Error: \(message)\nUsage: \(c.usage)\n  See 'convene \(c.name) --help' for more information.\n", status: ExitStatus.refused)
    }

    /// Parses an option as a whole number within a range, or throws a usage error.
    static func int(_ args: ParsedArguments, _ name: String, default d: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let s = args.value(name) else { return d }
        guard let v = Int(s), range.contains(v) else {
            throw UsageError(message: "Option '--\(name)' expects a whole number from \(range.lowerBound) to \(range.upperBound), found '\(s)'.")
        }
        return v
    }

    /// Refuses an `--out` that would overwrite an input or cannot be written, before any work.
    static func checkOutput(_ out: String?, inputs: [String]) throws(UsageError) {
        guard let out else { return }
        if inputs.contains(where: { FileIO.sameFile(out, $0) }) { throw UsageError(message: "'--out \(out)' would overwrite an input file.") }
        if let problem = FileIO.outputProblem(out) { throw UsageError(message: "--out: \(problem).") }
    }

    /// Writes a checked output; on failure nothing is printed and the status is 2.
    static func write(_ text: String, to out: String, _ result: inout CommandResult) {
        do { try FileIO.writeAtomically(text, to: out) } catch {
            result = CommandResult(stderr: "convene: \(error)\n", status: ExitStatus.refused)
        }
    }

    /// A calendar in one of the calendar formats (`--format json|ics|csv|html`), or nil for `table`.
    static func render(_ file: CalendarFile, _ format: String, _ scenario: Scenario, _ report: CheckReport?) -> String? {
        CalendarFormat(rawValue: format).map { file.written(as: $0, scenario: scenario, report: report) }
    }

    /// The `--format` value among `allowed`.
    static func format(_ args: ParsedArguments, _ allowed: [String]) throws(UsageError) -> String {
        let f = args.value("format") ?? allowed[0]
        guard allowed.contains(f) else { throw UsageError(message: "Option '--format' expects one of \(allowed.joined(separator: ", ")), found '\(f)'.") }
        return f
    }

    /// The options that add iCalendar files as outside events; `category` names the option
    /// that sets their category (`--category`, or `--external-category` where `--category`
    /// already means something else).
    static func externalOptions(category: String = "category") -> [OptionSpec] {
        [OptionSpec(name: "external", value: "file.ics", help: "Add the VEVENTs of an iCalendar file as outside events. Repeatable.", repeatable: true),
         OptionSpec(name: category, value: "name", help: "Category of --external events without CATEGORIES.", defaultValue: "ICS")]
    }

    /// Reads a scenario (with any `--external` iCalendar files) and, optionally, a calendar; a
    /// refusal carries every problem of every file.
    static func load(scenario path: String, calendar cpath: String? = nil, _ args: ParsedArguments? = nil,
                     categoryOption: String = "category") -> Result<(Scenario, CalendarFile?), Refusal> {
        var problems: [String] = []
        var scenario: Scenario? = nil, calendar: CalendarFile? = nil
        var calendars: [(file: String, bytes: [UInt8])] = []
        for f in args?.values["external"] ?? [] {
            do { calendars.append((f, try FileIO.read(f))) } catch { problems.append(error.description) }
        }
        do {
            let bytes = try FileIO.read(path)
            if problems.isEmpty {
                do { scenario = try ScenarioReader.read(bytes, file: path, externalCalendars: calendars, category: args?.value(categoryOption)) }
                catch { problems.append(error.description) }
            }
        } catch { problems.append(error.description) }
        if let cpath {
            do { calendar = try CalendarFile.read(try FileIO.read(cpath), file: cpath) } catch { problems.append(error.description) }
        }
        guard problems.isEmpty, let scenario else { return .failure(Refusal(text: problems.joined(separator: "\n") + "\n")) }
        return .success((scenario, calendar))
    }
}

/// Refused input, as printed: one line per problem.
struct Refusal: Error {
    var text: String
    var result: CommandResult { CommandResult(stderr: text, status: ExitStatus.refused) }
}
