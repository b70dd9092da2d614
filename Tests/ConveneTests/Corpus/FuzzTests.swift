import Foundation
import Testing
@testable import Convene

/// Issue 7, "Hardened": seeded random mutations of the bundled scenarios and calendars, read
/// in-process by the library. Every input is either refused with an `InputError` whose problems
/// each name a path and a message (spec, "Bad input"), or read and then checked without a crash.
/// A small sample of the scenarios read is also solved, with a short time limit.
///
/// A crash ends the whole test run, so it cannot be caught here: before each in-process solve
/// the input is saved as `convene-fuzz-solving-<shard>.json` in the temporary folder and removed
/// after, so a crash leaves the input that caused it behind. An in-process solve cannot be
/// killed either: one that overruns its limit is asked to stop (`Limits.stop`), and one still
/// running after `hangLimit` ends the run with a message naming that file, rather than hang.
///
/// `CONVENE_FUZZ_CASES=200000 swift test --filter FuzzTests` runs a longer campaign, and
/// `CONVENE_FUZZ_SEED=N` another seed, `CONVENE_FUZZ_SOLVES=N` N solves per shard (of 4).
struct FuzzTests {
    enum Kind: String, Sendable { case scenario, calendar }

    /// A file to mutate: its bytes and, when it parses, its JSON tree.
    struct Seed: Sendable {
        var name: String
        var kind: Kind
        var bytes: [UInt8]
        var tree: JSONValue?
        /// The same document on one line, for byte mutations: the debug parser spends most of
        /// its time skipping indentation.
        var compactBytes: [UInt8]
        /// How often the seed is picked, against the others: reading the GCM scenarios costs ten
        /// times as much as the small files in a debug build, so they are picked less often.
        var weight: Int
        var isSmall: Bool { bytes.count <= 4_096 }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The bundled scenarios and calendars (`Scenarios/*.json`), and the corpus's valid pair.
    static let seeds: [Seed] = {
        var files: [URL] = []
        let dir = root.appendingPathComponent("Scenarios")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where name.hasSuffix(".json") {
            files.append(dir.appendingPathComponent(name))
        }
        files += [corpus.appendingPathComponent("valid/scenario.json"), corpus.appendingPathComponent("valid/calendar.json")]
        return files.compactMap { url in
            guard let bytes = contents(url) else { return nil }
            let tree = try? JSONParser.parse(bytes)
            let kind: Kind = tree?["format"] == .string("calendar/1") ? .calendar : .scenario
            let weight = bytes.count > 20_000 ? 1 : bytes.count > 4_096 ? 2 : 6
            return Seed(name: url.lastPathComponent, kind: kind, bytes: bytes, tree: tree,
                        compactBytes: tree.map { Array(JSONWriter.compact($0).utf8) } ?? bytes, weight: weight)
        }
    }()

