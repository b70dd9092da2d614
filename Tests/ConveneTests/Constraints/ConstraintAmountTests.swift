import Testing
@testable import Convene

/// The `amount` of each constraint type on small hand-computed cases (spec, "CONSTRAINT" and
/// "Fine print"). Each comment shows the arithmetic from the spec's definition.
///
/// Calendar used below: May 2017 Mondays 1, 8, 15, 22, 29 (31 May a Wednesday); June 2017
/// Mondays 5, 12, 19, 26 (1 June a Thursday). Venues GVA and PAL are in Geneva, NY in New York.
struct ConstraintAmountTests {
    // MARK: totalDays

    @Test("totalDays: distance of the sum of days to [min, max]; a half day counts 0.5, a milestone 0")
    func totalDays() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 3, "venues": ["GVA"]}"#,
            #"{"id": "H", "days": 0.5, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": []}"#,
        ], constraints: [
            #"{"id": "min6", "type": "totalDays", "events": "all", "min": 6}"#,
            #"{"id": "max4", "type": "totalDays", "events": "all", "max": 4}"#,
            #"{"id": "in5to6", "type": "totalDays", "events": "all", "min": 5, "max": 6}"#,
            #"{"id": "min5.5", "type": "totalDays", "events": "all", "min": 5.5}"#,
        ])
        let report = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-15", "GVA", 3),
                                      ("H", "2017-05-22", "GVA", 0.5), ("M", "2017-05-24", nil, 0)])
        // v = 2 + 3 + 0.5 + 0 = 5.5.
        #expect(report.amounts["min6"] == 0.5)     // 6 − 5.5
        #expect(report.amounts["max4"] == 1.5)     // 5.5 − 4
        #expect(report.amounts["in5to6"] == 0)     // 5 ≤ 5.5 ≤ 6
        #expect(report.amounts["min5.5"] == 0)     // on the bound
    }

    @Test("totalDays counts only scheduled events, and a chosen length of a {min,max} event")
    func totalDaysScheduledOnly() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 3, "venues": ["GVA"]}"#,
            #"{"id": "R", "days": {"min": 1, "max": 4}, "venues": ["GVA"]}"#,
        ], constraints: [#"{"id": "t", "type": "totalDays", "events": "all", "min": 8}"#])
        // B unscheduled: v = 2 (A) + 4 (R as placed) = 6 → 8 − 6 = 2.
        let report = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("R", "2017-05-15", "GVA", 4)])
        #expect(report.amounts["t"] == 2)
        #expect(report.unscheduled == ["B"])
    }

    // MARK: monthlyQuota

    /// A: 2 days from Wed 31 May (31 May, 1 June); B: 3 days from Mon 5 June; H: half a day on Thu 8 June.
    /// May: 1 (A). June: 1 (A) + 3 (B) + 0.5 (H) = 4.5. Quota {May: 2, June: 4, July: 0}.
    func quotaScenario(mode: String?) throws -> CheckReport {
        let modeField = mode.map { #", "mode": "\#($0)""# } ?? ""
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 3, "venues": ["GVA"]}"#,
            #"{"id": "H", "days": 0.5, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": ["GVA"]}"#,
        ], constraints: [
            #"{"id": "q", "type": "monthlyQuota", "events": "all", "quota": {"2017-05": 2, "2017-06": 4, "2017-07": 0}\#(modeField)}"#,
        ])
        return try evaluate(s, [("A", "2017-05-31", "GVA", 2), ("B", "2017-06-05", "GVA", 3),
                                ("H", "2017-06-08", "GVA", 0.5), ("M", "2017-06-09", "GVA", 0)])
    }

    @Test("monthlyQuota exactly (the default): Σ |v − q| over listed months")
    func quotaExactly() throws {
        // |1 − 2| + |4.5 − 4| + |0 − 0| = 1 + 0.5 + 0 = 1.5.
        #expect(try quotaScenario(mode: nil).amounts["q"] == 1.5)
        #expect(try quotaScenario(mode: "exactly").amounts["q"] == 1.5)
    }

    @Test("monthlyQuota atLeast: Σ max(0, q − v)")
    func quotaAtLeast() throws {
        // max(0, 2 − 1) + max(0, 4 − 4.5) + max(0, 0 − 0) = 1 + 0 + 0 = 1.
        #expect(try quotaScenario(mode: "atLeast").amounts["q"] == 1)
    }

    @Test("monthlyQuota atMost: Σ max(0, v − q)")
    func quotaAtMost() throws {
        // max(0, 1 − 2) + max(0, 4.5 − 4) + max(0, 0 − 0) = 0 + 0.5 + 0 = 0.5.
        #expect(try quotaScenario(mode: "atMost").amounts["q"] == 0.5)
    }

    @Test("monthlyQuota leaves unlisted months free")
    func quotaUnlisted() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 3, "venues": ["GVA"]}"#],
                             constraints: [#"{"id": "q", "type": "monthlyQuota", "events": "all", "quota": {"2017-06": 0}}"#])
        // A lies in May only; June: |0 − 0| = 0.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 3)]).amounts["q"] == 0)
        // In June: |3 − 0| = 3.
        #expect(try evaluate(s, [("A", "2017-06-12", "GVA", 3)]).amounts["q"] == 3)
    }

    // MARK: precedence

    /// A: 2 days from Mon 8 May, so end(A) = 9 May.
    func precedence(_ fields: String, bStart: String?, bDays: Double = 2) throws -> CheckReport {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"], "contiguous": false}"#,
        ], constraints: [#"{"id": "p", "type": "precedence", "before": "A", "after": "B"\#(fields)}"#])
        var items: [Placed] = [("A", "2017-05-08", "GVA", 2)]
        if let bStart { items.append(("B", bStart, "GVA", bDays)) }
        return try evaluate(s, items)
    }

    @Test("precedence: start(after) − end(before) must reach minDays (default 1)")
    func precedenceMin() throws {
        // B from 10 May: 10 − 9 = 1 ≥ 1 → 0.
        #expect(try precedence("", bStart: "2017-05-10").amounts["p"] == 0)
        // B from 9 May: 9 − 9 = 0 → 1 − 0 = 1.
        #expect(try precedence("", bStart: "2017-05-09").amounts["p"] == 1)
        // B from Mon 1 May: 1 − 9 = −8 → 1 − (−8) = 9.
        #expect(try precedence("", bStart: "2017-05-01").amounts["p"] == 9)
        // minDays 3, B from 10 May: 3 − 1 = 2.
        #expect(try precedence(#", "minDays": 3"#, bStart: "2017-05-10").amounts["p"] == 2)
    }

    @Test("precedence: above maxDays the amount is the excess")
    func precedenceMax() throws {
        // B from Mon 22 May: 22 − 9 = 13; range [1, 7] → 13 − 7 = 6.
        #expect(try precedence(#", "maxDays": 7"#, bStart: "2017-05-22").amounts["p"] == 6)
        // B from Tue 16 May: 16 − 9 = 7 → on the bound, 0.
        #expect(try precedence(#", "maxDays": 7"#, bStart: "2017-05-16").amounts["p"] == 0)
    }

    @Test("precedence with a negative minDays lets the later event start before the earlier ends")
    func precedenceNegative() throws {
        // minDays −2. B from 8 May: 8 − 9 = −1 ≥ −2 → 0.
        #expect(try precedence(#", "minDays": -2"#, bStart: "2017-05-08").amounts["p"] == 0)
        // B from Thu 4 May: 4 − 9 = −5 → −2 − (−5) = 3.
        #expect(try precedence(#", "minDays": -2"#, bStart: "2017-05-04").amounts["p"] == 3)
        // Range [−2, −1], B from 10 May: 10 − 9 = 1 → 1 − (−1) = 2.
        #expect(try precedence(#", "minDays": -2, "maxDays": -1"#, bStart: "2017-05-10").amounts["p"] == 2)
    }

    @Test("precedence with an unscheduled side is not evaluated, and listed as such")
    func precedenceUnscheduled() throws {
        let report = try precedence("", bStart: nil)
        #expect(report.amounts["p"] == 0)
        #expect(report.hardOK)
        #expect(report.notEvaluated.count == 1)
        #expect(report.notEvaluated.first.map { [$0.rule, $0.before, $0.after] } == ["p", "A", "B"])
        #expect(!report.complete)
        #expect(report.unscheduled == ["B"])
    }

    @Test("precedence and chain count milestones: a milestone's start and end are its date")
    func precedenceMilestone() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": []}"#,
        ], constraints: [#"{"id": "p", "type": "precedence", "before": "M", "after": "A", "minDays": 5}"#,
                         // Soft, so that the two links are no hard cycle (that would be bad input).
                         #"{"id": "c", "type": "chain", "events": ["A", "M"], "hard": false, "weight": 1}"#])
        // M on Wed 10 May, A from Mon 15 May (ends 16): p: 15 − 10 = 5 → 0. c: A→M: 10 − 16 = −6 → 1 + 6 = 7.
        let report = try evaluate(s, [("M", "2017-05-10", nil, 0), ("A", "2017-05-15", "GVA", 2)])
        #expect(report.amounts["p"] == 0)
        #expect(report.amounts["c"] == 7)
    }

    // MARK: chain

    /// A 8–9 May, B 10–11 May, C 15–16 May, all at GVA.
    func chainReport(_ constraint: String, placing: [String] = ["A", "B", "C"]) throws -> CheckReport {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "C", "days": 2, "venues": ["GVA"]}"#,
        ], constraints: [constraint])
        let all: [Placed] = [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-10", "GVA", 2), ("C", "2017-05-15", "GVA", 2)]
        return try evaluate(s, all.filter { placing.contains($0.event) })
    }

    @Test("chain: the sum of the precedence amounts of consecutive pairs")
    func chain() throws {
        // Default minDays 1: A→B 10 − 9 = 1, B→C 15 − 11 = 4 → 0.
        #expect(try chainReport(#"{"id": "c", "type": "chain", "events": ["A", "B", "C"]}"#).amounts["c"] == 0)
        // minDays 3: A→B 3 − 1 = 2, B→C 4 ≥ 3 → 0. Sum 2.
        #expect(try chainReport(#"{"id": "c", "type": "chain", "events": ["A", "B", "C"], "minDays": 3}"#).amounts["c"] == 2)
        // Order of the list, not of the dates: C→A: 8 − 16 = −8 → 1 + 8 = 9; A→B 0. Sum 9.
        #expect(try chainReport(#"{"id": "c", "type": "chain", "events": ["C", "A", "B"]}"#).amounts["c"] == 9)
    }

    @Test("chain: a link with an unscheduled side is not evaluated; the others are")
    func chainUnscheduled() throws {
        // B unscheduled: A→B and B→C are not evaluated; with minDays 10 nothing is counted.
        let report = try chainReport(#"{"id": "c", "type": "chain", "events": ["A", "B", "C"], "minDays": 10}"#, placing: ["A", "C"])
        #expect(report.amounts["c"] == 0)
        #expect(report.notEvaluated.map { "\($0.rule) \($0.before)→\($0.after)" } == ["c A→B", "c B→C"])
        // C unscheduled: A→B is evaluated (10 − 1 = 9), B→C is not.
        let partial = try chainReport(#"{"id": "c", "type": "chain", "events": ["A", "B", "C"], "minDays": 10}"#, placing: ["A", "B"])
        #expect(partial.amounts["c"] == 9)
        #expect(partial.notEvaluated.map { "\($0.before)→\($0.after)" } == ["B→C"])
    }

    // MARK: noOverlap

    func overlapScenario(_ constraint: String) throws -> Scenario {
        try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA", "PAL", "NY"]}"#,
            #"{"id": "C", "days": 1, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": ["GVA"]}"#,
        ], constraints: [constraint])
    }

    @Test("noOverlap: a pair needs start(later) − end(earlier) ≥ 1")
    func noOverlap() throws {
        let s = try overlapScenario(#"{"id": "n", "type": "noOverlap", "events": "all"}"#)
        // A 8–9, B 10–11: 10 − 9 = 1 → 0.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-10", "GVA", 2)]).amounts["n"] == 0)
        // A 8–9, B 9–10: 9 − 9 = 0 → 1 − 0 = 1.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-09", "GVA", 2)]).amounts["n"] == 1)
        // Same dates: ordered A then B by id; 8 − 9 = −1 → 1 + 1 = 2.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-08", "GVA", 2)]).amounts["n"] == 2)
    }

    @Test("noOverlap sums over every pair, ordered by start then end")
    func noOverlapPairs() throws {
        let s = try overlapScenario(#"{"id": "n", "type": "noOverlap", "events": "all"}"#)
        // B 8–9, A 9–10, C 9. Order: B (8), then C (9, ends 9), then A (9, ends 10).
        // (B, C): 9 − 9 = 0 → 1. (B, A): 9 − 9 = 0 → 1. (C, A): 9 − 9 = 0 → 1. Total 3.
        let report = try evaluate(s, [("B", "2017-05-08", "GVA", 2), ("A", "2017-05-09", "GVA", 2), ("C", "2017-05-09", "GVA", 1)])
        #expect(report.amounts["n"] == 3)
        // A 8–9, C 8, B 10–11. Order C (ends 8), A (ends 9), B.
        // (C, A): 8 − 8 = 0 → 1. (C, B): 10 − 8 = 2 → 0. (A, B): 10 − 9 = 1 → 0. Total 1.
        // (Ordered A before C it would be 8 − 9 = −1 → 2: the order by end matters.)
        let tie = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("C", "2017-05-08", "GVA", 1), ("B", "2017-05-10", "GVA", 2)])
        #expect(tie.amounts["n"] == 1)
    }

    @Test("noOverlap with travelDays: different cities need 1 + travelDays, the same city 1")
    func noOverlapTravel() throws {
        let s = try overlapScenario(#"{"id": "n", "type": "noOverlap", "events": "all", "travelDays": 2}"#)
        // A GVA 8–9, B NY from Thu 11: 11 − 9 = 2; need 1 + 2 = 3 → 1.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-11", "NY", 2)]).amounts["n"] == 1)
        // B NY from Mon 15: 15 − 9 = 6 ≥ 3 → 0.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-15", "NY", 2)]).amounts["n"] == 0)
        // B at PAL (also Geneva) from 10: 10 − 9 = 1 ≥ 1 → 0.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-10", "PAL", 2)]).amounts["n"] == 0)
        // B at NY from 10: 10 − 9 = 1; need 3 → 2.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-10", "NY", 2)]).amounts["n"] == 2)
    }

    @Test("noOverlap skips milestones even when its selector names them")
    func noOverlapMilestone() throws {
        let s = try overlapScenario(#"{"id": "n", "type": "noOverlap", "events": {"ids": ["A", "M"]}}"#)
        // M on 9 May, inside A (8–9): a milestone occupies nothing and is skipped → 0.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("M", "2017-05-09", "GVA", 0)]).amounts["n"] == 0)
    }

    // MARK: minSpacing

    @Test("minSpacing: each pair adds max(0, days − (start(later) − end(earlier)))")
    func minSpacing() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "C", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": ["GVA"]}"#,
        ], constraints: [#"{"id": "sp", "type": "minSpacing", "events": "all", "days": 7}"#])
        // A 8–9, B 15–16, C 29–30, M 12.
        // (A, B): 15 − 9 = 6 → 1. (A, C): 29 − 9 = 20 → 0. (B, C): 29 − 16 = 13 → 0. M skipped. Total 1.
        let report = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-15", "GVA", 2),
                                      ("C", "2017-05-29", "GVA", 2), ("M", "2017-05-12", "GVA", 0)])
        #expect(report.amounts["sp"] == 1)
    }

    @Test("minSpacing orders a pair by start, then end")
    func minSpacingOrder() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 1, "venues": ["GVA"]}"#,
        ], constraints: [#"{"id": "sp", "type": "minSpacing", "events": "all", "days": 3}"#])
        // A 8–9, B 8. Same start; B ends first, so B is earlier: 8 − 8 = 0 → 3 − 0 = 3
        // (A first would give 8 − 9 = −1 → 4).
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-08", "GVA", 1)]).amounts["sp"] == 3)
    }

    // MARK: rotation

    /// T1 GVA 8 May, T2 GVA 15 May, T3 NY 22 May, T4 NY 30 May (29 is a Monday, but the event may start Tue).
    func rotation(_ fields: String, milestone: Bool = false) throws -> CheckReport {
        let s = try scenario(events: [
            // Listed out of date order: rotation orders by start, not by file order.
            #"{"id": "T4", "days": 2, "venues": ["GVA", "NY"]}"#,
            #"{"id": "T1", "days": 2, "venues": ["GVA", "NY"]}"#,
            #"{"id": "T3", "days": 2, "venues": ["GVA", "NY"]}"#,
            #"{"id": "T2", "days": 2, "venues": ["GVA", "NY"]}"#,
            #"{"id": "M", "days": 0, "venues": ["GVA"]}"#,
        ], constraints: [#"{"id": "r", "type": "rotation", "events": "all"\#(fields)}"#])
        var items: [Placed] = [("T1", "2017-05-08", "GVA", 2), ("T2", "2017-05-15", "GVA", 2),
                               ("T3", "2017-05-22", "NY", 2), ("T4", "2017-05-30", "NY", 2)]
        if milestone { items.append(("M", "2017-05-10", "GVA", 0)) }
        return try evaluate(s, items)
    }

    @Test("rotation counts consecutive pairs at the same venue")
    func rotationPairs() throws {
        // Order T1 GVA, T2 GVA, T3 NY, T4 NY: (T1, T2) and (T3, T4) share a venue → 2.
        #expect(try rotation("").amounts["r"] == 2)
    }

    @Test("rotation adds per-venue shortfalls and excesses")
    func rotationCounts() throws {
        // GVA holds 2, NY holds 2. minPerVenue GVA 3 → 1 short; maxPerVenue NY 1 → 1 over. 2 + 1 + 1 = 4.
        #expect(try rotation(#", "minPerVenue": {"GVA": 3}, "maxPerVenue": {"NY": 1}"#).amounts["r"] == 4)
        // Counts met: minPerVenue GVA 2, maxPerVenue NY 2 → 2 + 0 + 0 = 2.
        #expect(try rotation(#", "minPerVenue": {"GVA": 2}, "maxPerVenue": {"NY": 2}"#).amounts["r"] == 2)
        // A venue that holds none: minPerVenue PAL 1 → 1 short. 2 + 1 = 3.
        #expect(try rotation(#", "minPerVenue": {"PAL": 1}"#).amounts["r"] == 3)
    }

    @Test("rotation skips milestones")
    func rotationMilestone() throws {
        // M at GVA on 10 May, between T1 (GVA 8–9) and T2 (GVA 15–16). Counted, it would give
        // (T1, M), (M, T2), (T3, T4) = 3 pairs and GVA 3 > max 2 → 4. Skipped: (T1, T2), (T3, T4) → 2.
        #expect(try rotation(#", "minPerVenue": {"GVA": 2}, "maxPerVenue": {"GVA": 2}"#, milestone: true).amounts["r"] == 2)
    }

    @Test("rotation breaks ties of start and end by id in Unicode code points")
    func rotationTies() throws {
        // All three on Mon 8 May, 1 day. By code points "Z" (U+005A) < "a" < "b":
        // Z GVA, a NY, b GVA → no consecutive pair shares a venue → 0.
        // (File order Z, b, a, or a case-blind order a, b, Z, would give one GVA pair → 1.)
        let s = try scenario(events: [
            #"{"id": "Z", "days": 1, "venues": ["GVA", "NY"]}"#,
            #"{"id": "b", "days": 1, "venues": ["GVA", "NY"]}"#,
            #"{"id": "a", "days": 1, "venues": ["GVA", "NY"]}"#,
        ], constraints: [#"{"id": "r", "type": "rotation", "events": "all"}"#])
        let report = try evaluate(s, [("Z", "2017-05-08", "GVA", 1), ("b", "2017-05-08", "GVA", 1), ("a", "2017-05-08", "NY", 1)])
        #expect(report.amounts["r"] == 0)
    }

    // MARK: avoidExternal

    /// X: GFMD in Geneva 10–11 May. Y: HRC at venue NY on 9 May. U: RCP in Geneva, not yet dated.
    let externals = [
        #"{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10", "end": "2017-05-11"}"#,
        #"{"id": "Y", "category": "HRC", "place": "NY", "start": "2017-05-09", "end": "2017-05-09"}"#,
        #"{"id": "U", "category": "RCP", "place": "Geneva"}"#,
    ]

    func avoid(_ fields: String, _ items: [Placed]) throws -> CheckReport {
        let s = try scenario(events: [
            #"{"id": "A", "days": 3, "venues": ["GVA", "NY"]}"#,
            #"{"id": "B", "days": 1, "venues": ["GVA", "NY"]}"#,
            #"{"id": "M", "days": 0, "venues": ["GVA"]}"#,
        ], external: externals, constraints: [#"{"id": "av", "type": "avoidExternal", "events": "all"\#(fields)}"#])
        return try evaluate(s, items)
    }

    @Test("avoidExternal counts (event, external, date) triples, anywhere by default")
    func avoidAnyPlace() throws {
        // A at GVA 8, 9, 10. X [10, 11] → {10}: 1. Y [9, 9] → {9}: 1. U undated: never. Total 2.
        let report = try avoid(#", "external": "all""#, [("A", "2017-05-08", "GVA", 3)])
        #expect(report.amounts["av"] == 2)
        #expect(report.clashes.map { "\($0.event) \($0.external) \($0.dates.map(\.iso))" }.sorted()
                == [#"A X ["2017-05-10"]"#, #"A Y ["2017-05-09"]"#])
        #expect(report.undated == ["U"])
    }

    @Test("avoidExternal widens each external by bufferDays on both sides")
    func avoidBuffer() throws {
        // bufferDays 1. X [9, 12] → {9, 10}: 2. Y [8, 10] → {8, 9, 10}: 3. Total 5.
        #expect(try avoid(#", "external": "all", "bufferDays": 1"#, [("A", "2017-05-08", "GVA", 3)]).amounts["av"] == 5)
    }

    @Test("avoidExternal samePlace: only externals whose place is the event's venue id or city")
    func avoidSamePlace() throws {
        // A at GVA (Geneva) 8–10: X's place "Geneva" is its city → {10}: 1; Y's "NY" is not → 0.
        #expect(try avoid(#", "external": "all", "scope": "samePlace""#, [("A", "2017-05-08", "GVA", 3)]).amounts["av"] == 1)
        // A at NY (New York) 8–10: Y's place "NY" is its venue id → {9}: 1; X's "Geneva" is not → 0.
        #expect(try avoid(#", "external": "all", "scope": "samePlace""#, [("A", "2017-05-08", "NY", 3)]).amounts["av"] == 1)
        // anyPlace, the same: 2.
        #expect(try avoid(#", "external": "all", "scope": "anyPlace""#, [("A", "2017-05-08", "NY", 3)]).amounts["av"] == 2)
    }

    @Test("avoidExternal: an undated external never clashes, and is listed as undated")
    func avoidUndated() throws {
        // Only U is selected; it has no dates, so A (8–10 in Geneva) cannot meet it → 0.
        let report = try avoid(#", "external": {"ids": ["U"]}, "bufferDays": 30"#, [("A", "2017-05-08", "GVA", 3)])
        #expect(report.amounts["av"] == 0)
        #expect(report.clashes.isEmpty)
        #expect(report.undated == ["U"])
    }

    @Test("avoidExternal skips milestones; a category selector picks externals")
    func avoidMilestoneAndCategory() throws {
        // M (a milestone at GVA) on 10 May, inside X: skipped. B at GVA on 11 May: X → {11}: 1.
        let report = try avoid(#", "external": {"category": "GFMD"}"#, [("M", "2017-05-10", "GVA", 0), ("B", "2017-05-11", "GVA", 1)])
        #expect(report.amounts["av"] == 1)
        #expect(report.clashes.map(\.event) == ["B"])
        // {"categories": ["HRC"]}: B on 9 May meets Y → 1; X is not selected.
        #expect(try avoid(#", "external": {"categories": ["HRC"]}"#, [("B", "2017-05-09", "GVA", 1)]).amounts["av"] == 1)
    }

    // MARK: cost

    @Test("cost = Σ weight × amount of soft rules + preferredStartWeight × |start − preferred|; hard breaks are not cost")
    func cost() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"], "preferredStart": "2017-05-10"}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": [], "preferredStart": "2017-05-01"}"#,
        ], constraints: [
            #"{"id": "soft-overlap", "type": "noOverlap", "events": "all", "hard": false, "weight": 3}"#,
            #"{"id": "soft-spacing", "type": "minSpacing", "events": "all", "days": 4, "hard": false, "weight": 2}"#,
            #"{"id": "hard-prec", "type": "precedence", "before": "B", "after": "A", "minDays": 5}"#,
            #"{"id": "soft-ok", "type": "totalDays", "events": "all", "max": 10, "hard": false, "weight": 100}"#,
        ], objective: #"{"preferredStartWeight": 4}"#)
        // A 8–9, B 9–10, M on Wed 3 May.
        // soft-overlap: (A, B): 9 − 9 = 0 → 1; × 3 = 3.
        // soft-spacing: (A, B): 4 − 0 = 4; × 2 = 8.
        // hard-prec: 8 − 10 = −2 → 5 + 2 = 7: reported hard, not in the cost.
        // soft-ok: 4 ≤ 10 → 0.
        // preferredStart A: 4 × |8 − 10| = 8; M: 4 × |3 − 1| = 8 (milestones too).
        // Cost 3 + 8 + 8 + 8 = 27.
        let report = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-09", "GVA", 2), ("M", "2017-05-03", nil, 0)])
        #expect(report.cost == 27)
        #expect(report.hard.map(\.rule) == ["hard-prec"])
        #expect(report.hard.first?.amount == 7)
        #expect(!report.hardOK)
        #expect(Set(report.soft.map(\.rule)) == ["soft-overlap", "soft-spacing", "preferredStart:A", "preferredStart:M"])
        #expect(report.soft.first { $0.rule == "soft-spacing" }?.amount == 4)
        #expect(report.soft.first { $0.rule == "soft-spacing" }?.weight == 2)
        #expect(report.soft.first { $0.rule == "preferredStart:A" }?.amount == 2)
        #expect(report.complete)
    }

    @Test("the default preferredStartWeight is 1; a cost-free calendar costs 0")
    func defaultPreferredWeight() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 1, "venues": ["GVA"], "preferredStart": "2017-05-10"}"#])
        // |15 − 10| × 1 = 5.
        #expect(try evaluate(s, [("A", "2017-05-15", "GVA", 1)]).cost == 5)
        #expect(try evaluate(s, [("A", "2017-05-10", "GVA", 1)]).cost == 0)
        #expect(try evaluate(s, [("A", "2017-05-10", "GVA", 1)]).soft.isEmpty)
    }

    @Test("a hard rule with a positive amount is broken; a soft one with amount 0 is not listed")
    func hardAndSoftListing() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"]}"#,
        ], constraints: [
            #"{"id": "n", "type": "noOverlap", "events": "all"}"#,
            #"{"id": "s", "type": "minSpacing", "events": "all", "days": 1, "hard": false, "weight": 9}"#,
        ])
        // A 8–9, B 10–11: noOverlap 10 − 9 = 1 → 0; minSpacing 1 → 0.
        let ok = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-10", "GVA", 2)])
        #expect(ok.hardOK && ok.hard.isEmpty && ok.soft.isEmpty && ok.cost == 0)
        // B 9–10: noOverlap 1 (hard, broken), minSpacing 1 × 9 = 9.
        let bad = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-09", "GVA", 2)])
        #expect(bad.hard.map(\.rule) == ["n"])
        #expect(bad.cost == 9)
    }

    @Test("an unscheduled event makes the calendar incomplete")
    func incomplete() throws {
        let s = try scenario(events: [
            #"{"id": "A", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"]}"#,
        ])
        let partial = try evaluate(s, [("A", "2017-05-08", "GVA", 2)])
        #expect(!partial.complete)
        #expect(partial.unscheduled == ["B"])
        #expect(partial.hardOK)
        let full = try evaluate(s, [("A", "2017-05-08", "GVA", 2), ("B", "2017-05-15", "GVA", 2)])
        #expect(full.complete)
        #expect(full.unscheduled.isEmpty)
    }

    @Test("rooms: the sum over dates of the excess; a half day takes a room, a milestone none")
    func rooms() throws {
        let s = try scenario(venues: #"[{"id": "GVA", "city": "Geneva", "rooms": 1}]"#, events: [
            #"{"id": "A", "days": 3, "venues": ["GVA"]}"#,
            #"{"id": "B", "days": 2, "venues": ["GVA"]}"#,
            #"{"id": "H", "days": 0.5, "venues": ["GVA"]}"#,
            #"{"id": "M", "days": 0, "venues": ["GVA"]}"#,
        ])
        // A 8, 9, 10; B 9, 10; H 10; M 10. Per date: 8 → 1, 9 → 2, 10 → 3 (M takes none).
        // Excess over 1 room: 0 + 1 + 2 = 3.
        let report = try evaluate(s, [("A", "2017-05-08", "GVA", 3), ("B", "2017-05-09", "GVA", 2),
                                      ("H", "2017-05-10", "GVA", 0.5), ("M", "2017-05-10", "GVA", 0)])
        #expect(report.hard.map(\.rule) == ["rooms:GVA"])
        #expect(report.hard.first?.amount == 3)
    }
}
