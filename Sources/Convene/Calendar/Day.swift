/// A calendar date of the proleptic Gregorian calendar, held as the number of days since
/// 1970-01-01, so that date arithmetic is integer arithmetic.
///
/// Spec: "Dates and days" — a date is `"YYYY-MM-DD"`, no time of day.
///
///     let d = Day(iso: "2017-12-04")!     // a Monday
///     d.weekday == .mon; (d + 2).iso == "2017-12-06"
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day of a civil date, or nil when the month or day does not exist (2017-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses exactly `YYYY-MM-DD`; nil for any other text or a date that does not exist.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The civil (year, month, day) of this day.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `"YYYY-MM-DD"`.
    public var iso: String {
        let c = civil
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// `"YYYY-MM"`, the key of `monthlyQuota`.
    public var monthKey: String { String(iso.prefix(7)) }

    /// The month as one number, `year × 12 + month − 1`, for fast comparison.
    public var monthIndex: Int { let c = civil; return c.year * 12 + c.month - 1 }

    /// The `monthIndex` of a `"YYYY-MM"` key, or nil when it is not one.
    public static func monthIndex(of key: String) -> Int? { Day(iso: key + "-01")?.monthIndex }

    /// 1970-01-01 was a Thursday.
    public var weekday: Weekday { Weekday.allCases[((ordinal % 7) + 7 + 3) % 7] }

    public var description: String { iso }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public static func + (a: Day, n: Int) -> Day { Day(ordinal: a.ordinal + n) }
    public static func - (a: Day, n: Int) -> Day { Day(ordinal: a.ordinal - n) }
    /// Calendar days from `b` to `a`.
    public static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }
}

/// A day of the week, spelled as the spec spells it.
public enum Weekday: String, CaseIterable, Sendable {
    case mon, tue, wed, thu, fri, sat, sun

    public var index: Int { Weekday.allCases.firstIndex(of: self)! }
}
