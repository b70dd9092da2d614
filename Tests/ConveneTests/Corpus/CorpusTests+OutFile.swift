import Foundation
import Testing
@testable import Convene

extension CorpusTests {
    /// Issue 7, "no lost file": `--out` never overwrites an input, and a run that is refused (or has
    /// no calendar to write) leaves an existing output file as it was (README, "Exit status": 2 is
    /// "refused … nothing written"; style guide: outputs written once checked, atomically).
    struct OutFileTests {
        static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        static let scenarioBytes = contents(corpus.appendingPathComponent("valid/scenario.json")) ?? []
        static let calendarBytes = contents(corpus.appendingPathComponent("valid/calendar.json")) ?? []
        static let sentinel = Array("an earlier output, to be kept\n".utf8)

        /// A folder holding `scenario.json`, `calendar.json` (both valid) and `old.json` (the sentinel).
        func workspace() -> TempFolder {
            let f = TempFolder()
            _ = FileManager.default.createFile(atPath: f.file("scenario.json").path, contents: Data(Self.scenarioBytes))
            _ = FileManager.default.createFile(atPath: f.file("calendar.json").path, contents: Data(Self.calendarBytes))
            _ = FileManager.default.createFile(atPath: f.file("old.json").path, contents: Data(Self.sentinel))
            return f
        }

        /// Ways of naming the scenario again as the output: each is the same file.
        static let spellings: [String] = ["scenario.json", "./scenario.json", "sub/../scenario.json", "ABSOLUTE", "symlink.json", "hardlink.json"]

        @Test("solve --out naming the scenario it reads is refused, and the scenario is unchanged", arguments: spellings)
        func outIsTheScenario(_ spelling: String) async throws {
            let w = workspace()
            defer { w.remove() }
            try FileManager.default.createDirectory(at: w.file("sub"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: w.file("symlink.json").path, withDestinationPath: "scenario.json")
            try FileManager.default.linkItem(at: w.file("scenario.json"), to: w.file("hardlink.json"))
            let out = spelling == "ABSOLUTE" ? w.file("scenario.json").path : spelling
            let run = try await runConvene(["solve", "scenario.json", "--out", out], in: w.url, within: 30)
            #expect(run.status == 2, "solve scenario.json --out \(out): \(run)")
            #expect(run.stderr.contains("would overwrite"), "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
            #expect(contents(w.file("scenario.json")) == Self.scenarioBytes, "the scenario changed")
            #expect(contents(w.file("hardlink.json")) == Self.scenarioBytes, "the hard link to the scenario was lost or changed: \(run)")
            #expect(w.names == ["calendar.json", "hardlink.json", "old.json", "scenario.json", "sub", "symlink.json"], "files now: \(w.names)")
        }

        @Test("whatif --out naming its baseline or its scenario is refused, and both are unchanged", arguments: ["calendar.json", "scenario.json"])
        func whatifOutIsAnInput(_ out: String) async throws {
            let w = workspace()
            defer { w.remove() }
            let run = try await runConvene(["whatif", "scenario.json", "--baseline", "calendar.json", "--shift", "B=+7", "--out", out],
                                           in: w.url, within: 30)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("would overwrite an input file"), "\(run)")
            #expect(contents(w.file("scenario.json")) == Self.scenarioBytes)
            #expect(contents(w.file("calendar.json")) == Self.calendarBytes)
            #expect(w.names == ["calendar.json", "old.json", "scenario.json"], "files now: \(w.names)")
        }

        /// Runs that must leave `old.json` as it was: refused (2) or with no calendar to write (1).
        static let keeping: [(name: String, args: [String], status: Int32)] = [
            ("solve, a refused scenario", ["solve", "BAD", "--out", "old.json"], 2),
            ("solve, a refused scenario on standard input", ["solve", "-", "--out", "old.json"], 2),
            ("solve, a usage error after --out", ["solve", "scenario.json", "--out", "old.json", "--time-limit", "0"], 2),
            ("solve, an infeasible scenario", ["solve", "INFEASIBLE", "--out", "old.json"], 1),
            ("whatif, a refused baseline", ["whatif", "scenario.json", "--baseline", "BADCAL", "--shift", "B=+7", "--out", "old.json"], 2),
            ("whatif, a refused scenario", ["whatif", "BAD", "--baseline", "calendar.json", "--shift", "B=+7", "--out", "old.json"], 2),
            ("whatif, a shift of an unknown event", ["whatif", "scenario.json", "--baseline", "calendar.json", "--shift", "ZZ=+7", "--out", "old.json"], 2),
        ]