    static let cases = ProcessInfo.processInfo.environment["CONVENE_FUZZ_CASES"].flatMap { Int($0) } ?? 10_000
    static let baseSeed = ProcessInfo.processInfo.environment["CONVENE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xC0DE_2017
    /// Independent streams, run in parallel; case `i` of shard `s` is the same on every run.
    static let shards = 4
    /// At most this many in-process solves per shard (one in five of the mutants read as
    /// scenarios), so that 10,000 cases take well under a minute.
    static let solvesPerShard = ProcessInfo.processInfo.environment["CONVENE_FUZZ_SOLVES"].flatMap { Int($0) }
        ?? max(20, cases / shards / 125)
    static let solveLimit = 0.5
    /// A solve that overruns its time limit by more than this is a failure.
    static let solveGrace = 10.0
    /// A solve still running after this many seconds ends the test run.
    static let hangLimit = 60.0

    /// The valid scenarios, read once, to check mutated calendars against.
    static let scenarios: [Scenario] = seeds.filter { $0.kind == .scenario }.compactMap { try? ScenarioReader.read($0.bytes) }
    static let evaluators: [Evaluator] = scenarios.map { Evaluator($0) }
    static let calendars: [CalendarFile] = seeds.filter { $0.kind == .calendar }.compactMap { try? CalendarFile.read($0.bytes) }

    @Test("the fuzz seeds are the bundled files, each read without a problem")
    func seedsAreValid() {
        #expect(Self.seeds.count >= 5, "\(Self.seeds.map(\.name))")
        #expect(Self.scenarios.count == Self.seeds.filter { $0.kind == .scenario }.count)
        #expect(Self.calendars.count == Self.seeds.filter { $0.kind == .calendar }.count)
        #expect(Self.scenarios.count >= 2 && Self.calendars.count >= 2)
        #expect(Self.seeds.contains { $0.name == "gcm-work-plan.json" } && Self.seeds.contains { $0.name == "gcm-work-plan-calendar.json" })
    }

    @Test("a mutated scenario or calendar is refused with located problems, or read and checked", arguments: 0..<shards)
    func fuzz(shard: Int) throws {
        var rng = SplitMix64(seed: Self.baseSeed &+ UInt64(shard) &* 0x1_0000_0001)
        let count = Self.cases / Self.shards + (shard < Self.cases % Self.shards ? 1 : 0)
        var run = Run(shard: shard)
        for i in 0..<count {
            let seed = Self.pickSeed(&rng)
            var log: [String] = []
            let bytes = Mutator.mutate(seed, &rng, log: &log)
            run.label = "shard \(shard) case \(i) of seed \(Self.baseSeed): \(seed.name) after \(log.joined(separator: ", "))"
            let trySolve = run.solves < Self.solvesPerShard && rng.chance(20)
            // A file is read as what it is, and a small one also as the other kind.
            let asScenario = seed.kind == .scenario || seed.isSmall, asCalendar = seed.kind == .calendar || seed.isSmall
            if asScenario, let scenario = run.read(scenario: bytes) {
                let evaluator = Evaluator(scenario)
                for c in Self.calendars { _ = evaluator.check(c) }
                if trySolve { run.solve(scenario, bytes) }
            }
            if asCalendar, let calendar = run.read(calendar: bytes) {
                for evaluator in Self.evaluators {
                    let report = evaluator.check(calendar)
                    if rng.chance(10) {
                        let (schedule, _) = evaluator.schedule(from: calendar)
                        _ = ClashReport(check: report, schedule: schedule, scenario: evaluator.scenario, categories: nil, within: 30).json()
                        _ = report.json()
                    }
                }
            }
        }
        print("fuzz shard \(shard): \(count) cases, \(run.scenariosRead) read as scenarios, \(run.calendarsRead) as calendars, "
              + "\(run.refusedPastSyntax) refusals past the syntax, \(run.solves) solved, \(run.failures) failures")
        run.summarize()
        // Mutations must reach past the parser, or the fuzz tests only the syntax.
        #expect(run.scenariosRead > count / 50, "only \(run.scenariosRead) of \(count) mutants read as scenarios")
        #expect(run.calendarsRead > count / 50, "only \(run.calendarsRead) of \(count) mutants read as calendars")
        #expect(run.refusedPastSyntax > count / 10, "only \(run.refusedPastSyntax) of \(count) refusals named a JSON path")
    }

    static func pickSeed(_ rng: inout SplitMix64) -> Seed {
        var r = rng.below(seeds.reduce(0) { $0 + $1.weight })
        for s in seeds {
            if r < s.weight { return s }
            r -= s.weight
        }
        return seeds[0]
    }

    /// One shard's counters and failures. The first few failures of each kind are recorded
    /// with the case that caused them (enough to reproduce it); the rest are counted.
    struct Run {
        var shard: Int
        var label = ""
        var scenariosRead = 0, calendarsRead = 0, refusedPastSyntax = 0, solves = 0
        var failures = 0
        var byKind: [String: Int] = [:]
        static let recordedPerKind = 3

        init(shard: Int) { self.shard = shard }

        mutating func fail(_ kind: String, _ detail: String, sourceLocation: SourceLocation = #_sourceLocation) {
            failures += 1
            byKind[kind, default: 0] += 1
            if byKind[kind]! <= Run.recordedPerKind { Issue.record("\(kind): \(detail)\n  \(label)", sourceLocation: sourceLocation) }
        }

        func summarize() {
            for (kind, n) in byKind.sorted(by: { $0.key < $1.key }) where n > Run.recordedPerKind {
                Issue.record("\(kind): \(n) cases in shard \(shard), the first \(Run.recordedPerKind) recorded above")
            }
        }

        /// The scenario, or nil when refused; a refusal must list located problems.
        mutating func read(scenario bytes: [UInt8]) -> Scenario? {
            do {
                let s = try ScenarioReader.read(bytes, file: "fuzz.json")
                scenariosRead += 1
                return s
            } catch {
                check(error)
                return nil
            }
        }

        mutating func read(calendar bytes: [UInt8]) -> CalendarFile? {
            do {
                let c = try CalendarFile.read(bytes, file: "fuzz.json")
                calendarsRead += 1
                return c
            } catch {
                check(error)
                return nil
            }
        }

        mutating func check(_ error: InputError) {
            if error.problems.isEmpty { fail("refused without a problem", "") }
            for p in error.problems {
                if p.path.trimmingCharacters(in: .whitespaces).isEmpty { fail("a problem without a path", p.message) }
                if p.message.trimmingCharacters(in: .whitespaces).isEmpty { fail("a problem without a message", p.path) }
                // README: one line per problem; a text from the file is quoted, never printed raw.
                if hasControlCharacters(p.description) { fail("a problem that is not one clean line", p.description.debugDescription) }
            }
            if error.problems.contains(where: { !$0.path.hasPrefix("line ") }) { refusedPastSyntax += 1 }
        }

        /// Solves with a short limit; the answer must come near the limit and pass the evaluator.
        mutating func solve(_ scenario: Scenario, _ bytes: [UInt8]) {
            solves += 1
            let trace = FileManager.default.temporaryDirectory.appendingPathComponent("convene-fuzz-solving-\(shard).json")
            _ = FileManager.default.createFile(atPath: trace.path, contents: Data(bytes))
            let started = Date()
            let done = StopFlag(), stop = StopFlag()
            let culprit = "\(label); the input is \(trace.path)"
            // A thread of its own: Dispatch's global queues share their two threads with the
            // test shards here, and would run a timer only once a shard had finished.
            let watchdog = Thread {
                let started = Date()
                while !done.isRaised {
                    let seconds = Date().timeIntervalSince(started)
                    if seconds > FuzzTests.solveLimit + FuzzTests.solveGrace { stop.raise() }
                    if seconds > FuzzTests.hangLimit {
                        fatalError("fuzz: a \(FuzzTests.solveLimit) s solve still runs after \(FuzzTests.hangLimit) s: \(culprit)")
                    }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
            watchdog.start()
            defer { done.raise() }
            do {
                let solution = try Solver.solve(scenario, limits: Limits(timeLimit: FuzzTests.solveLimit, stop: stop))
                if let schedule = solution.schedule, !Evaluator(scenario).evaluate(schedule).hardOK {
                    fail("a solver calendar that breaks a hard rule", solution.status.rawValue)
                }
            } catch {
                fail("an internal error", error.description)
            }
            let seconds = Date().timeIntervalSince(started)
            if seconds > FuzzTests.solveLimit + FuzzTests.solveGrace {
                fail("a solve that overran its time limit", "\(FuzzTests.solveLimit) s limit, took \(String(format: "%.1f", seconds)) s")
            }
            try? FileManager.default.removeItem(at: trace)
        }
    }
}
