import Convene

/// The hard family (issue 12, "Where it stands"): K GCM-like processes of 25 events each on the
/// 2017–2018 horizon, sharing Geneva, New York and Vienna with two rooms each (three from K = 12
/// on, four from K = 30), where the hard rules bind: rounds of free length under a monthly quota, sessions of free
/// venue under a rotation with counts, precedences with a most as well as a least, start
/// weekdays, and a hard rule keeping rounds off UNGA meetings.
///
/// Per process: six documentation milestones, each 14–42 days before its thematic session; six
/// thematic sessions (two of 1–3 days, four of 2) at any venue, chained 7 days apart, rotating
/// (GVA ≥ 2, NYC ≥ 2, 1 ≤ VIE ≤ 2), at most 12 days in all (hard) and at least 12 (soft); four
/// hearings (two half days), softly 28 days apart; a three-day stocktaking starting Monday to
/// Wednesday, ≥ 7 days after the last session; a zero draft ≥ 21 days after it and softly at most
/// 21 days before the last hearing; six rounds of 2–6 days at the home venue, not contiguous,
/// starting Monday or Tuesday, in windows of five to six weeks across month ends, chained 7 days
/// apart, under a February–July quota of 3/4/4/5/5/5 days (hard exactly, hard at least, or soft,
/// by process; ± 1 day a month after the first process); a conference milestone ≥ 14 days after
/// the last round; a hard `noOverlap` of all the process's events with one travel day. Process
/// k > 0 is shifted by −3 to +2 months. Shared: 60 outside events, a soft anyPlace rule against
/// GFMD and IOM-IDM (buffer 1, weight 5), a soft samePlace one against RCP and REC, a hard
/// samePlace one keeping rounds off UNGA meetings.
///
/// Seeded (SplitMix64): the seed draws the structure (home venues, shifts, quota modes and
/// amounts, which sessions have free length, window widths, the stocktaking's venues), not only
/// dates. Every member is feasible by construction: each event is placed in a `Witness` before
/// its window is written, and a process whose witness cannot be completed is drawn again.
enum HardFamily {
    static let venueIDs = ["GVA", "NYC", "VIE"]
    static let gva = 0, nyc = 1, vie = 2

    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    static func s(_ day: Day) -> JSONValue { .string(day.iso) }
    static func ids(_ list: [String]) -> JSONValue { .object([("ids", .array(list.map(JSONValue.string)))]) }

    /// `day` moved by whole months, its day of the month kept (or the month's last).
    static func shifted(_ day: Day, months: Int) -> Day {
        let c = day.civil, m = c.year * 12 + c.month - 1 + months
        let (y, mo) = (m / 12, m % 12 + 1)
        return Day(year: y, month: mo, day: min(c.day, Day.daysIn(year: y, month: mo)))!
    }

    static func firstOfMonth(_ day: Day, plus months: Int) -> Day {
        shifted(Day(year: day.civil.year, month: day.civil.month, day: 1)!, months: months)
    }

    /// The member's name.
    static func name(processes k: Int, seed: UInt64) -> String { "hard-k\(k)-s\(seed)" }

    /// Member (K, seed): the scenario/1 document and its witness calendar.
    static func generate(processes k: Int, seed: UInt64) throws -> (scenario: JSONValue, witness: JSONValue) {
        var b = Builder(processes: k, seed: seed)
        b.externals()
        for p in 0..<k { try b.process(p) }
        b.sharedRules()
        return (b.document(), b.witness.document(scenario: name(processes: k, seed: seed)))
    }

    static func document(processes k: Int, seed: UInt64) throws -> JSONValue { try generate(processes: k, seed: seed).scenario }

    /// The scenario being written and its witness, one process after another.
    struct Builder {
        let k: Int
        let seed: UInt64
        var rng: SplitMix64
        var witness: Witness
        var events: [JSONValue] = [], constraints: [JSONValue] = [], externalEvents: [JSONValue] = []
        /// Dates each venue keeps free of rounds (UNGA meetings held there).
        var ungaDates: [Int: Set<Int>] = [:]
        var homeDeck: [Int] = [], shiftDeck: [Int] = []

