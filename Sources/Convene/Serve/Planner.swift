import Foundation

/// The files `convene serve` was started with: the only ones it reads or writes.
public struct ServeFiles: Sendable {
    public var scenario: String
    public var baseline: String?
    /// Where "save" writes the working calendar (atomically); nil: saving is refused.
    public var out: String?
    public init(scenario: String, baseline: String? = nil, out: String? = nil) {
        self.scenario = scenario; self.baseline = baseline; self.out = out
    }
}

/// A re-plan shown against the working calendar, waiting to be kept or dropped.
struct Proposal: Sendable {
    /// `solve` or `whatif`.
    var kind: String
    var label: String
    var file: CalendarFile
    /// The what-if's cost and disturbance, for a what-if.
    var whatIfCost: Double?
    var disturbance: Double?
    var conflict: [String] = []
    var repairs: [String] = []
    var unproven = false
}

/// One planner's session: the scenario, the working calendar with its undo and redo stacks,
/// the proposal on show, and the search running for the page (a newer one stops it).
public final class Planner: @unchecked Sendable {
    public let scenario: Scenario
    public let files: ServeFiles
    /// Holiday names by venue id and date, from the scenario's `closedNames` (an extra field).
    let holidays: [String: [Day: String]]
    let evaluator: Evaluator
    public var moveWeight = 1
    public var venueChangeWeight = 10
    private let lock = NSLock()
    private var working: CalendarFile
    private var undoStack: [CalendarFile] = []
    private var redoStack: [CalendarFile] = []
    private var proposal: Proposal?
    private var running: StopFlag?
    /// The working calendar's part of `stateJSON`, made once per working calendar.
    private var workingCache: (version: Int, value: [(key: String, value: JSONValue)])?
    private var version = 0
    /// Bumped by every change of the working calendar or the proposal: answers made from them
    /// (`stateJSON`) are kept as text until the next change.
    private var generation = 0
    private var texts: [String: (generation: Int, text: String)] = [:]

    public init(scenario: Scenario, scenarioBytes: [UInt8], baseline: CalendarFile?, files: ServeFiles) {
        self.scenario = scenario
        self.files = files
        evaluator = Evaluator(scenario)
        holidays = Planner.holidayNames(scenarioBytes)
        working = baseline ?? CalendarFile(scenario: scenario.name, status: "feasible", cost: nil, assignments: [])
    }

    /// Reads the scenario and baseline named in `files`; the refusal lists every problem.
    public static func open(_ files: ServeFiles) throws(InputError) -> Planner {
        let bytes = try FileIO.read(files.scenario)
        let scenario = try ScenarioReader.read(bytes, file: files.scenario)
        var baseline: CalendarFile? = nil
        if let b = files.baseline {
            let file = try CalendarFile.read(try FileIO.read(b), file: b)
            guard file.scenario == scenario.name else {
                throw InputError(file: b, problems: [InputProblem(path: "scenario",
                    message: "expected a calendar of scenario \"\(scenario.name)\", found \"\(file.scenario)\"")])
            }
            baseline = file
        }
        return Planner(scenario: scenario, scenarioBytes: bytes, baseline: baseline, files: files)
    }

    static func holidayNames(_ bytes: [UInt8]) -> [String: [Day: String]] {
        guard let root = try? JSONParser.parse(bytes), case .array(let venues)? = root["venues"] else { return [:] }
        var out: [String: [Day: String]] = [:]
        for v in venues {
            guard case .string(let id)? = v["id"], case .object(let names)? = v["closedNames"] else { continue }
            for (k, value) in names {
                if let d = Day(iso: k), case .string(let name) = value { out[id, default: [:]][d] = name }
            }
        }
        return out
    }

    // MARK: the working calendar

    public var workingCalendar: CalendarFile { lock.lock(); defer { lock.unlock() }; return working }

    /// The cached members for the working calendar of `version`, or nil.
    func cachedWorking(_ make: (CalendarFile) -> [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        lock.lock()
        let (file, v) = (working, version)
        if let c = workingCache, c.version == v { lock.unlock(); return c.value }
        lock.unlock()
        let value = make(file)
        lock.lock(); if version == v { workingCache = (v, value) }; lock.unlock()
        return value
    }

    var currentProposal: Proposal? { lock.lock(); defer { lock.unlock() }; return proposal }

    var history: (undo: Int, redo: Int) { lock.lock(); defer { lock.unlock() }; return (undoStack.count, redoStack.count) }

    func propose(_ p: Proposal?) { lock.lock(); proposal = p; generation += 1; lock.unlock() }

    /// The text `make` gives, made once per generation (`always`: once for the session).
    func cachedText(_ key: String, always: Bool = false, _ make: () -> String) -> String {
        lock.lock()
        let g = always ? -1 : generation
        if let t = texts[key], t.generation == g { lock.unlock(); return t.text }
        lock.unlock()
        let text = make()
        lock.lock(); if always || generation == g { texts[key] = (g, text) }; lock.unlock()
        return text
    }

    /// The proposal becomes the working calendar; false when there is none (or it has no calendar).
    func keep() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let p = proposal, !p.file.assignments.isEmpty else { return false }
        undoStack.append(working)
        redoStack.removeAll()
        working = p.file
        version += 1
        generation += 1
        proposal = nil
        return true
    }

    func undo() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let last = undoStack.popLast() else { return false }
        redoStack.append(working)
        working = last
        version += 1
        generation += 1
        proposal = nil
        return true
    }

    func redo() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let next = redoStack.popLast() else { return false }
        undoStack.append(working)
        working = next
        version += 1
        generation += 1
        proposal = nil
        return true
    }

    // MARK: searches

    /// A stop flag for a new search; the running one, if any, is stopped (the newer supersedes).
    func beginSearch() -> StopFlag {
        let flag = StopFlag()
        lock.lock()
        running?.raise()
        running = flag
        lock.unlock()
        return flag
    }

    /// Stops the running search, if any.
    public func stopSearch() {
        lock.lock(); running?.raise(); lock.unlock()
    }

    /// The what-if of `changes` from the working calendar, with this session's weights.
    func whatIf(_ changes: [Change]) -> WhatIf {
        WhatIf(scenario: scenario, baseline: workingCalendar, changes: changes, moveWeight: moveWeight, venueChangeWeight: venueChangeWeight)
    }
}
