import Convene
import Foundation

/// Infeasible members of the hard family (issue 15), made the way a planner makes them:
///
/// - `window`: one process's stocktaking gets a window that closes four days after its last
///   thematic session's window opens, so it must end before TS6 can end (the stocktaking must
///   start at least 7 days after TS6 ends). Expected conflict: the precedence, `window:TS6` and
///   `window:ST` (three elements).
/// - `rooms`: the stocktakings of rooms + 1 processes (three when Vienna has two rooms) are pinned
///   (`fixed`) to the same three days in Vienna. The date and the processes are chosen so that
///   the hard family's witness, with those stocktakings moved there, meets every hard rule once
///   Vienna has one room more: each pin alone is possible, so the expected conflict is the pins
///   and `rooms:VIE`. The witness written is that calendar (valid with the extra room).
/// - `rotation`: one process's thematic sessions are allowed only in Geneva and New York (those
///   that were to meet in Vienna get both), while its rotation needs one in Vienna. Expected
///   conflict: the rotation and the venues of the sessions that were Vienna's.
///
/// The process (window, rotation) and the order in which dates are tried (rooms) come from the seed.
enum Infeasible {
    struct Member {
        var scenario: JSONValue
        /// A calendar meeting every hard rule after the expected repair.
        var witness: JSONValue?
        var expected: [String]
    }

    static func generate(kind: String, processes k: Int, seed: UInt64) throws -> Member {
        let m = try HardFamily.generate(processes: k, seed: seed)
        switch kind {
        case "window": return try window(m.scenario, processes: k, seed: seed)
        case "rooms":
            // The first member, from seed 100·s on, where rooms + 1 stocktakings can meet; else
            // (few processes, whose shifts keep their stocktakings apart) with Vienna's rooms cut
            // down one at a time, to k − 1 at most.
            let rooms0 = HardFamily.venueRooms(processes: k)
            for target in stride(from: min(rooms0, k - 1), through: 1, by: -1) {
                for base in (100 * seed)..<(100 * seed + 20) {
                    let m = try HardFamily.generate(processes: k, seed: base)
                    if let r = try rooms(m.scenario, m.witness, processes: k, seed: seed, target: target) { return r }
                }
            }
            throw BenchError("no member of K=\(k) from seed \(100 * seed) on takes two stocktakings in Vienna")
        case "rotation": return try rotation(m.scenario, processes: k, seed: seed)
        default: throw BenchError("--infeasible expects window, rooms or rotation, found '\(kind)'")
        }
    }

    // MARK: JSON editing

    static func field(_ v: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = v else { return nil }
        return members.first { $0.key == key }?.value
    }

    static func setting(_ v: JSONValue, _ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = v else { return v }
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
        return .object(members)
    }

    static func string(_ v: JSONValue?) -> String? { if case .string(let s)? = v { return s }; return nil }

    /// `doc` with `edit` applied to the event `id`.
    static func editEvent(_ doc: JSONValue, _ id: String, _ edit: (JSONValue) -> JSONValue) throws -> JSONValue {
        guard case .array(var events)? = field(doc, "events"),
              let i = events.firstIndex(where: { string(field($0, "id")) == id }) else { throw BenchError("no event \(id)") }
        events[i] = edit(events[i])
        return setting(doc, "events", .array(events))
    }

    static func event(_ doc: JSONValue, _ id: String) -> JSONValue? {
        guard case .array(let events)? = field(doc, "events") else { return nil }
        return events.first { string(field($0, "id")) == id }
    }

    // MARK: The two kinds

    static func window(_ doc: JSONValue, processes k: Int, seed: UInt64) throws -> Member {
        let p = Int(seed % UInt64(k))
        guard let ts6 = event(doc, "P\(p)-TS6"), let w = field(ts6, "window"),
              let opens = string(field(w, "earliest")).flatMap(Day.init(iso:)) else { throw BenchError("no TS6 window for process \(p)") }
        let closes = opens + 4
        let out = try editEvent(doc, "P\(p)-ST") { st in
            setting(setting(st, "window", .object([("earliest", .string((closes - 30).iso)), ("latest", .string(closes.iso))])),
                    "preferredStart", .string((closes - 5).iso))
        }
        return Member(scenario: out, witness: nil, expected: ["P\(p)-st-after-ts6", "window:P\(p)-TS6", "window:P\(p)-ST"])
    }

