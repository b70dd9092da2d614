import Convene
import Foundation

/// The bundled GCM scenarios, and the what-if and sweep of the stocktaking on the work plan.
enum Bundled {
    static func read(_ path: String) throws -> Scenario {
        try ScenarioReader.read(try FileIO.read(path), file: path)
    }

    static func measure(_ path: String, runs: Int, timeLimit: Double) throws -> Measurement {
        try Runner.measure(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, try read(path), runs: runs, timeLimit: timeLimit)
    }

    static func whatIfRows(timeLimit: Double) throws -> [Measurement] {
        let scenario = try read("Scenarios/gcm-work-plan.json")
        let baseline = try CalendarFile.read(try FileIO.read("Scenarios/gcm-work-plan-calendar.json"))
        // A complete baseline: the optimum, so that the what-if starts from a whole calendar.
        let optimum = try Solver.solve(scenario, limits: Limits(timeLimit: timeLimit)).calendarFile(scenario)
        let pin = Change(event: "STOCK", kind: .pin(start: Day(iso: "2017-11-21")!, venue: nil))
        let published = WhatIf(scenario: scenario, baseline: baseline, changes: [pin])
        let full = WhatIf(scenario: scenario, baseline: optimum, changes: [pin])
        let sweep = Sweep(base: WhatIf(scenario: scenario, baseline: optimum, changes: []), event: "STOCK",
                          from: Day(iso: "2017-09-15")!, to: Day(iso: "2018-01-12")!)
        var rows = [
            try Runner.measureWhatIf("what-if STOCK→2017-11-21, published baseline", published, runs: 5, timeLimit: timeLimit),
            try Runner.measureWhatIf("what-if STOCK→2017-11-21, optimal baseline (warm)", full, runs: 5, timeLimit: timeLimit),
        ]
        rows[1].note = "what-if cost; incumbent from the baseline at the first node"
        rows.append(try Runner.measureSweep("sweep STOCK 2017-09-15..2018-01-12", sweep, jobs: 2, timeLimit: timeLimit))
        rows.append(try Runner.measureSweep("sweep STOCK 2017-09-15..2018-01-12", sweep, jobs: 1, timeLimit: timeLimit))
        return rows
    }
}
