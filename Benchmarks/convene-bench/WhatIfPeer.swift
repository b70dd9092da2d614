import Convene
import Foundation

/// `--peer cpsat --whatif` (issue 13): on hard-family members, the changes a planner makes to a
/// good calendar, re-planned by `convene whatif` and by `cpsat_whatif.py` with the same pins and
/// the spec's disturbance weights (1 a day, 10 a venue change), one program at a time.
///
/// The baseline is CP-SAT's best calendar in `--baseline-limit` seconds (default 30), or with
/// `--baseline-solver convene` Convene's (at K = 40 CP-SAT finds none in 60 s), written to
/// `DIR/LABEL.cpsat30.json` (`.convene30.json`) and reused when that file is there already (so
/// that a rerun with the same `--dir` races the same what-ifs); accepted only when `convene
/// check` finds every hard rule held and every event scheduled. The instance file is written
/// only when it is not there (the generator is deterministic: the same bytes). The changes:
/// process 0's stocktaking a week later, process 1's a week earlier (process 0's when K = 1), and
/// one of process 0's thematic sessions pinned to Vienna (one held elsewhere in the baseline,
/// whose neighbours are not in Vienna, so that the rotation can still hold).
enum WhatIfPeer {
    /// One re-plan by one program.
    struct Answer: Codable {
        var status: String
        var whatIfCost: Double?
        var cost: Double?
        var disturbance: Double?
        var moved: Int?
        var bound: Double?
        var seconds: Double
        var note: String = ""
    }

    struct Row: Codable {
        var instance: String
        var baselineCost: Double
        var change: String
        var convene: Answer
        var cpsat: Answer
    }

    /// A change as both programs spell it on the command line.
    struct Change {
        var label: String
        var arguments: [String]
    }

    /// Where the baseline calendars come from.
    enum BaselineSolver: String { case cpsat, convene }

    /// The instance file and a checked baseline calendar of hard-family member (k, seed) in
    /// `dir`, each made only when it is not there; and the baseline's cost.
    static func instance(_ tools: Peer.Tools, dir: String, processes k: Int, seed: UInt64, solver: BaselineSolver,
                         baselineLimit: Double) throws -> (label: String, file: String, baseline: String, cost: Double) {
        let fm = FileManager.default
        let label = Instances.label(family: "hard", size: k, seed: seed)
        let file = dir + "/" + label + ".json", baseline = dir + "/" + label + ".\(solver.rawValue)\(formatNumber(baselineLimit)).json"
        if !fm.fileExists(atPath: file) { try FileIO.writeAtomically(JSONWriter.write(try HardFamily.document(processes: k, seed: seed)), to: file) }
        if fm.fileExists(atPath: baseline) {
            Peer.progress("\(label): baseline \(baseline) (already there)")
        } else {
            Peer.progress("\(label): \(solver.rawValue) baseline, \(formatNumber(baselineLimit)) s…")
            switch solver {
            case .cpsat: _ = try Peer.cpsat(tools, file, timeLimit: baselineLimit, out: baseline)
            case .convene: _ = try Peer.run(tools.convene, ["solve", file, "--time-limit", String(baselineLimit), "--out", baseline])
            }
        }
        let cost = try checked(tools, file, baseline)
        Peer.progress("\(label): baseline \(formatNumber(cost)), checked")
        return (label, file, baseline, cost)
    }

    static func rows(_ o: Peer.Options, baselineLimit: Double, solver: BaselineSolver) throws -> [Row] {
        let tools = try Peer.Tools.find()
        let dir = try Peer.folder(o.dir)
        var rows: [Row] = []
        for k in o.sizes {
            for seed in o.seeds {
                let (label, file, baseline, cost) = try instance(tools, dir: dir, processes: k, seed: seed, solver: solver, baselineLimit: baselineLimit)
                for change in try changes(baseline, processes: k) {
                    Peer.progress("\(label), \(change.label): Convene…")
                    let c = try convene(tools, file, baseline, change, timeLimit: o.timeLimit)
                    Peer.progress("\(label), \(change.label): Convene \(c.status) \(Peer.n(c.whatIfCost)); CP-SAT…")
                    let p = try cpsat(tools, file, baseline, change, timeLimit: o.timeLimit)
                    Peer.progress("\(label), \(change.label): CP-SAT \(p.status) \(Peer.n(p.whatIfCost))")
                    rows.append(Row(instance: label, baselineCost: cost, change: change.label, convene: c, cpsat: p))
                }
            }
        }
        return rows
    }

    /// The baseline's cost by `convene check`; an error unless it holds every hard rule, complete.
    static func checked(_ tools: Peer.Tools, _ scenario: String, _ calendar: String) throws -> Double {
        let c = try Peer.run(tools.convene, ["check", scenario, calendar, "--format", "json"])
        guard let o = try? JSONSerialization.jsonObject(with: c.stdout) as? [String: Any],
              o["hardOK"] as? Bool == true, o["complete"] as? Bool == true, let cost = Peer.number(o["cost"]) else {
            throw BenchError("baseline \(calendar) does not pass convene check (exit \(c.status)): \(c.stderr.prefix(300))")
        }
        return cost
    }

