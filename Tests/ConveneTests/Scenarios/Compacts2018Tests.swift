import Foundation
import Testing
@testable import Convene

/// Both compacts' 2018 meetings in one scenario (`Scenarios/compacts-2018.json`) and their held
/// calendars as one (`compacts-2018-held.json`). Expected values derived by hand before the
/// check was run: `Scenarios/FACTS.md` §8.5-§8.8.
@Suite("Two compacts, 2018")
struct Compacts2018Tests {
    static func scenario() throws -> Scenario { try ScenarioReader.read(GCMScenarioTests.file("compacts-2018.json"), file: "compacts-2018.json") }
    static func held() throws -> CalendarFile { try CalendarFile.read(GCMScenarioTests.file("compacts-2018-held.json")) }

    @Test("the combined scenario loads: 24 events, 5 externals, 17 rules (15 hard), venues NY and GVA (FACTS.md §8.5, §8.9)")
    func loads() throws {
        let s = try Self.scenario()
        #expect(s.events.count == 24)
        #expect(s.externals.count == 5)
        #expect(s.constraints.count == 17)
        #expect(s.constraints.filter(\.hard).count == 15)
        #expect(s.venues.map(\.id) == ["NY", "GVA"])
        // The shared delegation's rule: 2 travel days between New York and Geneva (FACTS.md §8.5).
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try GCMScenarioTests.file("compacts-2018.json"))) as? [String: Any])
        let rules = try #require(json["constraints"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "one-delegation" })
        #expect(rule["type"] as? String == "noOverlap" && rule["travelDays"] as? Int == 2 && rule["hard"] as? Bool == true)
        #expect(rules.allSatisfy { ($0["source"] as? String)?.isEmpty == false })
    }

    @Test("the held calendar of both: the GCM's rounds and hearings, the GCR's consultations and drafts (FACTS.md §7.1, §8.1)")
    func heldDates() throws {
        let file = try Self.held()
        #expect(file.scenario == "compacts-2018")
        let got = Dictionary(uniqueKeysWithValues: file.assignments.map { ($0.event, $0.start.iso) })
        #expect(got == [
            "GCR-ZERO": "2018-01-31", "GCM-ZERO": "2018-02-05", "FC1": "2018-02-13",
            // The GCM's first round met 20, 22 and 23 Feb around the hearing of the 21st (sdg.iisd.org 23 Feb 2018).
            "IGN-FEB-A": "2018-02-20", "H4": "2018-02-21", "IGN-FEB-B": "2018-02-22",
            "GCR-DRAFT1": "2018-03-09", "IGN-MAR": "2018-03-12", "FC2": "2018-03-20", "IGN-APR": "2018-04-03",
            "FC3": "2018-04-10", "GCR-DRAFT2": "2018-04-30", "FC4": "2018-05-08", "IGN-MAY": "2018-05-14",
            "H5": "2018-05-21", "GCR-DRAFT3": "2018-06-04", "IGN-JUN": "2018-06-04", "FC5": "2018-06-12",
            "GCR-FINAL": "2018-06-26", "FC6": "2018-07-03", "IGN-JUL": "2018-07-09",
            // The GCM's revised drafts (sdg.iisd.org 29 Mar, 29 May, 29 Jun 2018; FACTS.md §8.9).
            "GCM-REV1": "2018-03-26", "GCM-REV2": "2018-05-28", "GCM-REV3": "2018-06-29",
        ])
        #expect(file.assignments.allSatisfy { $0.start >= Day(iso: "2018-01-01")! })
    }

    @Test("the gaps between the two processes as held: 6, 5, 4, 4, 4, 5 days (FACTS.md §8.6)")
    func gaps() throws {
        let file = try Self.held()
        func a(_ id: String) throws -> Assignment { try #require(file.assignments.first { $0.event == id }) }
        var gaps: [Int] = []
        for (earlier, later) in [("FC1", "IGN-FEB-A"), ("IGN-MAR", "FC2"), ("IGN-APR", "FC3"), ("FC4", "IGN-MAY"), ("IGN-JUN", "FC5"), ("FC6", "IGN-JUL")] {
            let e = try a(earlier), l = try a(later)
            gaps.append(l.start - (try #require(e.end)))
        }
        // As held (FC4 ended 10 May): never below 4, never a week.
        #expect(gaps == [6, 5, 4, 4, 4, 5])
    }

    @Test("check: one hard finding, FC4's Ascension Day; the travel rule holds; cost 4 (FACTS.md §8.6, §8.8)")
    func check() throws {
        let report = Evaluator(try Self.scenario()).check(try Self.held())
        #expect(report.complete)
        #expect(report.notEvaluated.isEmpty)
        // 10 May 2018 closed at GVA: 3 days from 8 May end 11 May (FACTS.md §8.2).
        #expect(report.hard.map(\.rule) == ["calendar:FC4"])
        #expect(report.hard.map(\.amount) == [1])
        // Different cities need 3 days; the tightest pair is FC4 (to 11 May as checked) → IGN-MAY (14 May): 3.
        #expect(report.amounts["one-delegation"] == 0)
        // February 1 + 2, March 4, April 4, May 5, June 5, July 5 (GCM first draft OP24).
        #expect(report.amounts["gcm-quota"] == 0)
        // Each draft a week or more before its meeting: the GCM's rev 2 (28 May → 4 Jun) and the
        // GCR's final draft (26 Jun → 3 Jul) exactly 7 days (FACTS.md §8.6, §8.9).
        for rule in ["gcm-order", "gcm-zero-before-h4", "gcr-order", "week-before-ign-feb-a", "week-before-ign-apr",
                     "week-before-ign-jun", "week-before-ign-jul", "week-before-fc1", "week-before-fc2", "week-before-fc4",
                     "week-before-fc5", "week-before-fc6", "avoid-unhcr-sc", "avoid-iom-idm"] {
            #expect(report.amounts[rule] == 0, "\(rule)")
        }
        // FC2 and FC6 during HRC 37 and 38: 4 dates × 1; every event on its preferred (held) start.
        #expect(report.cost == 4)
        #expect(report.soft.map(\.rule) == ["avoid-hrc"])
    }

    @Test("solve: optimal at cost 4, nothing moved but FC4's third day (FACTS.md §8.8)")
    func solve() throws {
        let scenario = try Self.scenario()
        let s = try Solver.solve(scenario, limits: Limits(timeLimit: 60))
        #expect(s.status == .optimal)
        #expect(s.report?.cost == 4)
        let schedule = try #require(s.schedule)
        let held = try Self.held()
        for a in held.assignments {
            let index = try #require(scenario.eventIndex(a.event))
            let p = try #require(schedule[index])
            #expect(p.start == a.start, "\(a.event)")
        }
        // FC4 on 8-9 May, 2 days: 3 days from 8 May would cross Ascension Day.
        let fc4 = try #require(schedule[scenario.eventIndex("FC4")!])
        #expect(fc4.days == 2 && fc4.end.iso == "2018-05-09")
    }

    @Test("what if FC4 had been a week later: the GCM's fourth round a week earlier, cost 25 (FACTS.md §8.7, §8.8)")
    func whatIfFourthWeekLater() throws {
        let w = WhatIf(scenario: try Self.scenario(), baseline: try Self.held(), changes: [Change(event: "FC4", kind: .shift(7))])
        let a = try w.solve(limits: Limits(timeLimit: 60))
        #expect(a.solution.status == .optimal)
        // 4 (HRC) + 7 (FC4 from its preferred 8 May) + 7 (IGN-MAY from 14 May); disturbance 7.
        #expect(a.solution.report?.cost == 18)
        #expect(a.disturbance == 7)
        #expect(a.whatIfCost == 25)
        #expect(a.moved.map(\.event) == ["IGN-MAY", "FC4"])
        let round = try #require(a.moved.first)
        // 7-11 May: 4 days before FC4 (15-16 May), 3 needed; 21-25 May would also move H5.
        #expect(round.to.start.iso == "2018-05-07" && round.to.end.iso == "2018-05-11")
    }
}
