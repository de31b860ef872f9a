public import DomainKit
public import FoundationEssentials
import Jobs
public import Postgres

/// Endpoints and their delivery log, for administrators. URLs and signing secrets are encrypted by
/// PostgreSQL (`pgp_sym_encrypt` under `secretsKey`) before they are stored; the API shows a URL masked
/// and a signing secret once. Every write names the actor for the audit trigger of migration 0014.
public struct NotificationService: Sendable {
    let pool: PostgresPool
    let secretsKey: String

    public init(pool: PostgresPool, secretsKey: String) {
        self.pool = pool
        self.secretsKey = secretsKey
    }

    public func endpoints(page: PageRequest, by principal: Principal) async throws -> Page<NotificationEndpoint> {
        try requireAdmin(principal)
        var query: PostgresQuery = "SELECT \(NotificationEndpoint.columns) FROM notification_endpoints WHERE true"
        if let after = try page.after { query.append(" AND (created_at, id) > (\(after.createdAt), \(after.id))") }
        query.append(" ORDER BY created_at, id LIMIT \(page.fetchLimit)")
        let rows = try await pool.query(query).map { try NotificationEndpoint(row: $0) }
        return Page(fetched: rows, request: page) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
    }

    public func endpoint(_ id: UUID, by principal: Principal) async throws -> NotificationEndpoint {
        try requireAdmin(principal)
        guard let row = try await pool.query("SELECT \(NotificationEndpoint.columns) FROM notification_endpoints WHERE id = \(id)").first else {
            throw NotificationsError.notFound("notification endpoint")
        }
        return try NotificationEndpoint(row: row)
    }

    /// Registers an endpoint. A generic webhook gets a 256-bit signing secret from PostgreSQL,
    /// returned here once and stored only encrypted.
    public func createEndpoint(_ draft: EndpointDraft, by principal: Principal) async throws -> CreatedEndpoint {
        try requireAdmin(principal)
        try draft.validate()
        guard let channel = draft.channel, let name = draft.name, let url = draft.url, let events = draft.events.map(NotificationEventKind.canonical) else {
            throw NotificationsError.invalid([])
        }
        let rows = try await write(by: principal) { db in
            try await db.query("""
                WITH secret AS (SELECT CASE WHEN \(channel.rawValue) = 'webhook' THEN encode(gen_random_bytes(32), 'hex') END AS value)
                INSERT INTO notification_endpoints (channel, name, url_encrypted, url_masked, secret_encrypted, events, enabled)
                SELECT \(channel.rawValue), \(name), pgp_sym_encrypt(\(url), \(secretsKey)), \(EndpointURL.masked(url)),
                       CASE WHEN secret.value IS NULL THEN NULL ELSE pgp_sym_encrypt(secret.value, \(secretsKey)) END,
                       \(events.map(\.rawValue)), \(draft.enabled ?? true)
                FROM secret
                RETURNING \(NotificationEndpoint.columns), (SELECT value FROM secret) AS secret
                """)
        }
        return CreatedEndpoint(endpoint: try NotificationEndpoint(row: rows[0]), signingSecret: try rows[0].decode("secret"))
    }

