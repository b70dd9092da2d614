import Foundation
import Testing

/// Ctrl-C stops a search, which answers as if its time limit had come (issue 3 "Anytime",
/// issue 7 "a sweep can be interrupted and reports what it finished"). A first version crashed
/// here: the signal handler was isolated to the main actor but ran on a Dispatch queue.
struct InterruptTests {
    @Test("Ctrl-C during a sweep reports the dates it finished, and the process ends cleanly")
    func interruptedSweep() throws {
        let root = try #require(ConveneBinary.packageRoot())
        let process = Process()
        process.executableURL = try ConveneBinary.url()
        process.currentDirectoryURL = root
        // Every working day of 2017 and 2018 for TS4: far more than a second of work.
        process.arguments = ["sweep", "Scenarios/gcm-work-plan.json", "--baseline", "Scenarios/gcm-work-plan-calendar.json",
                             "--event", "TS4", "--from", "2017-01-02", "--to", "2018-12-28", "--jobs", "1"]
        let out = TempFile(""), err = TempFile("")
        defer { out.remove(); err.remove() }
        process.standardOutput = try FileHandle(forWritingTo: out.url)
        process.standardError = try FileHandle(forWritingTo: err.url)
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        let started = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stdout = try String(contentsOf: out.url, encoding: .utf8), stderr = try String(contentsOf: err.url, encoding: .utf8)
        #expect(process.terminationReason == .exit, "the process died of a signal: \(stderr.suffix(2000))")
        // It stops within the date in progress, not at the end of the range.
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(stderr.contains("stopped before"), "\(stderr.suffix(500))")
        #expect(stdout.contains("not run"))
        #expect(stdout.hasPrefix("Sweep of TS4 on gcm-work-plan"))
    }
}
