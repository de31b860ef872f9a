import App
import Companies
import DomainKit
import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

@Suite("The nightly prune of login attempts and expired sessions")
struct AccountsPruneTests {
    /// Nothing deleted either table's rows before: every login and every failed guess stayed forever.
    @Test("accounts.prune deletes expired sessions and stale failed logins, and keeps live sessions, API keys and fresh attempts")
    func prunesExpiredRows() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let now = application.clock.now()
            let (_, expiring) = try await application.token(for: .coordinator)
            let (live, liveUser) = try await application.token(for: .coordinator)
            let key = try await TestClient.request(
                port: port, "POST", "/v1/api-keys",
                headers: ["Authorization": "Bearer \(live)", "Content-Type": "application/json"],
                body: #"{"name":"expired key","scopes":["kpi:read"]}"#)
            #expect(key.status == 201, "\(key.text)")
            let past = now.addingTimeInterval(-60)
            try await pool.execute("""
                UPDATE auth_tokens SET expires_at = \(past)
                WHERE user_id = \(expiring.userID) OR kind = 'api_key'
                """)
            let longAgo = now.addingTimeInterval(-400 * 86_400)
            try await pool.execute("""
                INSERT INTO login_attempts (key, attempted_at, succeeded)
                VALUES ('address:old-guess', \(longAgo), false), ('address:fresh-guess', \(now), false)
                """)

            let unfinished = try await application.runPeriodicJob(named: "accounts.prune", period: now)

            let kept: [String] = try await pool.query("""
                SELECT CASE WHEN kind = 'session' AND user_id = \(liveUser.userID) THEN 'live session' ELSE kind END AS what
                FROM auth_tokens ORDER BY what
                """).map { try $0.decode("what") }
            #expect(kept == ["api_key", "live session"])
            let attempts: [String] = try await pool.query("SELECT key FROM login_attempts WHERE key LIKE 'address:%-guess'").map { try $0.decode("key") }
            #expect(attempts == ["address:fresh-guess"])
            let stillSignedIn = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(live)"])
            #expect(stillSignedIn.status == 200)
            #expect(unfinished == 0)
        }
    }

    /// An application to join whose address nobody confirmed within its link's life was asked for by nobody (signup31).
    @Test("accounts.prune deletes unconfirmed applications to join past their link's life, and keeps live and confirmed ones")
    func prunesUnconfirmedApplications() async throws {
        try await withTestServer { _, application in
            let pool = application.pool
            let now = application.clock.now()
            for (state, expires, email) in [("unconfirmed", -60.0, "gone@example.jp"), ("unconfirmed", 60.0, "live@example.jp"), ("waiting", -60.0, "kept@example.jp")] {
                try await pool.execute("""
                    INSERT INTO company_applications (state, name_en, size, offer, applicant_name, email, consented_at, link_expires_at, created_at, confirmed_at)
                    VALUES (\(state), 'Minato Water', 'sme', 'Water pumps', 'Hanako', \(email), \(now.addingTimeInterval(-86400)),
                            \(now.addingTimeInterval(expires)), \(now.addingTimeInterval(-86400)), \(state == "waiting" ? now : nil))
                    """)
            }
            #expect(try await application.runPeriodicJob(named: "accounts.prune", period: now) == 0)
            let kept: [String] = try await pool.query("SELECT email FROM company_applications ORDER BY email").map { try $0.decode("email") }
            #expect(kept == ["kept@example.jp", "live@example.jp"])
        }
    }

    /// Decided applications kept the applicant's name, address and department for ever (cap34).
    @Test("accounts.prune anonymises decided applications a year after the decision, keeping the decision, its dates, the reason and the company; younger and waiting ones keep their applicant")
    func anonymisesDecidedApplications() async throws {
        try await withTestServer { _, application in
            let pool = application.pool
            let now = application.clock.now()
            let company = try await DirectoryPlaceholders.company(in: pool)
            let retention = CompanyService.decidedApplicationRetention
            let rows: [(state: String, decidedAgo: TimeInterval?, email: String)] = [
                ("approved", retention + 86_400, "old-approved@example.jp"), ("declined", retention, "old-declined@example.jp"),
                ("declined", retention - 86_400, "young-declined@example.jp"), ("waiting", nil, "waiting@example.jp"),
            ]
            for row in rows {
                let decided = row.decidedAgo.map { now.addingTimeInterval(-$0) }
                try await pool.execute("""
                    INSERT INTO company_applications (state, name_en, size, offer, applicant_name, email, department, consented_at, link_expires_at,
                        created_at, confirmed_at, decided_at, company_id, decline_reason)
                    VALUES (\(row.state), 'Minato Water', 'sme', 'Water pumps', 'Hanako', \(row.email), 'Sales', \(now.addingTimeInterval(-2 * retention)),
                            \(now.addingTimeInterval(-2 * retention)), \(now.addingTimeInterval(-2 * retention)), \(now.addingTimeInterval(-2 * retention)),
                            \(decided), \(row.state == "approved" ? company : nil), \(row.state == "declined" ? "Outside the programme's fields" : nil))
                    """)
            }
            #expect(try await application.runPeriodicJob(named: "accounts.prune", period: now) == 0)
            let stored = try await pool.query("""
                SELECT state, email, applicant_name, department, anonymised_at, decided_at IS NOT NULL AS decided, company_id, decline_reason
                FROM company_applications ORDER BY created_at, decided_at NULLS LAST
                """)
            #expect(stored.count == 4)
            for row in stored {
                let email: String? = try row.decode("email")
                let anonymised: Date? = try row.decode("anonymised_at")
                let state: String = try row.decode("state")
                if email == nil {
                    #expect(try row.decode("applicant_name") as String? == nil && row.decode("department") as String? == nil && anonymised == now)
                    #expect(try row.decode("decided") as Bool && (state == "approved") == (try row.decode("company_id") as UUID? == company))
                    #expect(try state == "approved" || row.decode("decline_reason") as String? == "Outside the programme's fields")
                } else {
                    #expect(try anonymised == nil && row.decode("applicant_name") as String? == "Hanako")
                }
            }
            let kept: [String] = try await pool.query("SELECT email FROM company_applications WHERE email IS NOT NULL ORDER BY email").map { try $0.decode("email") }
            #expect(kept == ["waiting@example.jp", "young-declined@example.jp"])
        }
    }
}
