/// A scheduling problem as a scenario/1 file states it, with every selector already resolved
/// to indices, so that evaluation and search never look up a string.
///
/// Spec: "Scenario file". Build one with `ScenarioReader.read(_:)`.
public struct Scenario: Sendable {
    public var name: String
    public var horizon: DateRange
    public var venues: [Venue]
    public var events: [Event]
    public var externals: [ExternalEvent]
    public var constraints: [Constraint]
    public var preferredStartWeight: Int

    /// The index of the venue with `id`.
    public func venueIndex(_ id: String) -> Int? { venues.firstIndex { $0.id == id } }
    /// The index of the event with `id`.
    public func eventIndex(_ id: String) -> Int? { events.firstIndex { $0.id == id } }
    /// Every event's index by its id, for a caller that looks up many (ids are unique).
    var eventIndices: [String: Int] { Dictionary(uniqueKeysWithValues: events.enumerated().map { ($1.id, $0) }) }

    public init(name: String, horizon: DateRange, venues: [Venue], events: [Event], externals: [ExternalEvent],
                constraints: [Constraint], preferredStartWeight: Int) {
        self.name = name; self.horizon = horizon; self.venues = venues; self.events = events
        self.externals = externals; self.constraints = constraints; self.preferredStartWeight = preferredStartWeight
    }
}

/// An inclusive range of dates (the spec's `end` is inclusive everywhere).
public struct DateRange: Hashable, Sendable {
    public var start: Day
    public var end: Day
    public init(_ start: Day, _ end: Day) { self.start = start; self.end = end }
    public func contains(_ d: Day) -> Bool { start <= d && d <= end }
    public var count: Int { max(0, end - start + 1) }
}

/// A place where events are held, with the dates it works.
public struct Venue: Sendable {
    public var id: String
    public var name: String
    public var city: String
    public var weekend: Set<Weekday>
    public var closed: Set<Day>
    public var unavailable: [(range: DateRange, reason: String)]
    /// At most this many events occupy one date here (always hard).
    public var rooms: Int?

    public init(id: String, name: String? = nil, city: String, weekend: Set<Weekday> = [.sat, .sun],
                closed: Set<Day> = [], unavailable: [(range: DateRange, reason: String)] = [], rooms: Int? = nil) {
        self.id = id; self.name = name ?? id; self.city = city; self.weekend = weekend
        self.closed = closed; self.unavailable = unavailable; self.rooms = rooms
    }

    /// Whether the venue meets on `day`, leaving the horizon aside.
    public func isOpen(_ day: Day) -> Bool {
        !weekend.contains(day.weekday) && !closed.contains(day) && !unavailable.contains { $0.range.contains(day) }
    }
}

/// How many working days an event lasts.
public enum EventLength: Hashable, Sendable {
    /// `days` is one number: 0 (a milestone), 0.5 (a half day) or a whole number.
    case exactly(Double)
    /// `{min, max}`: the solver chooses a whole number in this range.
    case range(min: Int, max: Int)

    /// Whether `d` is a length this event may take.
    public func allows(_ d: Double) -> Bool {
        switch self {
        case .exactly(let v): return v == d
        case let .range(lo, hi): return d == d.rounded() && Double(lo) <= d && d <= Double(hi)
        }
    }

    /// The lengths it may take, shortest first. (A `{min, max}` may be long: see `choices(upTo:)`.)
    public var choices: [Double] { choices(upTo: .infinity) }

    /// The lengths it may take up to `limit` days, shortest first: an event cannot last more
    /// working days than its horizon holds.
    public func choices(upTo limit: Double) -> [Double] {
        switch self {
        case .exactly(let v): return v <= limit ? [v] : []
        case let .range(lo, hi):
            let top = Double(hi) <= limit ? hi : Int(max(Double(lo) - 1, min(Double(hi), limit.rounded(.down))))
            return top < lo ? [] : (lo...top).map(Double.init)
        }
    }

    public var isMilestone: Bool { self == .exactly(0) }
    public var shortest: Double { if case .range(let lo, _) = self { return Double(lo) }; if case .exactly(let v) = self { return v }; return 0 }
    public var longest: Double { if case .range(_, let hi) = self { return Double(hi) }; if case .exactly(let v) = self { return v }; return 0 }
}

/// A pin: the spec's `fixed`.
public struct Pin: Hashable, Sendable {
    public var start: Day
    public var venue: String?
    public var days: Double?
    public init(start: Day, venue: String?, days: Double? = nil) { self.start = start; self.venue = venue; self.days = days }
}

/// An event the solver places.
public struct Event: Sendable {
    public var id: String
    public var title: String
    public var kind: String
    public var length: EventLength
    /// Venue indices; empty for a milestone that may fall on any Monday to Friday.
    public var venues: [Int]
    public var window: DateRange
    public var contiguous: Bool
    public var startWeekdays: Set<Weekday>?
    public var fixed: Pin?
    public var preferredStart: Day?
    public var source: String?

    public init(id: String, title: String? = nil, kind: String = "", length: EventLength, venues: [Int],
                window: DateRange, contiguous: Bool = true, startWeekdays: Set<Weekday>? = nil,
                fixed: Pin? = nil, preferredStart: Day? = nil, source: String? = nil) {
        self.id = id; self.title = title ?? id; self.kind = kind; self.length = length; self.venues = venues
        self.window = window; self.contiguous = contiguous; self.startWeekdays = startWeekdays
        self.fixed = fixed; self.preferredStart = preferredStart; self.source = source
    }

    public var isMilestone: Bool { length.isMilestone }
}

/// A fixed outside event the calendar must live with.
public struct ExternalEvent: Sendable {
    public var id: String
    public var title: String
    public var category: String
    /// Nil while its dates are not fixed: it then never clashes.
    public var dates: DateRange?
    /// A venue id or a city name.
    public var place: String
    public var source: String?

    public init(id: String, title: String? = nil, category: String, dates: DateRange?, place: String, source: String? = nil) {
        self.id = id; self.title = title ?? id; self.category = category; self.dates = dates
        self.place = place; self.source = source
    }
}