    static func rotation(_ doc: JSONValue, processes k: Int, seed: UInt64) throws -> Member {
        let p = Int(seed % UInt64(k))
        var out = doc, moved: [String] = []
        for t in 1...6 {
            let id = "P\(p)-TS\(t)"
            guard let ts = event(doc, id), case .array(let venues)? = field(ts, "venues") else { throw BenchError("no \(id)") }
            guard venues.contains(where: { string($0) == "VIE" }) else { continue }
            out = try editEvent(out, id) { setting($0, "venues", .array([.string("GVA"), .string("NYC")])) }
            moved.append("venues:\(id)")
        }
        guard !moved.isEmpty else { throw BenchError("process \(p) has no thematic session in Vienna") }
        return Member(scenario: out, witness: nil, expected: ["P\(p)-ts-rotation"] + moved)
    }

    static func rooms(_ doc: JSONValue, _ witnessDoc: JSONValue, processes k: Int, seed: UInt64, target: Int) throws -> Member? {
        var doc = doc
        var scenario = try ScenarioReader.read(Array(JSONWriter.write(doc).utf8), file: "hard")
        guard let vie = scenario.venues.firstIndex(where: { $0.id == "VIE" }), var rooms = scenario.venues[vie].rooms else {
            throw BenchError("no Vienna with rooms")
        }
        guard k >= 2 else { throw BenchError("one process never shares a room: its noOverlap keeps all its events apart") }
        if rooms > target {
            // Vienna gets `target` rooms, so that target + 1 stocktakings overfill it.
            rooms = target
            guard case .array(var venues)? = field(doc, "venues") else { throw BenchError("no venues") }
            venues[vie] = setting(venues[vie], "rooms", .number(Double(rooms)))
            doc = setting(doc, "venues", .array(venues))
        }
        let file = try CalendarFile.read(Array(JSONWriter.write(witnessDoc).utf8), file: "witness")
        var schedule = Evaluator(scenario).schedule(from: file).0
        scenario.venues[vie].rooms = rooms + 1
        let evaluator = Evaluator(scenario)
        let stocks = (0..<k).compactMap { p in scenario.eventIndex("P\(p)-ST") }.filter { scenario.events[$0].venues.contains(vie) }
        guard stocks.count > rooms else { return nil }
        // Candidate dates: every Monday to Wednesday in some stocktaking's window, from a seeded point on.
        var dates = Array(Set(stocks.flatMap { e -> [Day] in
            let w = scenario.events[e].window
            return (0...(w.end - w.start)).map { w.start + $0 }.filter { [.mon, .tue, .wed].contains($0.weekday) }
        })).sorted()
        let shift = Int(seed % UInt64(max(1, dates.count)))
        dates = Array(dates[shift...] + dates[..<shift])
        for d in dates {
            guard let place = evaluator.place(start: d, venue: vie, days: 3) else { continue }
            var trial = schedule
            var chosen: [Int] = []
            for e in stocks {
                var next = trial
                next[e] = place
                guard evaluator.structureReasons(of: e, place).isEmpty, evaluator.evaluate(next).hardOK else { continue }
                trial = next
                chosen.append(e)
                if chosen.count == rooms + 1 { break }
            }
            guard chosen.count == rooms + 1 else { continue }
            schedule = trial
            var out = doc
            for e in chosen {
                out = try editEvent(out, scenario.events[e].id) { st in
                    setting(st, "fixed", .object([("start", .string(d.iso)), ("venue", .string("VIE"))]))
                }
            }
            let ids = chosen.map { scenario.events[$0].id }
            var assignments: [JSONValue] = []
            for (e, p) in schedule.enumerated() {
                guard let p else { continue }
                var members: [(key: String, value: JSONValue)] = [("event", .string(scenario.events[e].id)), ("start", .string(p.start.iso)), ("end", .string(p.end.iso))]
                if let v = p.venue { members.append(("venue", .string(scenario.venues[v].id))) }
                members.append(("days", .number(p.days)))
                assignments.append(.object(members))
            }
            let witness: JSONValue = .object([("format", .string("calendar/1")), ("scenario", .string(scenario.name)), ("status", .string("feasible")),
                                              ("assignments", .array(assignments))])
            return Member(scenario: out, witness: witness, expected: ids.map { "fixed:\($0)" } + ["rooms:VIE"])
        }
        return nil
    }
}

