import Convene

extension Commands {
    static let solve = CommandSpec(
        name: "solve",
        overview: "Propose the best calendar that meets every hard rule (not yet built).",
        arguments: [("scenario", "A scenario/1 file.", true)],
        options: [],
        run: { _ in CommandResult(stderr: "solve is not built yet\n", status: ExitStatus.internalError) })
}