    /// Edits an endpoint's name, URL, events or enabled when `version` is current (412 otherwise): `edit` changes the
    /// stored endpoint's draft (the API applies a JSON Merge Patch to it), and the result is checked whole. The channel
    /// stays (a new channel is a new endpoint; sending the stored one is no change), and `events` is a set. An edit that
    /// changes nothing writes nothing and answers the same version (DomainKit `Versioned.saving`); the stored URL is
    /// decrypted to be compared, so sending the same URL again is no change either.
    public func updateEndpoint(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout EndpointDraft) throws -> Void
    ) async throws -> NotificationEndpoint {
        try requireAdmin(principal)
        return try await write(by: principal) { db in
            guard let row = try await db.query("""
                SELECT \(NotificationEndpoint.columns), pgp_sym_decrypt(url_encrypted, \(secretsKey)) AS url
                FROM notification_endpoints WHERE id = \(id) FOR UPDATE
                """).first else { throw NotificationsError.notFound("notification endpoint") }
            let current = StoredEndpoint(endpoint: try NotificationEndpoint(row: row), url: try row.decode("url"))
            var edited = try current.edited(expecting: version, as: NotificationsError.self, edit)
            try edited.validate(updating: true)
            if edited.channel != current.endpoint.channel {
                throw NotificationsError.invalid([FieldError(field: "channel", message: "cannot change; register a new endpoint")])
            }
            edited.events = edited.events.map(NotificationEventKind.canonical)
            return try await current.saving(edited, as: NotificationsError.self) { draft in
                guard let name = draft.name, let url = draft.url, let events = draft.events, let enabled = draft.enabled else {
                    throw NotificationsError.invalid([])
                }
                // Compared to the scalar, as `isUnchanged` compares: Swift's == holds café precomposed and cafe + U+0301 equal,
                // but a delivery goes to the bytes stored, so a URL in another Unicode form is a new URL (probe13).
                let newURL = url.unicodeScalars.elementsEqual(current.url.unicodeScalars) ? nil : url
                let rows = try await db.query("""
                    UPDATE notification_endpoints SET
                        name = \(name),
                        url_encrypted = CASE WHEN \(newURL)::text IS NULL THEN url_encrypted ELSE pgp_sym_encrypt(\(newURL), \(secretsKey)) END,
                        url_masked = \(EndpointURL.masked(url)),
                        events = \(events.map(\.rawValue)),
                        enabled = \(enabled),
                        version = version + 1, updated_at = now()
                    WHERE id = \(id) AND version = \(version)
                    RETURNING \(NotificationEndpoint.columns)
                    """)
                guard let row = rows.first else { return nil }
                if newURL != nil {
                    // The row trigger leaves the encrypted URL out, and the masked form may read the same (same host,
                    // same last four characters): a URL that now sends notifications elsewhere is audited here.
                    try await AuditLog.record(
                        on: db, actor: principal.userID, action: "notification_endpoint.url_change", entity: "notification_endpoints",
                        entityID: id.uuidString.lowercased(), changes: ["urlMasked": EndpointURL.masked(url)], requestID: AuditContext.requestID)
                }
                return StoredEndpoint(endpoint: try NotificationEndpoint(row: row), url: url)
            }.endpoint
        }
    }

    /// The delivery log of one endpoint, newest first, paged by delivery id.
    public func deliveries(of endpointID: UUID, limit: Int, cursor: String?, by principal: Principal) async throws -> Page<NotificationDelivery> {
        _ = try await endpoint(endpointID, by: principal)
        var query: PostgresQuery = "SELECT \(NotificationDelivery.columns) FROM notification_deliveries WHERE endpoint_id = \(endpointID)"
        if let cursor { query.append(" AND id < \(try SequenceCursor.decode(cursor))") }
        query.append(" ORDER BY id DESC LIMIT \(limit + 1)")
        let rows = try await pool.query(query).map { try NotificationDelivery(row: $0) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: rows.count > limit ? items.last.map { SequenceCursor.encode($0.id) } : nil)
    }

    /// Sends a delivery again (the same body, a fresh signature and timestamp), as a new job.
    public func redeliver(_ deliveryID: Int64, by principal: Principal) async throws -> NotificationDelivery {
        try requireAdmin(principal)
        return try await write(by: principal) { db in
            guard let row = try await db.query("""
                UPDATE notification_deliveries SET state = 'pending', delivered_at = NULL WHERE id = \(deliveryID)
                RETURNING \(NotificationDelivery.columns)
                """).first else { throw NotificationsError.notFound("delivery") }
            let jobID = try await JobQueue.enqueue(WebhookDelivery.job(for: deliveryID), on: db)
            try await db.execute("UPDATE notification_deliveries SET job_id = \(jobID) WHERE id = \(deliveryID)")
            return try NotificationDelivery(row: row)
        }
    }

    /// Every mutation of the module runs here, in one transaction with the actor named for the audit
    /// trigger; a violated constraint of `constraints` is the 409 naming its field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.write(by: principal, constraints: Self.constraints, body)
    }

    /// What the Notifications tables' constraints guard, by name (migration 0066). Its one foreign key
    /// (a delivery's endpoint) is written by the module itself, never from a request.
    static let constraints = ConstraintFields([
        ("notification_endpoints_name", "name", "is already the name of another endpoint"),
    ])

    private func requireAdmin(_ principal: Principal) throws(NotificationsError) {
        guard principal.role == .admin else { throw NotificationsError.notFound("notification endpoint") }
    }
}