        init(processes k: Int, seed: UInt64) {
            self.k = k
            self.seed = seed
            rng = SplitMix64(seed: seed &* 0x9E6C_63D0_676A_9A99 &+ UInt64(k) &+ 0x4841_5244)
            // Issue 12's rooms: two, three from K = 12 on; and four from K = 30 on, where the
            // witness cannot place every process's rounds in three (May 2018 at one venue would
            // need more than 90 % of its rooms' days), so that every member stays feasible.
            let rooms = k >= 30 ? 4 : k >= 12 ? 3 : 2
            let closed = Family.venues.map { Set($0.closed.map { HardFamily.d($0).ordinal }) }
            witness = Witness(venues: zip(venueIDs, Family.venues).enumerated().map { i, v in
                Witness.Venue(id: v.0, city: v.1.city, closed: closed[i], rooms: rooms)
            }, horizon: HardFamily.d("2017-01-01")...HardFamily.d("2018-12-31"))
        }

        // MARK: outside events

        /// 60 outside events over the two years: GFMD and IOM-IDM meetings anywhere, IOM Council
        /// and Human Rights Council sessions in Geneva, regional processes (RCP) and economic
        /// communities (REC) in the three cities and elsewhere, UNGA meetings in New York.
        mutating func externals() {
            let anywhere = ["Geneva", "New York", "Vienna", "Berlin", "Rabat", "Bangkok", "Addis Ababa", "Quito", "Dhaka"]
            let kinds: [(category: String, count: Int, places: [String], days: ClosedRange<Int>)] = [
                ("GFMD", 8, anywhere, 0...2), ("IOM-IDM", 6, ["Geneva", "New York"], 1...1), ("IOM-Council", 4, ["Geneva"], 1...3),
                ("RCP", 12, ["Geneva", "Vienna", "New York", "Bangkok", "Santiago", "GVA", "VIE"], 0...2),
                ("REC", 12, ["Geneva", "Vienna", "New York", "Addis Ababa", "Bangkok", "NYC"], 0...2),
                ("HRC", 6, ["Geneva"], 13...20), ("UNGA", 12, ["New York", "NYC"], 0...3),
            ]
            var n = 0
            for kind in kinds {
                for _ in 0..<kind.count {
                    let start = d("2017-01-09") + rng.int(0...700), end = start + rng.int(kind.days)
                    let place = kind.places[rng.int(0...(kind.places.count - 1))]
                    externalEvents.append(.object([("id", .string("X\(n)-\(kind.category)")), ("category", .string(kind.category)),
                                                   ("start", s(start)), ("end", s(end)), ("place", .string(place))]))
                    if kind.category == "UNGA" {
                        ungaDates[nyc, default: []].formUnion((start.ordinal)...(end.ordinal))
                    }
                    n += 1
                }
            }
        }

        mutating func sharedRules() {
            rule([("id", .string("avoid-gfmd-iom")), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", .number(5)),
                  ("events", .string("all")), ("external", .object([("categories", .array([.string("GFMD"), .string("IOM-IDM")]))])),
                  ("bufferDays", .number(1))])
            rule([("id", .string("avoid-rcp-rec-same-place")), ("type", .string("avoidExternal")), ("hard", .bool(false)),
                  ("weight", .number(2)), ("events", .string("all")),
                  ("external", .object([("categories", .array([.string("RCP"), .string("REC")]))])), ("scope", .string("samePlace"))])
            rule([("id", .string("rounds-off-unga")), ("type", .string("avoidExternal")), ("events", .object([("kind", .string("negotiation"))])),
                  ("external", .object([("category", .string("UNGA"))])), ("scope", .string("samePlace"))])
        }

        // MARK: one process

