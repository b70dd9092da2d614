import Convene
import Dispatch
import Foundation

/// `--peer cpsat`: Convene and OR-Tools CP-SAT (`Benchmarks/peers/cpsat_solve.py`, two workers)
/// on the same files in the same run, one program at a time (the machine has two cores, and
/// CP-SAT takes both). Each program runs as its own child process on a file written to disk, as
/// a new user would run it: Convene is the release `convene solve FILE --time-limit T --stats
/// --format json` beside this bench; CP-SAT runs through the virtual environment's Python.
///
/// Times: Convene's is the whole child process (start-up, reading, solving, re-checking), timed
/// here; CP-SAT's is the script's own `wall_s` (reading, building the model, solving; Python's
/// ~1 s of start-up and imports not counted), as `Benchmarks/peers/README.md` advises quoting it.
///
/// The peer scripts are the repository's own (`Benchmarks/peers/`, found from the bench's
/// folder, `.build/<config>/`, else from the working directory); `--peer-dir DIR` (or
/// `CONVENE_PEER_DIR`) races another folder holding `cpsat_solve.py` and `cpsat_whatif.py`.
enum Peer {
    /// The programs the race needs, found before any instance is written.
    struct Tools {
        var convene: String
        var python: String
        var peers: String

        static func find() throws -> Tools {
            let fm = FileManager.default
            let here = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
            let convene = here.appendingPathComponent("convene").path
            guard fm.isExecutableFile(atPath: convene) else {
                throw BenchError("--peer: no release convene at \(convene); build it: swift build -c release --product convene")
            }
            let python = ProcessInfo.processInfo.environment["CONVENE_PEER_PYTHON"] ?? ".venv-peers/bin/python"
            guard fm.isExecutableFile(atPath: python) else {
                throw BenchError("--peer: no Python at \(python) (CONVENE_PEER_PYTHON); at the repository root run: python3 -m venv .venv-peers && .venv-peers/bin/pip install ortools")
            }
            let own = [here.appendingPathComponent("../../Benchmarks/peers").standardizedFileURL.path, "Benchmarks/peers"]
            let chosen = option("peer-dir") ?? ProcessInfo.processInfo.environment["CONVENE_PEER_DIR"]
            guard let peers = (chosen.map { [$0] } ?? own).first(where: { fm.fileExists(atPath: $0 + "/cpsat_solve.py") }) else {
                throw BenchError("--peer: no cpsat_solve.py in \(chosen ?? own.joined(separator: " or ")) (--peer-dir DIR names the folder of the peer scripts)")
            }
            return Tools(convene: convene, python: python, peers: peers)
        }
    }

    /// A finished child process.
    struct Child {
        var status: Int32
        var stdout: Data
        var stderr: String
        var seconds: Double
    }

    /// Runs `executable arguments` to the end, timing it by the wall clock. Its output goes to
    /// files, not pipes, so that neither can fill and stall it. Spawned and reaped directly
    /// (`posix_spawn`, `waitpid`): Foundation's `Process.waitUntilExit` polls, which rounded a
    /// 60 ms run up to 100 ms.
    static func run(_ executable: String, _ arguments: [String]) throws -> Child {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("convene-bench-child-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: base + ".out"); try? FileManager.default.removeItem(atPath: base + ".err") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let t0 = DispatchTime.now()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        let exit: Int32 = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Child(status: exit, stdout: FileManager.default.contents(atPath: base + ".out") ?? Data(),
                     stderr: String(decoding: FileManager.default.contents(atPath: base + ".err") ?? Data(), as: UTF8.self), seconds: seconds)
    }

