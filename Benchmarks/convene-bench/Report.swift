import Convene
import Foundation

/// The benchmark table (Markdown) and its JSON.
enum Report {
    static func fmt(_ v: Double?, _ digits: Int = 1) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "-" }

    static func markdown(_ rows: [Measurement]) -> String {
        let header = "| instance | events | constraints | status | cost | first calendar (ms) | solve (ms) | nodes | nodes/s | peak MB | re-checked | note |\n|---|--:|--:|---|--:|--:|--:|--:|--:|--:|---|---|\n"
        return header + rows.map { r in
            "| \(r.instance) | \(r.events) | \(r.constraints) | \(r.status) | \(r.cost.map(formatNumber) ?? "-") | \(fmt(r.firstMs)) | \(fmt(r.solveMs)) | \(r.nodes) | \(fmt(r.nodesPerSecond, 0)) | \(fmt(r.peakMB)) | \(r.checked ? "yes" : "NO") | \(r.note) |"
        }.joined(separator: "\n") + "\n"
    }

    static func json(_ rows: [Measurement]) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try e.encode(rows), as: UTF8.self) + "\n"
    }
}