        /// The structure a process draws: what varies by seed besides dates.
        struct Draw {
            var home: Int
            var months: Int
            var quotaMode: Int            // 0 hard exactly, 1 hard atLeast, 2 soft exactly
            var quota: [Int]
            var flexible: Set<Int>        // the two thematic sessions of 1–3 days
            var rota: [Int]               // the witness's venue of each session
            var tsWidth: Int
            var stockVenues: [Int]
            var jitter: [Int]
        }

        mutating func draw(_ p: Int) -> Draw {
            // Home venues and shifts come from balanced decks (each value once per deck, in a seeded
            // order), so that no venue's spring is crowded by chance beyond its rooms.
            if homeDeck.isEmpty { homeDeck = rng.shuffled([gva, nyc, vie]) }
            if shiftDeck.isEmpty { shiftDeck = rng.shuffled(Array(-3...2)) }
            let home = p == 0 ? nyc : homeDeck.removeLast()
            let months = p == 0 ? 0 : shiftDeck.removeLast()
            let base = [3, 4, 4, 5, 5, 5]
            let quota = p == 0 ? base : base.map { $0 + rng.int(-1...1) }
            var flexible: Set<Int> = []
            while flexible.count < 2 { flexible.insert(rng.int(0...5)) }
            let counts = [[2, 2, 2], [3, 2, 1], [2, 3, 1]][rng.int(0...2)]
            var rota: [Int] = []
            repeat {
                rota = rng.shuffled(counts.enumerated().flatMap { v, n in Array(repeating: v, count: n) })
            } while zip(rota, rota.dropFirst()).contains { $0 == $1 }
            let other = (home + rng.int(1...2)) % 3
            return Draw(home: home, months: months, quotaMode: rng.int(0...2), quota: quota, flexible: flexible, rota: rota,
                        tsWidth: rng.int(14...21), stockVenues: [home, other], jitter: (0..<16).map { _ in rng.int(-3...3) })
        }

        /// Process `p`: drawn, witnessed and written; drawn again (up to 40 times) when its witness
        /// cannot be completed against the rooms the earlier processes took.
        mutating func process(_ p: Int) throws {
            for _ in 0..<40 {
                let dr = draw(p)
                var trial = self
                if trial.write(p, dr) { self = trial; return }
            }
            throw BenchError("hard family: no feasible draw for process \(p) of K=\(k), seed \(seed)")
        }

