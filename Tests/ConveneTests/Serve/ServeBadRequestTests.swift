import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Convene

/// The server against requests no page would send: each gets its 4xx or is dropped, the
/// server keeps answering, and no file is read or written beyond those named at start.
@Suite(.serialized)
struct ServeBadRequestTests {
    /// The server still answers a plain request, and the folder holds only the inputs.
    func stillServing(_ f: ServeFixture, _ context: String) {
        #expect(f.request("GET", "/api/state").status == 200, "after \(context)")
        #expect(f.files() == ["gcm-work-plan.json", "gcm-work-plan-calendar.json"], "after \(context)")
    }

    func status(_ f: ServeFixture, _ raw: String, finish: Bool = false) -> Int {
        HTTPReply(RawClient.exchange(port: f.port, Array(raw.utf8), finish: finish)).status
    }

    @Test("malformed, truncated and unsupported requests get their 4xx or 5xx, never a crash")
    func malformed() throws {
        let f = try ServeFixture(); defer { f.close() }
        let h = "Host: \(f.host)\r\n"
        let corpus: [(String, Int, Bool)] = [
            ("GET /api/state HTTP/1.1\r\n\(h)", 400, true),                       // head cut short
            ("POST /api/whatif HTTP/1.1\r\n\(h)Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"pin\"", 400, true),
            ("GARBAGE\r\n\r\n", 400, false),
            ("GET /api/state\r\n\r\n", 400, false),
            ("BREW /api/state HTTP/1.1\r\n\(h)\r\n", 501, false),
            ("GET /api/state HTTP/2.0\r\n\(h)\r\n", 505, false),
            ("GET api/state HTTP/1.1\r\n\(h)\r\n", 400, false),
            ("GET /api/state HTTP/1.1\r\n\(h)Bad Header\r\n\r\n", 400, false),
            ("GET /api/state HTTP/1.1\r\n\(h) folded: x\r\n\r\n", 400, false),
            ("GET /api/state HTTP/1.1\r\n\(h)Content-Length: -1\r\n\r\n", 400, false),
            ("GET /api/state HTTP/1.1\r\n\(h)Content-Length: 1\r\nContent-Length: 2\r\n\r\nx", 400, false),
            ("POST /api/whatif HTTP/1.1\r\n\(h)Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411, false),
            ("GET /api/state HTTP/1.1\r\n\(h)\r\nextra bytes", 400, false),
            ("GET /api/state HTTP/1.1\r\n\(h)X: \u{01}\r\n\r\n", 400, false),
        ]
        for (raw, expected, finish) in corpus {
            #expect(status(f, raw, finish: finish) == expected, "\(raw.debugDescription)")
        }
        #expect(RawClient.exchange(port: f.port, [0xFF, 0xFE, 0x00, 0x13, 0x0D, 0x0A, 0x0D, 0x0A]).count > 0)
        #expect(RawClient.exchange(port: f.port, [], finish: true).isEmpty, "a client that sends nothing is dropped")
        stillServing(f, "the malformed corpus")
    }

    @Test("oversized heads and bodies: 431 and 413")
    func oversized() throws {
        let f = try ServeFixture(); defer { f.close() }
        let big = String(repeating: "a", count: 20_000)
        #expect(status(f, "GET /api/state HTTP/1.1\r\nHost: \(f.host)\r\nX-Big: \(big)\r\n\r\n") == 431)
        #expect(status(f, "GET /\(big) HTTP/1.1\r\nHost: \(f.host)\r\n\r\n") == 431)
        #expect(status(f, "POST /api/whatif HTTP/1.1\r\nHost: \(f.host)\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{") == 413)
        let body = "{\"pin\": [\"" + String(repeating: "x", count: 70_000) + "\"]}"
        #expect(f.request("POST", "/api/whatif", json: body).status == 413)
        stillServing(f, "oversized requests")
    }

    @Test("bad JSON and bad values: 400, 415 and 422 with a sentence")
    func badJSON() throws {
        let f = try ServeFixture(); defer { f.close() }
        let cases: [(String, String, Int)] = [
            ("/api/whatif", "{\"pin\": [", 400), ("/api/whatif", "[1, 2]", 400), ("/api/whatif", "{\"pin\": \"STOCK\"}", 422),
            ("/api/whatif", "{\"pin\": [\"STOCK=yesterday\"]}", 422), ("/api/whatif", "{\"pin\": [\"NOPE=2017-11-21\"]}", 422),
            ("/api/whatif", "{}", 422), ("/api/sweep", "{\"event\": \"STOCK\"}", 422),
            ("/api/sweep", "{\"event\": \"NOPE\", \"from\": \"2017-10-01\", \"to\": \"2017-10-02\"}", 422),
            ("/api/sweep", "{\"event\": \"STOCK\", \"from\": \"2017-10-09\", \"to\": \"2017-10-01\"}", 422),
            ("/api/solve", "{\"timeLimit\": \"soon\"}", 422), ("/api/solve", "{\"timeLimit\": 1e400}", 400),
            ("/api/solve", "{\"timeLimit\": -1}", 422), ("/api/keep", "{}", 409),
        ]
        for (path, body, expected) in cases {
            let reply = f.request("POST", path, json: body)
            #expect(reply.status == expected, "\(path) \(body): \(reply.body)")
            #expect(reply.json()?["error"] != nil, "\(path) \(body) says why")
        }
        #expect(f.request("POST", "/api/undo", headers: ["Content-Length: 0"]).status == 415, "a POST without JSON")
        stillServing(f, "bad JSON")
    }

    @Test("unknown paths and path traversal: 404, 405 or 400, and no file is read", arguments: [
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/../../etc/passwd", "//etc/passwd", "/etc/passwd",
        "/Scenarios/gcm-work-plan.json", "/gcm-work-plan.json", "/api/export?format=../../etc/passwd", "/app.js/..", "/%00", "/%zz",
        "/api/state/../../../etc/shadow", "/.git/config", "/..%2f..%2fetc%2fpasswd",
    ])
    func traversal(path: String) throws {
        let f = try ServeFixture(); defer { f.close() }
        let reply = f.request("GET", path)
        #expect([400, 404].contains(reply.status), "\(path): \(reply.status)")
        #expect(!reply.body.contains("root:") && !reply.body.contains("\"format\": \"scenario/1\""), "\(path) leaks a file")
        stillServing(f, path)
    }

    @Test("a foreign Host or Origin is refused (DNS rebinding, other sites)")
    func foreignHost() throws {
        let f = try ServeFixture(); defer { f.close() }
        for host in ["evil.example:\(f.port)", "127.0.0.1:1", "127.0.0.1", "localhost.evil.example:\(f.port)", ""] {
            #expect(status(f, "GET /api/state HTTP/1.1\r\nHost: \(host)\r\n\r\n") == 403, "Host: \(host)")
        }
        #expect(status(f, "GET /api/state HTTP/1.1\r\n\r\n") == 403, "no Host")
        #expect(f.request("POST", "/api/drop", json: "{}", headers: ["Origin: http://evil.example"]).status == 403)
        #expect(f.request("POST", "/api/drop", json: "{}", headers: ["Origin: http://\(f.host)"]).status == 200)
        #expect(f.request("GET", "/api/state", headers: []).status == 200)
        #expect(HTTPReply(RawClient.exchange(port: f.port, Array("GET / HTTP/1.1\r\nHost: localhost:\(f.port)\r\n\r\n".utf8))).status == 200)
        stillServing(f, "foreign hosts")
    }

    @Test("a slow client gets 408 and does not hold the server")
    func slowLoris() throws {
        let f = try ServeFixture(); defer { f.close() }
        let fd = RawClient.connect(port: f.port)
        defer { close(fd) }
        RawClient.send(fd, Array("GET /api/state HTTP/1.1\r\nHo".utf8))
        #expect(f.request("GET", "/api/state").status == 200, "others are served meanwhile")
        let started = Date()
        let reply = HTTPReply(RawClient.readAll(fd))
        #expect(reply.status == 408)
        #expect(Date().timeIntervalSince(started) < 5)
        stillServing(f, "a slow client")
    }

    @Test("many connections at once: each answered (200 or 503), then the server answers as before")
    func manyConnections() throws {
        let f = try ServeFixture(); defer { f.close() }
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 120) { i in
            statuses.add(f.request("GET", i % 2 == 0 ? "/api/state" : "/api/scenario").status)
        }
        let all = statuses.all
        #expect(all.count == 120)
        #expect(all.allSatisfy { $0 == 200 || $0 == 503 }, "\(Set(all))")
        #expect(all.filter { $0 == 200 }.count >= 32)
        // Idle connections that never send: the limit frees itself when they time out.
        let idle = (0..<40).map { _ in RawClient.connect(port: f.port) }
        Thread.sleep(forTimeInterval: 1.6)
        idle.forEach { close($0) }
        Thread.sleep(forTimeInterval: 0.2)
        stillServing(f, "many connections")
    }

    @Test("a client that stops reading is dropped; the others are served")
    func stopsReading() throws {
        let f = try ServeFixture(); defer { f.close() }
        let body = #"{"event": "STOCK", "from": "2017-01-02", "to": "2018-12-31"}"#
        let requests = ["POST /api/sweep HTTP/1.1\r\nHost: \(f.host)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body]
            + Array(repeating: "GET /api/export?format=html HTTP/1.1\r\nHost: \(f.host)\r\n\r\n", count: 3)
        let fds = requests.map { r -> Int32 in
            let fd = RawClient.connect(port: f.port, receiveBuffer: 2048)
            RawClient.send(fd, Array(r.utf8))
            return fd
        }
        let wait = Date()
        while Date().timeIntervalSince(wait) < 3 { #expect(f.request("GET", "/api/state").status == 200); Thread.sleep(forTimeInterval: 0.3) }
        fds.forEach { close($0) }
        stillServing(f, "clients that stop reading")
    }
}

final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    func add(_ s: Int) { lock.lock(); list.append(s); lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return list }
}
