import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on the toolchain's own sockets: one listening IPv4 socket, a thread
/// per connection (at most `limits.connections` at once), one request per connection
/// (`Connection: close`). Every request is read within `limits` (time, head and body size) or
/// refused with its 4xx; a client that stops reading is dropped after `limits.writeSeconds`.
/// Requests whose Host is not this server's own (DNS rebinding) are refused with 403 before
/// they reach the handler.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest, HTTPResponder) -> Void
    public let host: String
    public let limits: HTTPLimits
    private let handler: Handler
    private var listener: Int32 = -1
    private let stopping = Atomic<Bool>(false)
    private let active = Atomic<Int>(0)
    private let done = DispatchGroup()
    /// The port bound, once `start` returns (the one asked, or the kernel's choice for 0).
    public private(set) var port: UInt16 = 0

    public init(host: String = "127.0.0.1", limits: HTTPLimits = HTTPLimits(), handler: @escaping Handler) {
        self.host = host; self.limits = limits; self.handler = handler
    }

    /// Binds `host:port` (0: any free port), listens, and serves on a thread of its own.
    public func start(port wanted: UInt16 = 0) throws -> UInt16 {
        signal(SIGPIPE, SIG_IGN)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPError(500, "cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = wanted.bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { close(fd); throw HTTPError(500, "'\(host)' is not an IPv4 address") }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw HTTPError(500, "cannot listen on \(host):\(wanted): \(reason)")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = UInt16(bigEndian: addr.sin_port)
        listener = fd
        done.enter()
        let t = Thread { [self] in acceptLoop(); done.leave() }
        t.start()
        return port
    }

    /// Stops accepting, waits for the accept loop, and closes the listening socket. Connections
    /// being served finish on their own (each is bounded by the limits).
    public func stop() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        done.wait()
        close(listener)
    }

    /// The Host values this server answers to.
    public var ownHosts: Set<String> {
        var hosts: Set<String> = ["127.0.0.1:\(port)", "localhost:\(port)", "\(host):\(port)"]
        if port == 80 { hosts.formUnion(["127.0.0.1", "localhost", host]) }
        return hosts
    }

    private func acceptLoop() {
        while !stopping.load(ordering: .relaxed) {
            var p = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 100) > 0 else { continue }
            let c = accept(listener, nil, nil)
            guard c >= 0 else { continue }
            _ = fcntl(c, F_SETFD, FD_CLOEXEC)
            var tv = timeval(tv_sec: Int(limits.writeSeconds), tv_usec: 0)
            setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            if active.add(1, ordering: .relaxed).newValue > limits.connections {
                HTTPResponder(fd: c).send(status: 503, json: errorJSON("too many connections at once; try again"))
                close(c)
                active.subtract(1, ordering: .relaxed)
                continue
            }
            let t = Thread { [self] in
                serve(c)
                close(c)
                active.subtract(1, ordering: .relaxed)
            }
            t.stackSize = 16 << 20
            t.start()
        }
    }

    private func serve(_ fd: Int32) {
        let responder = HTTPResponder(fd: fd)
        let request: HTTPRequest
        do {
            request = try read(fd)
        } catch {
            if error.status > 0 { responder.send(status: error.status, json: errorJSON(error.message)) }
            return
        }
        guard let h = request.header("host"), ownHosts.contains(h.lowercased()) else {
            responder.send(status: 403, json: errorJSON("this server answers only to Host \(host):\(port)"))
            return
        }
        handler(request, responder)
    }

    /// Reads one request within the limits; status 0 means the client went away (no answer).
    private func read(_ fd: Int32) throws(HTTPError) -> HTTPRequest {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limits.requestSeconds * 1e9)
        var buffer: [UInt8] = []
        var headEnd: Int? = nil
        var parsed: (HTTPRequest, contentLength: Int)? = nil
        while true {
            if headEnd == nil, let end = find(crlfcrlf, in: buffer) {
                headEnd = end
                guard end <= limits.headerBytes else { throw HTTPError(431, "the request head is over \(limits.headerBytes) bytes") }
                parsed = try HTTPParser.head(buffer[..<end])
                guard parsed!.contentLength <= limits.bodyBytes else { throw HTTPError(413, "the body is over \(limits.bodyBytes) bytes") }
            }
            if headEnd == nil, buffer.count > limits.headerBytes { throw HTTPError(431, "the request head is over \(limits.headerBytes) bytes") }
            if let end = headEnd, let (head, length) = parsed, buffer.count >= end + 4 + length {
                if buffer.count > end + 4 + length { throw HTTPError(400, "bytes after the body: one request per connection") }
                var request = head
                request.body = Array(buffer[(end + 4)...])
                return request
            }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw HTTPError(408, "the request did not arrive within \(formatNumber(limits.requestSeconds)) s") }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(min(1000, (deadline - now) / 1_000_000 + 1))) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else {
                // Closed or reset: a truncated request gets a 400 if the peer can still read it.
                throw HTTPError(buffer.isEmpty ? 0 : 400, "the request was cut short")
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    private let crlfcrlf: [UInt8] = [13, 10, 13, 10]

    private func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == 13 && hay[i + 1] == 10 && hay[i + 2] == 13 && hay[i + 3] == 10 { return i }
        return nil
    }
}

/// `{"error": message}`.
func errorJSON(_ message: String) -> String {
    JSONWriter.write(.object([("error", .string(message))]))
}

/// Writes one response on a connection: a whole one (`send`), or a stream of server-sent events
/// (`startEvents`, then `event` until it returns false: the client went away).
public final class HTTPResponder: @unchecked Sendable {
    let fd: Int32
    private var started = false

    init(fd: Int32) { self.fd = fd }

    /// Headers every answer carries: no caching, no sniffing, no framing, and a policy that
    /// lets the page load nothing but its own script and style from this server.
    static let common = [
        ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"), ("Connection", "close"),
        ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    ]

    @discardableResult
    public func send(status: Int, type: String = "application/json; charset=utf-8", body: [UInt8],
                     headers: [(String, String)] = [], head: Bool = false) -> Bool {
        guard !started else { return false }
        started = true
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
        for (k, v) in Self.common + headers { text += "\(k): \(v)\r\n" }
        return write(Array((text + "\r\n").utf8) + (head ? [] : body))
    }

    @discardableResult
    public func send(status: Int, json: String) -> Bool { send(status: status, body: Array(json.utf8)) }

    /// Starts a `text/event-stream` answer (no length: it ends when the connection closes).
    public func startEvents() -> Bool {
        guard !started else { return false }
        started = true
        var text = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
        for (k, v) in Self.common { text += "\(k): \(v)\r\n" }
        return write(Array((text + "\r\n").utf8))
    }

    /// One server-sent event; `data` may hold line breaks (each line gets its `data:`).
    @discardableResult
    public func event(_ name: String, _ data: String) -> Bool {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false)
        let body = "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
        return write(Array(body.utf8))
    }

    /// Writes all of `bytes`; false when the client is gone or has not read for the write timeout.
    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    static func reason(_ status: Int) -> String {
        let reasons = [200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                       408: "Request Timeout", 409: "Conflict", 411: "Length Required", 413: "Content Too Large",
                       415: "Unsupported Media Type", 422: "Unprocessable Content", 431: "Request Header Fields Too Large",
                       500: "Internal Server Error", 501: "Not Implemented", 503: "Service Unavailable", 505: "HTTP Version Not Supported"]
        return reasons[status] ?? "Status"
    }
}
