import Testing
@testable import Convene

/// Civil dates (spec, "Dates and days": `"YYYY-MM-DD"`, proleptic Gregorian).
struct DayTests {
    @Test("1970-01-01 is ordinal 0 and ordinals count calendar days")
    func epoch() throws {
        #expect(try #require(Day(iso: "1970-01-01")).ordinal == 0)
        #expect(try #require(Day(iso: "1970-01-02")).ordinal == 1)
        #expect(try #require(Day(iso: "1969-12-31")).ordinal == -1)
        // 30 years of 365 days plus the leap days of 1972, 1976, …, 1996 (7 of them).
        #expect(try #require(Day(iso: "2000-01-01")).ordinal == 30 * 365 + 7)
    }

    @Test("weekdays of known dates", arguments: [
        ("1970-01-01", Weekday.thu),
        ("2000-01-01", .sat),
        ("1900-01-01", .mon),
        ("2016-02-29", .mon),
        ("2017-05-08", .mon),
        ("2017-05-31", .wed),
        ("2017-12-04", .mon),
        ("2018-02-28", .wed),
        ("2018-12-10", .mon),
    ])
    func weekday(iso: String, expected: Weekday) throws {
        #expect(try #require(Day(iso: iso)).weekday == expected)
    }

    @Test("parses and formats YYYY-MM-DD", arguments: ["2017-05-08", "2016-02-29", "2000-02-29", "0005-01-01", "1999-12-31"])
    func roundTripText(iso: String) throws {
        let d = try #require(Day(iso: iso))
        #expect(d.iso == iso)
        #expect(d.description == iso)
    }

    @Test("civil fields of a parsed date")
    func civilFields() throws {
        let d = try #require(Day(iso: "2018-02-28"))
        #expect(d.civil.year == 2018 && d.civil.month == 2 && d.civil.day == 28)
        #expect(d.monthKey == "2018-02")
        #expect((d + 1).iso == "2018-03-01")
        #expect(Day(year: 2018, month: 2, day: 28) == d)
    }

    @Test("refuses text that is not an existing YYYY-MM-DD date", arguments: [
        "2017-02-29", "2018-02-30", "2017-13-01", "2017-00-10", "2017-01-00", "2017-04-31", "1900-02-29",
        "2017-5-8", "2017/05/08", " 2017-05-08", "2017-05-08 ", "2017-05-08T00:00", "17-05-08", "", "abcd-ef-gh", "+017-05-08",
    ])
    func refuses(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("2016-02-29 exists, 2017-02-29 does not")
    func leapDay() {
        #expect(Day(year: 2016, month: 2, day: 29) != nil)
        #expect(Day(year: 2017, month: 2, day: 29) == nil)
    }

    @Test("month lengths, with February by the Gregorian leap rule")
    func monthLengths() {
        // 30 days hath September, April, June and November; February 28, or 29 in a leap year.
        let expected2017 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        #expect((1...12).map { Day.daysIn(year: 2017, month: $0) } == expected2017)
        // Leap: divisible by 4, except centuries, except those divisible by 400.
        #expect(Day.daysIn(year: 1900, month: 2) == 28)
        #expect(Day.daysIn(year: 2000, month: 2) == 29)
        #expect(Day.daysIn(year: 2016, month: 2) == 29)
        #expect(Day.daysIn(year: 2100, month: 2) == 28)
        // A year has 365 days, 366 when leap: from 1 January to 1 January of the next year.
        for (year, length) in [(1900, 365), (2000, 366), (2016, 366), (2017, 365)] {
            let a = Day(year: year, month: 1, day: 1)!, b = Day(year: year + 1, month: 1, day: 1)!
            #expect(b - a == length, "year \(year)")
        }
    }

    @Test("ordinal ↔ civil ↔ text round trip, and each next day is the next civil date")
    func roundTripOrdinals() throws {
        // 1600-01-01 to 2400-12-31, every day: the ordinal survives text and civil fields, and
        // consecutive ordinals advance the civil date by one day, rolling months by their length.
        let lo = try #require(Day(iso: "1600-01-01")).ordinal, hi = try #require(Day(iso: "2400-12-31")).ordinal
        var previous = Day(ordinal: lo - 1).civil
        var failures = 0
        for n in lo...hi where failures < 5 {
            let d = Day(ordinal: n)
            let c = d.civil
            var ok = Day(iso: d.iso)?.ordinal == n && Day(year: c.year, month: c.month, day: c.day)?.ordinal == n
            if previous.day < Day.daysIn(year: previous.year, month: previous.month) {
                ok = ok && c == (previous.year, previous.month, previous.day + 1)
            } else if previous.month < 12 {
                ok = ok && c == (previous.year, previous.month + 1, 1)
            } else {
                ok = ok && c == (previous.year + 1, 1, 1)
            }
            // Weekdays cycle with period 7.
            ok = ok && d.weekday == Weekday.allCases[(Day(ordinal: n - 1).weekday.index + 1) % 7]
            if !ok { failures += 1; Issue.record("ordinal \(n) (\(d.iso)) after \(previous)") }
            previous = c
        }
    }

    @Test("date arithmetic and order")
    func arithmetic() throws {
        let a = try #require(Day(iso: "2017-05-31")), b = try #require(Day(iso: "2017-06-01"))
        #expect(b - a == 1)
        #expect(a + 1 == b)
        #expect(b - 1 == a)
        #expect(a < b)
        #expect(try #require(Day(iso: "2018-01-01")) - (try #require(Day(iso: "2017-01-01"))) == 365)
    }
}
