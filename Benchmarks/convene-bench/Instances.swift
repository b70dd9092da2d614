import Convene

/// The four generated families by name, for `generate` and `--peer`.
enum Instances {
    /// The option that sizes members of `family`: `--meetings N` (oneoff), `--events N` (season),
    /// else `--processes K`.
    static func sizeOption(_ family: String) -> String {
        family == "oneoff" ? "meetings" : family == "season" ? "events" : "processes"
    }

    /// Member `size` (processes, meetings for `oneoff`, events for `season`) of `family` with
    /// `seed`: its scenario, for the families built with a witness the calendar proving it
    /// feasible, and a line about it for `generate` to print (season only).
    static func member(family: String, size: Int?, seed: UInt64) throws -> (scenario: JSONValue, witness: JSONValue?, note: String?) {
        switch family {
        case "gcm":
            guard let k = size else { throw BenchError("--family gcm needs --processes K") }
            return (Family.document(processes: k, seed: seed), nil, nil)
        case "hard":
            guard let k = size else { throw BenchError("--family hard needs --processes K") }
            let m = try HardFamily.generate(processes: k, seed: seed)
            return (m.scenario, m.witness, nil)
        case "oneoff":
            guard let n = size else { throw BenchError("--family oneoff needs --meetings N") }
            let m = try OneOff.generate(meetings: n, seed: seed)
            return (m.scenario, m.witness, nil)
        case "season":
            guard let n = size else {
                throw BenchError("--family season needs --events N (the number of sessions in the year, e.g. 250, 1000 or 5000)")
            }
            let m = try Season.generate(events: n, seed: seed)
            return (m.scenario, m.witness, "\(Season.name(events: n, seed: seed)): \(m.stats.line)")
        default:
            throw BenchError("--family expects gcm, hard, oneoff or season, found '\(family)'")
        }
    }

    /// The instance's short name in tables and file names: `hard-K10-s1`, `gcm-K5-s2`, `oneoff-2000-s1`, `season-1000-s1`.
    static func label(family: String, size: Int, seed: UInt64) -> String {
        family == "oneoff" || family == "season" ? "\(family)-\(size)-s\(seed)" : "\(family)-K\(size)-s\(seed)"
    }
}
