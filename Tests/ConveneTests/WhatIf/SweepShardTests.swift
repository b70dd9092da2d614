import Foundation
import Testing
@testable import Convene

/// Sharded sweeps, their merge, and the sweep's page, on the work plan's stocktaking over
/// November–December 2017 (its window: 1 November – 15 December).
@Suite("Sweep shards and page")
struct SweepShardTests {
    static func sweep() throws -> Sweep {
        Sweep(base: try WhatIfTests.workPlan([]), event: "STOCK", from: Day(iso: "2017-10-25")!, to: Day(iso: "2017-12-20")!)
    }

    @Test("shards merged are the same bytes as a single run; any missing or doubled shard is refused")
    func shardsMerged() throws {
        let sweep = try Self.sweep()
        let limits = Limits(timeLimit: 120)
        let whole = try sweep.run(jobs: 2, limits: limits)
        let single = SweepFile(scenario: "gcm-work-plan", event: "STOCK", rows: whole).json()
        let total = try sweep.candidates().count
        var shards: [SweepFile] = []
        for i in 1...3 {
            let slice = Shard(index: i, count: 3)
            let rows = try sweep.run(jobs: 1, limits: limits, shard: slice)
            #expect(rows.count == (0..<total).filter(slice.holds).count)
            // Through the JSON text, as `--merge` reads it.
            let text = SweepFile(scenario: "gcm-work-plan", event: "STOCK", rows: rows, shard: (slice, total)).json()
            shards.append(try SweepFile.read(text).get())
        }
        let merged = try SweepFile.merge([shards[2], shards[0], shards[1]]).get()
        #expect(merged.json() == single)
        #expect(merged.rows.filter(\.best).map(\.date.iso) == ["2017-12-04"])
        // Every date answered, with what moves for the feasible ones.
        #expect(whole.allSatisfy { $0.status == .optimal || $0.status == .infeasible })
        #expect(whole.first { $0.date.iso == "2017-12-04" }?.moves.first == "TS2 2017-05-22→2017-05-18 NY")
        #expect(whole.first { $0.date.iso == "2017-11-21" }?.moves.first?.hasPrefix("STOCK 2017-12-04→2017-11-21") == true)
        // Incomplete or doubled sets are refused.
        if case .success = SweepFile.merge([shards[0], shards[2]]) { Issue.record("a merge without shard 2/3 was accepted") }
        if case .success = SweepFile.merge([shards[0], shards[1], shards[1]]) { Issue.record("a merge with shard 2/3 twice was accepted") }
        if case .success = SweepFile.merge([try SweepFile.read(single).get()]) { Issue.record("a single run's output was merged as a shard") }
        // One job or two: the same rows.
        let one = try sweep.run(jobs: 1, limits: limits)
        #expect(SweepFile(scenario: "gcm-work-plan", event: "STOCK", rows: one).json() == single)
    }

    @Test("a sweep date's answer is the what-if pinning that date")
    func rowIsTheWhatIf() throws {
        let sweep = try Self.sweep()
        let rows = try sweep.run(jobs: 2, limits: Limits(timeLimit: 120))
        for iso in ["2017-11-07", "2017-11-21", "2017-12-13"] {
            let row = try #require(rows.first { $0.date.iso == iso })
            let a = try WhatIfTests.workPlan([WhatIfTests.pin("STOCK", iso)]).solve(limits: Limits(timeLimit: 60))
            #expect(row.status == a.solution.status && row.whatIfCost == a.whatIfCost, "\(iso)")
        }
    }

    @Test("with too little effort to prove most dates, every sweep row is still the what-if of its date, with one job or two")
    func rowIsTheWhatIfUnproven() throws {
        // Forty one-day meetings, one room per venue; M09 swept over three weeks. So little
        // search that most dates end `feasible`: then only running the same search (nothing
        // from a neighbouring date, no clock) makes a row equal `whatif --pin` on its date.
        var effort = WhatIfEffort()
        effort.repairNodes = 200; effort.improveWork = 300; effort.improveNodesLeast = 5
        effort.partNodes = 3; effort.wholeNodes = 3; effort.directNodes = 3
        let (scenario, baseline) = try RepairTests.meetings()
        let sweep = Sweep(base: WhatIf(scenario: scenario, baseline: baseline, changes: []), event: "M09",
                          from: Day(iso: "2018-01-15")!, to: Day(iso: "2018-02-02")!)
        let rows = try sweep.run(jobs: 2, limits: Limits(timeLimit: 120), effort: effort)
        #expect(rows.filter { $0.status == .feasible }.count >= 5, "\(rows.map { $0.status?.rawValue ?? "-" })")
        for row in rows {
            let a = try sweep.whatIf(on: row.date).solve(limits: Limits(timeLimit: 60), explain: false, effort: effort)
            #expect(row.status == a.solution.status && row.whatIfCost == a.whatIfCost && row.lowerBound == a.lowerBound, "\(row.date.iso)")
            #expect(!row.cutShort && !a.cutShort)
        }
        let one = try sweep.run(jobs: 1, limits: Limits(timeLimit: 120), effort: effort)
        #expect(SweepFile(scenario: "s", event: "M09", rows: one).json() == SweepFile(scenario: "s", event: "M09", rows: rows).json())
    }

    @Test("the sweep page: a strip of the dates coloured by cost, infeasible ones marked, the best starred, a table")
    func page() throws {
        let rows = try Self.sweep().run(jobs: 2, limits: Limits(timeLimit: 120))
        let html = SweepHTML.write(SweepFile(scenario: "gcm-work-plan", event: "STOCK", rows: rows))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        // Self-contained: nothing fetched, no script.
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("http"))
        // One cell per candidate in the strip, plus the legend's five samples.
        let cells = html.components(separatedBy: "<span class=\"d").count - 1
        #expect(cells == rows.count + 5)
        #expect(html.contains("class=\"d infeasible\""))
        #expect(html.contains("class=\"d best\" style=\"background:hsl(120, 70%, 72%)\""))
        #expect(html.contains("Best: 2017-12-04 — what-if cost 12"))
        // The hover text and the table say what moves.
        #expect(html.contains(":&#10;  STOCK 2017-12-04→2017-11-21 MEX&#10;  TS2 2017-05-22→2017-05-18 NY&#10;"))
        #expect(html.contains("<td>STOCK 2017-12-04→2017-11-21 MEX<br>TS2 2017-05-22→2017-05-18 NY<br>"))
        #expect(SweepHTML.write(SweepFile(scenario: "gcm-work-plan", event: "STOCK", rows: rows)) == html, "the same rows give the same bytes")
    }
}
