import Foundation
import Testing
@testable import Convene

/// The GCM process as it was held in 2017–2018 (`Scenarios/gcm-held-calendar.json`), checked
/// against the rules of the first draft of the modalities (`gcm-first-draft.json`). Every expected
/// value was derived by hand from the sourced dates before the check was run; the derivations
/// are in `Scenarios/FACTS.md` §7.
@Suite("GCM calendar as held")
struct HeldCalendarScenarioTests {
    static func firstDraft() throws -> Scenario { try ScenarioReader.read(GCMScenarioTests.file("gcm-first-draft.json"), file: "gcm-first-draft.json") }
    static func held() throws -> CalendarFile { try CalendarFile.read(GCMScenarioTests.file("gcm-held-calendar.json")) }

    @Test("the held calendar has the sourced dates of FACTS.md §7.1")
    func heldDates() throws {
        let file = try Self.held()
        #expect(file.scenario == "gcm-first-draft")
        let got = Dictionary(uniqueKeysWithValues: file.assignments.map { ($0.event, "\($0.start.iso) \($0.venue ?? "-")") })
        #expect(got == [
            "TS1": "2017-05-08 GVA", "TS2": "2017-05-22 NY", "TS5": "2017-06-19 GVA", "TS4": "2017-07-24 NY",
            "H1": "2017-07-26 NY", "TS6": "2017-09-04 VIE", "H2": "2017-10-11 GVA", "TS3": "2017-10-12 GVA",
            "STOCK": "2017-12-04 MEX", "H3": "2017-12-18 NY", "CHAIR-SUMMARY": "2017-12-22 -",
            "CONF-MODALITIES": "2017-12-24 -", "SG-REPORT": "2018-01-11 -", "ZERO-DRAFT": "2018-02-05 -",
            "IGN-FEB": "2018-02-20 NY", "H4": "2018-02-21 NY", "IGN-MAR": "2018-03-12 NY", "IGN-APR": "2018-04-03 NY",
            "IGN-MAY": "2018-05-14 NY", "H5": "2018-05-21 NY", "IGN-JUN": "2018-06-04 NY", "IGN-JUL": "2018-07-09 NY",
            "CONF": "2018-12-10 MAR",
        ])
    }

    @Test("check against the first draft reports exactly the differences of FACTS.md §7.4")
    func hardDifferences() throws {
        let report = Evaluator(try Self.firstDraft()).check(try Self.held())
        #expect(!report.hardOK)
        #expect(report.complete)
        #expect(report.notEvaluated.isEmpty)
        let got = Dictionary(uniqueKeysWithValues: report.hard.map { ($0.rule, $0.amount) })
        #expect(got == [
            // A/RES/71/280 regrouped the themes and added Vienna: three sessions left their
            // first-draft city (FACTS.md §7.4 rows 1-3).
            "venues:TS2": 1, "venues:TS5": 1, "venues:TS6": 1,
            // The second hearing was in Geneva, the third a half day, a fifth one held (rows 4-7):
            // 1 + 1 + 0.5 + 1 = 3.5 of the 4 hearing days the draft's H1..H4 can count.
            "venues:H2": 1, "days:H3": 1, "hearing-days": 0.5, "unknown:H5": 1,
            // Stocktaking hosted by Mexico in early December (A/RES/71/280), rows 8-9.
            "venues:STOCK": 1, "window:STOCK": 1,
            // A/RES/72/244 adopted on Sunday 24 December 2017 (row 10).
            "calendar:CONF-MODALITIES": 1,
            // The first round met on 20, 22, 23 Feb around the hearing of 21 Feb; the file can
            // only say 20-22 Feb: start(H4) 21 − end(IGN-FEB) 22 = −1, 1 needed, short 2 (row 11).
            "no-overlap": 2,
            // A/RES/72/244 moved the conference to Marrakech, 10-11 December 2018 (rows 12-13).
            "venues:CONF": 1, "window:CONF": 1,
        ])
    }

    @Test("the 12-day cap of the thematic sessions and the monthly quotas of the rounds hold (FACTS.md §7.4)")
    func capAndQuotasHold() throws {
        let report = Evaluator(try Self.firstDraft()).check(try Self.held())
        #expect(report.amounts["ts-total-days"] == 0)
        #expect(report.amounts["ign-quota"] == 0)
        // Every precedence and chain of the draft holds as held.
        for rule in ["ts1-before-stock", "ts2-before-stock", "ts3-before-stock", "ts4-before-stock", "ts5-before-stock",
                     "ts6-before-stock", "stock-chain", "sg-report-before-ign", "zero-draft-before-ign", "hearing-order",
                     "conf-after-ign", "modalities-before-conf"] {
            #expect(report.amounts[rule] == 0, "\(rule)")
        }
        let file = try Self.held()
        let thematic = file.assignments.filter { $0.event.hasPrefix("TS") }
        #expect(thematic.count == 6)
        #expect(thematic.reduce(0.0) { $0 + ($1.days ?? 0) } == 12)
    }

    @Test("the held calendar costs 91: the Rabat workshop and a conference 81 days after the draft's date (FACTS.md §7.4)")
    func cost() throws {
        let report = Evaluator(try Self.firstDraft()).check(try Self.held())
        // 10 × 1: TS2 on 23 May 2017 within a day of the GFMD workshop in Rabat (24 May).
        // 1 × 81: CONF on 10 Dec 2018 instead of 20 Sep 2018 (10 + 31 + 30 + 10 days).
        #expect(report.cost == 91)
        #expect(report.soft.map(\.rule) == ["avoid-gfmd", "preferredStart:CONF"])
        #expect(report.soft.map(\.amount) == [1, 81])
        // No IOM dialogue within a day of a held meeting (18-19 Jul 2017 vs TS4 from 24 Jul, …).
        #expect(report.amounts["avoid-iom-idm"] == 0)
        #expect(report.undated == ["IDM-2017-03", "IDM-2017-10", "IDM-2018", "GFMD-10-2017-06", "GFMD-11"])
    }

    @Test("clashes: the one rule clash and the five meetings held during an outside event (FACTS.md §7.6)")
    func clashes() throws {
        let scenario = try Self.firstDraft(), calendar = try Self.held()
        let evaluator = Evaluator(scenario)
        let (schedule, _) = evaluator.schedule(from: calendar)
        let check = evaluator.check(calendar)
        let same = ClashReport(check: check, schedule: schedule, scenario: scenario, categories: nil, within: 0)
        #expect(same.clashes.map { "\($0.constraint) \($0.event) \($0.external) \($0.dates.map(\.iso).joined(separator: ","))" }
                == ["avoid-gfmd TS2 GFMD-WORKSHOP-2017-05-24 2017-05-23"])
        #expect(Set(same.nearMisses.map { "\($0.event) \($0.external) \($0.gap)" }) == [
            "TS1 UPR-27 0",                // Geneva, 8-9 May 2017, during the UPR's 27th session (1-12 May)
            "TS5 HRC-35 0",                // Geneva, 19-20 June 2017, during HRC 35 (6-23 June)
            "H2 RCP-GRCP7-2017-10-10 0",   // Geneva, 11 Oct 2017, the RCP global meeting's second day
            "IGN-MAR HRC-37 0",            // New York round of 12-15 March 2018, during HRC 37 in Geneva
            "IGN-MAY UPR-30 0",            // New York round of 14-18 May 2018, during UPR 30 in Geneva
        ])
        let near = ClashReport(check: check, schedule: schedule, scenario: scenario, categories: nil, within: 3)
        let pairs = Set(near.nearMisses.map { "\($0.event) \($0.external) \($0.gap)" })
        #expect(pairs.isSuperset(of: Set(same.nearMisses.map { "\($0.event) \($0.external) \($0.gap)" })))
        #expect(pairs.subtracting(Set(same.nearMisses.map { "\($0.event) \($0.external) \($0.gap)" })) == [
            "TS3 RCP-GRCP7-2017-10-10 1", "STOCK IOM-COUNCIL-108 3", "STOCK UNIDO-GC17-2017-11-27 3",
            "IGN-JUL HRC-38 3", "CONF GFMD-SUMMIT-2018-12-05 3",
        ])
        // The Marrakesh civil society days end 6 Dec: 4 days before the conference, not within 3.
        #expect(!pairs.contains { $0.hasPrefix("CONF GFMD-CSD-2018-12-04") })
    }

    @Test("the venues added for the held calendar change no rule of the first draft (FACTS.md §7.2)")
    func venuesAddedOnly() throws {
        let scenario = try Self.firstDraft()
        #expect(scenario.venues.map(\.id) == ["NY", "GVA", "VIE", "MEX", "MAR"])
        for event in scenario.events {
            #expect(event.venues.allSatisfy { ["NY", "GVA"].contains(scenario.venues[$0].id) }, "\(event.id)")
        }
    }
}
