import Convene
import Foundation

// convene-bench: measures the solver in a release build. See docs/performance.md.
#if DEBUG
// `generate` times nothing, and the tests run it from the debug build (SeasonFamilyTests).
if CommandLine.arguments.dropFirst().first != "generate" {
    FileHandle.standardError.write(Data("convene-bench: build with -c release (swift run -c release convene-bench); debug timings mean nothing.\n".utf8))
    exit(2)
}
#endif

let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? { args.firstIndex(of: "--\(name)").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } }

/// `generate --family gcm|hard|oneoff|season (--processes K | --meetings N | --events N) [--seed S] --out FILE [--witness FILE]`:
/// one member as a scenario/1 file; with `--witness`, the calendar that proves a hard, one-off or
/// season member feasible (for `convene check`). A season member's figures (rooms, Geneva's
/// load) go to standard error.
func generate() throws {
    let family = option("family") ?? "gcm", seed = option("seed").flatMap(UInt64.init) ?? 1
    guard let out = option("out") else {
        throw BenchError("usage: convene-bench generate [--family gcm|hard|oneoff|season] (--processes K | --meetings N | --events N) [--seed S] --out FILE [--witness FILE]")
    }
    if let kind = option("infeasible") {
        // Issue 15: an infeasible member of the hard family (Infeasible.swift); its witness meets
        // every hard rule once the expected repair is made (rooms only).
        guard family == "hard", let k = option("processes").flatMap(Int.init) else { throw BenchError("--infeasible needs --family hard --processes K") }
        let m = try Infeasible.generate(kind: kind, processes: k, seed: seed)
        try FileIO.writeAtomically(JSONWriter.write(m.scenario), to: out)
        if let w = option("witness"), let witness = m.witness { try FileIO.writeAtomically(JSONWriter.write(witness), to: w) }
        print("expected conflict: \(m.expected.joined(separator: ", "))")
        return
    }
    let member = try Instances.member(family: family, size: option(Instances.sizeOption(family)).flatMap(Int.init), seed: seed)
    try FileIO.writeAtomically(JSONWriter.write(member.scenario), to: out)
    if let note = member.note { FileHandle.standardError.write(Data("convene-bench: \(note)\n".utf8)) }
    if let w = option("witness") {
        guard let witness = member.witness else { throw BenchError("generate: the gcm family has no witness calendar") }
        try FileIO.writeAtomically(JSONWriter.write(witness), to: w)
    }
}

/// `--peer cpsat [--whatif] [--family hard|gcm|oneoff|season] [--processes 1,2,5,10 | --meetings 2000 | --events 250,1000] [--seeds 1,2,3]
/// [--time-limit 60] [--baseline-limit 30] [--baseline-solver cpsat|convene] [--dir DIR] [--peer-dir DIR] [--format json]`:
/// the race against CP-SAT (the peer scripts of `Benchmarks/peers/`, or those of `--peer-dir`).
func peer() throws {
    guard option("peer") == "cpsat" else { throw BenchError("--peer: the only peer is cpsat") }
    func list(_ name: String) -> [Int]? { option(name).map { $0.split(separator: ",").compactMap { Int($0) } } }
    var o = Peer.Options()
    o.family = option("family") ?? "hard"
    let whatif = args.contains("--whatif")
    if whatif && o.family != "hard" { throw BenchError("--whatif runs on the hard family only") }
    o.sizes = (o.family == "oneoff" ? list("meetings") ?? [2000] : o.family == "season" ? list("events") ?? [250, 1000] : list("processes"))
        ?? (whatif ? [10] : [1, 2, 5, 10])
    o.seeds = option("seeds").map { $0.split(separator: ",").compactMap { UInt64($0) } } ?? (whatif ? [1] : [1, 2, 3])
    o.timeLimit = option("time-limit").flatMap(Double.init) ?? (whatif ? 30 : 60)
    o.dir = option("dir")
    let json = option("format") == "json"
    if whatif {
        guard let solver = WhatIfPeer.BaselineSolver(rawValue: option("baseline-solver") ?? "cpsat") else {
            throw BenchError("--baseline-solver: cpsat or convene")
        }
        let baselineLimit = option("baseline-limit").flatMap(Double.init) ?? 30
        let rows = try WhatIfPeer.rows(o, baselineLimit: baselineLimit, solver: solver)
        print(json ? try Peer.json(rows) : WhatIfPeer.markdown(rows, timeLimit: o.timeLimit, solver: solver, baselineLimit: baselineLimit), terminator: "")
    } else {
        let rows = try Peer.race(o)
        print(json ? try Peer.json(rows) : Peer.markdown(rows, timeLimit: o.timeLimit), terminator: "")
    }
}

