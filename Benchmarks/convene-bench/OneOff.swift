import Convene
import Foundation

/// The one-off case (README, "Not yet good"): N unrelated meetings over 2018 at three venues
/// (Geneva 8 rooms, New York 10, Vienna 5), each of 1–5 days, at one venue or either of two,
/// in a window of ± 14 days around its preferred start; 30 outside events and three soft rules
/// against them. Every meeting is its own part, and the parts share only rooms.
///
/// Feasible by construction: each meeting is placed in a `Witness` before its window is written;
/// a meeting that finds no room near its wish draws another wish. Short meetings are more
/// common (35 % one day … 8 % five days), so that 2,000 meetings fill about four fifths of the
/// rooms' days.
enum OneOff {
    static let venues: [(id: String, rooms: Int)] = [("GVA", 8), ("NY", 10), ("VIE", 5)]

    static func name(meetings n: Int, seed: UInt64) -> String { "oneoff-\(n)-s\(seed)" }

    /// A length of 1–5 days, short ones more often.
    static func length(_ rng: inout SplitMix64) -> Int {
        let r = rng.int(0...99)
        return r < 35 ? 1 : r < 60 ? 2 : r < 80 ? 3 : r < 92 ? 4 : 5
    }

    /// A venue, drawn in proportion to its rooms (8 : 10 : 5), so that each fills alike.
    static func venue(_ rng: inout SplitMix64) -> Int {
        let r = rng.int(0...22)
        return r < 8 ? 0 : r < 18 ? 1 : 2
    }

    /// Member (N, seed): the scenario/1 document and its witness calendar.
    static func generate(meetings n: Int, seed: UInt64) throws -> (scenario: JSONValue, witness: JSONValue) {
        var rng = SplitMix64(seed: seed &* 0xD1B5_4A32_D192_ED03 &+ UInt64(n) &+ 0x4F4E_45)
        let horizon = Day(iso: "2018-01-01")!...Day(iso: "2018-12-31")!
        let closed = Family.venues.map { Set($0.closed.map { Day(iso: $0)!.ordinal }) }
        var witness = Witness(venues: venues.enumerated().map { i, v in
            Witness.Venue(id: v.id, city: Family.venues[i].city, closed: closed[i], rooms: v.rooms)
        }, horizon: horizon)
        var events: [JSONValue] = []
        for i in 0..<n {
            let id = String(format: "M%04d", i + 1)
            let days = length(&rng)
            let first = venue(&rng)
            let places = rng.chance(20) ? [first, (first + rng.int(1...2)) % 3] : [first]
            var tries = 0
            while true {
                tries += 1
                guard tries <= 200 else { throw BenchError("one-off: no room for \(id) of N=\(n), seed \(seed)") }
                let want = horizon.lowerBound + rng.int(7...357)
                let window = max(want - 14, horizon.lowerBound)...min(want + 14, horizon.upperBound)
                guard let (a, dates) = witness.find(.init(id: id, venues: places, lengths: [Double(days)], window: window, prefer: want),
                                                    apart: []) else { continue }
                witness.add(a, dates: dates)
                events.append(.object([("id", .string(id)), ("kind", .string("meeting")), ("days", .number(Double(days))),
                                       ("venues", .array(places.map { .string(venues[$0].id) })),
                                       ("window", .object([("earliest", .string(window.lowerBound.iso)), ("latest", .string(window.upperBound.iso))])),
                                       ("preferredStart", .string(want.iso))]))
                break
            }
        }
        let doc: JSONValue = .object([
            ("format", .string("scenario/1")), ("name", .string(name(meetings: n, seed: seed))),
            ("horizon", .object([("start", .string(horizon.lowerBound.iso)), ("end", .string(horizon.upperBound.iso))])),
            ("venues", .array(venues.enumerated().map { i, v in
                .object([("id", .string(v.id)), ("name", .string("United Nations, \(Family.venues[i].city)")),
                         ("city", .string(Family.venues[i].city)), ("closed", .array(Family.venues[i].closed.map(JSONValue.string))),
                         ("rooms", .number(Double(v.rooms)))])
            })),
            ("events", .array(events)), ("external", .array(externals(&rng))), ("constraints", .array(rules())),
            ("objective", .object([("preferredStartWeight", .number(1))])),
        ])
        return (doc, witness.document(scenario: name(meetings: n, seed: seed)))
    }

    /// 30 outside events of 2018 in the three cities and elsewhere.
    static func externals(_ rng: inout SplitMix64) -> [JSONValue] {
        let categories = ["GFMD", "IOM-IDM", "RCP", "REC", "HRC"]
        let places = ["Geneva", "New York", "Vienna", "Rabat", "Bangkok", "GVA", "NY"]
        return (0..<30).map { i in
            let start = Day(iso: "2018-01-08")! + rng.int(0...350), end = start + rng.int(0...3)
            return .object([("id", .string("X\(i)")), ("category", .string(categories[i % categories.count])),
                            ("start", .string(start.iso)), ("end", .string(end.iso)), ("place", .string(places[rng.int(0...6)]))])
        }
    }

    /// Soft rules: GFMD and IOM-IDM anywhere (buffer 1), regional meetings and Human Rights
    /// Council sessions at the same place.
    static func rules() -> [JSONValue] {
        func avoid(_ id: String, _ categories: [String], weight: Int, buffer: Int, samePlace: Bool) -> JSONValue {
            .object([("id", .string(id)), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", .number(Double(weight))),
                     ("events", .string("all")), ("external", .object([("categories", .array(categories.map(JSONValue.string)))])),
                     ("bufferDays", .number(Double(buffer))), ("scope", .string(samePlace ? "samePlace" : "anyPlace"))])
        }
        return [avoid("avoid-gfmd-iom", ["GFMD", "IOM-IDM"], weight: 5, buffer: 1, samePlace: false),
                avoid("avoid-rcp-rec-same-place", ["RCP", "REC"], weight: 2, buffer: 0, samePlace: true),
                avoid("avoid-hrc-same-place", ["HRC"], weight: 1, buffer: 0, samePlace: true)]
    }
}
