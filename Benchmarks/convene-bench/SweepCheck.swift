import Convene
import Foundation

/// `--sweep-check` (issue 13): a sweep of one event over a range of dates on hard-family members
/// from a checked baseline (as `--whatif` makes it), timed as a whole; then `convene whatif --pin
/// EVENT=DATE` on every candidate date, each in its own process, and the two compared: the same
/// status and the same what-if cost, date by date (a user must be able to rerun any row).
enum SweepCheck {
    struct Options {
        var peer = Peer.Options()
        var event = "P0-ST"
        var from = "2017-11-13"
        var to = "2017-12-22"
        var jobs = 2
        /// Each `whatif --pin`'s time limit (an infeasible date spends what is left on its conflict).
        var whatifLimit: Double? = nil
        var baselineLimit = 30.0
        var solver = WhatIfPeer.BaselineSolver.cpsat
    }

    struct DateRow: Codable {
        var date: String
        var sweepStatus: String
        var sweepCost: Double?
        var whatifStatus: String
        var whatifCost: Double?
        var whatifSeconds: Double
        var equal: Bool
    }

    struct Row: Codable {
        var instance: String
        var baselineCost: Double
        var sweep: String
        var seconds: Double
        var dates: Int
        var answered: Int
        var feasible: Int
        var infeasible: Int
        var equal: Int
        var note: String
        var rows: [DateRow]
    }

    static func rows(_ o: Options) throws -> [Row] {
        let tools = try Peer.Tools.find()
        let dir = try Peer.folder(o.peer.dir)
        var out: [Row] = []
        for k in o.peer.sizes {
            for seed in o.peer.seeds {
                let (label, file, baseline, cost) = try WhatIfPeer.instance(tools, dir: dir, processes: k, seed: seed, solver: o.solver,
                                                                            baselineLimit: o.baselineLimit)
                let t = String(o.peer.timeLimit)
                let args = ["sweep", file, "--baseline", baseline, "--event", o.event, "--from", o.from, "--to", o.to,
                            "--time-limit", t, "--jobs", String(o.jobs), "--format", "json"]
                Peer.progress("\(label): convene \(args.joined(separator: " "))")
                let c = try Peer.run(tools.convene, args)
                guard let doc = try? JSONSerialization.jsonObject(with: c.stdout) as? [String: Any], let list = doc["rows"] as? [[String: Any]] else {
                    throw BenchError("sweep on \(label) gave no sweep/1 JSON (exit \(c.status)): \(c.stderr.prefix(300))")
                }
                Peer.progress("\(label): sweep of \(list.count) dates in \(Peer.f(c.seconds)) s; whatif --pin on each…")
                var dates: [DateRow] = []
                for r in list {
                    let date = r["date"] as? String ?? "?"
                    let status = r["status"] as? String ?? "not run", swept = Peer.number(r["whatifCost"])
                    let w = try Peer.run(tools.convene, ["whatif", file, "--baseline", baseline, "--pin", "\(o.event)=\(date)",
                                                         "--time-limit", String(o.whatifLimit ?? o.peer.timeLimit), "--format", "json"])
                    let wd = try? JSONSerialization.jsonObject(with: w.stdout) as? [String: Any]
                    let ws = wd?["status"] as? String ?? "error (exit \(w.status))"
                    let wc = Peer.number((wd?["whatif"] as? [String: Any])?["cost"])
                    dates.append(DateRow(date: date, sweepStatus: status, sweepCost: swept, whatifStatus: ws, whatifCost: wc,
                                         whatifSeconds: w.seconds, equal: status == ws && swept == wc && !w.stderr.contains("time limit came before")))
                }
                let answered = dates.filter { $0.sweepStatus != "not run" && $0.sweepStatus != "unknown" }.count
                out.append(Row(instance: label, baselineCost: cost, sweep: "\(o.event) \(o.from)..\(o.to)", seconds: c.seconds, dates: list.count,
                               answered: answered, feasible: dates.filter { $0.sweepCost != nil }.count,
                               infeasible: dates.filter { $0.sweepStatus == "infeasible" }.count, equal: dates.filter(\.equal).count,
                               note: c.stderr.trimmingCharacters(in: .whitespacesAndNewlines), rows: dates))
                Peer.progress("\(label): \(dates.filter(\.equal).count) of \(dates.count) rows equal to whatif --pin")
            }
        }
        return out
    }

    static func markdown(_ rows: [Row], _ o: Options) -> String {
        var out = "| instance | baseline | sweep | dates | answered | feasible | infeasible | wall (s) | rows = whatif --pin |\n|---|--:|---|--:|--:|--:|--:|--:|--:|\n"
        for r in rows {
            out += "| \(r.instance) | \(formatNumber(r.baselineCost)) | \(r.sweep) | \(r.dates) | \(r.answered) | \(r.feasible) | \(r.infeasible) | \(Peer.f(r.seconds)) | \(r.equal) of \(r.dates) |\n"
        }
        for r in rows {
            out += "\n\(r.instance), date by date (sweep row, then `whatif --pin \(o.event)=DATE` in its own process):\n\n"
            out += "| date | sweep status | what-if cost | whatif status | what-if cost | whatif time (s) | equal |\n|---|---|--:|---|--:|--:|---|\n"
            for d in r.rows {
                out += "| \(d.date) | \(d.sweepStatus) | \(Peer.n(d.sweepCost)) | \(d.whatifStatus) | \(Peer.n(d.whatifCost)) | \(Peer.f(d.whatifSeconds)) | \(d.equal ? "yes" : "**no**") |\n"
            }
            if !r.note.isEmpty { out += "\nsweep's standard error: \(r.note)\n" }
        }
        out += "\nSweep: `convene sweep F --baseline B --event \(o.event) --from \(o.from) --to \(o.to) --time-limit \(formatNumber(o.peer.timeLimit)) --jobs \(o.jobs) --format json`, the whole process timed. "
        out += "Each date: `convene whatif F --baseline B --pin \(o.event)=DATE --time-limit \(formatNumber(o.whatifLimit ?? o.peer.timeLimit)) --format json` (an infeasible date's time is mostly its conflict's explanation); equal: the same status and what-if cost, and the whatif not cut short by its time limit.\n"
        return out
    }
}
