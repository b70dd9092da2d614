import Foundation
import Testing
@testable import Convene

/// Spec, "Bad input": a file that breaks the contract is refused with one message per problem,
/// each naming the JSON path and what was expected.
struct BadInputTests {
    /// One refused file and the path one of its messages must name.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var path: String
        /// Words the message at `path` must contain (lowercased), when worth pinning.
        var words: [String] = []
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ path: String, _ words: [String] = []) {
            self.name = name; bytes = Array(text.utf8); self.path = path; self.words = words
        }

        init(_ name: String, bytes: [UInt8], _ path: String, _ words: [String] = []) {
            self.name = name; self.bytes = bytes; self.path = path; self.words = words
        }
    }

    // Building blocks: an event A (2 days at GVA) and B (kind thematic), an external X.
    static let a = #"{"id": "A", "days": 2, "venues": ["GVA"], "kind": "thematic"}"#
    static let b = #"{"id": "B", "days": 1, "venues": ["GVA", "NY"], "kind": "thematic"}"#
    static let x = #"{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10", "end": "2017-05-11"}"#

    /// A scenario with events A and B and external X, with one event or constraint replaced.
    static func doc(horizon: (String, String) = ("2017-05-01", "2017-07-31"), venues: String = defaultVenues,
                    events: [String] = [a, b], external: [String] = [x], constraints: [String] = []) -> String {
        scenarioJSON(horizon: horizon, venues: venues, events: events, external: external, constraints: constraints)
    }

    /// The valid document with one top-level member replaced (`nil`: removed).
    static func top(_ key: String, _ value: String?) -> String {
        let members = [
            ("format", #""scenario/1""#), ("name", #""t""#),
            ("horizon", #"{"start": "2017-05-01", "end": "2017-07-31"}"#),
            ("venues", defaultVenues), ("events", "[\(a), \(b)]"),
        ]
        let kept = members.compactMap { k, v -> String? in
            if k != key { return #""\#(k)": \#(v)"# }
            return value.map { #""\#(k)": \#($0)"# }
        }
        return "{" + kept.joined(separator: ", ") + "}"
    }

    /// `line 1, column N` of the first (or last) `needle` in one line of text: where a
    /// syntax error at that token is reported (columns count characters from 1).
    static func column(_ line: String, _ needle: String, last: Bool = false) -> String {
        let r = line.range(of: needle, options: last ? .backwards : [])!
        return "line 1, column \(line.distance(from: line.startIndex, to: r.lowerBound) + 1)"
    }

    static let cases: [Case] = [
        // Syntax: `x` is on line 3 at column 11 (two spaces, "name" in 6, ':' and a space).
        Case("bad JSON syntax", "{\n  \"format\": \"scenario/1\",\n  \"name\": x\n}\n", "line 3, column 11"),
        Case("unterminated document", #"{"format": "scenario/1""#, "line 1, column 24"),
        Case("empty file", "", "line 1, column 1", ["empty"]),
        Case("NaN literal", #"{"format": "scenario/1", "n": NaN}"#, column(#"{"format": "scenario/1", "n": NaN}"#, "NaN")),
        Case("Infinity literal", #"{"format": "scenario/1", "n": Infinity}"#, column(#"{"format": "scenario/1", "n": Infinity}"#, "Infinity")),
        Case("-Infinity literal", #"{"format": "scenario/1", "n": -Infinity}"#, "line 1, column 32"),
        // The second "name" starts at column 15.
        Case("a key twice in one object", #"{"name": "a", "name": "b"}"#, column(#"{"name": "a", "name": "b"}"#, #""name""#, last: true), ["duplicate"]),
        // 0xFF can never appear in UTF-8: column 12 after `{"name": "a`.
        Case("invalid UTF-8", bytes: Array(#"{"name": "a"#.utf8) + [0xFF] + Array(#""}"#.utf8), "line 1, column 12", ["utf-8"]),
        Case("overlong UTF-8", bytes: Array(#"{"name": ""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), "line 1, column 11", ["utf-8"]),
        Case("10000 nested arrays", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), "line 1, column 257", ["nesting"]),
        Case("top level is not an object", "[]", "$"),

        // Top-level fields.
        Case("format scenario/2", top("format", #""scenario/2""#), "format", ["scenario/1"]),
        Case("missing format", top("format", nil), "format", ["missing"]),
        Case("missing name", top("name", nil), "name", ["missing"]),
        Case("null name (a required field)", top("name", "null"), "name", ["missing"]),
        Case("name of the wrong type", top("name", "3"), "name", ["string"]),
        Case("missing horizon", top("horizon", nil), "horizon", ["missing"]),
        Case("missing venues", top("venues", nil), "venues", ["missing"]),
        Case("missing events", top("events", nil), "events", ["missing"]),
        Case("events not an array", top("events", "{}"), "events", ["array"]),
        Case("horizon date impossible", doc(horizon: ("2017-05-01", "2017-02-30")), "horizon.end", ["2017-02-30"]),
        Case("horizon ends before it starts", doc(horizon: ("2017-05-01", "2017-04-30")), "horizon.end"),
        Case("horizon start of the wrong type", top("horizon", #"{"start": 20170501, "end": "2017-07-31"}"#), "horizon.start", ["date"]),

        // Venues.
        Case("venue without id", doc(venues: #"[{"city": "Geneva"}, {"id": "NY", "city": "New York"}]"#), "venues[0].id", ["missing"]),
        Case("venue without city", doc(venues: #"[{"id": "GVA"}, {"id": "NY", "city": "New York"}]"#), "venues[0].city", ["missing"]),
        Case("venue with empty id", doc(venues: #"[{"id": "", "city": "Geneva"}]"#), "venues[0].id"),
        Case("duplicate venue id", doc(venues: #"[{"id": "GVA", "city": "Geneva"}, {"id": "GVA", "city": "X"}, {"id": "NY", "city": "New York"}]"#), "venues[1].id"),
        Case("unknown weekday", doc(venues: #"[{"id": "GVA", "city": "Geneva", "weekend": ["sam"]}, {"id": "NY", "city": "New York"}]"#), "venues[0].weekend[0]"),
        Case("closed date impossible", doc(venues: #"[{"id": "GVA", "city": "Geneva", "closed": ["2017-02-29"]}, {"id": "NY", "city": "New York"}]"#), "venues[0].closed[0]"),
        Case("unavailable ends before it starts", doc(venues: #"[{"id": "GVA", "city": "Geneva", "unavailable": [{"start": "2017-05-10", "end": "2017-05-09"}]}, {"id": "NY", "city": "New York"}]"#), "venues[0].unavailable[0].end"),
        Case("rooms above 10^9", doc(venues: #"[{"id": "GVA", "city": "Geneva", "rooms": 2e9}, {"id": "NY", "city": "New York"}]"#), "venues[0].rooms", ["10^9"]),
        Case("rooms negative", doc(venues: #"[{"id": "GVA", "city": "Geneva", "rooms": -1}, {"id": "NY", "city": "New York"}]"#), "venues[0].rooms"),
        Case("rooms fractional", doc(venues: #"[{"id": "GVA", "city": "Geneva", "rooms": 1.5}, {"id": "NY", "city": "New York"}]"#), "venues[0].rooms", ["whole"]),

        // Events.
        Case("event without id", doc(events: [#"{"days": 2, "venues": ["GVA"]}"#]), "events[0].id", ["missing"]),
        Case("event without days", doc(events: [#"{"id": "A", "venues": ["GVA"]}"#]), "events[0].days", ["missing"]),
        Case("event without venues", doc(events: [#"{"id": "A", "days": 2}"#]), "events[0].venues", ["missing"]),
        Case("days 0.3", doc(events: [#"{"id": "A", "days": 0.3, "venues": ["GVA"]}"#]), "events[0].days"),
        Case("days -1", doc(events: [#"{"id": "A", "days": -1, "venues": ["GVA"]}"#]), "events[0].days"),
        Case("days 1.5", doc(events: [#"{"id": "A", "days": 1.5, "venues": ["GVA"]}"#]), "events[0].days"),
        Case("days as a string", doc(events: [#"{"id": "A", "days": "2", "venues": ["GVA"]}"#]), "events[0].days", ["number"]),
        Case("days {min:3,max:2}", doc(events: [#"{"id": "A", "days": {"min": 3, "max": 2}, "venues": ["GVA"]}"#]), "events[0].days.max"),
        Case("days {min:0,max:2}", doc(events: [#"{"id": "A", "days": {"min": 0, "max": 2}, "venues": ["GVA"]}"#]), "events[0].days.min"),
        Case("days {min:1.5,max:2}", doc(events: [#"{"id": "A", "days": {"min": 1.5, "max": 2}, "venues": ["GVA"]}"#]), "events[0].days.min"),
        Case("days {min} without max", doc(events: [#"{"id": "A", "days": {"min": 1}, "venues": ["GVA"]}"#]), "events[0].days.max", ["missing"]),
        Case("unknown venue id", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA", "PARIS"]}"#]), "events[0].venues[1]", ["paris"]),
        Case("venue twice in one event", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA", "GVA"]}"#]), "events[0].venues[1]"),
        Case("duplicate event id", doc(events: [a, #"{"id": "A", "days": 1, "venues": ["NY"]}"#]), "events[1].id"),
        Case("an event and an external share an id", doc(external: [#"{"id": "A", "category": "GFMD", "place": "Geneva"}"#]), "external[0].id"),
        Case("window date impossible", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "window": {"earliest": "2017-05-01", "latest": "2018-02-30"}}"#]), "events[0].window.latest", ["2018-02-30"]),
        Case("window ends before it starts", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "window": {"earliest": "2017-06-01", "latest": "2017-05-31"}}"#]), "events[0].window.latest"),
        // 6–7 May 2017 is a Saturday and a Sunday.
        Case("window of a weekend only", doc(events: [#"{"id": "A", "days": 1, "venues": ["GVA"], "window": {"earliest": "2017-05-06", "latest": "2017-05-07"}}"#]), "events[0].window"),
        Case("window outside the horizon", doc(events: [#"{"id": "A", "days": 1, "venues": ["GVA"], "window": {"earliest": "2018-01-08", "latest": "2018-01-12"}}"#]), "events[0].window"),
        Case("window of a milestone held nowhere on a weekend", doc(events: [#"{"id": "M", "days": 0, "venues": [], "window": {"earliest": "2017-05-13", "latest": "2017-05-14"}}"#]), "events[0].window"),
        Case("fixed without venue where venues is non-empty", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "fixed": {"start": "2017-05-08"}}"#]), "events[0].fixed.venue", ["missing"]),
        Case("fixed at an unknown venue", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "fixed": {"start": "2017-05-08", "venue": "ROM"}}"#]), "events[0].fixed.venue"),
        Case("contiguous not a boolean", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "contiguous": "yes"}"#]), "events[0].contiguous"),
        Case("preferredStart impossible", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "preferredStart": "2017-13-01"}"#]), "events[0].preferredStart"),
        Case("start weekday unknown", doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "startWeekdays": ["monday"]}"#]), "events[0].startWeekdays[0]"),

        // Externals.
        Case("external without id", doc(external: [#"{"category": "GFMD", "place": "Geneva"}"#]), "external[0].id", ["missing"]),
        Case("external without category", doc(external: [#"{"id": "X", "place": "Geneva"}"#]), "external[0].category", ["missing"]),
        Case("external without place", doc(external: [#"{"id": "X", "category": "GFMD"}"#]), "external[0].place", ["missing"]),
        Case("external with start but no end", doc(external: [#"{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10"}"#]), "external[0].end"),
        Case("external ends before it starts", doc(external: [#"{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10", "end": "2017-05-09"}"#]), "external[0].end"),
        Case("duplicate external id", doc(external: [x, x]), "external[1].id"),

        // Constraints: common fields.
        Case("constraint without id", doc(constraints: [#"{"type": "noOverlap", "events": "all"}"#]), "constraints[0].id", ["missing"]),
        Case("constraint without type", doc(constraints: [#"{"id": "c", "events": "all"}"#]), "constraints[0].type", ["missing"]),
        Case("unknown constraint type", doc(constraints: [#"{"id": "c", "type": "noOverlaps", "events": "all"}"#]), "constraints[0].type"),
        Case("duplicate constraint id", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "all"}"#, #"{"id": "c", "type": "minSpacing", "events": "all", "days": 2}"#]), "constraints[1].id"),
        Case("soft constraint without weight", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "all", "hard": false}"#]), "constraints[0].weight", ["missing"]),
        Case("soft constraint with weight 0", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "all", "hard": false, "weight": 0}"#]), "constraints[0].weight"),
        Case("weight fractional", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "all", "hard": false, "weight": 2.5}"#]), "constraints[0].weight", ["whole"]),
        Case("hard not a boolean", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "all", "hard": "no"}"#]), "constraints[0].hard"),

        // Constraints: fields of each type.
        Case("precedence without before", doc(constraints: [#"{"id": "c", "type": "precedence", "after": "A"}"#]), "constraints[0].before", ["missing"]),
        Case("precedence without after", doc(constraints: [#"{"id": "c", "type": "precedence", "before": "A"}"#]), "constraints[0].after", ["missing"]),
        Case("precedence before == after", doc(constraints: [#"{"id": "c", "type": "precedence", "before": "A", "after": "A"}"#]), "constraints[0].after"),
        Case("precedence naming no event", doc(constraints: [#"{"id": "c", "type": "precedence", "before": "A", "after": "Z"}"#]), "constraints[0].after", ["z"]),
        Case("precedence maxDays below minDays", doc(constraints: [#"{"id": "c", "type": "precedence", "before": "A", "after": "B", "minDays": 5, "maxDays": 4}"#]), "constraints[0].maxDays"),
        Case("precedence minDays fractional", doc(constraints: [#"{"id": "c", "type": "precedence", "before": "A", "after": "B", "minDays": 1.5}"#]), "constraints[0].minDays"),
        Case("minSpacing without days", doc(constraints: [#"{"id": "c", "type": "minSpacing", "events": "all"}"#]), "constraints[0].days", ["missing"]),
        Case("minSpacing days negative", doc(constraints: [#"{"id": "c", "type": "minSpacing", "events": "all", "days": -1}"#]), "constraints[0].days"),
        Case("noOverlap without events", doc(constraints: [#"{"id": "c", "type": "noOverlap"}"#]), "constraints[0].events", ["missing"]),
        Case("noOverlap travelDays negative", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "all", "travelDays": -2}"#]), "constraints[0].travelDays"),
        Case("monthlyQuota without quota", doc(constraints: [#"{"id": "c", "type": "monthlyQuota", "events": "all"}"#]), "constraints[0].quota", ["missing"]),
        Case("monthlyQuota negative quota", doc(constraints: [#"{"id": "c", "type": "monthlyQuota", "events": "all", "quota": {"2017-05": -1}}"#]), "constraints[0].quota.2017-05"),
        Case("monthlyQuota bad month key", doc(constraints: [#"{"id": "c", "type": "monthlyQuota", "events": "all", "quota": {"2017-13": 1}}"#]), "constraints[0].quota.2017-13"),
        Case("monthlyQuota unknown mode", doc(constraints: [#"{"id": "c", "type": "monthlyQuota", "events": "all", "quota": {"2017-05": 1}, "mode": "atleast"}"#]), "constraints[0].mode"),
        Case("totalDays min above max", doc(constraints: [#"{"id": "c", "type": "totalDays", "events": "all", "min": 5, "max": 4}"#]), "constraints[0].max"),
        Case("totalDays negative bound", doc(constraints: [#"{"id": "c", "type": "totalDays", "events": "all", "min": -1}"#]), "constraints[0].min"),
        Case("avoidExternal without external", doc(constraints: [#"{"id": "c", "type": "avoidExternal", "events": "all"}"#]), "constraints[0].external", ["missing"]),
        Case("avoidExternal unknown scope", doc(constraints: [#"{"id": "c", "type": "avoidExternal", "events": "all", "external": "all", "scope": "sameCity"}"#]), "constraints[0].scope"),
        Case("avoidExternal bufferDays negative", doc(constraints: [#"{"id": "c", "type": "avoidExternal", "events": "all", "external": "all", "bufferDays": -1}"#]), "constraints[0].bufferDays"),
        Case("rotation with an unknown venue", doc(constraints: [#"{"id": "c", "type": "rotation", "events": "all", "minPerVenue": {"ROM": 1}}"#]), "constraints[0].minPerVenue.ROM"),
        Case("chain without events", doc(constraints: [#"{"id": "c", "type": "chain"}"#]), "constraints[0].events", ["missing"]),
        Case("chain with an id twice", doc(constraints: [#"{"id": "c", "type": "chain", "events": ["A", "B", "A"]}"#]), "constraints[0].events[2]"),

        // Selectors.
        Case("selector matching nothing", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"kind": "hearing"}}"#]), "constraints[0].events", ["nothing"]),
        Case("selector with an empty ids list", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"ids": []}}"#]), "constraints[0].events", ["nothing"]),
        Case("external selector matching nothing", doc(constraints: [#"{"id": "c", "type": "avoidExternal", "events": "all", "external": {"category": "HRC"}}"#]), "constraints[0].external", ["nothing"]),
        Case("selector with two keys", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"ids": ["A"], "kind": "thematic"}}"#]), "constraints[0].events"),
        Case("selector with no key", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {}}"#]), "constraints[0].events"),
        Case("selector string other than all", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": "every"}"#]), "constraints[0].events"),
        Case("selector with an unknown key", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"category": "GFMD"}}"#]), "constraints[0].events"),
        Case("duplicate id inside an ids list", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"ids": ["A", "B", "A"]}}"#]), "constraints[0].events.ids[2]"),
        Case("ids list naming no event", doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"ids": ["A", "Q"]}}"#]), "constraints[0].events.ids[1]"),
        Case("external ids naming an event, not an external", doc(constraints: [#"{"id": "c", "type": "avoidExternal", "events": "all", "external": {"ids": ["A"]}}"#]), "constraints[0].external.ids[0]"),

        // Impossible by construction.
        Case("cyclic chain and precedence", doc(constraints: [
            #"{"id": "c", "type": "chain", "events": ["A", "B"]}"#,
            #"{"id": "p", "type": "precedence", "before": "B", "after": "A", "minDays": 1}"#,
        ]), "constraints", ["cycle"]),
        // A→B→C by a chain (1 + 1) and C→A with minDays 0: the cycle adds up to 2.
        Case("three-event cycle", doc(events: [a, b, #"{"id": "C", "days": 1, "venues": ["GVA"]}"#], constraints: [
            #"{"id": "c", "type": "chain", "events": ["A", "B", "C"]}"#,
            #"{"id": "p", "type": "precedence", "before": "C", "after": "A", "minDays": 0}"#,
        ]), "constraints", ["cycle"]),
        // 3 + (−1) = 2 > 0.
        Case("cycle with a negative link", doc(constraints: [
            #"{"id": "p", "type": "precedence", "before": "A", "after": "B", "minDays": 3}"#,
            #"{"id": "q", "type": "precedence", "before": "B", "after": "A", "minDays": -1}"#,
        ]), "constraints", ["cycle"]),

        // Numbers.
        Case("number above 10^9", doc(constraints: [#"{"id": "c", "type": "minSpacing", "events": "all", "days": 1000000001}"#]), "constraints[0].days", ["10^9"]),
        Case("objective weight negative", scenarioJSON(events: [a], objective: #"{"preferredStartWeight": -1}"#), "objective.preferredStartWeight"),
    ]

    @Test("a bad scenario is refused, naming the JSON path", arguments: cases)
    func refused(_ c: Case) {
        let found = problems(c.bytes)
        let match = found.first { $0.path == c.path }
        #expect(match != nil, "expected a problem at \(c.path); got:\n\(found.map(\.description).joined(separator: "\n"))")
        if let match {
            #expect(!match.message.isEmpty)
            for w in c.words {
                #expect(match.message.lowercased().contains(w), "message \"\(match.message)\" lacks \"\(w)\"")
            }
            // The printed line carries the file name and the path: `scenario: PATH: error: …`.
            let printed = InputError(file: "s.json", problems: found).description
            #expect(printed.contains("s.json: \(c.path): error: "))
        }
    }

    @Test("the building blocks of the bad cases make a valid scenario")
    func baseIsValid() throws {
        let s = try readScenario(Self.doc(constraints: [
            #"{"id": "c", "type": "chain", "events": ["A", "B"]}"#,
            #"{"id": "p", "type": "precedence", "before": "B", "after": "A", "minDays": -5}"#,
            #"{"id": "q", "type": "monthlyQuota", "events": {"kinds": ["thematic"]}, "quota": {"2017-05": 1}}"#,
            #"{"id": "av", "type": "avoidExternal", "events": {"kind": "thematic"}, "external": {"categories": ["GFMD"]}}"#,
        ]))
        #expect(s.events.map(\.id) == ["A", "B"])
        #expect(s.externals.map(\.id) == ["X"])
        #expect(s.constraints.map(\.id) == ["c", "p", "q", "av"])
        // Each top-level variant with its original value is valid too.
        #expect(throws: Never.self) { try readScenario(Self.top("name", #""t""#)) }
    }

    @Test("a valid file is accepted with the spec's defaults")
    func defaults() throws {
        let s = try readScenario(scenarioJSON(venues: #"[{"id": "GVA", "city": "Geneva"}]"#, events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": []}"#,
        ], external: [#"{"id": "X", "category": "GFMD", "place": "Geneva"}"#],
           constraints: [#"{"id": "c", "type": "noOverlap", "events": "all"}"#]))
        #expect(s.venues[0].name == "GVA")                       // venue name: its id
        #expect(s.venues[0].weekend == [.sat, .sun])
        #expect(s.events[0].title == "A")                        // event title: its id
        #expect(s.events[0].kind == "")
        #expect(s.events[0].contiguous)
        #expect(s.events[0].window == s.horizon)
        #expect(s.externals[0].title == "X")
        #expect(s.externals[0].dates == nil)                     // not yet dated
        #expect(s.constraints[0].hard)
        #expect((s.constraints[0].rule as? NoOverlap)?.travelDays == 0)
        #expect(s.preferredStartWeight == 1)
    }

    @Test("external, constraints and objective may be left out")
    func optionalTopLevel() throws {
        let s = try readScenario(Self.top("format", #""scenario/1""#))
        #expect(s.externals.isEmpty)
        #expect(s.constraints.isEmpty)
        #expect(s.preferredStartWeight == 1)
    }

    @Test("every problem of a file is reported, not just the first")
    func multipleProblems() {
        let text = Self.doc(events: [
            #"{"id": "A", "days": 0.3, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 1, "venues": ["ROM"], "window": {"earliest": "2017-05-01", "latest": "2017-02-30"}}"#,
        ], external: [#"{"id": "X", "place": "Geneva"}"#],
           constraints: [#"{"id": "c", "type": "minSpacing", "events": "all"}"#, #"{"id": "d", "type": "bogus"}"#])
        let paths = Set(problems(Array(text.utf8)).map(\.path))
        for p in ["events[0].days", "events[1].venues[0]", "events[1].window.latest", "external[0].category",
                  "constraints[0].days", "constraints[1].type"] {
            #expect(paths.contains(p), "missing \(p) in \(paths.sorted())")
        }
    }

    @Test("both ends of a horizon are checked when both are bad")
    func horizonBothEnds() {
        let paths = Set(problems(Array(Self.top("horizon", #"{"start": "2017-02-30", "end": 3}"#).utf8)).map(\.path))
        #expect(paths.contains("horizon.start"))
        #expect(paths.contains("horizon.end"), "got \(paths.sorted())")
    }

    @Test("an impossible window is reported together with the file's other problems")
    func impossibleWithOthers() {
        // events[0].days is bad; events[1]'s window (a Saturday and a Sunday) holds no working day.
        let text = Self.doc(events: [
            #"{"id": "A", "days": 0.3, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 1, "venues": ["GVA"], "window": {"earliest": "2017-05-06", "latest": "2017-05-07"}}"#,
        ])
        let paths = Set(problems(Array(text.utf8)).map(\.path))
        #expect(paths.contains("events[0].days"))
        #expect(paths.contains("events[1].window"), "got \(paths.sorted())")
    }

    @Test("a horizon of more than 100 years is not bad input")
    func longHorizon() throws {
        // Bad input lists "to the letter" what breaks the page; a horizon's length is not on it.
        let s = try readScenario(Self.doc(horizon: ("1950-01-01", "2060-12-31")))
        #expect(s.horizon.count == (try #require(Day(iso: "2061-01-01"))) - (try #require(Day(iso: "1950-01-01"))))
    }

    @Test("null is the same as leaving a field out")
    func nullIsAbsent() throws {
        // Optional fields given as null take their defaults.
        let s = try readScenario(scenarioJSON(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"], "title": null, "kind": null, "window": null, "contiguous": null, "fixed": null, "preferredStart": null}"#,
        ], external: [#"{"id": "X", "category": "GFMD", "place": "Geneva", "start": null, "end": null}"#],
           constraints: [#"{"id": "c", "type": "noOverlap", "events": "all", "hard": null, "travelDays": null}"#],
           objective: "null"))
        #expect(s.events[0].title == "A")
        #expect(s.events[0].contiguous)
        #expect(s.events[0].window == s.horizon)
        #expect(s.events[0].fixed == nil)
        #expect(s.externals[0].dates == nil)
        #expect(s.constraints[0].hard)
        // A required field given as null is missing.
        let found = problems(Array(Self.doc(events: [#"{"id": null, "days": 2, "venues": ["GVA"]}"#]).utf8))
        #expect(found.contains { $0.path == "events[0].id" && $0.message.contains("missing") })
        // An external with start and a null end has a start but no end.
        let half = problems(Array(Self.doc(external: [#"{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10", "end": null}"#]).utf8))
        #expect(half.contains { $0.path == "external[0].end" })
    }

    @Test("a selector key given as null does not count as a second key")
    func nullSelectorKey() throws {
        // {"ids": ["A"], "kind": null} is {"ids": ["A"]} ("null is the same as leaving a field out").
        let text = Self.doc(constraints: [#"{"id": "c", "type": "noOverlap", "events": {"ids": ["A", "B"], "kind": null}}"#])
        let s = try readScenario(text)
        #expect(s.constraints.first?.rule.events == [0, 1])
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        let s = try ScenarioReader.read([0xEF, 0xBB, 0xBF] + Array(Self.doc().utf8))
        #expect(s.name == "t")
    }

    @Test("2.0 is a whole number; 1e9 is the largest magnitude")
    func wholeNumbers() throws {
        let s = try readScenario(Self.doc(venues: #"[{"id": "GVA", "city": "Geneva", "rooms": 2.0}, {"id": "NY", "city": "New York"}]"#,
                                          constraints: [#"{"id": "c", "type": "minSpacing", "events": "all", "days": 1e9, "hard": false, "weight": 3.0}"#]))
        #expect(s.venues[0].rooms == 2)
        #expect(s.constraints[0].weight == 3)
        #expect((s.constraints[0].rule as? MinSpacing)?.days == 1_000_000_000)
        let d = try readScenario(Self.doc(events: [#"{"id": "A", "days": 2.0, "venues": ["GVA"]}"#]))
        #expect(d.events[0].length == .exactly(2))
        // Negative minDays and maxDays are allowed.
        #expect(throws: Never.self) {
            try readScenario(Self.doc(constraints: [#"{"id": "p", "type": "precedence", "before": "A", "after": "B", "minDays": -3, "maxDays": -1}"#]))
        }
    }

    @Test("unknown fields are ignored")
    func unknownFields() throws {
        let s = try readScenario(Self.doc(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "notes": {"x": [1, 2]}, "source": "A/72/643"}"#]))
        #expect(s.events.count == 1)
    }

    @Test("a hard cycle whose minDays add up to 0 or less is not bad input")
    func zeroCycle() throws {
        // A→B minDays 1 and B→A minDays −1: 1 + (−1) = 0, not more than 0.
        #expect(throws: Never.self) {
            try readScenario(Self.doc(constraints: [
                #"{"id": "p", "type": "precedence", "before": "A", "after": "B", "minDays": 1}"#,
                #"{"id": "q", "type": "precedence", "before": "B", "after": "A", "minDays": -1}"#,
            ]))
        }
        // A soft link does not close a cycle.
        #expect(throws: Never.self) {
            try readScenario(Self.doc(constraints: [
                #"{"id": "c", "type": "chain", "events": ["A", "B"]}"#,
                #"{"id": "p", "type": "precedence", "before": "B", "after": "A", "hard": false, "weight": 1}"#,
            ]))
        }
    }

    @Test("a milestone held nowhere may give fixed without a venue")
    func milestoneFixedWithoutVenue() throws {
        let s = try readScenario(Self.doc(events: [#"{"id": "M", "days": 0, "venues": [], "fixed": {"start": "2017-05-10"}}"#]))
        #expect(s.events[0].fixed?.venue == nil)
        #expect(s.events[0].fixed?.start == day("2017-05-10"))
    }

    // MARK: Calendar files

    static func calendar(_ assignments: String, format: String = "calendar/1") -> String {
        #"{"format": "\#(format)", "scenario": "t", "status": "feasible", "assignments": \#(assignments)}"#
    }

    static let calendarCases: [Case] = [
        Case("calendar of the wrong format", calendar("[]", format: "calendar/2"), "format"),
        Case("calendar without assignments", #"{"format": "calendar/1", "scenario": "t"}"#, "assignments", ["missing"]),
        Case("calendar without scenario", #"{"format": "calendar/1", "assignments": []}"#, "scenario", ["missing"]),
        Case("assignment with an impossible date", calendar(#"[{"event": "A", "start": "2017-02-30", "venue": "GVA", "days": 2}]"#), "assignments[0].start"),
        Case("assignment with days 0.3", calendar(#"[{"event": "A", "start": "2017-05-08", "venue": "GVA", "days": 0.3}]"#), "assignments[0].days"),
        Case("assignment without event", calendar(#"[{"start": "2017-05-08", "venue": "GVA"}]"#), "assignments[0].event", ["missing"]),
        Case("assignment ending before it starts", calendar(#"[{"event": "A", "start": "2017-05-08", "end": "2017-05-05", "venue": "GVA"}]"#), "assignments[0].end"),
        Case("calendar with a bad status", #"{"format": "calendar/1", "scenario": "t", "status": "done", "assignments": []}"#, "status"),
        Case("calendar with bad syntax", "{\"format\": \"calendar/1\",}", "line 1, column 25"),
    ]

    @Test("a bad calendar file is refused, naming the JSON path", arguments: calendarCases)
    func refusedCalendar(_ c: Case) {
        do {
            _ = try CalendarFile.read(c.bytes)
            Issue.record("the calendar was accepted")
        } catch {
            #expect(error.problems.contains { $0.path == c.path }, "got:\n\(error)")
            for w in c.words {
                #expect(error.problems.first { $0.path == c.path }?.message.lowercased().contains(w) == true)
            }
        }
    }

    @Test("a valid calendar file is read; a null venue is no venue")
    func validCalendar() throws {
        let file = try CalendarFile.read(Array(Self.calendar(#"""
            [{"event": "A", "start": "2017-05-08", "end": "2017-05-09", "venue": "GVA", "days": 2.0},
             {"event": "M", "start": "2017-05-10", "venue": null, "days": 0}]
            """#).utf8))
        #expect(file.assignments.count == 2)
        #expect(file.assignments[0].days == 2)
        #expect(file.assignments[1].venue == nil)
        #expect(file.assignments[1].end == nil)
    }
}