    /// The last line of `data` that reads as a JSON object (the peer scripts' summary line).
    static func lastJSONLine(_ data: Data) -> [String: Any]? {
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").reversed() {
            if let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { return o }
        }
        return nil
    }

    static func number(_ v: Any?) -> Double? { (v as? NSNumber).map(\.doubleValue) }

    /// The first number after `label` in `text` ("first calendar 0.6 ms" → 0.6).
    static func figure(after label: String, in text: String) -> Double? {
        guard let r = text.range(of: label) else { return nil }
        let rest = text[r.upperBound...].drop { $0 == " " }
        return Double(String(rest.prefix { "0123456789.-e+".contains($0) }))
    }

    // MARK: one solve each

    /// One program's answer on one instance.
    struct Answer: Codable {
        var status: String
        var cost: Double?
        var bound: Double?
        /// Milliseconds to the first calendar (Convene's `--stats`; CP-SAT does not say).
        var firstMs: Double?
        /// Seconds, as the type's doc says for each program.
        var seconds: Double
        var note: String = ""
    }

    static func convene(_ tools: Tools, _ file: String, timeLimit: Double) throws -> Answer {
        let c = try run(tools.convene, ["solve", file, "--time-limit", String(timeLimit), "--stats", "--format", "json"])
        guard c.status != 2, let doc = try? JSONSerialization.jsonObject(with: c.stdout) as? [String: Any] else {
            return Answer(status: "error (exit \(c.status))", seconds: c.seconds, note: String(c.stderr.prefix(200)))
        }
        let status = doc["status"] as? String ?? "?", cost = number(doc["cost"])
        let bound = status == "optimal" ? cost : figure(after: "lower bound", in: c.stderr)
        return Answer(status: status, cost: cost, bound: bound, firstMs: figure(after: "first calendar", in: c.stderr), seconds: c.seconds)
    }

    static func cpsat(_ tools: Tools, _ file: String, timeLimit: Double, out: String? = nil) throws -> Answer {
        var args = [tools.peers + "/cpsat_solve.py", file, "--time-limit", String(timeLimit), "--workers", "2"]
        if let out { args += ["--out", out] }
        let c = try run(tools.python, args)
        guard let o = lastJSONLine(c.stdout) else {
            return Answer(status: "error (exit \(c.status))", seconds: c.seconds, note: String(c.stderr.suffix(300)))
        }
        return Answer(status: o["status"] as? String ?? "?", cost: number(o["cost"]), bound: number(o["bound"]),
                      seconds: number(o["wall_s"]) ?? c.seconds, note: String(format: "process %.1f s", c.seconds))
    }

    // MARK: the race

    /// One instance of the race.
    struct Row: Codable {
        var instance: String
        var events: Int
        var convene: Answer
        var cpsat: Answer
        /// CP-SAT's seconds ÷ Convene's, when both proved optimal.
        var ratio: Double?
    }

    /// The options of `--peer cpsat`, read once.
    struct Options {
        var family = "hard"
        var sizes: [Int] = [1, 2, 5, 10]
        var seeds: [UInt64] = [1, 2, 3]
        var timeLimit = 60.0
        var dir: String? = nil
    }

    /// Writes each member of `o` to disk and races the two programs on it, Convene first.
    static func race(_ o: Options) throws -> [Row] {
        let tools = try Tools.find()
        let dir = try folder(o.dir)
        var rows: [Row] = []
        for size in o.sizes {
            for seed in o.seeds {
                let label = Instances.label(family: o.family, size: size, seed: seed)
                let member = try Instances.member(family: o.family, size: size, seed: seed)
                let file = dir + "/" + label + ".json"
                try FileIO.writeAtomically(JSONWriter.write(member.scenario), to: file)
                progress("\(label): Convene…")
                let c = try convene(tools, file, timeLimit: o.timeLimit)
                progress("\(label): Convene \(c.status) \(c.cost.map(formatNumber) ?? "-") in \(String(format: "%.2f", c.seconds)) s; CP-SAT…")
                let p = try cpsat(tools, file, timeLimit: o.timeLimit)
                progress("\(label): CP-SAT \(p.status) \(p.cost.map(formatNumber) ?? "-") in \(String(format: "%.2f", p.seconds)) s")
                let ratio = c.status == "optimal" && p.status == "optimal" && c.seconds > 0 ? p.seconds / c.seconds : nil
                rows.append(Row(instance: label, events: events(member.scenario), convene: c, cpsat: p, ratio: ratio))
            }
        }
        return rows
    }

    static func events(_ doc: JSONValue) -> Int {
        if case .array(let es)? = doc["events"] { return es.count }
        return 0
    }

    /// `path`, created if need be, or a fresh folder under the temporary directory.
    static func folder(_ path: String?) throws -> String {
        let dir = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("convene-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        progress("instance files in \(dir)")
        return dir
    }

    static func progress(_ line: String) { FileHandle.standardError.write(Data("convene-bench: \(line)\n".utf8)) }

    static func f(_ v: Double?, _ digits: Int = 2) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "-" }
    static func n(_ v: Double?) -> String { v.map(formatNumber) ?? "-" }

    static func markdown(_ rows: [Row], timeLimit: Double) -> String {
        var out = "| instance | events | Convene status | cost | bound | first (ms) | time (s) | CP-SAT status | cost | bound | time (s) | CP-SAT ÷ Convene |\n"
        out += "|---|--:|---|--:|--:|--:|--:|---|--:|--:|--:|--:|\n"
        for r in rows {
            out += "| \(r.instance) | \(r.events) | \(r.convene.status) | \(n(r.convene.cost)) | \(n(r.convene.bound)) | \(f(r.convene.firstMs, 1)) | \(f(r.convene.seconds)) "
            out += "| \(r.cpsat.status) | \(n(r.cpsat.cost)) | \(n(r.cpsat.bound)) | \(f(r.cpsat.seconds)) | \(r.ratio.map { String(format: "%.1f×", $0) } ?? "-") |\n"
        }
        out += "\nTime limit \(formatNumber(timeLimit)) s each. Convene: one thread, the whole `convene solve` process. "
        out += "CP-SAT: 2 workers, cpsat_solve.py's wall_s (without Python's start-up). The ratio only where both proved optimal.\n"
        return out
    }

    static func json<T: Encodable>(_ rows: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try e.encode(rows), as: UTF8.self) + "\n"
    }
}
