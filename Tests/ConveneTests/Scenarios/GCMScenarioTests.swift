import Foundation
import Testing
@testable import Convene

/// The real 2017–2018 GCM scenarios. Every expected fact below was derived by hand from the two
/// seed documents (named in `Scenarios/FACTS.md`), as set out with its arithmetic in `Scenarios/FACTS.md`.
@Suite("GCM scenarios")
struct GCMScenarioTests {
    static func file(_ name: String) throws -> [UInt8] {
        let root = try #require(ConveneBinary.packageRoot(), "package root not found")
        return try [UInt8](Data(contentsOf: root.appendingPathComponent("Scenarios/\(name)")))
    }

    static func workPlan() throws -> Scenario { try ScenarioReader.read(file("gcm-work-plan.json"), file: "gcm-work-plan.json") }
    static func published() throws -> CalendarFile { try CalendarFile.read(file("gcm-work-plan-calendar.json")) }

    @Test("the published work-plan calendar meets every hard rule and costs 14 (FACTS.md §1.3)")
    func publishedCost() throws {
        let report = Evaluator(try Self.workPlan()).check(try Self.published())
        #expect(report.hardOK, "\(report.hard)")
        // 10 × 1 (TS2 on 23 May within a day of the GFMD workshop in Rabat on 24 May, work plan May 2017)
        // + 2 × 2 (H2 on 11 Oct and TS6 on 12 Oct in Geneva, within a day of the RCP global meeting
        // there on 10–11 Oct, work plan October 2017) + 0 (every event on its published start).
        #expect(report.cost == 14)
        #expect(report.soft.map(\.rule) == ["avoid-gfmd", "avoid-rcp-rec-same-place"])
        #expect(report.soft.map(\.amount) == [1, 2])
        #expect(report.soft.map(\.weight) == [10, 2])
    }

