import Foundation
import Testing
@testable import Convene

/// The Global Compact on Refugees (GCR): UNHCR's road map (`Scenarios/gcr-road-map.json`) and
/// the process as held (`gcr-held-calendar.json`). Every expected value was derived by hand from
/// the sourced dates before the check was run; the sources and the arithmetic are in
/// `Scenarios/FACTS.md` §8.1-§8.4.
@Suite("GCR scenarios")
struct GCRScenarioTests {
    static func roadMap() throws -> Scenario { try ScenarioReader.read(GCMScenarioTests.file("gcr-road-map.json"), file: "gcr-road-map.json") }
    static func held() throws -> CalendarFile { try CalendarFile.read(GCMScenarioTests.file("gcr-held-calendar.json")) }

    @Test("the road map loads: 18 events, 26 dated externals, 19 rules (17 hard), one venue (FACTS.md §8)")
    func loads() throws {
        let s = try Self.roadMap()
        #expect(s.name == "gcr-road-map")
        #expect(s.events.count == 18)
        #expect(s.externals.count == 26)
        #expect(s.constraints.count == 19)
        #expect(s.constraints.filter(\.hard).count == 17)
        #expect(s.venues.map(\.id) == ["GVA"])
        // The GCM's 19 held meetings (6 sessions, 5 hearings, the stocktaking, 6 rounds, the
        // conference) are outside events of category GCM (FACTS.md §8.1).
        #expect(s.externals.filter { $0.category == "GCM" }.count == 19)
    }

