import Foundation
import Testing
@testable import Convene

/// Issue 7, "Hardened: no crash, no hang, no lost file, whatever the input": the built `convene`
/// run on every file of the bad-input corpus (`Corpus/cases.json`), each with the exit status
/// and the text it must get (spec, "Bad input"; README, "Exit status").
struct CorpusTests {
    /// One line of `cases.json`.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        /// The input, relative to the `Corpus` folder.
        var file: String
        /// `scenario`, `calendar` or `ics` (reserved for iCalendar files, folder `ics/`).
        var kind: String
        /// The command line; `$FILE`, `$SCENARIO`, `$CALENDAR`, `$SCENARIO_BAD` and `$OUT` are
        /// replaced (see `about` in cases.json).
        var args: [String]
        var status: Int32
        /// Texts that must appear on standard error (placeholders replaced).
        var stderr: [String]?
        /// Texts that must appear on standard output.
        var stdout: [String]?
        /// The wall-clock limit of the run, in seconds.
        var timeout: Double?
        var note: String?
        var testDescription: String { file }
    }

    struct Manifest: Decodable {
        var cases: [Case]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The manifest's cases; empty (and the manifest test fails) when it cannot be read.
    static let cases: [Case] = (try? manifest().cases) ?? []

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("cases.json")))
    }

    static let defaultTimeout = 30.0

    @Test("the corpus manifest lists at least 40 small files, each present, of a known kind")
    func manifestIsWellFormed() throws {
        let cases = try Self.manifest().cases
        #expect(Set(cases.map(\.file)).count >= 40)
        #expect(Set(cases.map(\.file)).count == cases.count, "a file is listed twice")
        for c in cases {
            #expect(["scenario", "calendar", "ics"].contains(c.kind), "\(c.file): kind \(c.kind)")
            let bytes = contents(Self.folder.appendingPathComponent(c.file))
            #expect(bytes != nil, "\(c.file) is missing")
            #expect((bytes?.count ?? 0) <= 4_096, "\(c.file) is not small: generate large inputs in the test")
            #expect(c.status != 2 || !(c.stderr ?? []).isEmpty, "\(c.file): a refusal must name the text it expects")
            #expect(c.status == 2 || c.stderr != nil || c.stdout != nil, "\(c.file): name the text the answer must hold")
        }
        #expect(cases.contains { $0.kind == "scenario" } && cases.contains { $0.kind == "calendar" })
    }

    @Test("each corpus file gets its exit status and message, and a refusal writes nothing", arguments: cases)
    func corpusCase(_ c: Case) async throws {
        let out = TempFolder()
        defer { out.remove() }
        let file = Self.folder.appendingPathComponent(c.file).path
        func fill(_ s: String) -> String {
            s.replacingOccurrences(of: "$FILE", with: file)
                .replacingOccurrences(of: "$SCENARIO_BAD", with: Self.folder.appendingPathComponent("valid/scenario-days-0.3.json").path)
                .replacingOccurrences(of: "$SCENARIO", with: Self.folder.appendingPathComponent("valid/scenario.json").path)
                .replacingOccurrences(of: "$CALENDAR", with: Self.folder.appendingPathComponent("valid/calendar.json").path)
                .replacingOccurrences(of: "$OUT", with: out.file("out.json").path)
        }
        // `-` reads the case's file from standard input.
        let stdin = c.args.contains("-") ? contents(URL(fileURLWithPath: file)) : nil
        let run = try await runConvene(c.args.map(fill), stdin: stdin, within: c.timeout ?? Self.defaultTimeout)
        let context = "convene \(c.args.joined(separator: " ")) on \(c.file)\(c.note.map { " (\($0))" } ?? ""): \(run)"

        #expect(!run.timedOut && !run.crashed, "\(context)")
        #expect(run.status == c.status, "expected status \(c.status): \(context)")
        for text in (c.stderr ?? []).map(fill) {
            #expect(run.stderr.contains(text), "stderr lacks \(text)\n\(context)")
        }
        for text in (c.stdout ?? []).map(fill) {
            #expect(run.stdout.contains(text), "stdout lacks \(text)\n\(context)")
        }
        if run.status == 2 {
            #expect(run.stdout.isEmpty, "a refused run printed on standard output: \(context)")
            #expect(linesWithoutPath(run.stderr).isEmpty, "a message without a JSON path: \(linesWithoutPath(run.stderr))\n\(context)")
            #expect(!hasControlCharacters(run.stderr), "a raw control character from the file reached the terminal: \(context)")
        }
        if run.status != 0 {
            // Refused, infeasible or unknown: nothing written, not even a temporary file.
            #expect(out.names.isEmpty, "the run left \(out.names) in the --out folder: \(context)")
        }
    }

    // MARK: Hostile arguments on valid files

    /// A command line on the valid pair (`$SCENARIO`, `$CALENDAR`) and the start of the usage
    /// error it must get (status 2).
    static let hostileArguments: [[String]] = [
        ["whatif", "$SCENARIO", "--baseline", "$CALENDAR", "--shift", "B=-9223372036854775808"],
        ["whatif", "$SCENARIO", "--baseline", "$CALENDAR", "--shift", "B=+9223372036854775807"],
        ["whatif", "$SCENARIO", "--baseline", "$CALENDAR", "--shift", "B=+99999999999999999999"],
        ["sweep", "$SCENARIO", "--baseline", "$CALENDAR", "--event", "B", "--from", "0000-01-01", "--to", "9999-12-31"],
        ["solve", "$SCENARIO", "--time-limit", "1e400"],
        ["solve", "$SCENARIO", "--time-limit", "nan"],
        ["clashes", "$SCENARIO", "$CALENDAR", "--within", "99999999999999999999"],
    ]

    @Test("a hostile option value is a usage error (status 2), not a crash", arguments: hostileArguments)
    func hostileArgument(_ args: [String]) async throws {
        let filled = args.map {
            $0.replacingOccurrences(of: "$SCENARIO", with: Self.folder.appendingPathComponent("valid/scenario.json").path)
                .replacingOccurrences(of: "$CALENDAR", with: Self.folder.appendingPathComponent("valid/calendar.json").path)
        }
        let run = try await runConvene(filled, within: 30)
        #expect(!run.crashed && !run.timedOut, "convene \(args.joined(separator: " ")): \(run)")
        #expect(run.status == 2, "convene \(args.joined(separator: " ")): \(run)")
        #expect(run.stderr.hasPrefix("Error: "), "convene \(args.joined(separator: " ")): \(run)")
        #expect(run.stdout.isEmpty, "convene \(args.joined(separator: " ")): \(run)")
    }

    // MARK: Inputs too large to commit, generated here

    /// A refusal of a generated file: the arguments (`$FILE` for it) and the text stderr must hold.
    struct Generated: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var args: [String]
        var stderr: String
        var testDescription: String { name }
    }

    static let generated: [Generated] = [
        Generated(name: "100,000 '[' as a scenario", bytes: { Array(repeating: UInt8(ascii: "["), count: 100_000) },
                  args: ["solve", "$FILE"], stderr: "line 1, column 257: error: nesting deeper than 256 levels"),
        Generated(name: "100,000 nested objects as a scenario", bytes: { Array(String(repeating: #"{"a":"#, count: 100_000).utf8) },
                  args: ["solve", "$FILE"], stderr: "line 1, column 1281: error: nesting deeper than 256 levels"),
        Generated(name: "100,000 '[' as a calendar", bytes: { Array(repeating: UInt8(ascii: "["), count: 100_000) },
                  args: ["check", "$SCENARIO", "$FILE"], stderr: "line 1, column 257: error: nesting deeper than 256 levels"),
        Generated(name: "100,000 nested arrays, closed, on standard input", bytes: {
            Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        }, args: ["solve", "-"], stderr: "-: line 1, column 257: error: nesting deeper than 256 levels"),
        Generated(name: "a 1 MB line of whitespace", bytes: { Array(repeating: UInt8(ascii: " "), count: 1_000_000) },
                  args: ["solve", "$FILE"], stderr: "line 1, column 1000001: error: unexpected end of the document, expected a value"),
        Generated(name: "a 1 MB name that ends in an invalid byte", bytes: {
            Array(#"{"format": "scenario/1", "name": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_000_000) + [0xC3]
        }, args: ["solve", "$FILE"], stderr: "line 1, column 1000035: error: truncated UTF-8 sequence"),
    ]

    @Test("a deeply nested or very long file is refused quickly, naming where", arguments: generated)
    func generatedCase(_ g: Generated) async throws {
        let file = TempFile(bytes: g.bytes())
        defer { file.remove() }
        let args = g.args.map {
            $0.replacingOccurrences(of: "$FILE", with: file.path)
                .replacingOccurrences(of: "$SCENARIO", with: Self.folder.appendingPathComponent("valid/scenario.json").path)
        }
        let run = try await runConvene(args, stdin: args.contains("-") ? g.bytes() : nil, within: 30)
        #expect(!run.timedOut && !run.crashed, "\(g.name): \(run)")
        #expect(run.status == 2, "\(g.name): \(run)")
        #expect(run.stderr.contains(g.stderr), "\(g.name): stderr lacks \(g.stderr)\n\(run)")
        #expect(run.stdout.isEmpty, "\(g.name): \(run)")
        #expect(linesWithoutPath(run.stderr).isEmpty, "\(g.name): \(run)")
    }

    /// 200,000 events of one day at one venue over two years: a scenario the spec allows.
    static func largeScenario(events: Int) -> [UInt8] {
        var text = #"{"format": "scenario/1", "name": "large", "horizon": {"start": "2017-01-01", "end": "2018-12-31"}, "#
        text += #""venues": [{"id": "GVA", "city": "Geneva"}, {"id": "NY", "city": "New York"}], "events": ["#
        text.reserveCapacity(events * 64)
        for i in 0..<events {
            if i > 0 { text += ",\n" }
            text += #"{"id": "E\#(i)", "days": 1, "venues": ["\#(i % 3 == 0 ? "NY" : "GVA")"], "kind": "k\#(i % 10)"}"#
        }
        text += "]}\n"
        return Array(text.utf8)
    }

    /// The wall-clock limit of the large scenario's run in a debug build: reading (about 7 s
    /// alone), compiling and a 5-second search together, with room for the other tests that run
    /// at the same time on two cores.
    static let largeDeadline = 60.0

    @Test("a 200,000-event scenario is answered, refused or solved, within 60 s, without a crash")
    func largeScenarioIsAnswered() async throws {
        let file = TempFile(bytes: Self.largeScenario(events: 200_000))
        let out = TempFolder()
        defer { file.remove(); out.remove() }
        let run = try await runConvene(["solve", file.path, "--time-limit", "5", "--out", out.file("cal.json").path],
                                       within: Self.largeDeadline)
        #expect(!run.crashed, "\(run)")
        #expect(!run.timedOut, "no answer within \(Self.largeDeadline) s with --time-limit 5: \(run)")
        if !run.timedOut && !run.crashed {
            #expect([0, 2, 3].contains(run.status), "\(run)")
            if run.status == 2 {
                #expect(run.stdout.isEmpty && !run.stderr.isEmpty && linesWithoutPath(run.stderr).isEmpty, "\(run)")
            }
            if run.status == 0 {
                #expect(run.stdout.contains("optimal") || run.stdout.contains("feasible"), "\(run)")
                let written = try #require(contents(out.file("cal.json")), "solve --out wrote no calendar: \(run)")
                #expect((try? CalendarFile.read(written))?.assignments.count == 200_000)
            }
        }
    }
}
