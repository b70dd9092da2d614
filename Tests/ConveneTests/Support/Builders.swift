import Foundation
import Testing
@testable import Convene

// Builders that keep a test's scenario to a few lines: JSON text in, `Scenario` out, through the
// same reader the command line uses, so that every test also exercises the file contract
// (docs/formats.md).

/// The day of an ISO date literal; a typo in a test is a test failure, not a crash.
func day(_ iso: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let d = Day(iso: iso) else {
        Issue.record("test literal \"\(iso)\" is not a date", sourceLocation: sourceLocation)
        return Day(ordinal: 0)
    }
    return d
}

/// Reads a scenario from JSON text (the bytes of a scenario/1 file).
func readScenario(_ json: String) throws(InputError) -> Scenario {
    try ScenarioReader.read(Array(json.utf8))
}

/// The problems a refused scenario text is refused with; empty (and a recorded issue) when accepted.
func problems(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [InputProblem] {
    do {
        _ = try ScenarioReader.read(bytes)
        Issue.record("the scenario was accepted; expected it to be refused", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.problems
    }
}

/// Venues used by most tests: two in Geneva, one in New York, Saturday and Sunday off.
let defaultVenues = """
[{"id": "GVA", "city": "Geneva"}, {"id": "PAL", "city": "Geneva"}, {"id": "NY", "city": "New York"}]
"""

/// A scenario/1 document from its parts, each given as raw JSON text.
///
///     scenarioJSON(events: [#"{"id": "A", "days": 2, "venues": ["GVA"]}"#])
func scenarioJSON(name: String = "t",
                  horizon: (String, String) = ("2017-05-01", "2017-07-31"),
                  venues: String = defaultVenues,
                  events: [String],
                  external: [String] = [],
                  constraints: [String] = [],
                  objective: String? = nil) -> String {
    var members = [
        #""format": "scenario/1""#,
        #""name": "\#(name)""#,
        #""horizon": {"start": "\#(horizon.0)", "end": "\#(horizon.1)"}"#,
        #""venues": \#(venues)"#,
        #""events": [\#n    \#(events.joined(separator: ",\n    "))\#n  ]"#,
        #""external": [\#(external.joined(separator: ", "))]"#,
        #""constraints": [\#n    \#(constraints.joined(separator: ",\n    "))\#n  ]"#,
    ]
    if let objective { members.append(#""objective": \#(objective)"#) }
    return "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
}

/// A scenario from its parts (see `scenarioJSON`), failing the test when it is refused.
func scenario(horizon: (String, String) = ("2017-05-01", "2017-07-31"),
              venues: String = defaultVenues,
              events: [String],
              external: [String] = [],
              constraints: [String] = [],
              objective: String? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) throws -> Scenario {
    let text = scenarioJSON(horizon: horizon, venues: venues, events: events, external: external,
                            constraints: constraints, objective: objective)
    do {
        return try readScenario(text)
    } catch {
        Issue.record("the test scenario was refused:\n\(error)\n\(text)", sourceLocation: sourceLocation)
        throw error
    }
}

/// One line of a schedule under construction: event id, start, venue id (nil: none), days.
typealias Placed = (event: String, start: String, venue: String?, days: Double)

struct BuilderError: Error, CustomStringConvertible {
    var description: String
}

/// A schedule of `scenario` with the given events placed by the spec's rule of occupied dates
/// (`Evaluator.place(start:venue:days:)`); every other event is unscheduled.
func schedule(_ scenario: Scenario, _ items: [Placed]) throws -> Schedule {
    let evaluator = Evaluator(scenario)
    var out = Schedule(repeating: nil, count: scenario.events.count)
    for item in items {
        guard let e = scenario.eventIndex(item.event) else { throw BuilderError(description: "no event \(item.event)") }
        var venue: Int? = nil
        if let v = item.venue {
            guard let vi = scenario.venueIndex(v) else { throw BuilderError(description: "no venue \(v)") }
            venue = vi
        }
        guard let start = Day(iso: item.start) else { throw BuilderError(description: "bad date \(item.start)") }
        guard let p = evaluator.place(start: start, venue: venue, days: item.days) else {
            throw BuilderError(description: "\(item.event) cannot be placed at \(item.start)")
        }
        out[e] = p
    }
    return out
}

/// The check report of a schedule of `scenario` built from `items`.
func evaluate(_ scenario: Scenario, _ items: [Placed]) throws -> CheckReport {
    Evaluator(scenario).evaluate(try schedule(scenario, items))
}

// MARK: - Running the built `convene` binary

/// What one run of `convene` printed and returned.
struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

enum ConveneBinary {
    /// The package root: the nearest folder above this file holding `Package.swift`.
    static func packageRoot(from file: String = #filePath) -> URL? {
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// Where the binary may be: next to the test bundle (`.build/<triple>/debug/`), or in the
    /// package's `.build/debug/`.
    static var candidates: [URL] {
        var out: [URL] = []
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        out.append(bundle.deletingLastPathComponent().appendingPathComponent("convene"))
        out.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("convene"))
        if let root = packageRoot() {
            out.append(root.appendingPathComponent(".build/debug/convene"))
        }
        return out
    }

    /// The binary, or an error that says where it was looked for.
    static func url() throws -> URL {
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        throw BuilderError(description: "the convene binary was not found; run `swift build` first. Looked at:\n"
                           + candidates.map { "  " + $0.path }.joined(separator: "\n"))
    }
}

/// Runs `convene` with `arguments`, standard output and error captured through temporary files
/// (so that a long report cannot fill a pipe and stall the run).
func runConvene(_ arguments: [String], stdin: String? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = try ConveneBinary.url()
    process.arguments = arguments
    let out = TempFile(""), err = TempFile("")
    defer { out.remove(); err.remove() }
    process.standardOutput = try FileHandle(forWritingTo: out.url)
    process.standardError = try FileHandle(forWritingTo: err.url)
    var input: TempFile? = nil
    if let stdin {
        input = TempFile(stdin)
        process.standardInput = try FileHandle(forReadingFrom: input!.url)
    }
    defer { input?.remove() }
    try process.run()
    process.waitUntilExit()
    let o = (try? String(contentsOf: out.url, encoding: .utf8)) ?? ""
    let e = (try? String(contentsOf: err.url, encoding: .utf8)) ?? ""
    return RunResult(status: process.terminationStatus, stdout: o, stderr: e)
}

/// A file with a unique name in the temporary folder.
struct TempFile {
    let url: URL
    var path: String { url.path }

    init(_ text: String, suffix: String = ".json") {
        self.init(bytes: Array(text.utf8), suffix: suffix)
    }

    init(bytes: [UInt8], suffix: String = ".json") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("convene-test-\(UUID().uuidString)\(suffix)")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
