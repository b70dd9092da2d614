import Foundation
import Convene

extension Commands {
    static let serve = CommandSpec(
        name: "serve",
        overview: "Open the planner's page: the calendar in the browser, to solve, re-plan by pointing, check and export.",
        arguments: [("scenario", "A scenario/1 file (default: \(defaultScenario)).", true)],
        options: [
            OptionSpec(name: "baseline", short: "b", value: "calendar", help: "The calendar/1 file to start from (the working calendar)."),
            OptionSpec(name: "out", short: "o", value: "file", help: "Where the page's Save writes the working calendar (calendar/1), atomically."),
            OptionSpec(name: "port", short: "p", value: "n", help: "The port to listen on (0: any free port).", defaultValue: "8017"),
            OptionSpec(name: "host", value: "address", help: "The IPv4 address to listen on; anything but 127.0.0.1 is reachable from other machines.",
                       defaultValue: "127.0.0.1"),
        ],
        discussion: """
        Prints the page's address and serves until Ctrl-C. Every answer comes from the same library
        as the commands: solve, whatif, sweep, check and export (docs/serve.md lists the JSON API).
        Reads no file but the scenario and the baseline; writes none but the --out file, which may
        not be either of them. Requests whose Host is not the server's own are refused.
        """,
        run: runServe)

    static func runServe(_ args: ParsedArguments) -> CommandResult {
        let path = args.positionals.first ?? defaultScenario
        let port: Int, host = args.value("host") ?? "127.0.0.1"
        do throws(UsageError) {
            port = try CLI.int(args, "port", default: 8017, in: 0...65535)
            try CLI.checkOutput(args.value("out"), inputs: [path] + [args.value("baseline")].compactMap { $0 })
        } catch { return CLI.usageError(error.message, serve) }
        let planner: Planner
        do { planner = try Planner.open(ServeFiles(scenario: path, baseline: args.value("baseline"), out: args.value("out"))) } catch {
            return Refusal(text: error.description + "\n").result
        }
        _ = (planner.stateJSON(), planner.scenarioJSON())  // made before the first page asks
        let api = PlannerAPI(planner: planner)
        let server = HTTPServer(host: host) { request, out in api.handle(request, out) }
        let bound: UInt16
        do { bound = try server.start(port: UInt16(port)) } catch {
            return CommandResult(stderr: "convene: \((error as? HTTPError)?.message ?? "\(error)")\n", status: ExitStatus.refused)
        }
        var banner = "Convene serves \(planner.scenario.name) at http://\(host):\(bound)/ (Ctrl-C to stop)\n"
        if host != "127.0.0.1" {
            banner = "\u{1B}[1mListening on \(host), not only on this machine: anyone who can reach it can use the page.\u{1B}[0m\n" + banner
        }
        FileHandle.standardOutput.write(Data(banner.utf8))
        while !CLI.interrupt.isRaised { usleep(100_000) }
        planner.stopSearch()
        server.stop()
        return CommandResult(stdout: "Stopped.\n")
    }
}
