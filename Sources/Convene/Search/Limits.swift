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
    /// Which search core answers, for the whole scenario and for every part and step of it.
    public var core: SearchCore = .auto
    /// Told each time the whole scenario's best calendar or its proven lower bound improves (never
    /// by the searches of its parts or steps, which get limits of their own).
    public var progress: (@Sendable (SearchProgress) -> Void)? = nil

    public init(timeLimit: Double? = 30, nodeLimit: Int? = nil, stop: StopFlag? = nil, core: SearchCore = .auto) {
        self.timeLimit = timeLimit; self.nodeLimit = nodeLimit; self.stop = stop; self.core = core
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