        /// Writes process `p` with draw `dr`, its witness first; false when the witness fails.
        mutating func write(_ p: Int, _ dr: Draw) -> Bool {
            let id = { (name: String) in "P\(p)-\(name)" }
            let m = dr.months
            var apart: [(range: ClosedRange<Day>, city: String)] = []
            var placed: [String: Witness.Assignment] = [:]
            func put(_ r: Witness.Request) -> Witness.Assignment? {
                guard let (a, dates) = witness.find(r, apart: apart) else { return nil }
                witness.add(a, dates: dates)
                apart.append((a.start...a.end, witness.venues[a.venue!].city))
                placed[a.event] = a
                return a
            }
            func milestone(_ name: String, _ window: ClosedRange<Day>, near: Day) -> Day? {
                guard let day = Witness.weekday(in: window, prefer: near) else { return nil }
                witness.add(.init(event: id(name), start: day, end: day, venue: nil, days: 0), dates: [])
                return day
            }

            // Thematic sessions and their documentation.
            let tsBase = ["2017-05-08", "2017-06-12", "2017-07-17", "2017-09-04", "2017-10-09", "2017-11-06"]
            var thematic: [String] = [], tsTargets: [Day] = []
            var previous: Witness.Assignment? = nil
            for t in 0..<6 {
                let target = shifted(d(tsBase[t]), months: m) + dr.jitter[t]
                let window = (target - dr.tsWidth)...(target + dr.tsWidth)
                let flexible = dr.flexible.contains(t)
                guard let ts = put(.init(id: id("TS\(t + 1)"), venues: [dr.rota[t]], lengths: [2], window: window, prefer: target,
                                         notBefore: previous.map { $0.end + 7 })) else { return false }
                previous = ts
                event(id("TS\(t + 1)"), "thematic", flexible ? .object([("min", .number(1)), ("max", .number(3))]) : .number(2),
                      venueIDs, window, preferred: target + dr.jitter[t + 6])
                let docWindow = max(window.lowerBound - 42, d("2017-01-02"))...(window.upperBound - 14)
                guard milestone("DOC\(t + 1)", max(docWindow.lowerBound, ts.start - 42)...min(docWindow.upperBound, ts.start - 14),
                                near: ts.start - 28) != nil else { return false }
                event(id("DOC\(t + 1)"), "documentation", .number(0), [], docWindow, preferred: t % 2 == 0 ? target - 30 : nil)
                rule([("id", .string(id("doc-before-ts\(t + 1)"))), ("type", .string("precedence")), ("before", .string(id("DOC\(t + 1)"))),
                      ("after", .string(id("TS\(t + 1)"))), ("minDays", .number(14)), ("maxDays", .number(42))])
                thematic.append(id("TS\(t + 1)"))
                tsTargets.append(target)
            }

            // Stocktaking and zero draft.
            let ts6 = placed[id("TS6")]!
            let stockWindow = (tsTargets[5] + 10)...(tsTargets[5] + 55)
            let stockWant = tsTargets[5] + 28 + dr.jitter[12]
            guard let stock = put(.init(id: id("ST"), venues: dr.stockVenues, lengths: [3], window: stockWindow,
                                        startWeekdays: [.mon, .tue, .wed], prefer: stockWant, notBefore: ts6.end + 7)) else { return false }
            event(id("ST"), "stocktaking", .number(3), dr.stockVenues.map { venueIDs[$0] }, stockWindow, preferred: stockWant,
                  startWeekdays: ["mon", "tue", "wed"])
            let zdWindow = (stockWindow.lowerBound + 24)...(stockWindow.upperBound + 45)
            let zdWant = stockWant + 30 + dr.jitter[13]
            guard let zd = milestone("ZD", max(zdWindow.lowerBound, stock.end + 21)...zdWindow.upperBound, near: zdWant) else { return false }
            event(id("ZD"), "milestone", .number(0), [], zdWindow, preferred: zdWant)

            // Hearings.
            let hearings: [(name: String, days: Double, venues: [Int], lo: Day, hi: Day, want: Day)] = [
                ("H1", 1, [nyc], shifted(d("2017-06-12"), months: m), shifted(d("2017-07-28"), months: m), shifted(d("2017-07-10"), months: m)),
                ("H2", 0.5, [gva], shifted(d("2017-09-18"), months: m), shifted(d("2017-11-10"), months: m), shifted(d("2017-10-11"), months: m)),
                ("H3", 0.5, [nyc, gva], shifted(d("2017-10-30"), months: m), shifted(d("2017-12-15"), months: m), shifted(d("2017-11-20"), months: m)),
                ("H4", 1, [nyc], zdWindow.lowerBound + 1, zdWindow.upperBound + 25, zdWant + 10),
            ]
            for (i, h) in hearings.enumerated() {
                let want = h.want + dr.jitter[14 + i % 2]
                guard put(.init(id: id(h.name), venues: h.venues, lengths: [h.days], window: h.lo...h.hi, prefer: want,
                                notBefore: h.name == "H4" ? zd + 1 : nil)) != nil else { return false }
                event(id(h.name), "hearing", .number(h.days), h.venues.map { venueIDs[$0] }, h.lo...h.hi, preferred: want)
            }
            let hearingIDs = hearings.map { id($0.name) }

            // Negotiation rounds under the monthly quota, and the conference.
            var rounds: [String] = [], quota: [(key: String, value: JSONValue)] = [], windows: [ClosedRange<Day>] = []
            var requests: [Witness.Request] = [], months: [Day] = []
            for i in 0..<6 {
                let month = firstOfMonth(d("2018-02-01"), plus: m + i)
                let lo = month + rng.int(6...14), window = lo...(lo + rng.int(35...42) - 1)
                let want = lo + rng.int(3...10)
                requests.append(.init(id: id("R\(i + 1)"), venues: [dr.home], lengths: [2, 3, 4, 5, 6], window: window,
                                      startWeekdays: [.mon, .tue], contiguous: false, prefer: want, blocked: ungaDates))
                months.append(month)
                windows.append(window)
                event(id("R\(i + 1)"), "negotiation", .object([("min", .number(2)), ("max", .number(6))]), [venueIDs[dr.home]], window,
                      preferred: want, startWeekdays: ["mon", "tue"], contiguous: false)
                rounds.append(id("R\(i + 1)"))
                quota.append((month.monthKey, .number(Double(dr.quota[i]))))
            }
            var budget = 20_000
            guard let placedRounds = roundsWitness(requests, months: months, need: dr.quota, apart: apart, budget: &budget) else { return false }
            for (a, dates) in placedRounds { witness.add(a, dates: dates) }
            let last: Witness.Assignment? = placedRounds.last?.0, lastWindow = windows[5]
            let confWindow = (lastWindow.lowerBound + 14)...min(lastWindow.upperBound + 50, d("2018-12-31"))
            let confWant = lastWindow.upperBound + 14 + dr.jitter[15]
            guard milestone("CONF", max(confWindow.lowerBound, last!.end + 14)...confWindow.upperBound, near: confWant) != nil else { return false }
            event(id("CONF"), "conference", .number(0), [], confWindow, preferred: confWant)

            // The process's rules.
            rule([("id", .string(id("ts-total-max"))), ("type", .string("totalDays")), ("events", ids(thematic)), ("max", .number(12))])
            rule([("id", .string(id("ts-total-min"))), ("type", .string("totalDays")), ("hard", .bool(false)), ("weight", .number(4)),
                  ("events", ids(thematic)), ("min", .number(12))])
            rule([("id", .string(id("ts-chain"))), ("type", .string("chain")), ("events", .array(thematic.map(JSONValue.string))),
                  ("minDays", .number(7))])
            rule([("id", .string(id("ts-rotation"))), ("type", .string("rotation")), ("events", ids(thematic)),
                  ("minPerVenue", .object([("GVA", .number(2)), ("NYC", .number(2)), ("VIE", .number(1))])),
                  ("maxPerVenue", .object([("VIE", .number(2))]))])
            rule([("id", .string(id("hearing-spacing"))), ("type", .string("minSpacing")), ("hard", .bool(false)), ("weight", .number(1)),
                  ("events", ids(hearingIDs)), ("days", .number(28))])
            rule([("id", .string(id("st-after-ts6"))), ("type", .string("precedence")), ("before", .string(id("TS6"))),
                  ("after", .string(id("ST"))), ("minDays", .number(7))])
            rule([("id", .string(id("zd-after-st"))), ("type", .string("precedence")), ("before", .string(id("ST"))),
                  ("after", .string(id("ZD"))), ("minDays", .number(21))])
            rule([("id", .string(id("zd-hearing"))), ("type", .string("precedence")), ("hard", .bool(false)), ("weight", .number(3)),
                  ("before", .string(id("ZD"))), ("after", .string(id("H4"))), ("maxDays", .number(21))])
            rule([("id", .string(id("round-chain"))), ("type", .string("chain")), ("events", .array(rounds.map(JSONValue.string))),
                  ("minDays", .number(7))])
            var q: [(key: String, value: JSONValue)] = [("id", .string(id("quota"))), ("type", .string("monthlyQuota")),
                                                        ("events", ids(rounds)), ("quota", .object(quota)),
                                                        ("mode", .string(dr.quotaMode == 1 ? "atLeast" : "exactly"))]
            if dr.quotaMode == 2 { q += [("hard", .bool(false)), ("weight", .number(3))] }
            rule(q)
            rule([("id", .string(id("conf-after"))), ("type", .string("precedence")), ("before", .string(id("R6"))),
                  ("after", .string(id("CONF"))), ("minDays", .number(14))])
            rule([("id", .string(id("no-overlap"))), ("type", .string("noOverlap")),
                  ("events", ids(thematic + [id("ST")] + hearingIDs + rounds)), ("travelDays", .number(1))])
            return true
        }

