import Foundation
import Testing
@testable import Convene

@Test func scratchReproduce() throws {
    guard let spec = ProcessInfo.processInfo.environment["SCRATCH_REPRO"] else { return }
    // seed,shard,case
    let p = spec.split(separator: ",").map { UInt64($0)! }
    var rng = FuzzTests.SplitMix64(seed: p[0] &+ p[1] &* 0x1_0000_0001)
    for i in 0...Int(p[2]) {
        let seed = FuzzTests.pickSeed(&rng)
        var log: [String] = []
        let bytes = Mutator.mutate(seed, &rng, log: &log)
        _ = rng.chance(20)
        let asScenario = seed.kind == .scenario || seed.isSmall, asCalendar = seed.kind == .calendar || seed.isSmall
        var accepted = false
        if asScenario, (try? ScenarioReader.read(bytes)) != nil { accepted = true }
        if asCalendar, (try? CalendarFile.read(bytes)) != nil {
            for _ in FuzzTests.evaluators { if rng.chance(10) {} }
        }
        if i == Int(p[2]) {
            try Data(bytes).write(to: URL(fileURLWithPath: "/tmp/cs/repro-\(spec).json"))
            print("REPRO \(seed.name) after \(log.joined(separator: ", ")) accepted=\(accepted)")
        }
    }
}

@Test func scratchSolveFile() throws {
    guard let path = ProcessInfo.processInfo.environment["SCRATCH_SOLVE"] else { return }
    let bytes = contents(URL(fileURLWithPath: path))!
    var run = FuzzTests.Run(shard: 7)
    run.label = path
    let t = Date()
    run.solve(try ScenarioReader.read(bytes), bytes)
    print("SOLVED in \(Date().timeIntervalSince(t)) s, failures \(run.failures)")
}
