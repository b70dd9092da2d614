import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Convene

/// A planner's server run in-process on an ephemeral port, over copies of the bundled scenario
/// and published calendar in a folder of its own (so that a test can see every file written).
final class ServeFixture: @unchecked Sendable {
    let folder: URL
    let scenario: String, baseline: String, out: String
    let planner: Planner
    let server: HTTPServer

    init(limits: HTTPLimits = ServeFixture.testLimits, out outName: String? = "out.json", baseline withBaseline: Bool = true) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-serve-\(UUID().uuidString)")
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = ConveneBinary.packageRoot()!.appendingPathComponent("Scenarios")
        let scenario = folder.appendingPathComponent("gcm-work-plan.json").path
        let baseline = folder.appendingPathComponent("gcm-work-plan-calendar.json").path
        (self.scenario, self.baseline) = (scenario, baseline)
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("gcm-work-plan.json").path, toPath: scenario)
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("gcm-work-plan-calendar.json").path, toPath: baseline)
        let out = outName.map { folder.appendingPathComponent($0).path }
        self.out = out ?? ""
        planner = try Planner.open(ServeFiles(scenario: scenario, baseline: withBaseline ? baseline : nil, out: out))
        // One sweep thread: the rows are the same for any number (as `sweep --jobs`), and the
        // suites that time the search run beside these tests.
        var one = PlannerAPI(planner: planner)
        one.jobs = 1
        let api = one
        server = HTTPServer(limits: limits) { request, responder in api.handle(request, responder) }
        _ = try server.start(port: 0)
    }

    static var testLimits: HTTPLimits {
        var l = HTTPLimits()
        l.requestSeconds = 1
        l.writeSeconds = 1
        l.bodyBytes = 64 * 1024
        return l
    }

    var port: UInt16 { server.port }
    var host: String { "127.0.0.1:\(port)" }

    func close() {
        planner.stopSearch()
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The names of the files in the fixture's folder.
    func files() -> Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []) }

    /// One request with this server's Host; JSON bodies get their Content-Type.
    func request(_ method: String, _ path: String, json: String? = nil, headers: [String] = []) -> HTTPReply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        if let json { head += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n" }
        for h in headers { head += h + "\r\n" }
        return HTTPReply(RawClient.exchange(port: port, Array((head + "\r\n" + (json ?? "")).utf8)))
    }
}

/// A parsed answer: the status, the header fields and the body.
struct HTTPReply {
    var status = 0
    var headers: [String: String] = [:]
    var body = ""
    var raw: [UInt8]

    init(_ bytes: [UInt8]) {
        raw = bytes
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        for l in lines.dropFirst() {
            if let c = l.firstIndex(of: ":") { headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces) }
        }
        body = String(text[split.upperBound...])
    }

    /// The body as server-sent events: (name, data) in order.
    var events: [(name: String, data: String)] {
        body.components(separatedBy: "\n\n").compactMap { block in
            var name = "message", data: [String] = []
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) } else if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            return data.isEmpty ? nil : (name, data.joined(separator: "\n"))
        }
    }

    func json() -> JSONValue? { try? JSONParser.parse(Array(body.utf8)) }
}

/// Raw TCP to the loopback server, for requests no polite client would send.
enum RawClient {
    static func connect(port: UInt16, receiveBuffer: Int32? = nil) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var tv = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        _ = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sends until it closes (or 20 s pass).
    static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            out += chunk[..<n]
        }
        return out
    }

    /// Sends `bytes` (then, with `finish`, says it will send no more) and reads the answer.
    static func exchange(port: UInt16, _ bytes: [UInt8], finish: Bool = false) -> [UInt8] {
        let fd = connect(port: port)
        defer { close(fd) }
        send(fd, bytes)
        if finish { shutdown(fd, Int32(SHUT_WR)) }
        return readAll(fd)
    }
}
