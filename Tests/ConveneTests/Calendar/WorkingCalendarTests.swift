import Testing
@testable import Convene

/// Working days and occupied dates (spec, "Dates and days" and "Occupied dates").
///
/// May 2017: Mondays are the 1st, 8th, 15th, 22nd and 29th; 31 May is a Wednesday.
struct WorkingCalendarTests {
    let may = DateRange(Day(iso: "2017-05-01")!, Day(iso: "2017-05-31")!)

    @Test("the default weekend is Saturday and Sunday")
    func defaultWeekend() {
        let cal = WorkingCalendar(venue: Venue(id: "GVA", city: "Geneva"), horizon: may)
        #expect(cal.isWorkingDay(day("2017-05-05")))   // Friday
        #expect(!cal.isWorkingDay(day("2017-05-06")))  // Saturday
        #expect(!cal.isWorkingDay(day("2017-05-07")))  // Sunday
        #expect(cal.isWorkingDay(day("2017-05-08")))   // Monday
        // 31 days minus 4 Saturdays (6, 13, 20, 27) and 4 Sundays (7, 14, 21, 28).
        #expect(cal.workingDays(in: may).count == 23)
    }

    @Test("a weekend read from the file replaces the default")
    func customWeekend() throws {
        let s = try scenario(venues: #"[{"id": "DOH", "city": "Doha", "weekend": ["fri", "sat"]}]"#,
                             events: [#"{"id": "A", "days": 1, "venues": ["DOH"]}"#])
        let cal = Evaluator(s).calendars[0]
        #expect(cal.isWorkingDay(day("2017-05-04")))   // Thursday
        #expect(!cal.isWorkingDay(day("2017-05-05")))  // Friday
        #expect(!cal.isWorkingDay(day("2017-05-06")))  // Saturday
        #expect(cal.isWorkingDay(day("2017-05-07")))   // Sunday
        // A 2-day event from Thursday runs Thursday and Sunday.
        #expect(cal.occupancy(start: day("2017-05-04"), days: 2) == [day("2017-05-04"), day("2017-05-07")])
    }

    @Test("a venue with no weekend in the file keeps sat/sun; an empty weekend works every day")
    func weekendDefaultFromFile() throws {
        let s = try scenario(venues: #"[{"id": "GVA", "city": "Geneva"}, {"id": "ALL", "city": "X", "weekend": []}]"#,
                             events: [#"{"id": "A", "days": 1, "venues": ["GVA"]}"#])
        let e = Evaluator(s)
        #expect(!e.calendars[0].isWorkingDay(day("2017-05-06")))
        #expect(e.calendars[1].isWorkingDay(day("2017-05-06")))
        #expect(e.calendars[1].isWorkingDay(day("2017-05-07")))
    }

    @Test("closed dates and unavailable ranges are not working days, ends included")
    func closedAndUnavailable() throws {
        let s = try scenario(venues: """
            [{"id": "GVA", "city": "Geneva", "closed": ["2017-05-25"],
              "unavailable": [{"start": "2017-05-15", "end": "2017-05-17", "reason": "HRC"}]}]
            """, events: [#"{"id": "A", "days": 1, "venues": ["GVA"]}"#])
        let cal = Evaluator(s).calendars[0]
        #expect(!cal.isWorkingDay(day("2017-05-25")))
        #expect(cal.isWorkingDay(day("2017-05-24")))
        #expect(cal.isWorkingDay(day("2017-05-26")))
        #expect(cal.isWorkingDay(day("2017-05-12")))
        #expect(!cal.isWorkingDay(day("2017-05-15")))
        #expect(!cal.isWorkingDay(day("2017-05-16")))
        #expect(!cal.isWorkingDay(day("2017-05-17")))  // `end` is inclusive
        #expect(cal.isWorkingDay(day("2017-05-18")))
        // A 3-day event from Friday 12 May skips the weekend and the range: 12, 18, 19.
        #expect(cal.occupancy(start: day("2017-05-12"), days: 3) == [day("2017-05-12"), day("2017-05-18"), day("2017-05-19")])
        // 23 weekdays in May minus 15, 16, 17 and 25.
        #expect(cal.workingDays(in: may).count == 19)
    }

    @Test("dates outside the horizon are not working days")
    func horizon() {
        let cal = WorkingCalendar(venue: Venue(id: "GVA", city: "Geneva"), horizon: may)
        #expect(!cal.isWorkingDay(day("2017-04-28")))  // a Friday before the horizon
        #expect(!cal.isWorkingDay(day("2017-06-01")))  // a Thursday after it
        #expect(cal.workingDays(in: DateRange(day("2017-05-29"), day("2017-06-09"))) == [day("2017-05-29"), day("2017-05-30"), day("2017-05-31")])
    }

    @Test("a milestone held nowhere may fall on any Monday to Friday")
    func weekdaysCalendar() {
        let cal = WorkingCalendar(venue: nil, horizon: may)
        #expect(cal.isWorkingDay(day("2017-05-25")))
        #expect(!cal.isWorkingDay(day("2017-05-27")))
        #expect(cal.workingDays(in: may).count == 23)
    }

    @Test("a 3-day event starting Thursday occupies Thursday, Friday and Monday")
    func occupancyAcrossWeekend() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 3, "venues": ["GVA"], "contiguous": false}"#])
        let p = try #require(Evaluator(s).place(start: day("2017-05-04"), venue: 0, days: 3))
        #expect(p.occupied == [day("2017-05-04"), day("2017-05-05"), day("2017-05-08")])
        #expect(p.start == day("2017-05-04"))
        #expect(p.end == day("2017-05-08"))
        // Not contiguous is allowed here: no calendar problem.
        #expect(Evaluator(s).evaluate([p]).hard.isEmpty)
    }

    @Test("with contiguous (the default), a span over a weekend is calendar:ID")
    func contiguousAcrossWeekend() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 3, "venues": ["GVA"]}"#])
        let report = try evaluate(s, [("A", "2017-05-04", "GVA", 3)])
        #expect(report.hard.map(\.rule) == ["calendar:A"])
        #expect(!report.hardOK)
        // The same event from Monday holds.
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 3)]).hard.isEmpty)
    }

    @Test("a half day occupies one date")
    func halfDay() throws {
        let s = try scenario(events: [#"{"id": "H", "days": 0.5, "venues": ["GVA"]}"#])
        let p = try #require(Evaluator(s).place(start: day("2017-05-05"), venue: 0, days: 0.5))
        #expect(p.occupied == [day("2017-05-05")])
        #expect(p.end == p.start)
        #expect(Evaluator(s).evaluate([p]).hard.isEmpty)
    }

    @Test("a milestone occupies nothing; its start and end are its date")
    func milestone() throws {
        let s = try scenario(events: [#"{"id": "M", "days": 0, "venues": []}"#])
        let p = try #require(Evaluator(s).place(start: day("2017-05-10"), venue: nil, days: 0))
        #expect(p.occupied.isEmpty)
        #expect(p.start == day("2017-05-10") && p.end == day("2017-05-10"))
        #expect(Evaluator(s).evaluate([p]).hard.isEmpty)
        // On a Saturday it breaks the Monday-to-Friday rule.
        let sat = try #require(Evaluator(s).place(start: day("2017-05-13"), venue: nil, days: 0))
        #expect(Evaluator(s).evaluate([sat]).hard.map(\.rule) == ["calendar:M"])
    }

    @Test("an event over a month boundary counts one day in each month")
    func monthBoundary() throws {
        // A: 2 days from Wednesday 31 May: occupies 31 May and 1 June.
        // Quota exactly {May: 1, June: 1} → |1 − 1| + |1 − 1| = 0; {May: 2, June: 0} → |1 − 2| + |1 − 0| = 2.
        let s = try scenario(events: [#"{"id": "A", "days": 2, "venues": ["GVA"]}"#], constraints: [
            #"{"id": "q11", "type": "monthlyQuota", "events": "all", "quota": {"2017-05": 1, "2017-06": 1}}"#,
            #"{"id": "q20", "type": "monthlyQuota", "events": "all", "quota": {"2017-05": 2, "2017-06": 0}}"#,
        ])
        let report = try evaluate(s, [("A", "2017-05-31", "GVA", 2)])
        #expect(report.amounts["q11"] == 0)
        #expect(report.amounts["q20"] == 2)
    }

    @Test("29 February 2016 is a working day")
    func leapDayIsWorking() throws {
        let s = try scenario(horizon: ("2016-02-01", "2016-03-31"),
                             events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "contiguous": false}"#])
        let cal = Evaluator(s).calendars[0]
        #expect(cal.isWorkingDay(day("2016-02-29")))
        // From Friday 26 February, 2 days: 26 February and Monday 29 February (not 1 March).
        #expect(cal.occupancy(start: day("2016-02-26"), days: 2) == [day("2016-02-26"), day("2016-02-29")])
        #expect(cal.occupancy(start: day("2016-02-29"), days: 2) == [day("2016-02-29"), day("2016-03-01")])
    }

    @Test("a start on a non-working day is calendar:ID")
    func startOnWeekend() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "contiguous": false}"#])
        // Saturday 6 May: the occupied dates are Monday and Tuesday, but `s` must be a working day.
        let report = try evaluate(s, [("A", "2017-05-06", "GVA", 2)])
        #expect(report.hard.map(\.rule) == ["calendar:A"])
    }

    @Test("a start on a closed date is calendar:ID")
    func startOnClosedDate() throws {
        let s = try scenario(venues: #"[{"id": "GVA", "city": "Geneva", "closed": ["2017-05-25"]}]"#,
                             events: [#"{"id": "A", "days": 1, "venues": ["GVA"]}"#])
        #expect(try evaluate(s, [("A", "2017-05-25", "GVA", 1)]).hard.map(\.rule) == ["calendar:A"])
        #expect(try evaluate(s, [("A", "2017-05-26", "GVA", 1)]).hard.isEmpty)
    }

    @Test("a start outside startWeekdays is calendar:ID")
    func startWeekdays() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 1, "venues": ["GVA"], "startWeekdays": ["mon"]}"#])
        #expect(try evaluate(s, [("A", "2017-05-09", "GVA", 1)]).hard.map(\.rule) == ["calendar:A"])
        #expect(try evaluate(s, [("A", "2017-05-08", "GVA", 1)]).hard.isEmpty)
    }

    @Test("an occupied date outside the window is window:ID")
    func window() throws {
        let s = try scenario(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "window": {"earliest": "2017-05-08", "latest": "2017-05-12"}}"#])
        #expect(try evaluate(s, [("A", "2017-05-11", "GVA", 2)]).hard.isEmpty)        // 11, 12
        // From Friday 12 May: 12 and 15 May, past `latest` and over a weekend.
        #expect(Set(try evaluate(s, [("A", "2017-05-12", "GVA", 2)]).hard.map(\.rule)) == ["window:A", "calendar:A"])
        // From Thursday 4 May: 4 and 5 May, before `earliest`.
        #expect(try evaluate(s, [("A", "2017-05-04", "GVA", 2)]).hard.map(\.rule) == ["window:A"])
        // 12 and 15 May, contiguity aside: the last date is past `latest`.
        let loose = try scenario(events: [#"{"id": "A", "days": 2, "venues": ["GVA"], "contiguous": false, "window": {"earliest": "2017-05-08", "latest": "2017-05-12"}}"#])
        #expect(try evaluate(loose, [("A", "2017-05-12", "GVA", 2)]).hard.map(\.rule) == ["window:A"])
    }

    @Test("a date past the horizon is window:ID even without a window")
    func pastHorizon() throws {
        let s = try scenario(horizon: ("2017-05-01", "2017-05-31"), events: [#"{"id": "A", "days": 1, "venues": ["GVA"]}"#])
        #expect(try evaluate(s, [("A", "2017-06-01", "GVA", 1)]).hard.map(\.rule) == ["window:A"])
    }
}