    /// The three changes, chosen from the baseline's assignments.
    static func changes(_ baseline: String, processes k: Int) throws -> [Change] {
        guard let data = FileManager.default.contents(atPath: baseline),
              let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = doc["assignments"] as? [[String: Any]] else { throw BenchError("cannot read baseline \(baseline)") }
        let venue = placements(list).compactMapValues(\.venue)
        let sessions = (1...6).map { "P0-TS\($0)" }
        let inVienna = sessions.filter { venue[$0] == "VIE" }.count
        let movable = sessions.indices.filter { i in
            venue[sessions[i]] != "VIE" && (i == 0 || venue[sessions[i - 1]] != "VIE") && (i == 5 || venue[sessions[i + 1]] != "VIE")
        }
        let pinned = inVienna < 2 ? movable.first : nil
        let session = sessions[pinned ?? sessions.indices.first { venue[sessions[$0]] != "VIE" } ?? 0]
        let other = k > 1 ? "P1-ST" : "P0-ST"
        return [
            Change(label: "P0-ST a week later", arguments: ["--shift", "P0-ST=7"]),
            Change(label: "\(other) a week earlier", arguments: ["--shift", "\(other)=-7"]),
            Change(label: "\(session) (\(venue[session] ?? "-")) to VIE", arguments: ["--pin", "\(session)=@VIE"]),
        ]
    }

    static func convene(_ tools: Peer.Tools, _ scenario: String, _ baseline: String, _ change: Change, timeLimit: Double) throws -> Answer {
        let c = try Peer.run(tools.convene, ["whatif", scenario, "--baseline", baseline] + change.arguments +
                                             ["--time-limit", String(timeLimit), "--format", "json", "--stats"])
        guard c.status != 2, let doc = try? JSONSerialization.jsonObject(with: c.stdout) as? [String: Any] else {
            return Answer(status: "error (exit \(c.status))", seconds: c.seconds, note: String(c.stderr.prefix(200)))
        }
        let w = doc["whatif"] as? [String: Any]
        let status = doc["status"] as? String ?? "?", whatIfCost = Peer.number(w?["cost"])
        return Answer(status: status, whatIfCost: whatIfCost, cost: Peer.number(doc["cost"]), disturbance: Peer.number(w?["disturbance"]),
                      moved: moved(doc, from: baseline),
                      bound: status == "optimal" ? whatIfCost : Peer.figure(after: "lower bound", in: c.stderr), seconds: c.seconds,
                      note: c.stderr.contains("time limit came before") ? "cut short by the time limit" : "")
    }

    static func cpsat(_ tools: Peer.Tools, _ scenario: String, _ baseline: String, _ change: Change, timeLimit: Double) throws -> Answer {
        let out = baseline + ".whatif.json"
        try? FileManager.default.removeItem(atPath: out)
        let c = try Peer.run(tools.python, [tools.peers + "/cpsat_whatif.py", scenario, "--baseline", baseline] + change.arguments +
                                            ["--time-limit", String(timeLimit), "--workers", "2", "--out", out])
        let calendar = FileManager.default.contents(atPath: out).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        guard let o = Peer.lastJSONLine(c.stdout) else {
            return Answer(status: "error (exit \(c.status))", seconds: c.seconds, note: String(c.stderr.suffix(300)))
        }
        return Answer(status: o["status"] as? String ?? "?", whatIfCost: Peer.number(o["whatif_cost"]), cost: Peer.number(o["cost"]),
                      disturbance: Peer.number(o["disturbance"]), moved: calendar.flatMap { moved($0, from: baseline) }, bound: Peer.number(o["bound"]),
                      seconds: Peer.number(o["wall_s"]) ?? c.seconds)
    }

    /// Each event's start and venue in a calendar/1's assignments.
    static func placements(_ list: [[String: Any]]) -> [String: (start: String, venue: String?)] {
        var out: [String: (start: String, venue: String?)] = [:]
        for a in list { if let e = a["event"] as? String, let s = a["start"] as? String { out[e] = (s, a["venue"] as? String) } }
        return out
    }

    /// The events of `doc` whose start or venue differs from the baseline's: the spec's two
    /// disturbance terms, counted the same way for both programs (the pinned event included;
    /// a change of length alone is no move).
    static func moved(_ doc: [String: Any], from baseline: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: baseline),
              let base = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["assignments"] as? [[String: Any]],
              let now = doc["assignments"] as? [[String: Any]] else { return nil }
        let before = placements(base)
        return placements(now).filter { e, p in before[e].map { $0.start != p.start || $0.venue != p.venue } ?? false }.count
    }

    static func markdown(_ rows: [Row], timeLimit: Double, solver: BaselineSolver, baselineLimit: Double) -> String {
        var out = "| instance | baseline | change | Convene status | what-if cost | cost | disturbance | moved | time (s) | CP-SAT status | what-if cost | cost | disturbance | moved | bound | time (s) |\n"
        out += "|---|--:|---|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|\n"
        for r in rows {
            let c = r.convene, p = r.cpsat
            out += "| \(r.instance) | \(formatNumber(r.baselineCost)) | \(r.change) | \(c.status) | \(Peer.n(c.whatIfCost)) | \(Peer.n(c.cost)) | \(Peer.n(c.disturbance)) | \(c.moved.map(String.init) ?? "-") | \(Peer.f(c.seconds)) "
            out += "| \(p.status) | \(Peer.n(p.whatIfCost)) | \(Peer.n(p.cost)) | \(Peer.n(p.disturbance)) | \(p.moved.map(String.init) ?? "-") | \(Peer.n(p.bound)) | \(Peer.f(p.seconds)) |\n"
        }
        let who = solver == .cpsat ? "CP-SAT's" : "Convene's"
        out += "\nTime limit \(formatNumber(timeLimit)) s each (Convene's search is bounded by nodes and ends by itself; the limit only stops it); baseline: \(who) best calendar in \(formatNumber(baselineLimit)) s, checked by `convene check`. "
        out += "What-if cost = cost + disturbance (1 a day moved, 10 a venue change); moved: events whose start or venue differs from the baseline's, counted by the bench on both calendars. Convene: the whole `convene whatif` process; CP-SAT: cpsat_whatif.py's wall_s.\n"
        return out
    }
}
