import Foundation
import Testing
@testable import Convene
@testable import ConveneCLI

/// `convene export`: CSV (RFC 4180) and the self-contained HTML page, on the published GCM work
/// plan and on small calendars; and the command itself, run through its `CommandSpec`.
@Suite("Export")
struct ExportTests {
    static func gcm() throws -> (Scenario, CalendarFile) {
        (try GCMScenarioTests.workPlan(), try GCMScenarioTests.published())
    }

    /// Splits RFC 4180 text into records of fields (quotes, doubled quotes, CRLF inside quotes).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = ""
        var quoted = false, wasQuoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.append(c) }
            } else if c == "\"" && field.isEmpty && !wasQuoted {
                quoted = true; wasQuoted = true
            } else if c == "," {
                fields.append(field); field = ""; wasQuoted = false
            } else if c == "\r\n" {
                fields.append(field); records.append(fields); fields = []; field = ""; wasQuoted = false
            } else {
                field.append(c)
            }
        }
        return records
    }

    // MARK: CSV

    @Test("CSV: a header, one row per assignment in the spec's order, CRLF, titles with commas quoted")
    func csvGCM() throws {
        let (scenario, file) = try Self.gcm()
        let text = CSVWriter.write(file, scenario: scenario)
        #expect(text.hasPrefix("event,title,kind,start,end,venue,venue name,city,days\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let records = Self.parseCSV(text)
        #expect(records.count == 1 + file.assignments.count)
        #expect(records.allSatisfy { $0.count == 9 })
        #expect(records.dropFirst().map { $0[0] } == file.sortedAssignments.map(\.event))
        #expect(text.contains("\r\nTS1,\"First informal thematic session: Human rights of all migrants, social inclusion, cohesion, and all forms of discrimination, including racism, xenophobia and intolerance\",thematic,2017-05-08,2017-05-09,GVA,United Nations Office at Geneva,Geneva,2\r\n"))
        #expect(records.last == ["H3", "Informal multi-stakeholder hearing (half day)", "hearing", "2017-12-18", "2017-12-18", "NY", "United Nations Headquarters", "New York", "0.5"])
    }

    @Test("CSV quoting", arguments: [
        ("plain", "plain"), ("a, b", "\"a, b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), (" padded", "\" padded\""), ("", ""),
    ])
    func csvQuoting(_ field: String, _ written: String) {
        #expect(CSVWriter.quote(field) == written)
        #expect(Self.parseCSV(CSVWriter.line([field, "x"])) == [[field, "x"]])
    }

    @Test("CSV without a scenario: the file's own dates, empty titles and venue names; end derived from start when absent")
    func csvBare() {
        let file = CalendarFile(scenario: "t", status: "feasible", cost: nil, assignments: [
            Assignment(event: "B, the second", start: Day(iso: "2017-05-10")!, venue: "GVA", days: 1),
            Assignment(event: "A", start: Day(iso: "2017-05-08")!, end: Day(iso: "2017-05-09")!, venue: nil, days: 2),
        ])
        #expect(CSVWriter.write(file, scenario: nil) == "event,title,kind,start,end,venue,venue name,city,days\r\n"
                + "A,,,2017-05-08,2017-05-09,,,,2\r\n\"B, the second\",,,2017-05-10,2017-05-10,GVA,,,1\r\n")
    }

    @Test("a sweep's CSV quotes by the calendar CSV's rule: one quoting for every CSV written")
    func sweepCSVQuoting() {
        var row = SweepRow(date: Day(iso: "2017-11-21")!)
        row.status = .optimal; row.whatIfCost = 25; row.cost = 21; row.disturbance = 4; row.moved = 1
        row.newClashes = [" STOCK × X, Y", "STOCK × \"Z\""]
        let text = SweepFile(scenario: "s", event: "STOCK", rows: [row]).written(as: .csv)
        #expect(text == "date,weekday,status,whatif_cost,cost,disturbance,moved,new_clashes,best\r\n"
                + "2017-11-21,tue,optimal,25,21,4,1,\"" + " STOCK × X, Y; STOCK × \"\"Z\"\"" + "\",\r\n")
        #expect(Self.parseCSV(text).last == ["2017-11-21", "tue", "optimal", "25", "21", "4", "1", " STOCK × X, Y; STOCK × \"Z\"", ""])
    }

    // MARK: HTML

    @Test("HTML is self-contained: no network, no external script, style or font")
    func htmlSelfContained() throws {
        let (scenario, file) = try Self.gcm()
        let html = HTMLWriter.write(file, scenario: scenario)
        for banned in ["http://", "https://", "<script src", "<link", "@import", "url(", "<iframe", "<img"] {
            #expect(!html.lowercased().contains(banned), "\(banned)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.components(separatedBy: "<div").count == html.components(separatedBy: "</div>").count)
        #expect(html.components(separatedBy: "<section").count == html.components(separatedBy: "</section>").count)
    }

    @Test("HTML shows every event and dated outside event, the status and cost, clashes, near misses and phases")
    func htmlContent() throws {
        let (scenario, file) = try Self.gcm()
        let html = HTMLWriter.write(file, scenario: scenario)
        for a in file.assignments { #expect(html.contains(">\(a.event)<"), "\(a.event)") }
        for x in scenario.externals where x.dates != nil { #expect(html.contains("title=\"\(x.id) — "), "\(x.id)") }
        #expect(html.contains("<span>Status</span> feasible"))
        #expect(html.contains("<span>Cost</span> 14"))          // FACTS.md §1.3: the published plan costs 14
        #expect(html.contains("<span>Clashes</span> 3"))
        // TS2 clashes with the GFMD workshop in Rabat; TS1 comes within 7 days of the RCP meeting in Geneva.
        // 22 May is day 51 of the April–June row (91 days): 51/91 = 56.044%; two days are 2.198%.
        #expect(html.contains("class=\"it ev k0 clash\" style=\"left:56.044%;width:2.198%;top:2px\" title=\"TS2 — "))
        #expect(html.contains("title=\"TS1 — ") && html.contains("class=\"it ev k0 near\""))
        #expect(html.contains("Phase: thematic&#10;2017-05-08..2017-10-13"))
        #expect(html.contains("Phase: stocktaking"))
        #expect(!html.contains("Phase: hearing"))                // hearings run alongside the sessions
        #expect(html.contains("<caption>Unscheduled</caption>"))
        #expect(html == HTMLWriter.write(file, scenario: scenario), "not deterministic")
    }

    @Test("HTML escapes text and works without a scenario")
    func htmlBare() throws {
        let s = try readScenario(scenarioJSON(events: [#"{"id": "A", "title": "<b>Talks</b> & \"more\"", "days": 2, "venues": ["GVA"], "kind": "x"}"#]))
        let file = CalendarFile(scenario: "t", status: "feasible", cost: 3, assignments: [Assignment(event: "A", start: Day(iso: "2017-05-08")!, venue: "GVA")])
        let html = HTMLWriter.write(file, scenario: s)
        #expect(html.contains("A — &lt;b&gt;Talks&lt;/b&gt; &amp; &quot;more&quot;"))
        #expect(!html.contains("<b>Talks"))
        let bare = HTMLWriter.write(file, scenario: nil)
        #expect(bare.contains(">A<") && bare.contains("<span>Cost</span> 3"))
        #expect(bare.contains("<b>GVA</b>"))
    }

    @Test("a cost sentence names an event only as a whole word")
    func mentions() {
        #expect(ExportRow.mentions("TS1 meets X", "TS1"))
        #expect(!ExportRow.mentions("TS10 meets X", "TS1"))
        #expect(!ExportRow.mentions("IGN-TS1 meets X", "TS1"))
        #expect(ExportRow.mentions("TS10 and TS1", "TS1"))
    }

    // MARK: The command

    func export(_ args: [String]) throws -> CommandResult {
        Commands.export.run(try ArgumentParser.parse(args, for: Commands.export))
    }

    static func path(_ name: String) throws -> String {
        try #require(ConveneBinary.packageRoot()).appendingPathComponent("Scenarios/\(name)").path
    }

    @Test("export writes ics, csv and html; --out chooses the format by its extension")
    func command() throws {
        let cal = try Self.path("gcm-work-plan-calendar.json"), scen = try Self.path("gcm-work-plan.json")
        let ics = try export([cal, "--scenario", scen])
        #expect(ics.status == 0 && ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(try export([cal, "--format", "csv"]).stdout.hasPrefix("event,title"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("convene-export-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try export([cal, "-s", scen, "--out", out.path])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test("export refuses bad usage and another scenario's calendar, writing nothing")
    func commandRefusals() throws {
        let cal = try Self.path("gcm-work-plan-calendar.json"), other = try Self.path("gcm-first-draft.json")
        #expect(try export([cal, "--format", "pdf"]).stderr.hasPrefix("Error: Option '--format' expects one of ics, csv, html, found 'pdf'."))
        #expect(try export([cal, "--external", "x.ics"]).stderr.contains("'--external' needs '--scenario"))
        let r = try export([cal, "--scenario", other])
        #expect(r.status == 2)
        #expect(r.stderr.contains("gcm-work-plan-calendar.json: scenario: error: expected a calendar of scenario"))
        #expect(r.stdout.isEmpty)
    }
}
