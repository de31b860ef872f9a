public import DomainKit
public import FoundationEssentials
import Postgres

/// Where notifications go: a Slack or Microsoft Teams incoming webhook (the URL is the credential), or a
/// generic webhook whose requests are signed with HMAC-SHA256.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable {
    case slack, teams, webhook
}

/// The programme events an endpoint may choose. `participantCheckedIn` is off unless chosen (it is
/// frequent at a convention door); there is no default set: an endpoint lists what it wants.
public enum NotificationEventKind: String, Sendable, Codable, CaseIterable {
    case leadStageChanged = "lead_stage_changed"
    case matchIntroduced = "match_introduced"
    case kpiAtRisk = "kpi_at_risk"
    case overdueDigest = "overdue_digest"
    case participantCheckedIn = "participant_checked_in"
}

/// One event as modules publish it: a line for chat, and data for integrators.
public struct NotificationEvent: Sendable {
    public let id: UUID
    public let kind: NotificationEventKind
    /// What Slack and Teams show, in Japanese and/or English.
    public let summary: String
    public let data: [String: JSONValue]
    public let occurredAt: Date

    public init(kind: NotificationEventKind, summary: String, data: [String: JSONValue] = [:], id: UUID = UUID(), occurredAt: Date) {
        self.id = id
        self.kind = kind
        self.summary = summary
        self.data = data
        self.occurredAt = occurredAt
    }
}

/// An endpoint as the API shows it: the URL masked, never the secret.
public struct NotificationEndpoint: Sendable, Equatable, Codable {
    public let id: UUID
    public let channel: NotificationChannel
    public let name: String
    public let urlMasked: String
    public let events: [NotificationEventKind]
    public let enabled: Bool
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    static let columns: SQLFragment = "id, channel, name, url_masked, events, enabled, version, created_at, updated_at"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        guard let channel = NotificationChannel(rawValue: try row.decode("channel")) else { throw NotificationsError.corruptRow }
        self.channel = channel
        name = try row.decode("name")
        urlMasked = try row.decode("url_masked")
        events = try (try row.decode("events", as: [String].self)).map { text in
            guard let kind = NotificationEventKind(rawValue: text) else { throw NotificationsError.corruptRow }
            return kind
        }
        enabled = try row.decode("enabled")
        version = try row.decode("version", as: Int.self)
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}

/// The answer to creating an endpoint: for a generic webhook, the signing secret, shown this once.
public struct CreatedEndpoint: Sendable, Encodable {
    public let endpoint: NotificationEndpoint
    public let signingSecret: String?
}

/// What an admin sends to register an endpoint, and what a merge patch of one edits (`StoredEndpoint.draft`).
public struct EndpointDraft: Sendable, Codable, Equatable {
    public var channel: NotificationChannel?
    public var name: String?
    public var url: String?
    public var events: [NotificationEventKind]?
    public var enabled: Bool?

    public init(channel: NotificationChannel? = nil, name: String? = nil, url: String? = nil, events: [NotificationEventKind]? = nil, enabled: Bool? = nil) {
        self.channel = channel
        self.name = name
        self.url = url
        self.events = events
        self.enabled = enabled
    }

    /// Checks the draft whole: channel, name, url and events are required (and `enabled` too once stored, since
    /// a merge patch starts from the stored endpoint, so a `null` there is the field "is required", as every
    /// other PATCH's MergePatch answers for a field that cannot be cleared).
    func validate(updating: Bool = false) throws(NotificationsError) {
        var validation = Validation()
        validation.check(channel != nil, "channel", "is required")
        validation.check(name != nil, "name", "is required")
        validation.check(url != nil, "url", "is required")
        validation.check(events != nil, "events", "is required")
        if updating { validation.check(enabled != nil, "enabled", "is required") }
        if let name {
            validation.check((1...200).contains(name.count) && !Validation.isBlank(name), "name", "must be 1–200 characters")
            // As every name of the programme: a NUL cannot be stored (PostgreSQL text), and an override would show another name.
            validation.noInvisibleControls(name, "name")
        }
        if let url, let message = EndpointURL.problem(url) { validation.add("url", message) }
        if let events {
            validation.check((1...NotificationEventKind.allCases.count).contains(events.count), "events", "must list 1 to 5 events")
            validation.check(Set(events).count == events.count, "events", "must not repeat an event")
        }
        if !validation.errors.isEmpty { throw NotificationsError.invalid(validation.errors) }
    }
}

extension NotificationEventKind {
    /// `events` is a set: stored and compared in the order of `allCases`, so sending the same events in
    /// another order is no change.
    static func canonical(_ events: [NotificationEventKind]) -> [NotificationEventKind] {
        allCases.filter(events.contains)
    }
}

/// An endpoint with its URL decrypted, as an update reads it: its draft (every field present, events in their
/// canonical order) is what a merge patch edits, so a PATCH that changes none of them writes nothing.
struct StoredEndpoint: Versioned {
    let endpoint: NotificationEndpoint
    let url: String

    var version: Int { endpoint.version }
    var draft: EndpointDraft {
        EndpointDraft(channel: endpoint.channel, name: endpoint.name, url: url,
                      events: NotificationEventKind.canonical(endpoint.events), enabled: endpoint.enabled)
    }
}

/// One delivery of one event to one endpoint, as the delivery log shows it.
public struct NotificationDelivery: Sendable, Equatable, Codable {
    public let id: Int64
    public let endpointID: UUID
    public let event: String
    public let eventID: UUID
    public let state: String
    public let attempts: Int
    public let lastStatus: Int?
    public let lastError: String?
    public let createdAt: Date
    public let deliveredAt: Date?

    static let columns: SQLFragment = "id, endpoint_id, event, event_id, state, attempts, last_status, last_error, created_at, delivered_at"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        endpointID = try row.decode("endpoint_id")
        event = try row.decode("event")
        eventID = try row.decode("event_id")
        state = try row.decode("state")
        attempts = try row.decode("attempts", as: Int.self)
        lastStatus = try row.decode("last_status", as: Int?.self)
        lastError = try row.decode("last_error")
        createdAt = try row.decode("created_at")
        deliveredAt = try row.decode("delivered_at")
    }
}

/// Endpoint URLs: HTTPS, or plain HTTP to this machine (local receivers in development and tests).
enum EndpointURL {
    static func problem(_ text: String) -> String? {
        // Foundation's URL takes a NUL or a control character inside the path; PostgreSQL cannot store
        // a NUL, and no endpoint's address has any of them (nor spaces: Slack and Teams give them escaped).
        let unsafe = Validation.hasInvisibleControls(text) || text.unicodeScalars.contains { $0.value <= 0x20 }
        guard !unsafe, text.utf8.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return "must be an absolute https URL of at most 2000 characters"
        }
        if scheme == "https" { return nil }
        if scheme == "http", ["127.0.0.1", "localhost", "::1"].contains(host.lowercased()) { return nil }
        return "must use https (plain http only to localhost)"
    }

    /// `https://hooks.slack.com/…/XYZ9`: scheme and host, and the last four characters of the rest.
    static func masked(_ text: String) -> String {
        guard let url = URL(string: text), let scheme = url.scheme, let host = url.host else { return "…" }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/…\(String(text.suffix(4)))"
    }
}

extension EndpointDraft: TrimmedText {}
