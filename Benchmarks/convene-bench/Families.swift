import Convene

/// The scale family: K concurrent GCM-like processes on one two-year horizon, sharing Geneva,
/// New York and Vienna (their 2017–2018 UN holidays and `rooms` limits), with about 30 outside
/// events a year and soft rules against them. Seeded: the same (K, seed) is the same file.
///
/// Each process has 25 events: six thematic sessions of 2–3 days under a 12-day cap, rotating
/// venues, chained; a 3-day stocktaking two weeks after the last; six hearings (three of them half
/// days); four milestones; six negotiation rounds at New York with the GCM's monthly quotas
/// (February 3 … July 5); a 2-day conference. Rooms: Geneva 4 + K/5, New York 4 + K/3,
/// Vienna 2 + K/10. Process k's wishes are offset by k days so that the
/// processes compete for rooms without all wanting the same dates.
enum Family {
    static let venues: [(id: String, city: String, closed: [String])] = [
        ("GVA", "Geneva", ["2017-01-02", "2017-04-14", "2017-04-17", "2017-05-25", "2017-06-05", "2017-06-26", "2017-09-01", "2017-09-07",
                           "2017-12-25", "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-10", "2018-05-21", "2018-06-15", "2018-08-21",
                           "2018-09-06", "2018-12-25"]),
        ("NY", "New York", ["2017-01-02", "2017-04-14", "2017-05-29", "2017-06-26", "2017-07-04", "2017-09-01", "2017-09-04", "2017-11-23",
                            "2017-12-25", "2018-01-01", "2018-03-30", "2018-05-28", "2018-06-15", "2018-07-04", "2018-08-21", "2018-09-03",
                            "2018-11-22", "2018-12-25"]),
        ("VIE", "Vienna", ["2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-06-05", "2017-06-26", "2017-09-01", "2017-10-26",
                           "2017-12-25", "2017-12-26", "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-01", "2018-05-21", "2018-06-15",
                           "2018-08-21", "2018-10-26", "2018-12-25", "2018-12-26"]),
    ]

    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    static func s(_ day: Day) -> JSONValue { .string(day.iso) }
    static func ids(_ list: [String]) -> JSONValue { .object([("ids", .array(list.map(JSONValue.string)))]) }

