import Foundation

/// One HTTP/1.1 request as the planner's server reads it: the method, the path and query of the
/// target, the header fields (names in lower case) and the body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The target's path, percent-decoded, without the query.
    public var path: String
    public var query: [String: String]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method; self.path = path; self.query = query; self.headers = headers; self.body = body
    }

    /// The value of header `name` (any case), the first one when repeated.
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name == n }?.value
    }
}

/// The limits a request must keep, or it is refused with a 4xx status.
public struct HTTPLimits: Sendable {
    /// Bytes of the request line and header fields together (431 above).
    public var headerBytes = 16 * 1024
    /// Bytes of a body (413 above).
    public var bodyBytes = 256 * 1024
    /// Seconds a client has to send its whole request (408 after; the slow-loris guard).
    public var requestSeconds = 10.0
    /// Seconds one write may wait for a client that does not read before it is dropped.
    public var writeSeconds = 10.0
    /// Connections served at once; more are answered 503 and closed.
    public var connections = 32
    public init() {}
}

/// Why a request is refused: the status and a sentence for the planner (or the tester).
public struct HTTPError: Error, Equatable, Sendable {
    public var status: Int
    public var message: String
    public init(_ status: Int, _ message: String) { self.status = status; self.message = message }
}

/// Parses the head of a request (everything before the blank line), strictly: a request line
/// `METHOD /path HTTP/1.x`, then `Name: value` fields; anything else is a 400.
enum HTTPParser {
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"]

    static func head(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> (HTTPRequest, contentLength: Int) {
        guard bytes.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 < 127) || $0 == 13 || $0 == 10 }) else {
            throw HTTPError(400, "the request head holds bytes that are not printable ASCII")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw HTTPError(400, "a malformed request line") }
        guard methods.contains(parts[0]) else { throw HTTPError(501, "method '\(parts[0])' is not known") }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { throw HTTPError(505, "only HTTP/1.1 is spoken here") }
        var request = HTTPRequest(method: parts[0], path: "")
        (request.path, request.query) = try target(parts[1])
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, !line.hasPrefix(" "), !line.hasPrefix("\t") else {
                throw HTTPError(400, "a malformed header field")
            }
            let name = String(line[..<colon])
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) }) else { throw HTTPError(400, "a malformed header name") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            request.headers.append((name.lowercased(), value))
        }
        return (request, try contentLength(request))
    }

    static func contentLength(_ r: HTTPRequest) throws(HTTPError) -> Int {
        if r.header("transfer-encoding") != nil { throw HTTPError(411, "chunked bodies are not accepted: send Content-Length") }
        let values = Set(r.headers.filter { $0.name == "content-length" }.map(\.value))
        guard let v = values.first else { return 0 }
        guard values.count == 1, !v.isEmpty, v.count <= 12, v.allSatisfy(\.isASCII), let n = Int(v), n >= 0, v.allSatisfy(\.isNumber) else {
            throw HTTPError(400, "a bad Content-Length")
        }
        return n
    }

    /// The origin-form target `/path?query`, percent-decoded; `..`, `//` and control bytes refused.
    static func target(_ raw: String) throws(HTTPError) -> (String, [String: String]) {
        guard raw.hasPrefix("/"), raw.count <= 2048 else { throw HTTPError(400, "the target must be a path starting with '/'") }
        let pieces = raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = decode(String(pieces[0])) else { throw HTTPError(400, "a badly encoded path") }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0 == "." }) || path.contains("\\") || path.contains("\0") {
            throw HTTPError(400, "path segments '.' and '..' are refused")
        }
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let k = decode(String(kv[0])), let v = decode(kv.count > 1 ? String(kv[1]) : "") else {
                    throw HTTPError(400, "a badly encoded query")
                }
                query[k] = v
            }
        }
        return (path, query)
    }

    /// Percent-decoding (`+` is a space in a query); nil for a bad escape or bytes that are not UTF-8.
    static func decode(_ s: String) -> String? {
        var out: [UInt8] = []
        var it = Array(s.utf8).makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
            } else {
                out.append(b == UInt8(ascii: "+") ? 32 : b)
            }
        }
        guard let text = String(validating: out, as: UTF8.self), !text.contains(where: { $0.asciiValue.map { $0 < 32 } ?? false }) else { return nil }
        return text
    }
}
