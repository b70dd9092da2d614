import Foundation

/// Reading input files and writing outputs so that no file is ever half-written.
public enum FileIO {
    /// The bytes of `path`, or of standard input for `-`.
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(file: path, problems: [InputProblem(path: "file", message: "no such file")])
        }
        guard !isDir.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, problems: [InputProblem(path: "file", message: "cannot be read (a directory, or no permission)")])
        }
        return [UInt8](data)
    }

    /// Writes `text` to `path` through a temporary file in the same folder and a rename, so
    /// that a reader (or an interrupted run) sees the old file or the whole new one.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).convene-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: tmp)
            if FileManager.default.fileExists(atPath: path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: tmp)
            } else {
                try FileManager.default.moveItem(at: tmp, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Whether two paths name the same file (so that an output never overwrites an input).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        guard a != "-", b != "-" else { return false }
        let ua = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath()
        let ub = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath()
        return ua.path == ub.path
    }
}
