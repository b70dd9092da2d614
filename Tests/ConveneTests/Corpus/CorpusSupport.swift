import Foundation
import Testing
@testable import Convene

// Running the built `convene` binary with a wall-clock limit, for the hostile inputs of issue 7
// ("no crash, no hang, no lost file"). `runConvene` (Support/Builders.swift) waits as long as
// the run lasts; a hang must fail one case, not stall the suite, so these runs are killed at
// their deadline and say so.

/// What one limited run of `convene` did.
struct LimitedRun: CustomStringConvertible {
    var status: Int32
    /// True when the process ended on a signal (a crash: a trap, an illegal instruction, …).
    var crashed: Bool
    /// True when the deadline came first and the process was killed.
    var timedOut: Bool
    var seconds: Double
    var stdout: String
    var stderr: String

    var description: String {
        let how = timedOut ? "killed after \(String(format: "%.1f", seconds)) s (no answer)"
            : crashed ? "crashed with signal \(status) after \(String(format: "%.1f", seconds)) s"
            : "status \(status) after \(String(format: "%.1f", seconds)) s"
        return "\(how)\n--- stdout\n\(clipped(stdout))--- stderr\n\(clipped(stderr))"
    }

    private func clipped(_ s: String) -> String {
        s.count <= 2_000 ? s : String(s.prefix(2_000)) + "\n… (\(s.count) characters)\n"
    }
}

/// Runs `convene` with `arguments`, `stdin` as standard input (none: empty), in `directory`
/// (none: the test's), and kills it when `seconds` have passed.
func runConvene(_ arguments: [String], stdin: [UInt8]? = nil, in directory: URL? = nil,
                within seconds: Double) async throws -> LimitedRun {
    let process = Process()
    process.executableURL = try ConveneBinary.url()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = TempFile(""), err = TempFile(""), input = TempFile(bytes: stdin ?? [])
    defer { out.remove(); err.remove(); input.remove() }
    process.standardOutput = try FileHandle(forWritingTo: out.url)
    process.standardError = try FileHandle(forWritingTo: err.url)
    process.standardInput = try FileHandle(forReadingFrom: input.url)
    let started = Date()
    try process.run()
    var timedOut = false
    while process.isRunning {
        if Date().timeIntervalSince(started) > seconds {
            timedOut = true
            process.terminate()
            try await Task.sleep(for: .milliseconds(500))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            break
        }
        try await Task.sleep(for: .milliseconds(10))
    }
    process.waitUntilExit()
    let elapsed = Date().timeIntervalSince(started)
    let o = String(decoding: (try? Data(contentsOf: out.url)) ?? Data(), as: UTF8.self)
    let e = String(decoding: (try? Data(contentsOf: err.url)) ?? Data(), as: UTF8.self)
    return LimitedRun(status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal && !timedOut,
                      timedOut: timedOut, seconds: elapsed, stdout: o, stderr: e)
}

/// A fresh empty folder in the temporary directory, removed by `remove()`.
struct TempFolder {
    let url: URL
    var path: String { url.path }

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("convene-corpus-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The names in the folder, hidden ones included, sorted.
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The bytes of a file, or nil when there is no file (or a folder) at `url`.
func contents(_ url: URL) -> [UInt8]? {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { return nil }
    return FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
}

/// The lines of a refusal that are not `FILE: PATH: error: MESSAGE` with a non-empty PATH and
/// MESSAGE (spec, "Bad input": one message per problem, naming the JSON path).
func linesWithoutPath(_ stderr: String) -> [String] {
    stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { line in
        guard let marker = line.range(of: ": error: ") else { return true }
        let head = line[..<marker.lowerBound], message = line[marker.upperBound...]
        // FILE: PATH — the path is what follows the last ": " before the marker.
        guard let sep = head.range(of: ": ", options: .backwards) else { return true }
        return head[sep.upperBound...].trimmingCharacters(in: .whitespaces).isEmpty
            || message.trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// Whether `text` holds a control character other than the line feed that ends each line (a
/// text from the file that was not escaped: a newline inside a message, a terminal escape).
func hasControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
}
