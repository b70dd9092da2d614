import Convene

/// The three generated families by name, for `generate` and `--peer`.
enum Instances {
    /// Member `size` (processes, or meetings for `oneoff`) of `family` with `seed`: its scenario
    /// and, for the families built with a witness, the calendar proving it feasible.
    static func member(family: String, size: Int?, seed: UInt64) throws -> (scenario: JSONValue, witness: JSONValue?) {
        switch family {
        case "gcm":
            guard let k = size else { throw BenchError("--family gcm needs --processes K") }
            return (Family.document(processes: k, seed: seed), nil)
        case "hard":
            guard let k = size else { throw BenchError("--family hard needs --processes K") }
            let m = try HardFamily.generate(processes: k, seed: seed)
            return (m.scenario, m.witness)
        case "oneoff":
            guard let n = size else { throw BenchError("--family oneoff needs --meetings N") }
            let m = try OneOff.generate(meetings: n, seed: seed)
            return (m.scenario, m.witness)
        default:
            throw BenchError("--family expects gcm, hard or oneoff, found '\(family)'")
        }
    }

    /// The instance's short name in tables and file names: `hard-K10-s1`, `gcm-K5-s2`, `oneoff-2000-s1`.
    static func label(family: String, size: Int, seed: UInt64) -> String {
        family == "oneoff" ? "oneoff-\(size)-s\(seed)" : "\(family)-K\(size)-s\(seed)"
    }
}