/// `--sweep-check [--processes 10] [--seeds 1] [--event P0-ST] [--from 2017-11-13] [--to 2017-12-22]
/// [--time-limit 30] [--whatif-limit T] [--jobs 2] [--baseline-limit 30] [--baseline-solver cpsat|convene] [--dir DIR] [--format json]`:
/// a sweep timed, and each of its rows against `whatif --pin` on that date.
func sweepCheck() throws {
    var o = SweepCheck.Options()
    o.peer.sizes = option("processes").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [10]
    o.peer.seeds = option("seeds").map { $0.split(separator: ",").compactMap { UInt64($0) } } ?? [1]
    o.peer.timeLimit = option("time-limit").flatMap(Double.init) ?? 30
    o.peer.dir = option("dir")
    o.event = option("event") ?? o.event
    o.from = option("from") ?? o.from
    o.to = option("to") ?? o.to
    o.jobs = option("jobs").flatMap(Int.init) ?? 2
    o.whatifLimit = option("whatif-limit").flatMap(Double.init)
    o.baselineLimit = option("baseline-limit").flatMap(Double.init) ?? 30
    guard let solver = WhatIfPeer.BaselineSolver(rawValue: option("baseline-solver") ?? "cpsat") else { throw BenchError("--baseline-solver: cpsat or convene") }
    o.solver = solver
    let rows = try SweepCheck.rows(o)
    print(option("format") == "json" ? try Peer.json(rows) : SweepCheck.markdown(rows, o), terminator: "")
}

let usage = """
usage: convene-bench [--processes 1,2,5,10,20,40] [--seed S] [--runs N] [--time-limit T] [--format json]
       convene-bench --peer cpsat [--whatif] [--family hard|gcm|oneoff|season] [--processes K,… | --meetings N | --events N,…] [--seeds S,…] [--time-limit T] [--dir DIR] [--peer-dir DIR] [--format json]
       convene-bench --sweep-check [--processes 10] [--seeds 1] [--event P0-ST] [--from D] [--to D] [--time-limit 30] [--whatif-limit T] [--jobs 2] [--dir DIR]
       convene-bench conflicts [--processes 1,5,10,40] [--seeds 1,2,3] [--time-limit 60] [--verify]
       convene-bench generate [--family gcm|hard|oneoff|season] (--processes K | --meetings N | --events N) [--seed S] [--infeasible window|rooms|rotation] --out FILE [--witness FILE]

"""

do {
    if args.contains("--help") || args.contains("-h") { print(usage, terminator: ""); exit(0) }
    if args.contains("--peer") { try peer(); exit(0) }
    if args.contains("--sweep-check") { try sweepCheck(); exit(0) }
    switch args.first {
    case "generate":
        try generate()
    case "conflicts":
        try ConflictBench.run()
    case "one":
        // Internal: one instance in this (child) process; prints its Measurement as JSON.
        let runs = option("runs").flatMap(Int.init) ?? 3, limit = option("time-limit").flatMap(Double.init) ?? 30
        if option("what-if") != nil {
            FileHandle.standardOutput.write(Data(try JSONEncoder().encode(try Bundled.whatIfRows(timeLimit: limit))))
            break
        }
        let m: Measurement
        if let k = option("processes").flatMap(Int.init) {
            let seed = option("seed").flatMap(UInt64.init) ?? 1
            m = try Runner.measure("family K=\(k)", try Family.scenario(processes: k, seed: seed), runs: runs, timeLimit: limit)
        } else if let path = option("scenario") {
            m = try Bundled.measure(path, runs: runs, timeLimit: limit)
        } else { throw BenchError("one: --processes K or --scenario FILE") }
        FileHandle.standardOutput.write(Data(try JSONEncoder().encode(m)))
    default:
        let ks = option("processes").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1, 2, 5, 10, 20, 40]
        let runs = option("runs") ?? "3", limit = option("time-limit") ?? "30", seed = option("seed") ?? "1"
        var rows: [Measurement] = []
        for path in ["Scenarios/gcm-work-plan.json", "Scenarios/gcm-first-draft.json"] {
            rows.append(try Runner.inChild(["--scenario", path, "--runs", runs, "--time-limit", limit]))
        }
        rows += try Runner.rowsInChild(["--what-if", "yes", "--time-limit", limit])
        for k in ks {
            FileHandle.standardError.write(Data("convene-bench: K=\(k)…\n".utf8))
            rows.append(try Runner.inChild(["--processes", String(k), "--seed", seed, "--runs", k >= 20 ? "1" : runs, "--time-limit", limit]))
        }
        print(option("format") == "json" ? try Report.json(rows) : Report.markdown(rows), terminator: "")
    }
} catch {
    FileHandle.standardError.write(Data("convene-bench: \(error)\n".utf8))
    exit(1)
}