    @Test("the held calendar has the sourced dates of FACTS.md §8.1")
    func heldDates() throws {
        let file = try Self.held()
        #expect(file.scenario == "gcr-road-map")
        let got = Dictionary(uniqueKeysWithValues: file.assignments.map { ($0.event, "\($0.start.iso)..\($0.end?.iso ?? "") \($0.venue ?? "-")") })
        #expect(got == [
            // Thematic discussions, UNHCR's page: 10 July, 17-18 October, 14-15 November 2017.
            "TD1": "2017-07-10..2017-07-10 GVA", "TD23": "2017-10-17..2017-10-18 GVA", "TD45": "2017-11-14..2017-11-15 GVA",
            // High Commissioner's Dialogue, 12-13 December 2017 (briefing note; opening and closing remarks).
            "HCD": "2017-12-12..2017-12-13 GVA",
            // Zero draft released 31 January 2018 (fm-cab; IISD's 5 February is the letter to the PGA).
            "ZERO-DRAFT": "2018-01-31..2018-01-31 -",
            // The six formal consultations (UNHCR's list; ICVA; IISD), the fourth on 8, 9 and 10 May.
            "FC1": "2018-02-13..2018-02-14 GVA", "FC2": "2018-03-20..2018-03-21 GVA", "FC3": "2018-04-10..2018-04-11 GVA",
            "FC4": "2018-05-08..2018-05-10 GVA", "FC5": "2018-06-12..2018-06-13 GVA", "FC6": "2018-07-03..2018-07-04 GVA",
            // Drafts 1, 2, 3 and final: 9 March, 30 April, 4 June, 26 June 2018.
            "DRAFT-FC2": "2018-03-09..2018-03-09 -", "DRAFT-FC4": "2018-04-30..2018-04-30 -",
            "DRAFT-FC5": "2018-06-04..2018-06-04 -", "DRAFT-FC6": "2018-06-26..2018-06-26 -",
            // A/73/12 (Part II) of 2 August 2018; A/RES/73/151 of 17 December 2018.
            "HC-REPORT": "2018-08-02..2018-08-02 -", "GA-AFFIRM": "2018-12-17..2018-12-17 -",
        ])
        // Every assignment names where its date comes from.
        let text = try #require(String(bytes: try GCMScenarioTests.file("gcr-held-calendar.json"), encoding: .utf8))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let assignments = try #require(json["assignments"] as? [[String: Any]])
        #expect(assignments.allSatisfy { ($0["source"] as? String)?.isEmpty == false })
    }

    @Test("every rule, event and outside event of the road map has a source")
    func sources() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try GCMScenarioTests.file("gcr-road-map.json"))) as? [String: Any])
        for key in ["events", "external", "constraints"] {
            let items = try #require(json[key] as? [[String: Any]])
            #expect(items.allSatisfy { ($0["source"] as? String)?.isEmpty == false }, "\(key)")
        }
        let venues = try #require(json["venues"] as? [[String: Any]])
        #expect(venues.allSatisfy { ($0["closedSource"] as? String)?.isEmpty == false })
    }

    @Test("check against the road map: exactly FC4's length and its Ascension Day (FACTS.md §8.4)")
    func hardDifferences() throws {
        let report = Evaluator(try Self.roadMap()).check(try Self.held())
        #expect(!report.hardOK)
        let got = Dictionary(uniqueKeysWithValues: report.hard.map { ($0.rule, $0.amount) })
        #expect(got == [
            // Announced for 8-9 May (IISD, 6 Apr 2018), held 8, 9 and 10 May: 3 days, not 2.
            "days:FC4": 1,
            // 10 May 2018 is closed at GVA (Ascension): 3 working days from 8 May end 11 May (§8.2).
            "calendar:FC4": 1,
        ])
        // No revised draft before the third consultation: DRAFT-FC3 unscheduled, its two links not evaluated.
        #expect(!report.complete)
        #expect(report.unscheduled == ["DRAFT-FC3"])
        #expect(report.notEvaluated.map { "\($0.rule) \($0.before) \($0.after)" }
                == ["fc2-then-draft FC2 DRAFT-FC3", "draft-week-before-fc3 DRAFT-FC3 FC3"])
    }

    @Test("the road map's other rules hold as held, the final draft exactly a week before the last consultation (FACTS.md §8.4)")
    func rulesHold() throws {
        let report = Evaluator(try Self.roadMap()).check(try Self.held())
        for rule in ["td-days", "meetings-order", "zero-after-hcd", "draft-week-before-fc1", "draft-week-before-fc2",
                     "draft-week-before-fc4", "draft-week-before-fc5", "draft-week-before-fc6", "fc1-then-draft",
                     "fc3-then-draft", "fc4-then-draft", "fc5-then-draft", "report-after-fc6", "ga-after-report",
                     "avoid-unhcr-governance", "avoid-gcm"] {
            #expect(report.amounts[rule] == 0, "\(rule)")
        }
        // 26 June → 3 July: 7 days, the least the rule allows (AHC's remarks: "This final draft of 26 June").
        let file = try Self.held()
        let final = try #require(file.assignments.first { $0.event == "DRAFT-FC6" }), fc6 = try #require(file.assignments.first { $0.event == "FC6" })
        #expect(fc6.start - final.start == 7)
    }

    @Test("the held GCR costs 4: two consultations during the Human Rights Council (FACTS.md §8.4)")
    func cost() throws {
        let report = Evaluator(try Self.roadMap()).check(try Self.held())
        // FC2 20-21 Mar inside HRC 37 (26 Feb-23 Mar), FC6 3-4 Jul inside HRC 38 (18 Jun-6 Jul): 4 dates × 1.
        #expect(report.cost == 4)
        #expect(report.soft.map(\.rule) == ["avoid-hrc"])
        #expect(report.soft.map(\.amount) == [4])
        #expect(Set(report.clashes.map { "\($0.constraint) \($0.event) \($0.external) \($0.dates.map(\.iso).joined(separator: ","))" }) == [
            "avoid-hrc FC2 HRC-37 2018-03-20,2018-03-21",
            "avoid-hrc FC6 HRC-38 2018-07-03,2018-07-04",
        ])
    }

    @Test("near misses within 6 days: the 12 of FACTS.md §8.4, the GCM's rounds 3 to 6 days from every consultation")
    func nearMisses() throws {
        let scenario = try Self.roadMap(), calendar = try Self.held()
        let evaluator = Evaluator(scenario)
        let (schedule, _) = evaluator.schedule(from: calendar)
        let near = ClashReport(check: evaluator.check(calendar), schedule: schedule, scenario: scenario, categories: nil, within: 6)
        #expect(Set(near.nearMisses.map { "\($0.event) \($0.external) \($0.gap)" }) == [
            "TD23 GCM-H2 6", "TD23 GCM-TS3 4",                 // the GCM's Geneva hearing and sixth session, Oct 2017
            "HCD GCM-STOCK 6", "HCD GCM-H3 5",                 // Puerto Vallarta 4-6 Dec, New York 18 Dec 2017
            "FC1 GCM-IGN-FEB 6", "FC2 GCM-IGN-MAR 5", "FC3 GCM-IGN-APR 4",
            "FC4 GCM-IGN-MAY 3",                               // 4 as held: the checker's FC4 ends 11 May (§8.2)
            "FC5 GCM-IGN-JUN 4", "FC5 HRC-38 5", "FC5 SC-72 6", "FC6 GCM-IGN-JUL 5",
        ])
    }

    @Test("solve: the road map alone is met at cost 0 (FACTS.md §8.4)")
    func solve() throws {
        let scenario = try Self.roadMap()
        let s = try Solver.solve(scenario, limits: Limits(timeLimit: 60))
        #expect(s.status == .optimal)
        #expect(s.report?.cost == 0)
        #expect(s.report?.hardOK == true)
    }
}
