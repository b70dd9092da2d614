/// What a conflict is made of (spec, "Calendar file"): a hard constraint, an event-level reason,
/// a venue's rooms, or a pin a what-if adds. The search, the explainer and the repairs carry this
/// value; `description` is the one place that writes the spec's name of an element
/// (`window:STOCK`, `rooms:GVA`, `pin:TS6`, a constraint's id), `init?(_:in:)` the one place that
/// reads a name back.
public enum ConflictElementID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// A constraint, by id (a hard one takes part in conflicts; a relaxed soft one adds no cost).
    case constraint(String)
    /// An event's reason: `window:ID`, `venues:ID`, `fixed:ID`, `days:ID`, `calendar:ID`.
    case reason(Evaluator.Reason, event: String)
    /// A venue's rooms: `rooms:VENUE`.
    case rooms(venue: String)
    /// A what-if's pin of an event: `pin:ID`.
    case pin(event: String)

    /// The spec's name: a constraint's id, else `kind:ID`.
    public var description: String {
        switch self {
        case .constraint(let id): return id
        case .reason(let reason, let event): return "\(reason.rawValue):\(event)"
        case .rooms(let venue): return "rooms:\(venue)"
        case .pin(let event): return "pin:\(event)"
        }
    }

    /// The element `name` names in `scenario`: a constraint of that id first, else `kind:ID`
    /// with a kind of the spec (or `pin`); nil for any other name.
    public init?(_ name: String, in scenario: Scenario) {
        if scenario.constraints.contains(where: { $0.id == name }) { self = .constraint(name); return }
        guard let colon = name.firstIndex(of: ":") else { return nil }
        let kind = String(name[..<colon]), id = String(name[name.index(after: colon)...])
        switch kind {
        case "rooms": self = .rooms(venue: id)
        case "pin": self = .pin(event: id)
        default:
            guard let reason = Evaluator.Reason(rawValue: kind) else { return nil }
            self = .reason(reason, event: id)
        }
    }

    /// The event a reason or a pin is about.
    public var event: String? {
        switch self {
        case .reason(_, let event), .pin(let event): return event
        case .constraint, .rooms: return nil
        }
    }

    /// Constraints, then reasons (in `Evaluator.Reason` order), rooms, pins; by id within each.
    public static func < (a: ConflictElementID, b: ConflictElementID) -> Bool { a.sortKey < b.sortKey }

    private var sortKey: (Int, String) {
        switch self {
        case .constraint(let id): return (0, id)
        case .reason(let reason, let event): return (1 + Evaluator.Reason.allCases.firstIndex(of: reason)!, event)
        case .rooms(let venue): return (1 + Evaluator.Reason.allCases.count, venue)
        case .pin(let event): return (2 + Evaluator.Reason.allCases.count, event)
        }
    }
}

/// One element of a minimal conflict: what it is and a sentence for a planner.
public struct ConflictElement: Equatable, Sendable {
    public var id: ConflictElementID
    public var sentence: String

    public init(id: ConflictElementID, sentence: String) { self.id = id; self.sentence = sentence }

    /// Its name in the spec's terms, as files and reports write it: a constraint id, `window:STOCK`.
    public var element: String { id.description }
}