        /// The witness's rounds: from round `i` on, each of 2–6 days, chained 7 days apart, so
        /// that every quota month gets exactly its days. A round's window reaches into the next
        /// month and no round reaches back into an earlier one, so month i is complete once
        /// round i is placed; what it puts into month i + 1 is taken off that month's need. A
        /// depth-first search, nearest wishes first, under a budget of placements tried.
        func roundsWitness(_ requests: [Witness.Request], months: [Day], need: [Int], apart: [(range: ClosedRange<Day>, city: String)],
                           budget: inout Int, from i: Int = 0, notBefore: Day? = nil) -> [(Witness.Assignment, [Day])]? {
            guard i < requests.count else { return [] }
            var r = requests[i]
            r.notBefore = notBefore
            for (a, dates) in witness.placements(r, apart: apart) {
                budget -= 1
                if budget < 0 { return nil }
                let here = dates.filter { $0.monthKey == months[i].monthKey }.count
                let next = dates.count - here
                guard here == need[i], dates.allSatisfy({ $0 >= months[i] }) else { continue }
                var rest = need
                if i + 1 < need.count {
                    guard next <= need[i + 1] else { continue }
                    rest[i + 1] -= next
                }
                let city = witness.venues[a.venue!].city
                if let tail = roundsWitness(requests, months: months, need: rest, apart: apart + [(a.start...a.end, city)],
                                            budget: &budget, from: i + 1, notBefore: a.end + 7) {
                    return [(a, dates)] + tail
                }
                if budget < 0 { return nil }
            }
            return nil
        }

