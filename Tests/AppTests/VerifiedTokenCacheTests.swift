import Accounts
import App
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// Two API processes on one database, each with its own pool and its own cache of verified tokens, as
/// behind nginx. Every test first has process B verify a token twice (so B answers the second time
/// from its cache), then makes a change through process A, and only after A's change returned asks B
/// again: the order of events, never a wait, is what each test is about.
@Suite("Verified bearer tokens are reused, and a revocation anywhere is in force before the next answer")
struct VerifiedTokenCacheTests {
    struct Processes {
        let a: Application
        let b: Application
        let portB: Int
        let clock: TestClock

        func me(_ token: String) async throws -> Int {
            try await answer(token).status
        }

        func answer(_ token: String) async throws -> TestClient.Response {
            try await TestClient.request(port: portB, "GET", "/v1/me", headers: ["Authorization": "Bearer \(token)"])
        }

        /// B verifies `token` (a statement) and then answers from its cache. A refusal is shown with its
        /// problem, which tells a revoked token (401) from a process out of time (503).
        func primed(_ token: String) async throws -> String {
            for _ in 0..<2 {
                let answer = try await answer(token)
                #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
            }
            return token
        }

        /// An administrator, and a coordinator with a session and an API key that B has verified and cached.
        func cachedSubject() async throws -> Subject {
            let admin = try await a.token(for: .admin).principal
            let (token, principal) = try await a.token(for: .coordinator)
            let key = try await a.accounts.createAPIKey(principal, name: "CRM 連携", scopes: [Scope("leads:read")!])
            _ = try await primed(token)
            _ = try await primed(key.token)
            let user = try await a.accounts.user(id: principal.userID, actor: admin)
            return Subject(admin: admin, principal: principal, user: user, session: token, key: key)
        }
    }

    struct Subject {
        let admin: Principal
        let principal: Principal
        let user: User
        let session: String
        let key: IssuedToken
    }

    private func withTwoProcesses(_ body: (Processes) async throws -> Void) async throws {
        let poolA = try await TestDatabase.fresh()
        let poolB = TestDatabase.pool(poolA.configuration, maximumConnections: 4)
        let clock = TestClock()
        func application(_ pool: PostgresPool) throws -> Application {
            try Application(configuration: .test(database: pool.configuration, poolSize: 4), pool: pool, clock: clock.programme)
        }
        let a = try application(poolA), b = try application(poolB)
        let server = b.makeServer(port: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer {
                poolA.close()
                poolB.close()
            }
            do {
                try await body(Processes(a: a, b: b, portB: try await server.waitUntilListening(), clock: clock))
                await server.shutdown(deadline: .after(.seconds(5)))
                try await group.waitForAll()
            } catch {
                await server.shutdown(deadline: .now)
                group.cancelAll()
                throw error
            }
        }
    }

    @Test("a session logged out in process A is refused by process B at its next request")
    func logout() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            try await processes.a.accounts.logout(token: subject.session)
            #expect(try await processes.me(subject.session) == 401)
            #expect(try await processes.me(subject.key.token) == 200)
        }
    }

    @Test("an API key revoked in process A is refused by process B at its next request")
    func revokedKey() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            try await processes.a.accounts.revokeAPIKey(id: subject.key.id, principal: subject.principal)
            #expect(try await processes.me(subject.key.token) == 401)
            #expect(try await processes.me(subject.session) == 200)
        }
    }

    @Test("a user disabled in process A is refused by process B at its next request")
    func disabledUser() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            _ = try await processes.a.accounts.setDisabled(true, userID: subject.user.id, expectedVersion: subject.user.version, actor: subject.admin)
            #expect(try await processes.me(subject.session) == 401)
            #expect(try await processes.me(subject.key.token) == 401)
        }
    }

    @Test("a user demoted in process A has the new role in process B at its next request, and an API key shrinks with it")
    func demotedUser() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            #expect(try await processes.b.accounts.authenticate(token: subject.key.token)?.scopes == [Scope("leads:read")!])
            _ = try await processes.a.accounts.changeRole(.viewer, userID: subject.user.id, expectedVersion: subject.user.version, actor: subject.admin)
            #expect(try await processes.b.accounts.authenticate(token: subject.session)?.role == .viewer)
            let shrunk = try await processes.b.accounts.authenticate(token: subject.key.token)
            #expect(shrunk?.role == .viewer && shrunk?.scopes?.contains(Scope("leads:read")!) == false)
        }
    }

    @Test("a password reset in process A ends every session and key of the user in process B")
    func passwordReset() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            _ = try await processes.a.accounts.resetPassword(
                "象の鼻パークで会いましょう", userID: subject.user.id, expectedVersion: subject.user.version, actor: subject.admin)
            #expect(try await processes.me(subject.session) == 401)
            #expect(try await processes.me(subject.key.token) == 401)
        }
    }

    @Test("a password change in process A ends every session and key of the user in process B")
    func passwordChange() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            _ = try await processes.a.accounts.changePassword(
                current: "correct horse battery staple", new: "象の鼻パークで会いましょう", principal: subject.principal, clientAddress: "192.0.2.1")
            #expect(try await processes.me(subject.session) == 401)
            #expect(try await processes.me(subject.key.token) == 401)
        }
    }

    @Test("a renamed user is read afresh by process B, and a cached session still ends at its expiry")
    func renameAndExpiry() async throws {
        try await withTwoProcesses { processes in
            let subject = try await processes.cachedSubject()
            try await processes.a.pool.execute("UPDATE users SET display_name = '港 太郎', version = version + 1 WHERE id = \(subject.user.id)")
            let me = try await TestClient.request(port: processes.portB, "GET", "/v1/me", headers: ["Authorization": "Bearer \(subject.session)"])
            let body = try #require(JSONSerialization.jsonObject(with: Data(me.body)) as? [String: Any])
            #expect(body["displayName"] as? String == "港 太郎")
            processes.clock.advance(seconds: 13 * 3600)
            #expect(try await processes.me(subject.session) == 401)
        }
    }

    @Test("the cache is really used, and a process whose listening session dropped trusts nothing cached until it listens again")
    func lostListener() async throws {
        try await withTwoProcesses { processes in
            let token = try await processes.primed(try await processes.a.token(for: .coordinator).token)
            // A revocation that notifies nobody (the triggers off): B keeps answering from its cache, so
            // the answers above came from it and the notifications are what ends a cached token.
            try await processes.a.pool.withConnection { try await $0.runScript("ALTER TABLE auth_tokens DISABLE TRIGGER auth_tokens_change_notify") }
            try await processes.a.pool.execute("UPDATE auth_tokens SET revoked_at = now() WHERE revoked_at IS NULL")
            #expect(try await processes.me(token) == 200)
            let ended = try await processes.a.pool.query("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) AS ended FROM pg_stat_activity
                WHERE application_name = \(PostgresNotificationFence.applicationName) AND datname = current_database()
                """)[0].decode("ended", as: Int.self)
            #expect(ended >= 1)
            #expect(try await processes.me(token) == 401)
        }
    }
}
