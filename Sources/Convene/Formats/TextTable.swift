/// An aligned plain-text table: a header row, then rows, columns padded to their widest cell.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]]

    public init(_ headers: [String], _ rows: [[String]]) {
        self.headers = headers
        self.rows = rows.map { $0.map(\.escapingControls) }
    }

    public func render(indent: String = "") -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        return all.map { row in
            let cells = row.enumerated().map { c, cell in c + 1 == row.count ? cell : cell + String(repeating: " ", count: widths[c] - cell.count) }
            return indent + cells.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