        // MARK: writing

        mutating func event(_ id: String, _ kind: String, _ days: JSONValue, _ venues: [String], _ window: ClosedRange<Day>,
                            preferred: Day? = nil, startWeekdays: [String]? = nil, contiguous: Bool? = nil) {
            var m: [(key: String, value: JSONValue)] = [("id", .string(id)), ("kind", .string(kind)), ("days", days),
                                                        ("venues", .array(venues.map(JSONValue.string))),
                                                        ("window", .object([("earliest", s(window.lowerBound)), ("latest", s(window.upperBound))]))]
            if let startWeekdays { m.append(("startWeekdays", .array(startWeekdays.map(JSONValue.string)))) }
            if let contiguous { m.append(("contiguous", .bool(contiguous))) }
            if let preferred { m.append(("preferredStart", s(preferred))) }
            events.append(.object(m))
        }

        mutating func rule(_ m: [(key: String, value: JSONValue)]) { constraints.append(.object(m)) }

        func document() -> JSONValue {
            let venues: [JSONValue] = zip(witness.venues, Family.venues).map { v, f in
                .object([("id", .string(v.id)), ("name", .string("United Nations, \(v.city)")), ("city", .string(v.city)),
                         ("closed", .array(f.closed.map(JSONValue.string))), ("rooms", .number(Double(v.rooms)))])
            }
            return .object([
                ("format", .string("scenario/1")), ("name", .string(HardFamily.name(processes: k, seed: seed))),
                ("horizon", .object([("start", .string("2017-01-01")), ("end", .string("2018-12-31"))])),
                ("venues", .array(venues)), ("events", .array(events)), ("external", .array(externalEvents)),
                ("constraints", .array(constraints)), ("objective", .object([("preferredStartWeight", .number(1))])),
            ])
        }
    }
}
