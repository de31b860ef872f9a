import EventIO

/// What went wrong talking to the relay, sorted the way delivery needs it (RFC 5321 §4.2.1): a 5yz
/// reply is permanent and is not retried; a 4yz reply or a broken connection is transient.
public enum SMTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case unreachable(String)
    case connectionLost(String)
    case rejected(SMTPReply)
    case protocolViolation(String)

    public var isPermanent: Bool {
        if case .rejected(let reply) = self { return reply.isPermanent }
        return false
    }

    public var description: String {
        switch self {
        case .unreachable(let detail): "relay unreachable: \(detail)"
        case .connectionLost(let detail): "connection lost: \(detail)"
        case .rejected(let reply): "relay refused: \(reply)"
        case .protocolViolation(let detail): "relay broke the protocol: \(detail)"
        }
    }
}

/// A reply: three digits and its text lines (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    public var isPermanent: Bool { (500..<600).contains(code) }
    public var description: String { "\(code) \(lines.joined(separator: " / "))" }
}

/// Where and how to reach the relay.
public struct SMTPRelay: Sendable, Equatable {
    public enum Authentication: String, Sendable, Equatable {
        case plain = "PLAIN"
        case login = "LOGIN"
    }

    public var host: String
    public var port: Int
    /// The name Domino gives itself in EHLO.
    public var heloName: String
    public var credentials: (username: String, password: String, mechanism: Authentication)? {
        get { username.map { ($0, password, mechanism) } }
        set {
            username = newValue?.username
            password = newValue?.password ?? ""
            mechanism = newValue?.mechanism ?? .plain
        }
    }
    /// One bound for the whole dialogue: connect, every reply, and the data.
    public var timeout: Duration

    private var username: String?
    private var password = ""
    private var mechanism = Authentication.plain

    public init(host: String, port: Int, heloName: String = "localhost", timeout: Duration = .seconds(60)) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeout = timeout
    }
}

/// The client side of one SMTP transaction (RFC 5321 §3.3, §4.1.1): greeting, EHLO, optional AUTH
/// (RFC 4954: PLAIN, RFC 4616; or LOGIN), MAIL, RCPT, DATA, QUIT.
public struct SMTPClient: Sendable {
    public let relay: SMTPRelay

    public init(relay: SMTPRelay) {
        self.relay = relay
    }

    /// Sends `message` (already rendered, CRLF line ends) from `sender` to `recipient`; returns the
    /// relay's reply to the end of data, whose 250 means the relay took responsibility (§4.1.1.4).
    public func send(_ message: String, from sender: String, to recipient: String) async throws(SMTPFailure) -> SMTPReply {
        let socket = try await SMTPSocket.connect(host: relay.host, port: relay.port, deadline: .after(relay.timeout))
        defer { socket.close() }
        var session = SMTPSession(socket: socket)
        try session.expect(220, reply: try await session.readReply())
        let greeting = try await session.command("EHLO \(relay.heloName)", expecting: 250)
        if let credentials = relay.credentials {
            try await session.authenticate(credentials, offered: greeting)
        }
        _ = try await session.command("MAIL FROM:<\(sender)>", expecting: 250)
        _ = try await session.command("RCPT TO:<\(recipient)>", expecting: 250, 251)
        _ = try await session.command("DATA", expecting: 354)
        try await socket.write(SMTPData.stuffed(message))
        let accepted = try await session.readReply()
        try session.expect(250, reply: accepted)
        // The message is the relay's now; a failed QUIT changes nothing (§4.1.1.10).
        _ = try? await session.command("QUIT", expecting: 221)
        return accepted
    }
}

/// The reading side of a dialogue: replies assembled from the socket's bytes.
struct SMTPSession {
    let socket: SMTPSocket
    private var buffer: [UInt8] = []
    /// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; a few more are tolerated, not megabytes.
    static let maximumReplyLine = 2048
    static let maximumReplyLines = 100

    init(socket: SMTPSocket) {
        self.socket = socket
    }

    mutating func command(_ line: String, expecting codes: Int...) async throws(SMTPFailure) -> SMTPReply {
        try await socket.write(Array((line + "\r\n").utf8))
        let reply = try await readReply()
        guard codes.contains(reply.code) else { throw .rejected(reply) }
        return reply
    }

    func expect(_ code: Int, reply: SMTPReply) throws(SMTPFailure) {
        guard reply.code == code else { throw .rejected(reply) }
    }

    /// A multiline reply repeats the code with "-" after it on every line but the last (§4.2.1).
    mutating func readReply() async throws(SMTPFailure) -> SMTPReply {
        var lines: [String] = []
        while lines.count < Self.maximumReplyLines {
            let line = try await readLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code) else {
                throw .protocolViolation("not a reply line")
            }
            let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if separator != UInt8(ascii: "-") { return SMTPReply(code: code, lines: lines) }
        }
        throw .protocolViolation("a reply of more than \(Self.maximumReplyLines) lines")
    }

    private mutating func readLine() async throws(SMTPFailure) -> String {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                let lineEnd = end > 0 && buffer[end - 1] == 0x0D ? end - 1 : end
                let line = String(decoding: buffer[0..<lineEnd], as: UTF8.self)
                buffer.removeFirst(end + 1)
                return line
            }
            guard buffer.count <= Self.maximumReplyLine else { throw .protocolViolation("a reply line longer than \(Self.maximumReplyLine) octets") }
            buffer += try await socket.read()
        }
    }
}