    @Test("the published calendar's clashes are the three derived by hand (FACTS.md §1.2)")
    func publishedClashes() throws {
        let report = Evaluator(try Self.workPlan()).check(try Self.published())
        let got = Set(report.clashes.map { "\($0.constraint) \($0.event) \($0.external) \($0.dates.map(\.iso).joined(separator: ","))" })
        #expect(got == [
            "avoid-gfmd TS2 GFMD-WORKSHOP-2017-05-24 2017-05-23",
            "avoid-rcp-rec-same-place H2 RCP-GLOBAL-2017-10-10 2017-10-11",
            "avoid-rcp-rec-same-place TS6 RCP-GLOBAL-2017-10-10 2017-10-12",
        ])
        // The IOM dialogues (18–19 April New York, 18–19 July Geneva) are more than a day from
        // every session: no IOM-IDM clash.
        #expect(!report.clashes.contains { $0.category == "IOM-IDM" })
        // Two Geneva RCP meetings of the work plan have no date yet: listed, never clashing.
        #expect(report.undated == ["RCP-IGC-WORKSHOP-2017", "RCP-IGC-MINI-2017-12"])
    }

    @Test("the TBA events are unscheduled, and the links they take part in are not evaluated (FACTS.md §2, §3)")
    func publishedUnscheduled() throws {
        let report = Evaluator(try Self.workPlan()).check(try Self.published())
        #expect(!report.complete)
        #expect(report.unscheduled == ["SG-NOTE", "CHAIR-SUMMARY", "SG-REPORT", "CONF-MODALITIES", "ZERO-DRAFT", "H4",
                                       "IGN-FEB", "IGN-MAR", "IGN-APR", "H5", "IGN-MAY", "IGN-JUN", "H6", "IGN-JUL", "CONF"])
        #expect(report.notEvaluated.count == 8)
        #expect(report.notEvaluated.contains { $0.rule == "stock-chain" && $0.before == "STOCK" && $0.after == "CHAIR-SUMMARY" })
    }

    @Test("clashes narrowed to GFMD, and near misses within 3 days of a session")
    func clashesCommand() throws {
        let scenario = try Self.workPlan(), calendar = try Self.published()
        let evaluator = Evaluator(scenario)
        let (schedule, _) = evaluator.schedule(from: calendar)
        let gfmd = ClashReport(check: evaluator.check(calendar), schedule: schedule, scenario: scenario, categories: ["GFMD"], within: nil)
        #expect(gfmd.clashes.map(\.external) == ["GFMD-WORKSHOP-2017-05-24"])
        let near = ClashReport(check: evaluator.check(calendar), schedule: schedule, scenario: scenario, categories: nil, within: 3)
        let pairs = Set(near.nearMisses.map { "\($0.event) \($0.external) \($0.gap)" })
        // TS1 (8–9 May, Geneva) shares its dates with the ARCP meeting in Cairo (8–9 May): no rule
        // covers an RCP in another city, so it is a near miss with a gap of 0 (work plan, May 2017).
        #expect(pairs.contains("TS1 RCP-ARCP-2017-05-08 0"))
        // TS2 (22–23 May, New York) and the Bali Process (22–25 May, Bali): gap 0.
        #expect(pairs.contains("TS2 RCP-BALI-2017-05-22 0"))
        // H1 (26 July) and TS4 (24–25 July) are 5 and 6 days after the IOM dialogue of 18–19 July: not within 3.
        #expect(!pairs.contains { $0.hasPrefix("H1 IDM-2017-07-18") })
        // A clash is not repeated as a near miss.
        #expect(!pairs.contains { $0.hasPrefix("TS2 GFMD-WORKSHOP-2017-05-24") })
    }

    @Test("solve proves the work plan's optimum: 8, with TS2 moved to 18–19 May (FACTS.md §1.4)")
    func solveWorkPlan() throws {
        let scenario = try Self.workPlan()
        let s = try Solver.solve(scenario, limits: Limits(timeLimit: 60))
        #expect(s.status == .optimal)
        #expect(s.report?.cost == 8)
        let schedule = try #require(s.schedule)
        let ts2Index = try #require(scenario.eventIndex("TS2"))
        let ts2 = try #require(schedule[ts2Index])
        #expect(ts2.start.iso == "2017-05-18")
        // H2 on 11 October and TS6 on 12–13 October are forced (FACTS.md §1.4).
        #expect(schedule[scenario.eventIndex("H2")!]?.start.iso == "2017-10-11")
        #expect(schedule[scenario.eventIndex("TS6")!]?.start.iso == "2017-10-12")
        // Negotiation days per month, first draft OP / work plan Phase III: Feb 3 … July 5.
        for (id, days) in [("IGN-FEB", 3.0), ("IGN-MAR", 4), ("IGN-APR", 4), ("IGN-MAY", 5), ("IGN-JUN", 5), ("IGN-JUL", 5)] {
            #expect(schedule[scenario.eventIndex(id)!]?.days == days)
        }
    }

    @Test("solve proves the first draft's optimum: 0 (FACTS.md §4)")
    func solveFirstDraft() throws {
        let scenario = try ScenarioReader.read(Self.file("gcm-first-draft.json"))
        let s = try Solver.solve(scenario, limits: Limits(timeLimit: 60))
        #expect(s.status == .optimal)
        #expect(s.report?.cost == 0)
        // Six thematic sessions within the 12-day cap (first draft OP15).
        let thematic = scenario.events.indices.filter { scenario.events[$0].kind == "thematic" }
        #expect(thematic.count == 6)
        #expect(thematic.reduce(0.0) { $0 + (s.schedule![$1]?.days ?? 0) } <= 12)
    }

    /// The work plan with the stocktaking forced into October 2017 and TS6 pinned to its
    /// published 12 October in Geneva.
    static func overConstrained() throws -> Scenario {
        try ScenarioReader.read([UInt8](try JSONSerialization.data(withJSONObject: try overConstrainedJSON())))
    }

    /// The same as a JSON object (the README's `over-constrained.json`).
    static func overConstrainedJSON() throws -> [String: Any] {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(try file("gcm-work-plan.json"))) as? [String: Any])
        var events = try #require(json["events"] as? [[String: Any]])
        for i in events.indices {
            if events[i]["id"] as? String == "STOCK" { events[i]["window"] = ["earliest": "2017-10-01", "latest": "2017-10-31"] }
            if events[i]["id"] as? String == "TS6" { events[i]["fixed"] = ["start": "2017-10-12", "venue": "GVA"] }
        }
        json["events"] = events
        return json
    }

    @Test("the stocktaking forced into October while TS6 holds 12–13 October is infeasible, with a minimal conflict")
    func overConstrainedConflict() throws {
        // By hand: TS6 ends 13 Oct (a 3-day TS6 would span a weekend); stock-after-ts6 needs 14
        // days, so STOCK starts on 27 Oct at the earliest. Three consecutive working days from
        // 27 Oct (a Friday) cross a weekend; from 30 Oct they end 1 Nov, outside October. Dropping
        // any one of the five elements below makes a calendar exist: without the precedence
        // STOCK fits early in October; unpinned TS6 moves earlier; a November window fits; a
        // 1- or 2-day STOCK fits on 30–31 Oct; without contiguity 27, 30, 31 Oct fit.
        let s = try Solver.solve(try Self.overConstrained(), limits: Limits(timeLimit: 120))
        #expect(s.status == .infeasible)
        let conflict = try #require(s.conflict)
        #expect(conflict.map(\.element) == ["stock-after-ts6", "fixed:TS6", "window:STOCK", "days:STOCK", "calendar:STOCK"])
        #expect(conflict.allSatisfy { $0.sentence.hasSuffix("(\($0.element))") })
        #expect(conflict[0].sentence.contains("STOCK must start at least 14 days after TS6 ends"))
    }
}
