import Foundation
import Testing
@testable import Convene

/// Runs the built `convene` binary: help, usage errors, refused input, `check` and `clashes`
/// (style guide, "The command line"; spec, "Check report" and "Bad input").
struct CLITests {
    // Calendar: Mondays 8, 15, 22 May 2017.
    // X (GFMD, Geneva) 10–11 May; Y (HRC, at NY) 9 May; Z (IOM-IDM, Geneva) 19 May; U (RCP) undated.
    static let scenarioText = scenarioJSON(venues: #"[{"id": "GVA", "city": "Geneva"}, {"id": "NY", "city": "New York"}]"#, events: [
        #"{"id": "A", "days": 3, "venues": ["GVA", "NY"]}"#,
        #"{"id": "B", "days": 2, "venues": ["GVA", "NY"]}"#,
        #"{"id": "C", "days": 1, "venues": ["GVA"]}"#,
    ], external: [
        #"{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10", "end": "2017-05-11"}"#,
        #"{"id": "Y", "category": "HRC", "place": "NY", "start": "2017-05-09", "end": "2017-05-09"}"#,
        #"{"id": "Z", "category": "IOM-IDM", "place": "Geneva", "start": "2017-05-19", "end": "2017-05-19"}"#,
        #"{"id": "U", "category": "RCP", "place": "Geneva"}"#,
    ], constraints: [
        #"{"id": "n", "type": "noOverlap", "events": "all"}"#,
        #"{"id": "p", "type": "precedence", "before": "A", "after": "B"}"#,
        #"{"id": "av", "type": "avoidExternal", "events": "all", "external": "all", "hard": false, "weight": 5}"#,
    ])

    static func calendarText(_ assignments: [String], scenario: String = "t") -> String {
        #"{"format": "calendar/1", "scenario": "\#(scenario)", "status": "feasible", "assignments": [\#(assignments.joined(separator: ", "))]}"#
    }

    /// A 8–10 May (meets Y on 9, X on 10), B 15–16 May, C 22 May, all at GVA. Every hard rule holds.
    static let good = calendarText([
        #"{"event": "A", "start": "2017-05-08", "end": "2017-05-10", "venue": "GVA", "days": 3}"#,
        #"{"event": "B", "start": "2017-05-15", "end": "2017-05-16", "venue": "GVA", "days": 2}"#,
        #"{"event": "C", "start": "2017-05-22", "end": "2017-05-22", "venue": "GVA", "days": 1}"#,
    ])

    /// B moved onto A's last day: noOverlap 10 − 10 = 0 → 1; precedence A→B 10 − 10 = 0 → 1.
    static let overlapping = calendarText([
        #"{"event": "A", "start": "2017-05-08", "end": "2017-05-10", "venue": "GVA", "days": 3}"#,
        #"{"event": "B", "start": "2017-05-10", "end": "2017-05-11", "venue": "GVA", "days": 2}"#,
        #"{"event": "C", "start": "2017-05-22", "end": "2017-05-22", "venue": "GVA", "days": 1}"#,
    ])

    /// Runs `convene` with a scenario and a calendar written to temporary files.
    func run(_ arguments: [String], scenario: String = scenarioText, calendar: String = good) throws -> RunResult {
        let s = TempFile(scenario), c = TempFile(calendar)
        defer { s.remove(); c.remove() }
        return try runConvene(arguments.map { $0 == "SCENARIO" ? s.path : $0 == "CALENDAR" ? c.path : $0 })
    }

    func json(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "not a JSON object:\n\(text)")
    }

    // MARK: Help and usage

    @Test("the binary can be found")
    func binary() throws {
        let url = try ConveneBinary.url()
        #expect(FileManager.default.isExecutableFile(atPath: url.path))
    }

    @Test("convene --help prints the overview with USAGE: and exits 0")
    func help() throws {
        let r = try runConvene(["--help"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE:"))
        #expect(r.stdout.contains("check"))
        // The files are described inside the repository (issue 23).
        #expect(r.stdout.contains("docs/formats.md"), "\(r.stdout)")
        #expect(r.stderr.isEmpty)
        // -h is the same.
        #expect(try runConvene(["-h"]).stdout == r.stdout)
    }

    @Test("convene help check describes --format")
    func helpCheck() throws {
        let r = try runConvene(["help", "check"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("USAGE: convene check"))
        #expect(r.stdout.contains("--format"))
        #expect(r.stdout.contains("OPTIONS:"))
        // `convene check --help` prints the same help.
        #expect(try runConvene(["check", "--help"]).stdout == r.stdout)
    }

    @Test("an unknown option exits 2 with a suggestion on stderr")
    func unknownOption() throws {
        let r = try run(["check", "SCENARIO", "CALENDAR", "--formt", "json"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("Did you mean '--format'?"), "\(r)")
        #expect(r.stderr.contains("Usage:"))
        #expect(r.stdout.isEmpty)
    }

    @Test("a bad --format value and a missing argument are usage errors")
    func usageErrors() throws {
        let bad = try run(["check", "SCENARIO", "CALENDAR", "--format", "xml"])
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stdout.isEmpty)
        let missing = try runConvene(["check"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("<scenario>"))
    }

    @Test("an unknown command exits 2 with a suggestion")
    func unknownCommand() throws {
        let r = try runConvene(["chek"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("Did you mean 'check'?"), "\(r)")
    }

    // MARK: check

    @Test("check refuses a bad scenario with exit 2, the JSON path on stderr and nothing on stdout")
    func badScenario() throws {
        let bad = scenarioJSON(events: [#"{"id": "A", "days": 0.3, "venues": ["GVA"]}"#])
        let r = try run(["check", "SCENARIO", "CALENDAR"], scenario: bad)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("events[0].days: error: "), "\(r)")
        #expect(r.stdout.isEmpty)
    }

    @Test("check lists the problems of both a bad scenario and a bad calendar")
    func badBoth() throws {
        let bad = scenarioJSON(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "window": {"earliest": "2017-05-01", "latest": "2017-02-30"}}"#])
        let cal = Self.calendarText([#"{"event": "A", "start": "2017-05-08", "days": 0.3}"#])
        let r = try run(["check", "SCENARIO", "CALENDAR", "--format", "json"], scenario: bad, calendar: cal)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("events[0].window.latest"), "\(r)")
        #expect(r.stderr.contains("assignments[0].days"), "\(r)")
        #expect(r.stdout.isEmpty)
    }

    @Test("check of a missing file exits 2")
    func missingFile() throws {
        let r = try runConvene(["check", "/nonexistent/convene-\(UUID().uuidString).json", "/nonexistent/c.json"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
    }

    @Test("check of a calendar that keeps every hard rule exits 0")
    func checkGood() throws {
        let r = try run(["check", "SCENARIO", "CALENDAR"])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.isEmpty)
    }

    @Test("check of a calendar that breaks a hard rule exits 1")
    func checkHardBreak() throws {
        let r = try run(["check", "SCENARIO", "CALENDAR"], calendar: Self.overlapping)
        #expect(r.status == 1, "\(r)")
        #expect(!r.stdout.isEmpty)
    }

    @Test("check --format json prints a check/1 report with every field")
    func checkJSON() throws {
        let r = try run(["check", "SCENARIO", "CALENDAR", "--format", "json"])
        #expect(r.status == 0, "\(r)")
        let o = try json(r.stdout)
        for key in ["format", "scenario", "complete", "hardOK", "cost", "hard", "soft", "clashes", "unscheduled", "notEvaluated"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["format"] as? String == "check/1")
        #expect(o["scenario"] as? String == "t")
        #expect((o["complete"] as? NSNumber)?.boolValue == true)
        #expect((o["hardOK"] as? NSNumber)?.boolValue == true)
        // av: A (8, 9, 10) meets Y on 9 and X on 10 → 2; B (15–16) and C (22) meet nothing. 5 × 2 = 10.
        #expect((o["cost"] as? NSNumber)?.doubleValue == 10)
        // A whole cost is written without a fraction.
        #expect(r.stdout.contains(#""cost": 10,"#) || r.stdout.contains(#""cost": 10\#n"#), "\(r.stdout)")
        #expect((o["hard"] as? [Any])?.isEmpty == true)
        let soft = try #require(o["soft"] as? [[String: Any]])
        #expect(soft.map { $0["rule"] as? String } == ["av"])
        #expect((soft.first?["amount"] as? NSNumber)?.doubleValue == 2)
        #expect((soft.first?["weight"] as? NSNumber)?.intValue == 5)
        let clashes = try #require(o["clashes"] as? [[String: Any]])
        let pairs = clashes.map { "\($0["event"] as? String ?? "?") \($0["external"] as? String ?? "?") \(($0["dates"] as? [String]) ?? [])" }
        #expect(pairs.sorted() == [#"A X ["2017-05-10"]"#, #"A Y ["2017-05-09"]"#])
        #expect(clashes.allSatisfy { $0["constraint"] as? String == "av" })
        #expect((o["unscheduled"] as? [Any])?.isEmpty == true)
        #expect((o["notEvaluated"] as? [Any])?.isEmpty == true)
    }

    @Test("check --format json of a hard break and an unscheduled event")
    func checkJSONBroken() throws {
        // B on 10–11 May breaks n and p (see `overlapping`); C is left out.
        let cal = Self.calendarText([
            #"{"event": "A", "start": "2017-05-08", "end": "2017-05-10", "venue": "GVA", "days": 3}"#,
            #"{"event": "B", "start": "2017-05-10", "end": "2017-05-11", "venue": "GVA", "days": 2}"#,
        ])
        let r = try run(["check", "SCENARIO", "CALENDAR", "--format", "json"], calendar: cal)
        #expect(r.status == 1, "\(r)")
        let o = try json(r.stdout)
        #expect((o["hardOK"] as? NSNumber)?.boolValue == false)
        #expect((o["complete"] as? NSNumber)?.boolValue == false)
        #expect(o["unscheduled"] as? [String] == ["C"])
        let hard = try #require(o["hard"] as? [[String: Any]])
        #expect(Set(hard.compactMap { $0["rule"] as? String }) == ["n", "p"])
        // av: A meets Y (9) and X (10); B (10, 11) meets X on 10 and 11 → 2 + 2 = 4; 5 × 4 = 20.
        #expect((o["cost"] as? NSNumber)?.doubleValue == 20)
    }

    @Test("check --format json lists a precedence with an unscheduled side as not evaluated")
    func checkNotEvaluated() throws {
        let cal = Self.calendarText([#"{"event": "A", "start": "2017-05-08", "end": "2017-05-10", "venue": "GVA", "days": 3}"#])
        let r = try run(["check", "SCENARIO", "CALENDAR", "--format", "json"], calendar: cal)
        let o = try json(r.stdout)
        let ne = try #require(o["notEvaluated"] as? [[String: Any]])
        #expect(ne.map { "\($0["rule"] as? String ?? "") \($0["before"] as? String ?? "") \($0["after"] as? String ?? "")" } == ["p A B"])
        #expect(Set(o["unscheduled"] as? [String] ?? []) == ["B", "C"])
    }

    @Test("check names a calendar of another scenario, an unknown and a duplicate event")
    func checkCalendarProblems() throws {
        let cal = Self.calendarText([
            #"{"event": "A", "start": "2017-05-08", "end": "2017-05-10", "venue": "GVA", "days": 3}"#,
            #"{"event": "A", "start": "2017-05-15", "end": "2017-05-17", "venue": "GVA", "days": 3}"#,
            #"{"event": "Q", "start": "2017-05-15", "venue": "GVA", "days": 1}"#,
        ], scenario: "other")
        let r = try run(["check", "SCENARIO", "CALENDAR", "--format", "json"], calendar: cal)
        #expect(r.status == 1, "\(r)")
        let o = try json(r.stdout)
        let hard = try #require(o["hard"] as? [[String: Any]])
        let rules = Set(hard.compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["scenario", "unknown:Q", "duplicate:A"]), "\(rules)")
        // Each such problem has amount 1.
        for h in hard where ["scenario", "unknown:Q", "duplicate:A"].contains(h["rule"] as? String ?? "") {
            #expect((h["amount"] as? NSNumber)?.doubleValue == 1, "\(h)")
        }
        // The first A counts: 8–10 May meets Y (9) and X (10); the second (15–17) would meet nothing.
        let clashes = try #require(o["clashes"] as? [[String: Any]])
        #expect(clashes.compactMap { $0["external"] as? String }.sorted() == ["X", "Y"])
    }

    @Test("check reads the scenario from standard input given as -")
    func stdin() throws {
        let c = TempFile(Self.good)
        defer { c.remove() }
        let r = try runConvene(["check", "-", c.path, "--format=json"], stdin: Self.scenarioText)
        #expect(r.status == 0, "\(r)")
        #expect((try json(r.stdout)["cost"] as? NSNumber)?.doubleValue == 10)
    }

    // MARK: clashes

    func clashes(_ extra: [String]) throws -> (RunResult, [String: Any]) {
        let r = try run(["clashes", "SCENARIO", "CALENDAR", "--format", "json"] + extra)
        #expect(r.status == 0, "\(r)")
        return (r, try json(r.stdout))
    }

    @Test("clashes lists every clash; --category keeps only those categories")
    func clashesCategory() throws {
        func externals(_ o: [String: Any]) -> [String] {
            ((o["clashes"] as? [[String: Any]]) ?? []).compactMap { $0["external"] as? String }.sorted()
        }
        #expect(externals(try clashes([]).1) == ["X", "Y"])
        #expect(externals(try clashes(["--category", "GFMD"]).1) == ["X"])
        #expect(externals(try clashes(["--category", "HRC"]).1) == ["Y"])
        #expect(externals(try clashes(["--category", "GFMD,HRC"]).1) == ["X", "Y"])
        #expect(externals(try clashes(["--category", "IOM-IDM"]).1) == [])
        // The table names the same clashes.
        let table = try run(["clashes", "SCENARIO", "CALENDAR", "--category", "GFMD"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("X") && !table.stdout.contains("HRC"), "\(table)")
    }

    @Test("clashes --category with a category no external has is a usage error")
    func clashesUnknownCategory() throws {
        let r = try run(["clashes", "SCENARIO", "CALENDAR", "--category", "NOPE"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
    }

    @Test("clashes --within lists near misses with their gap in days")
    func clashesWithin() throws {
        func misses(_ o: [String: Any]) -> [String: Int] {
            var out: [String: Int] = [:]
            for m in (o["nearMisses"] as? [[String: Any]]) ?? [] {
                out["\(m["event"] as? String ?? "?")-\(m["external"] as? String ?? "?")"] = (m["gap"] as? NSNumber)?.intValue
            }
            return out
        }
        // B 15–16: Z on 19 → 19 − 16 = 3; X 10–11 → 15 − 11 = 4; Y on 9 → 15 − 9 = 6.
        // C on 22: Z → 22 − 19 = 3; X → 22 − 11 = 11. A 8–10: Z → 19 − 10 = 9; X and Y clash (not near misses).
        let five = misses(try clashes(["--within", "5"]).1)
        #expect(five == ["B-Z": 3, "B-X": 4, "C-Z": 3], "\(five)")
        let three = misses(try clashes(["--within", "3"]).1)
        #expect(three == ["B-Z": 3, "C-Z": 3], "\(three)")
        // Combined with --category.
        let gfmd = misses(try clashes(["--within", "5", "--category", "GFMD"]).1)
        #expect(gfmd == ["B-X": 4], "\(gfmd)")
        // Without --within, no near misses.
        #expect(misses(try clashes([]).1).isEmpty)
        // The table shows the gap.
        let table = try run(["clashes", "SCENARIO", "CALENDAR", "--within", "3"])
        #expect(table.stdout.contains("3 d"), "\(table)")
    }

    @Test("clashes lists outside events not yet dated")
    func clashesUndated() throws {
        let o = try clashes([]).1
        #expect(o["undatedExternals"] as? [String] == ["U"])
    }
}
