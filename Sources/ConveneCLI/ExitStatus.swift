/// The exit statuses, the same for every command (README, "Exit status").
enum ExitStatus {
    /// Done: a calendar found (`optimal` or `feasible`), a check passed.
    static let ok: Int32 = 0
    /// The answer is no: `infeasible` (conflict printed), or a hard rule broken.
    static let no: Int32 = 1
    /// Refused: bad input file or bad usage; every problem listed, nothing written.
    static let refused: Int32 = 2
    /// `unknown`: the time limit came before any calendar.
    static let unknown: Int32 = 3
    /// Internal error, e.g. the evaluator rejected a solver result (a bug).
    static let internalError: Int32 = 70

    static let helpText = """
    EXIT STATUS:
      0   done: a calendar found (optimal or feasible), a check passed
      1   the answer is no: infeasible (conflict printed), a hard rule broken
      2   refused: bad input file or bad usage, every problem listed, nothing written
      3   unknown: the time limit came before any calendar
      70  internal error (a bug): please report it

    """
}

/// What a command produced: the text for standard output and error, and the exit status.
struct CommandResult: Sendable {
    var stdout = ""
    var stderr = ""
    var status: Int32 = ExitStatus.ok
}
