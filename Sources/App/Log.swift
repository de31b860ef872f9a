import Glibc

public enum LogLevel: String, Sendable, Comparable {
    case debug, info, warning, error

    private var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// JSON lines on stdout: a constant message plus keys (STYLE.md, convention 11). Values are the
/// caller's responsibility: never a password, token or bind list. Lines go through `LogSink`, so a
/// slow reader of stdout never blocks the thread that logs.
public struct Log: Sendable {
    public let minimum: LogLevel
    let sink: LogSink

    public init(minimum: LogLevel, sink: LogSink = .standardOutput) {
        self.minimum = minimum
        self.sink = sink
    }

    /// The fields are built only when the line is written: the access log's fields cost a dictionary
    /// and several strings per request even with the level turned off.
    public func callAsFunction(_ level: LogLevel, _ message: StaticString, _ fields: @autoclosure () -> [String: String] = [:]) {
        guard level >= minimum else { return }
        var line = "{\"level\":\"\(level.rawValue)\",\"msg\":\(jsonString("\(message)"))"
        for (key, value) in fields().sorted(by: { $0.key < $1.key }) {
            line += ",\(jsonString(key)):\(jsonString(value))"
        }
        line += "}\n"
        // Whole lines are queued, so lines from concurrent tasks never interleave.
        sink.write(line)
    }
}

/// A JSON string literal with the escapes RFC 8259 §7 requires.
func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case let control where control.value < 0x20:
            let hex = String(control.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

/// Writes the whole text to a descriptor; `write` may accept less than asked.
func writeAll(_ text: String, to descriptor: Int32) {
    writeAll(Array(text.utf8), to: descriptor)
}

func writeAll(_ text: [UInt8], to descriptor: Int32) {
    var bytes = text[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
