import Dispatch
import Synchronization

/// A flag another thread (a Ctrl-C handler, a sweep's coordinator) raises to stop a search,
/// which then answers as if its time limit had come.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .relaxed) }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}

/// When a search must stop: a time limit, a node limit, or a raised flag.
public struct Limits: Sendable {
    /// Seconds of search; nil for none.
    public var timeLimit: Double?
    public var nodeLimit: Int?
    /// Stop once this many calendars have been found (1: the first calendar only).
    public var solutionLimit: Int? = nil
    public var stop: StopFlag?
    /// Told each time the whole scenario's best calendar or its proven lower bound improves (never
    /// by the searches of its parts or steps, which get limits of their own).
    public var progress: (@Sendable (SearchProgress) -> Void)? = nil
    /// Told a line about each step of a search (a conflict's tests, a what-if's repairs), for
    /// working on the search; the library prints nothing itself (the CLI prints these on
    /// standard error when `CONVENE_TRACE` is set).
    public var trace: (@Sendable (String) -> Void)? = nil

    public init(timeLimit: Double? = 30, nodeLimit: Int? = nil, stop: StopFlag? = nil) {
        self.timeLimit = timeLimit; self.nodeLimit = nodeLimit; self.stop = stop
    }

    /// The limits of one step of a search: its own time and node limits, the same stop flag and
    /// trace, and no progress (only the whole search reports its improvements).
    func step(timeLimit: Double?, nodeLimit: Int? = nil) -> Limits {
        var l = Limits(timeLimit: timeLimit, nodeLimit: nodeLimit, stop: stop)
        l.trace = trace
        return l
    }
}

/// An improvement during a search: the seconds since it began, and the best calendar's cost and
/// the proven lower bound as far as they are known, in half-units.
public struct SearchProgress: Sendable, Equatable {
    public var seconds: Double
    public var cost: Int?
    public var bound: Int?
}

/// A monotonic clock in seconds.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
