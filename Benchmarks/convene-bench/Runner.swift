import Convene
import Foundation

/// One instance's measurements: the median of the runs, and the process's peak memory.
struct Measurement: Codable {
    var instance: String
    var events: Int
    var constraints: Int
    var status: String
    var cost: Double?
    /// Milliseconds to the first calendar (search only).
    var firstMs: Double?
    /// Milliseconds of the whole solve: compiling, searching, re-checking with the evaluator.
    var solveMs: Double
    var nodes: Int
    var nodesPerSecond: Double
    var peakMB: Double
    var runs: Int
    /// The evaluator re-checked the calendar (Solver.solve throws otherwise).
    var checked: Bool
    var note: String = ""
}

enum Runner {
    /// Peak resident memory of this process, in MB.
    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Solves `scenario` once to warm up, then `runs` times; the median of each figure.
    static func measure(_ name: String, _ scenario: Scenario, runs: Int, timeLimit: Double) throws -> Measurement {
        _ = try Solver.solve(scenario, limits: Limits(timeLimit: timeLimit))
        var times: [Double] = [], firsts: [Double] = [], last: Solution? = nil
        for _ in 0..<runs {
            let t0 = Date()
            let s = try Solver.solve(scenario, limits: Limits(timeLimit: timeLimit))
            times.append(Date().timeIntervalSince(t0) * 1000)
            if let f = s.stats.timeToFirst { firsts.append(f * 1000) }
            last = s
        }
        let s = last!
        var note = boundNote(s)
        if s.status == .optimal, let claimed = s.report?.cost {
            // A second opinion: the whole scenario searched at once, for as long again.
            let other = try Solver.solve(scenario, limits: Limits(timeLimit: timeLimit), decompose: false)
            if let c = other.report?.cost, c < claimed {
                note += " CLAIMED OPTIMAL BEATEN: a whole-scenario run found \(formatNumber(c))"
            } else {
                note += (note.isEmpty ? "" : "; ") + "not beaten by a whole-scenario run (\(other.status.rawValue)\(other.report.map { ", \(formatNumber($0.cost))" } ?? ""))"
            }
        }
        return Measurement(instance: name, events: scenario.events.count, constraints: scenario.constraints.count,
                           status: s.status.rawValue, cost: s.report?.cost, firstMs: firsts.isEmpty ? nil : median(firsts),
                           solveMs: median(times), nodes: s.stats.nodes,
                           nodesPerSecond: s.stats.elapsed > 0 ? Double(s.stats.nodes) / s.stats.elapsed : 0,
                           peakMB: peakMB(), runs: runs, checked: s.report != nil,
                           note: note)
    }

    /// "bound 160 (gap 0.6%)" when the solver knows a lower bound apart from the calendar.
    static func boundNote(_ s: Solution) -> String {
        guard let b = s.stats.bound, let cost = s.report?.cost else { return "" }
        let bound = Double(b) / 2
        let gap = cost > 0 ? (cost - bound) / cost * 100 : 0
        return "lower bound \(formatNumber(bound)) (gap \(String(format: "%.1f", gap))%)"
    }

    /// Measures a what-if: `changes` on `baseline`, warm (the baseline as incumbent and value order).
    static func measureWhatIf(_ name: String, _ w: WhatIf, runs: Int, timeLimit: Double) throws -> Measurement {
        _ = try w.solve(limits: Limits(timeLimit: timeLimit))
        var times: [Double] = [], last: WhatIfAnswer? = nil
        for _ in 0..<runs {
            let t0 = Date()
            last = try w.solve(limits: Limits(timeLimit: timeLimit))
            times.append(Date().timeIntervalSince(t0) * 1000)
        }
        let a = last!
        return Measurement(instance: name, events: w.scenario.events.count, constraints: w.scenario.constraints.count,
                           status: a.solution.status.rawValue, cost: a.whatIfCost, firstMs: a.solution.stats.timeToFirst.map { $0 * 1000 },
                           solveMs: median(times), nodes: a.solution.stats.nodes,
                           nodesPerSecond: a.solution.stats.elapsed > 0 ? Double(a.solution.stats.nodes) / a.solution.stats.elapsed : 0,
                           peakMB: peakMB(), runs: runs, checked: a.solution.report != nil, note: "what-if cost")
    }

    /// Measures a sweep over `dates` candidate dates on `jobs` threads (wall time).
    static func measureSweep(_ name: String, _ sweep: Sweep, jobs: Int, timeLimit: Double) throws -> Measurement {
        let t0 = Date()
        let rows = try sweep.run(jobs: jobs, limits: Limits(timeLimit: timeLimit))
        let ms = Date().timeIntervalSince(t0) * 1000
        let feasible = rows.filter { $0.whatIfCost != nil }.count
        return Measurement(instance: name, events: sweep.base.scenario.events.count, constraints: sweep.base.scenario.constraints.count,
                           status: rows.contains { $0.status == nil } ? "stopped" : "done", cost: rows.compactMap(\.whatIfCost).min(),
                           firstMs: nil, solveMs: ms, nodes: 0, nodesPerSecond: 0, peakMB: peakMB(), runs: 1, checked: true,
                           note: "\(rows.count) dates, \(feasible) feasible, \(jobs) jobs")
    }

    /// Runs `convene-bench one …` in a child process, so that peak memory is the instance's own.
    static func inChild(_ arguments: [String]) throws -> Measurement {
        try JSONDecoder().decode(Measurement.self, from: try childOutput(arguments))
    }

    /// Runs `convene-bench one …` for several rows (the what-if and sweep rows) in one child.
    static func rowsInChild(_ arguments: [String]) throws -> [Measurement] {
        try JSONDecoder().decode([Measurement].self, from: try childOutput(arguments))
    }

    /// A fresh process, not this one: the peak memory of a process survives `exec`, so a bench
    /// started by `swift run` would otherwise count the package manager's own.
    private static func childOutput(_ arguments: [String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        p.arguments = ["one"] + arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("child \(arguments) exited \(p.terminationStatus)") }
        return data
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
