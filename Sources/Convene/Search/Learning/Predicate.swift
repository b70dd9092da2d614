/// An atomic statement about one event's option, the literal of the learning core
/// (Pumpkin's `[x != v]`, `[x == v]`, `[x >= v]`, `[x <= v]`, over the option index and two
/// views of it: the start date and the end date, as day ordinals).
///
/// A predicate is *true* when no live option of its event violates it, *false* when no live
/// option satisfies it. Options are sorted by start, so `[start ≥ t]` cuts a prefix of the
/// domain; `[end ≤ t]` cuts whatever option ends later. Making a predicate true removes exactly
/// the options that violate it: one trail entry, one reason, however many options go.
///
///     [P3-ST start ≥ 2017-10-02]   // every option of P3-ST starting before 2 October is gone
///     [P3-ST ≠ 17]                 // option 17 is gone
struct Predicate: Hashable, Sendable {
    enum Kind: UInt8, Sendable { case ne, eq, startGE, startLE, endGE, endLE }
    var event: Int32
    var kind: Kind
    /// An option index for `ne` and `eq`; a day ordinal for the bounds.
    var value: Int32

    init(_ event: Int, _ kind: Kind, _ value: Int) {
        self.event = Int32(event); self.kind = kind; self.value = Int32(truncatingIfNeeded: value)
    }

    /// The predicate that holds exactly when this one does not.
    var negated: Predicate {
        var p = self
        switch kind {
        case .ne: p.kind = .eq
        case .eq: p.kind = .ne
        case .startGE: p.kind = .startLE; p.value = value - 1
        case .startLE: p.kind = .startGE; p.value = value + 1
        case .endGE: p.kind = .endLE; p.value = value - 1
        case .endLE: p.kind = .endGE; p.value = value + 1
        }
        return p
    }

    /// Whether option `o` (starting `start`, ending `end`) violates this predicate: the options
    /// that making it true removes.
    @inline(__always) func violated(by o: Int, start: Int32, end: Int32) -> Bool {
        switch kind {
        case .ne: return o == Int(value)
        case .eq: return o != Int(value)
        case .startGE: return start < value
        case .startLE: return start > value
        case .endGE: return end < value
        case .endLE: return end > value
        }
    }
}

extension Predicate: CustomStringConvertible {
    var description: String {
        switch kind {
        case .ne: "[e\(event) ≠ \(value)]"
        case .eq: "[e\(event) = \(value)]"
        case .startGE: "[e\(event) start ≥ \(value)]"
        case .startLE: "[e\(event) start ≤ \(value)]"
        case .endGE: "[e\(event) end ≥ \(value)]"
        case .endLE: "[e\(event) end ≤ \(value)]"
        }
    }
}
