public import Postgres

/// Demo content for `make run`: one Microsoft Teams endpoint, disabled (its URL is not a real
/// channel), so an administrator trying Domino sees an endpoint with its masked URL and chosen events.
/// Loading twice changes nothing.
public enum NotificationDemoData {
    static let name = "Demo: coordinators' Teams channel (disabled)"
    static let url = "https://example.webhook.office.com/webhookb2/demo-domino-coordinators"

    public static func load(pool: PostgresPool, secretsKey: String) async throws {
        try await pool.execute("""
            INSERT INTO notification_endpoints (channel, name, url_encrypted, url_masked, events, enabled)
            SELECT 'teams', \(name), pgp_sym_encrypt(\(url), \(secretsKey)), \(EndpointURL.masked(url)),
                   ARRAY['lead_stage_changed', 'match_introduced'], false
            WHERE NOT EXISTS (SELECT 1 FROM notification_endpoints WHERE name = \(name))
            """)
    }
}