    /// The scenario/1 document of member (K, seed).
    static func document(processes k: Int, seed: UInt64) -> JSONValue {
        var rng = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(k))
        // Rooms grow with K so that every member is feasible: May and June 2018 hold only three
        // whole Monday-to-Friday weeks at New York, and each process needs one of them for its
        // 5-day round, so New York needs more than K/3 rooms. They bind where wishes crowd.
        let rooms = [4 + k / 5, 4 + k / 3, 2 + k / 10]
        let venues: [JSONValue] = venues.enumerated().map { i, v in
            .object([("id", .string(v.id)), ("name", .string("United Nations, \(v.city)")), ("city", .string(v.city)),
                     ("closed", .array(v.closed.map(JSONValue.string))), ("rooms", .number(Double(rooms[i])))])
        }
        var events: [JSONValue] = [], constraints: [JSONValue] = [], externals: [JSONValue] = []
        let cities = ["Geneva", "New York", "Vienna", "Berlin", "Rabat", "Bangkok", "Addis Ababa", "Santiago"]
        let categories = ["GFMD", "IOM-IDM", "RCP", "REC", "RCP", "REC"]
        for i in 0..<60 {
            let start = d("2017-01-09") + rng.int(0...700)
            externals.append(.object([("id", .string("X\(i)")), ("category", .string(categories[i % categories.count])),
                                      ("start", s(start)), ("end", s(start + rng.int(0...2))), ("place", .string(cities[rng.int(0...7)]))]))
        }
        func event(_ id: String, _ kind: String, _ days: JSONValue, _ venues: [String], _ lo: Day, _ hi: Day, preferred: Day? = nil) {
            var m: [(key: String, value: JSONValue)] = [("id", .string(id)), ("kind", .string(kind)), ("days", days),
                                                        ("venues", .array(venues.map(JSONValue.string))),
                                                        ("window", .object([("earliest", s(lo)), ("latest", s(hi))]))]
            if let preferred { m.append(("preferredStart", s(preferred))) }
            events.append(.object(m))
        }
        func rule(_ m: [(key: String, value: JSONValue)]) { constraints.append(.object(m)) }
        for p in 0..<k {
            let id = { (name: String) in "P\(p)-\(name)" }
            let shift = p % 28
            let rota = [["GVA", "NY", "VIE"], ["NY", "VIE", "GVA"], ["VIE", "GVA", "NY"]][p % 3]
            var thematic: [String] = []
            for t in 0..<6 {
                let want = d("2017-04-17") + t * 35 + shift
                // Each session may meet at two venues; the rotation rule decides between them.
                event(id("TS\(t + 1)"), "thematic", .object([("min", .number(2)), ("max", .number(3))]),
                      [rota[t % 3], rota[(t + 1) % 3]], want - 21, want + 21, preferred: want + rng.int(0...4))
                thematic.append(id("TS\(t + 1)"))
            }
            let stockWant = d("2017-11-27") + shift / 2
            event(id("STOCK"), "stocktaking", .number(3), [rota[p % 3], "GVA"].uniqued(), d("2017-11-01"), d("2017-12-20"), preferred: stockWant)
            let hearings: [(String, Double, String, String)] = [("H1", 1, "2017-07-01", "2017-07-31"), ("H2", 1, "2017-10-01", "2017-10-31"),
                                                              ("H3", 0.5, "2017-12-01", "2017-12-22"), ("H4", 0.5, "2018-02-01", "2018-02-28"),
                                                              ("H5", 0.5, "2018-04-01", "2018-04-30"), ("H6", 1, "2018-06-01", "2018-06-29")]
            for (h, days, lo, hi) in hearings {
                event(id(h), "hearing", .number(days), h == "H2" ? ["GVA"] : ["NY"], d(lo), d(hi), preferred: d(lo) + 7 + shift % 14)
            }
            for (m, lo, hi) in [("SUMMARY", "2018-01-02", "2018-01-31"), ("SG-REPORT", "2018-01-02", "2018-01-31"),
                                ("ZERO-DRAFT", "2018-02-01", "2018-02-15"), ("MODALITIES", "2018-01-02", "2018-03-30")] {
                event(id(m), "milestone", .number(0), [], d(lo), d(hi))
            }
            let quota: [(String, Int)] = [("2018-02", 3), ("2018-03", 4), ("2018-04", 4), ("2018-05", 5), ("2018-06", 5), ("2018-07", 5)]
            var rounds: [String] = []
            for (month, days) in quota {
                let first = d(month + "-01")
                let last = first + (Day.daysIn(year: first.civil.year, month: first.civil.month) - 1)
                event(id("IGN-" + month), "negotiation", .number(Double(days)), ["NY"], first, last, preferred: first + 7 + shift % 10)
                rounds.append(id("IGN-" + month))
            }
            event(id("CONF"), "conference", .number(2), ["NY"], d("2018-09-03"), d("2018-09-28"), preferred: d("2018-09-17"))
            let all = thematic + [id("STOCK")] + hearings.map { id($0.0) } + rounds + [id("CONF")]
            rule([("id", .string(id("ts-total"))), ("type", .string("totalDays")), ("events", ids(thematic)), ("max", .number(12))])
            rule([("id", .string(id("ts-order"))), ("type", .string("chain")), ("events", .array(thematic.map(JSONValue.string)))])
            rule([("id", .string(id("ts-rotation"))), ("type", .string("rotation")), ("events", ids(thematic))])
            rule([("id", .string(id("stock-after"))), ("type", .string("precedence")), ("before", .string(id("TS6"))),
                  ("after", .string(id("STOCK"))), ("minDays", .number(14))])
            rule([("id", .string(id("stock-chain"))), ("type", .string("chain")),
                  ("events", .array([id("STOCK"), id("SUMMARY"), id("ZERO-DRAFT"), id("H4")].map(JSONValue.string)))])
            rule([("id", .string(id("report-first"))), ("type", .string("precedence")), ("before", .string(id("SG-REPORT"))), ("after", .string(id("ZERO-DRAFT")))])
            rule([("id", .string(id("draft-first"))), ("type", .string("precedence")), ("before", .string(id("ZERO-DRAFT"))), ("after", .string(id("IGN-2018-02")))])
            rule([("id", .string(id("conf-after"))), ("type", .string("precedence")), ("before", .string(id("IGN-2018-07"))), ("after", .string(id("CONF")))])
            rule([("id", .string(id("quota"))), ("type", .string("monthlyQuota")), ("events", ids(rounds)),
                  ("quota", .object(quota.map { ($0.0, .number(Double($0.1))) }))])
            rule([("id", .string(id("no-overlap"))), ("type", .string("noOverlap")), ("events", ids(all)), ("travelDays", .number(1))])
            rule([("id", .string(id("avoid-gfmd-iom"))), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", .number(10)),
                  ("events", ids(all)), ("external", .object([("categories", .array([.string("GFMD"), .string("IOM-IDM")]))])),
                  ("bufferDays", .number(1))])
            rule([("id", .string(id("avoid-rcp"))), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", .number(2)),
                  ("events", ids(all)), ("external", .object([("categories", .array([.string("RCP"), .string("REC")]))])),
                  ("scope", .string("samePlace"))])
        }
        return .object([
            ("format", .string("scenario/1")), ("name", .string("family-k\(k)-s\(seed)")),
            ("horizon", .object([("start", .string("2017-01-01")), ("end", .string("2018-12-31"))])),
            ("venues", .array(venues)), ("events", .array(events)), ("external", .array(externals)),
            ("constraints", .array(constraints)), ("objective", .object([("preferredStartWeight", .number(1))])),
        ])
    }

    /// Member (K, seed), read through the same reader as any scenario file.
    static func scenario(processes k: Int, seed: UInt64) throws -> Scenario {
        try ScenarioReader.read(Array(JSONWriter.write(document(processes: k, seed: seed)).utf8), file: "family-k\(k)-s\(seed)")
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] { var seen = Set<Element>(); return filter { seen.insert($0).inserted } }
}
