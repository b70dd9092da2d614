import Dispatch
import Foundation

// The only place that prints and exits. Ctrl-C stops a search, which then answers with the
// best calendar so far; a second Ctrl-C ends the process at once.
signal(SIGINT, SIG_IGN)
let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
nonisolated(unsafe) var interruptCount = 0
interrupts.setEventHandler {
    interruptCount += 1
    if interruptCount > 1 { exit(130) }
    CLI.interrupt.raise()
}
interrupts.resume()

let result = CLI.run(Array(CommandLine.arguments.dropFirst()))
FileHandle.standardOutput.write(Data(result.stdout.utf8))
FileHandle.standardError.write(Data(result.stderr.utf8))
exit(result.status)
