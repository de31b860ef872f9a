import Foundation
import Jobs
@testable import Mail
import Postgres
import TestSupport

/// How long either end of a test's SMTP conversation waits for the other's next line: a liveness bound, not
/// production's 60 s, since the client and the sink share two loaded cores with the whole suite (CI has seen one
/// statement take 30 s, and the worker runs statements between its messages).
let smtpLiveness: Duration = .seconds(300)

/// A worker running only mail delivery against the relay on `port`. Retries wait `retryAfter` (an hour
/// by default, so a failed attempt stays failed until a test makes it due), and `runOnce()` drains.
func mailWorker(_ pool: PostgresPool, port: Int, retryAfter: Duration = .seconds(3600),
                credentials: (String, String, SMTPRelay.Authentication)? = nil) -> JobWorker {
    var relay = SMTPRelay(host: "127.0.0.1", port: port, heloName: "domino.test", timeout: smtpLiveness)
    if let credentials { relay.credentials = (credentials.0, credentials.1, credentials.2) }
    var handlers = JobHandlers()
    MailDelivery.register(into: &handlers, configuration: MailConfiguration(
        relay: relay, sender: try! MailAddress("noreply@domino.example.jp"), senderName: "Domino 横浜"), clock: .test)
    let configuration = WorkerConfiguration(id: "mail-test", concurrency: 2, lease: .seconds(60), backoff: RetryBackoff(base: retryAfter, jitter: 0))
    return JobWorker(pool: pool, configuration: configuration, handlers: handlers, clock: .test)
}

/// A sink serving in a child task of the test; stopped when `body` returns.
func withSink<Result: Sendable>(_ body: (SMTPSink) async throws -> Result) async throws -> Result {
    let sink = try SMTPSink()
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await sink.run() }
        defer { sink.stop() }
        return try await body(sink)
    }
}

/// A port where nothing listens: a relay that is down.
func closedPort() throws -> Int {
    let sink = try SMTPSink()
    defer { sink.stop() }
    return sink.port
}

/// A bilingual message with an HTML part and a QR code, as Conventions sends them.
func sampleMessage(to address: String = "guest@example.org", code: String = "K7QX3M") throws -> MailMessage {
    let id = UUID()
    let html = MailHTML.document(lang: "ja", title: "受付完了", body: [
        .element("p", [:], [.text("受付コード <\(code)> & ようこそ")]),
        .void("img", ["src": InlineImage.source(name: "door-code", messageID: id), "alt": code]),
    ])
    return MailMessage(id: id, kind: .registrationConfirmation, to: try MailAddress(address),
                       subject: "【受付完了】横浜脱炭素ビジネスマッチング・コンベンション / Registration confirmed: Yokohama Decarbonization Convention",
                       text: "受付コード: \(code)\n.\nDoor code: \(code)", html: html,
                       images: [InlineImage(name: "door-code", filename: "door-code.png", qrCode: code)])
}

struct OutboxRow: Equatable {
    let state: String
    let attempts: Int
}

func outboxRows(_ pool: PostgresPool) async throws -> [OutboxRow] {
    try await pool.query("SELECT state, attempts FROM mail_outbox ORDER BY id").map {
        OutboxRow(state: try $0.decode("state"), attempts: try $0.decode("attempts", as: Int.self))
    }
}

/// Each outbox row's `finished_at`, by id (nil while pending).
func finishedAt(_ pool: PostgresPool) async throws -> [Date?] {
    try await pool.query("SELECT finished_at FROM mail_outbox ORDER BY id").map { try $0.decode("finished_at", as: Date?.self) }
}

func deliveryLog(_ pool: PostgresPool) async throws -> [String] {
    try await pool.query("SELECT outcome, coalesce(reply_code, 0) AS code FROM mail_delivery_attempts ORDER BY id").map {
        "\(try $0.decode("outcome", as: String.self)) \(try $0.decode("code", as: Int.self))"
    }
}

/// The message as Python's standard `email` parser reads it (policy=default decodes RFC 2047 words):
/// headers, the part tree, the decoded text parts, and each PNG written to a file for zbarimg.
struct ParsedMail: Decodable {
    let subject: String
    let from: String
    let to: String
    let messageID: String
    let date: String
    let structure: [String]
    let text: String
    let html: String
    let images: [String]
}

func parseWithPython(_ data: String) async throws -> ParsedMail {
    let directory = NSTemporaryDirectory() + "domino-mail-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/message.eml"
    try Data(data.utf8).write(to: URL(fileURLWithPath: path))
    let script = """
        import email, email.policy, json, sys, os
        raw = open(sys.argv[1], 'rb').read()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        out = {'subject': str(m['subject']), 'from': str(m['from']), 'to': str(m['to']), 'messageID': str(m['message-id']),
               'date': str(m['date']), 'structure': [], 'text': '', 'html': '', 'images': []}
        for part in m.walk():
            out['structure'].append(part.get_content_type())
            if part.get_content_type() == 'text/plain': out['text'] = part.get_content().replace('\\r\\n', '\\n')
            if part.get_content_type() == 'text/html': out['html'] = part.get_content().replace('\\r\\n', '\\n')
            if part.get_content_type() == 'image/png':
                name = os.path.join(os.path.dirname(sys.argv[1]), 'image%d.png' % len(out['images']))
                open(name, 'wb').write(part.get_content())
                out['images'].append(name)
        print(json.dumps(out))
        """
    let output = try await Subprocess.run("/bin/sh", ["-c", "python3 -c \"$1\" \"$2\" 2>&1", "parse", script, path])
    return try JSONDecoder().decode(ParsedMail.self, from: Data(output.utf8))
}
