/// How Domino sends mail, from the environment (README "Configuration", docs/operations.md "Mail relay"):
///
/// - `DOMINO_SMTP_HOST`, `DOMINO_SMTP_PORT` (default 25): the relay. Unset: messages wait in the outbox
///   and their attempts fail with "no mail relay is configured".
/// - `DOMINO_SMTP_USERNAME`, `DOMINO_SMTP_PASSWORD`, `DOMINO_SMTP_AUTH` (`plain`, the default, or `login`):
///   AUTH when a username is set.
/// - `DOMINO_SMTP_HELO` (default `localhost`), `DOMINO_SMTP_TIMEOUT_SECONDS` (default 60).
/// - `DOMINO_MAIL_FROM` (default `noreply@domino.invalid`), `DOMINO_MAIL_FROM_NAME`.
public struct MailConfiguration: Sendable {
    public var relay: SMTPRelay?
    public var sender: MailAddress
    public var senderName: String?
    /// The right side of Message-IDs; the sender's domain unless set.
    public var messageIDDomain: String?

    public static let defaultSender = "noreply@domino.invalid"
    public static let defaultSenderName = "Domino 横浜市 脱炭素ビジネスマッチング"

    /// No relay, the default sender: what a process without `DOMINO_SMTP_HOST` runs with.
    public static let unconfigured = MailConfiguration(relay: nil, sender: MailAddress(known: defaultSender))

    public struct Invalid: Error, Sendable, Equatable {
        public let variable: String
        public let message: String
    }

    public init(relay: SMTPRelay?, sender: MailAddress, senderName: String? = MailConfiguration.defaultSenderName, messageIDDomain: String? = nil) {
        self.relay = relay
        self.sender = sender
        self.senderName = senderName
        self.messageIDDomain = messageIDDomain
    }

    public init(environment: [String: String]) throws(Invalid) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        do {
            sender = try MailAddress(value("DOMINO_MAIL_FROM") ?? Self.defaultSender)
        } catch {
            throw Invalid(variable: "DOMINO_MAIL_FROM", message: "must be an ASCII e-mail address")
        }
        senderName = value("DOMINO_MAIL_FROM_NAME") ?? Self.defaultSenderName
        messageIDDomain = nil
        guard let host = value("DOMINO_SMTP_HOST") else {
            relay = nil
            return
        }
        guard let port = Int(value("DOMINO_SMTP_PORT") ?? "25"), (1...65_535).contains(port) else {
            throw Invalid(variable: "DOMINO_SMTP_PORT", message: "must be a port number from 1 to 65535")
        }
        guard let timeout = Int(value("DOMINO_SMTP_TIMEOUT_SECONDS") ?? "60"), (1...3600).contains(timeout) else {
            throw Invalid(variable: "DOMINO_SMTP_TIMEOUT_SECONDS", message: "must be a whole number from 1 to 3600")
        }
        var relay = SMTPRelay(host: host, port: port, heloName: value("DOMINO_SMTP_HELO") ?? "localhost", timeout: .seconds(timeout))
        if let username = value("DOMINO_SMTP_USERNAME") {
            guard let mechanism = SMTPRelay.Authentication(rawValue: (value("DOMINO_SMTP_AUTH") ?? "plain").uppercased()) else {
                throw Invalid(variable: "DOMINO_SMTP_AUTH", message: "must be plain or login")
            }
            relay.credentials = (username, environment["DOMINO_SMTP_PASSWORD"] ?? "", mechanism)
        }
        self.relay = relay
    }
}