        @Test("a refused or infeasible run leaves an existing --out file untouched", arguments: keeping.indices)
        func existingOutIsKept(_ i: Int) async throws {
            let (name, args, status) = Self.keeping[i]
            let w = workspace()
            defer { w.remove() }
            let bad = Array(String(decoding: Self.scenarioBytes, as: UTF8.self).replacingOccurrences(of: #""days": 2"#, with: #""days": 0.3"#).utf8)
            let infeasible = Array(String(decoding: Self.scenarioBytes, as: UTF8.self)
                .replacingOccurrences(of: #""kind": "thematic"}, {"id": "B""#, with: #""kind": "thematic", "fixed": {"start": "2017-05-01", "venue": "GVA"}}, {"id": "B", "fixed": {"start": "2017-05-01", "venue": "GVA"}"#).utf8)
            let badCalendar = Array(String(decoding: Self.calendarBytes, as: UTF8.self).replacingOccurrences(of: "2017-05-03", with: "2017-05-32").utf8)
            #expect(bad != Self.scenarioBytes && infeasible != Self.scenarioBytes && badCalendar != Self.calendarBytes,
                    "valid/scenario.json or valid/calendar.json changed: update the edits above")
            for (name, bytes) in [("bad.json", bad), ("infeasible.json", infeasible), ("badcal.json", badCalendar)] {
                _ = FileManager.default.createFile(atPath: w.file(name).path, contents: Data(bytes))
            }
            let filled = args.map { ["BAD": "bad.json", "INFEASIBLE": "infeasible.json", "BADCAL": "badcal.json"][$0] ?? $0 }
            let run = try await runConvene(filled, stdin: args.contains("-") ? bad : nil, in: w.url, within: 30)
            #expect(run.status == status, "\(name): convene \(filled.joined(separator: " ")): \(run)")
            #expect(contents(w.file("old.json")) == Self.sentinel, "\(name): the earlier output changed or was lost: \(run)")
            #expect(w.names == ["bad.json", "badcal.json", "calendar.json", "infeasible.json", "old.json", "scenario.json"],
                    "\(name): files now \(w.names)")
            if status == 2 { #expect(run.stdout.isEmpty, "\(name): \(run)") }
        }

        @Test("a solved run replaces an existing --out file with the calendar, leaving nothing else")
        func existingOutIsReplaced() async throws {
            let w = workspace()
            defer { w.remove() }
            let run = try await runConvene(["solve", "scenario.json", "--out", "old.json"], in: w.url, within: 30)
            #expect(run.status == 0, "\(run)")
            let written = contents(w.file("old.json"))
            #expect(written != nil, "old.json is gone: \(run)")
            if let written {
                #expect((try? CalendarFile.read(written))?.scenario == "corpus", "old.json does not hold the calendar: \(String(decoding: written, as: UTF8.self))")
            }
            #expect(w.names == ["calendar.json", "old.json", "scenario.json"], "files now: \(w.names)")
        }

        @Test("a solved run with --out naming an existing folder keeps the folder and what it holds")
        func outIsAFolder() async throws {
            let w = workspace()
            defer { w.remove() }
            try FileManager.default.createDirectory(at: w.file("plans"), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: w.file("plans/keep.json").path, contents: Data(Self.sentinel))
            let run = try await runConvene(["solve", "scenario.json", "--out", "plans"], in: w.url, within: 30)
            #expect(run.status == 2, "solve --out FOLDER: \(run)")
            #expect(contents(w.file("plans/keep.json")) == Self.sentinel, "the folder or its file was lost: \(run)")
            #expect(w.names == ["calendar.json", "old.json", "plans", "scenario.json"], "files now: \(w.names)")
            if run.status == 2 { #expect(run.stdout.isEmpty, "\(run)") }
        }

        @Test("--out in a folder that does not exist is refused: status 2, nothing printed or written")
        func outInAMissingFolder() async throws {
            let w = workspace()
            defer { w.remove() }
            let run = try await runConvene(["solve", "scenario.json", "--out", "missing/cal.json"], in: w.url, within: 30)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("missing/cal.json"), "the message names the output: \(run)")
            #expect(run.stdout.isEmpty, "a refused run printed a calendar on standard output: \(run)")
            #expect(w.names == ["calendar.json", "old.json", "scenario.json"], "files now: \(w.names)")
        }
    }
}