/// `conflicts [--kinds window,rooms,rotation] [--processes 1,5,10,40] [--seeds 1,2,3] [--time-limit 30] [--verify]`:
/// each infeasible member solved as `convene solve` does, with the seconds to the proof of
/// infeasibility and to the conflict, its size, whether it is minimal and the expected one, and
/// its repairs. One line per member, then a Markdown table. With `--verify` it fails (exit 1) when a
/// conflict is missing, not the expected one, or not minimal by the spec's definition: CI runs it
/// at 25 to 250 events.
enum ConflictBench {
    static func run() throws {
        func list(_ name: String) -> [String]? { option(name).map { $0.split(separator: ",").map(String.init) } }
        let kinds = list("kinds") ?? ["window", "rooms", "rotation"]
        let sizes = (list("processes") ?? ["1", "5", "10", "40"]).compactMap(Int.init)
        let seeds = (list("seeds") ?? ["1", "2", "3"]).compactMap(UInt64.init)
        let limit = option("time-limit").flatMap(Double.init) ?? 30
        var rows: [[String]] = []
        var failed: [String] = []
        for kind in kinds {
            for k in sizes {
                for seed in seeds {
                    let label = "\(kind) K=\(k) (\(25 * k) events) s\(seed)"
                    let m: Infeasible.Member
                    do { m = try Infeasible.generate(kind: kind, processes: k, seed: seed) } catch {
                        print("\(label): not generated: \(error)"); rows.append([kind, "\(25 * k)", "\(seed)", "-", "-", "-", "-", "-", "-", "not generated: \(error)"]); continue
                    }
                    let scenario = try ScenarioReader.read(Array(JSONWriter.write(m.scenario).utf8), file: label)
                    let t0 = Date()
                    let solution = try Solver.solve(scenario, limits: Limits(timeLimit: limit))
                    let total = Date().timeIntervalSince(t0)
                    // The conflict alone, on the whole scenario (solve may explain a part of it),
                    // then its repairs.
                    let t1 = Date()
                    let explainer = ConflictExplainer(scenario, limits: Limits(timeLimit: limit))
                    let alone = explainer.conflict(repairs: false)
                    let explainOnly = Date().timeIntervalSince(t1)
                    let t2 = Date()
                    let repairsAlone = alone.map { explainer.repairs(for: $0.elements.map(\.id)) } ?? []
                    let repairSeconds = Date().timeIntervalSince(t2)
                    let same = alone?.elements.map(\.element) == solution.conflict?.map(\.element) && repairsAlone == solution.repairs
                    // With --verify: the spec's definition checked by fresh learning searches of
                    // the whole scenario (not the assumption search that found it).
                    var verified = ""
                    if args.contains("--verify") {
                        if let c = alone, c.minimal {
                            let t3 = Date()
                            let ok = ConflictExplainer(scenario, limits: Limits(timeLimit: limit)).isMinimal(c.elements.map(\.id))
                            verified = ", verified \(ok.map { $0 ? "minimal" : "NOT MINIMAL" } ?? "unknown (limit)") in \(String(format: "%.1f", Date().timeIntervalSince(t3))) s"
                            if ok != true { failed.append("\(label): not verified minimal") }
                        } else {
                            failed.append("\(label): no minimal conflict")
                        }
                        if solution.conflict?.map(\.element) != m.expected { failed.append("\(label): solve's conflict is not the expected \(m.expected)") }
                    }
                    let conflict = (solution.conflict ?? solution.unprovenConflict)?.map(\.element) ?? []
                    let status = solution.conflict != nil ? "minimal" : solution.unprovenConflict != nil ? "not proven minimal" : "none"
                    let repairs = solution.repairs.map(\.sentence).joined(separator: "; ")
                    let line = [kind, "\(25 * k)", "\(seed)", String(format: "%.3f", total), String(format: "%.3f", explainOnly), String(format: "%.3f", repairSeconds), "\(conflict.count)", status,
                                conflict == m.expected ? "yes" : "no", repairs]
                    print("\(label): \(solution.status.rawValue) in \(String(format: "%.3f", total)) s (conflict alone \(String(format: "%.3f", explainOnly)) s, repairs \(String(format: "%.3f", repairSeconds)) s\(same ? "" : ", NOT the same as solve's")), conflict \(status) \(conflict)"
                          + (conflict == m.expected ? "" : " (expected \(m.expected))") + verified + (repairs.isEmpty ? "" : "\n  repairs: \(repairs)"))
                    rows.append(line)
                }
            }
        }
        print("\n| kind | events | seed | solve, conflict, repairs (s) | conflict alone (s) | repairs alone (s) | size | conflict | as expected | repairs |\n|---|---:|---:|---:|---:|---:|---:|---|---|---|")
        for r in rows { print("| " + r.joined(separator: " | ") + " |") }
        if !failed.isEmpty { throw BenchError("conflicts --verify failed:\n" + failed.joined(separator: "\n")) }
    }
}

extension HardFamily {
    /// The rooms of each venue in member K (as `Builder.init` sets them).
    static func venueRooms(processes k: Int) -> Int { k >= 30 ? 4 : k >= 12 ? 3 : 2 }
}
