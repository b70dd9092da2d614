import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading input files and writing outputs so that no file is ever half-written or lost.
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

    /// Why `path` cannot take an output, or nil when it can: its folder must exist, and it must
    /// not be a folder itself. Asked before any work, so that a bad `--out` is refused at once.
    public static func outputProblem(_ path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            return "'\(path)' is a folder, not a file"
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            return "the folder of '\(path)' does not exist"
        }
        guard FileManager.default.isWritableFile(atPath: folder) else { return "the folder of '\(path)' cannot be written" }
        return nil
    }

    /// Writes `text` to `path` through a temporary file in the same folder and a rename, so
    /// that a reader (or an interrupted run) sees the old file or the whole new one.
    public static func writeAtomically(_ text: String, to path: String) throws {
        if let problem = outputProblem(path) { throw OutputError(description: problem) }
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).convene-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: tmp)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(description: "cannot write '\(path)': \(error.localizedDescription)")
        }
        // rename(2) replaces the target in one step; a symbolic link at `path` is replaced, not followed.
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(description: "cannot write '\(path)': \(reason)")
        }
    }

    /// Whether two paths name the same file: the same device and inode when both exist (hard
    /// and symbolic links included), else the same normalised path.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        guard a != "-", b != "-" else { return false }
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        let ua = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath()
        let ub = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath()
        return ua.path == ub.path
    }
}

/// An output that cannot be written.
public struct OutputError: Error, CustomStringConvertible {
    public var description: String
}
