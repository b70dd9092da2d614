/// A sweep's rows as the `sweep/1` JSON document `sweep --format json` writes, and back: what
/// `sweep --merge` joins. A shard's document also says which slice it is (`shard`) and how many
/// candidate dates the whole sweep has, so that a merge can tell a complete set of shards; the
/// merged document is the same bytes as the single run's, which has no `shard` field.
public struct SweepFile: Sendable {
    public var scenario: String
    public var event: String
    public var rows: [SweepRow]
    /// With a shard's output: its slice, and the number of candidate dates of the whole sweep.
    public var shard: (slice: Shard, candidates: Int)? = nil

    public init(scenario: String, event: String, rows: [SweepRow], shard: (slice: Shard, candidates: Int)? = nil) {
        self.scenario = scenario; self.event = event; self.rows = rows; self.shard = shard
    }

    public func json() -> String {
        var members: [(key: String, value: JSONValue)] = [("format", .string("sweep/1")), ("scenario", .string(scenario)), ("event", .string(event))]
        if let shard {
            members.append(("shard", .object([("index", .number(Double(shard.slice.index))), ("count", .number(Double(shard.slice.count))),
                                              ("candidates", .number(Double(shard.candidates)))])))
        }
        members.append(("rows", .array(rows.map { r in .object([
            ("date", .string(r.date.iso)), ("status", r.status.map { .string($0.rawValue) } ?? .null),
            ("whatifCost", r.whatIfCost.map(JSONValue.number) ?? .null), ("cost", r.cost.map(JSONValue.number) ?? .null),
            ("disturbance", r.disturbance.map(JSONValue.number) ?? .null), ("moved", .number(Double(r.moved))),
            ("newClashes", .array(r.newClashes.map(JSONValue.string))), ("best", .bool(r.best)),
            ("lowerBound", r.lowerBound.map(JSONValue.number) ?? .null), ("moves", .array(r.moves.map(JSONValue.string))),
        ]) })))
        return JSONWriter.write(.object(members))
    }

    /// Reads a `sweep/1` document; the reason when it is not one.
    public static func read(_ text: String) -> Result<SweepFile, ChangeError> {
        let v: JSONValue
        do { v = try JSONParser.parse(Array(text.utf8)) } catch { return .failure(ChangeError("not JSON: \(error)")) }
        guard case .string("sweep/1")? = v["format"] else { return .failure(ChangeError("not a sweep/1 document (format)")) }
        guard case .string(let scenario)? = v["scenario"], case .string(let event)? = v["event"] else {
            return .failure(ChangeError("a sweep/1 document needs 'scenario' and 'event'"))
        }
        var file = SweepFile(scenario: scenario, event: event, rows: [])
        if let s = v["shard"] {
            guard case .number(let i)? = s["index"], case .number(let n)? = s["count"], case .number(let c)? = s["candidates"],
                  let slice = Shard.parse("\(Int(i))/\(Int(n))"), c >= 0 else { return .failure(ChangeError("a bad 'shard'")) }
            file.shard = (slice, Int(c))
        }
        guard case .array(let rows)? = v["rows"] else { return .failure(ChangeError("a sweep/1 document needs 'rows'")) }
        for (i, r) in rows.enumerated() {
            guard case .string(let d)? = r["date"], let date = Day(iso: d) else { return .failure(ChangeError("rows[\(i)].date is no date")) }
            var row = SweepRow(date: date)
            if case .string(let s)? = r["status"] {
                guard let st = SolveStatus(rawValue: s) else { return .failure(ChangeError("rows[\(i)].status '\(s)' is unknown")) }
                row.status = st
            }
            func number(_ k: String) -> Double? { if case .number(let x)? = r[k] { return x }; return nil }
            func strings(_ k: String) -> [String] {
                guard case .array(let a)? = r[k] else { return [] }
                return a.compactMap { if case .string(let s) = $0 { return s }; return nil }
            }
            row.whatIfCost = number("whatifCost"); row.cost = number("cost"); row.disturbance = number("disturbance")
            row.moved = Int(number("moved") ?? 0); row.lowerBound = number("lowerBound")
            row.newClashes = strings("newClashes"); row.moves = strings("moves")
            if case .bool(let b)? = r["best"] { row.best = b }
            file.rows.append(row)
        }
        return .success(file)
    }

    /// Joins shard documents into the single run's: the same scenario, event and number of
    /// shards, each slice once, every candidate date once; the best dates marked again over all.
    public static func merge(_ files: [SweepFile]) -> Result<SweepFile, ChangeError> {
        guard let first = files.first else { return .failure(ChangeError("nothing to merge")) }
        guard let n = first.shard?.slice.count, let total = first.shard?.candidates else {
            return .failure(ChangeError("the first file is not a shard's output (no 'shard' field)"))
        }
        var seen = Set<Int>()
        for f in files {
            guard f.scenario == first.scenario, f.event == first.event else {
                return .failure(ChangeError("the files sweep different things (\(first.scenario)/\(first.event) and \(f.scenario)/\(f.event))"))
            }
            guard let s = f.shard, s.slice.count == n, s.candidates == total else {
                return .failure(ChangeError("the files are not shards of one sweep into \(n)"))
            }
            guard seen.insert(s.slice.index).inserted else { return .failure(ChangeError("shard \(s.slice) is given twice")) }
        }
        let missing = (1...n).filter { !seen.contains($0) }
        guard missing.isEmpty else {
            return .failure(ChangeError("missing shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(n)" }.joined(separator: ", "))"))
        }
        var rows = files.flatMap(\.rows).sorted { $0.date < $1.date }
        guard rows.count == total, zip(rows, rows.dropFirst()).allSatisfy({ $0.date < $1.date }) else {
            return .failure(ChangeError("the shards hold \(rows.count) dates, not the sweep's \(total) candidates once each"))
        }
        Sweep.markBest(&rows)
        return .success(SweepFile(scenario: first.scenario, event: first.event, rows: rows))
    }
}
