import Accounts
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Login, sessions and throttling")
struct LoginTests {
    static let password = "みなとみらい21の風が心地よい"

    @Test("a login token works until logout, and not after")
    func loginAndLogout() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(email: "aiko@example.jp", role: .company, companyID: UUIDs.company)
        let issued = try await fixture.service.login(email: " AIKO@example.jp ", password: Self.password, clientAddress: "192.0.2.7")
        #expect(issued.token.hasPrefix("dmn_") && issued.token.count == 47)
        #expect(issued.kind == .session && issued.userID == user.id)
        #expect(issued.expiresAt == fixture.clock.now.addingTimeInterval(12 * 3600))

        let principal = try #require(try await fixture.service.authenticate(token: issued.token))
        #expect(principal == Principal(userID: user.id, role: .company, companyID: UUIDs.company))
        #expect(try await fixture.service.me(principal).email == "aiko@example.jp")

        try await fixture.service.logout(token: issued.token)
        #expect(try await fixture.service.authenticate(token: issued.token) == nil)
        try await fixture.service.logout(token: issued.token)
    }

    @Test("only the digest of a token is stored")
    func digestOnly() async throws {
        let fixture = try await AccountsFixture()
        let issued = try await fixture.service.login(
            email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "192.0.2.7")
        let stored = try await fixture.pool.query("SELECT count(*) AS n FROM auth_tokens WHERE position(convert_to(\(issued.token), 'UTF8') IN token_digest) > 0")
        #expect(try stored[0].decode("n", as: Int.self) == 0)
    }

    @Test("malformed and unknown tokens authenticate nobody")
    func garbageTokens() async throws {
        let fixture = try await AccountsFixture()
        for token in ["", "Bearer", "dmn_short", "dmn_" + String(repeating: "A", count: 43), "xyz_" + String(repeating: "A", count: 43)] {
            #expect(try await fixture.service.authenticate(token: token) == nil)
        }
    }

    @Test("a session expires after its lifetime")
    func expiry() async throws {
        let fixture = try await AccountsFixture(configuration: .init(sessionLifetime: .seconds(3600), passwordCost: AccountService.Configuration.minimumPasswordCost))
        let issued = try await fixture.service.login(
            email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "192.0.2.7")
        fixture.clock.advance(seconds: 3599)
        #expect(try await fixture.service.authenticate(token: issued.token) != nil)
        fixture.clock.advance(seconds: 1)
        #expect(try await fixture.service.authenticate(token: issued.token) == nil)
    }

    @Test("last use is written at most once a minute")
    func lastUsedResolution() async throws {
        let fixture = try await AccountsFixture()
        let issued = try await fixture.service.login(
            email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "192.0.2.7")
        func lastUsed() async throws -> Date? {
            try await fixture.pool.query("SELECT last_used_at FROM auth_tokens WHERE id = \(issued.id)")[0].decode("last_used_at")
        }
        let first = fixture.clock.now
        _ = try await fixture.service.authenticate(token: issued.token)
        #expect(try await lastUsed() == first)
        fixture.clock.advance(seconds: 59)
        _ = try await fixture.service.authenticate(token: issued.token)
        #expect(try await lastUsed() == first)
        fixture.clock.advance(seconds: 1)
        _ = try await fixture.service.authenticate(token: issued.token)
        #expect(try await lastUsed() == fixture.clock.now)
    }

    @Test("a disabled user cannot log in and its tokens stop working")
    func disabledUser() async throws {
        let fixture = try await AccountsFixture()
        let user = try await fixture.makeUser(email: "kenji@example.jp")
        let session = try await fixture.service.login(email: user.email, password: Self.password, clientAddress: "192.0.2.7")
        let key = try await fixture.service.createAPIKey(
            fixture.principal(of: user), name: "CRM sync", scopes: [Scope("leads:read")!])
        _ = try await fixture.service.setDisabled(true, userID: user.id, expectedVersion: user.version, actor: fixture.admin)

        #expect(try await fixture.service.authenticate(token: session.token) == nil)
        #expect(try await fixture.service.authenticate(token: key.token) == nil)
        let refused = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: user.email, password: Self.password, clientAddress: "192.0.2.7")
        }
        #expect(refused == AccountsError.invalidCredentials)
    }

    @Test("an unknown email and a wrong password get the identical answer")
    func identicalRefusals() async throws {
        let fixture = try await AccountsFixture()
        let unknown = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: "nobody@example.jp", password: Self.password, clientAddress: "192.0.2.7")
        }
        let wrong = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: fixture.adminUser.email, password: Self.password, clientAddress: "192.0.2.8")
        }
        #expect(unknown != nil && unknown == wrong)
        #expect(unknown?.problem == Problem.unauthorized("email or password is incorrect"))
    }

    @Test("an IPv6 /64 is one address to the throttle: five failures from five of its addresses slow a sixth of them; another /64 signs in")
    func throttleByIPv6Prefix() async throws {
        let fixture = try await AccountsFixture()
        for attempt in 1...5 {
            fixture.clock.advance(seconds: 10)
            await #expect(throws: AccountsError.invalidCredentials) {
                try await fixture.service.login(email: fixture.adminUser.email, password: "wrong guess \(attempt)", clientAddress: "2001:db8:7:7::\(attempt)")
            }
        }
        let throttled = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "2001:db8:7:7:a:b:c:d")
        }
        #expect(throttled?.problem.status == 429)
        let issued = try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "2001:db8:7:8::1")
        #expect(issued.userID == fixture.adminUser.id)
    }

    @Test("five failures from one address slow that address down for the window; the owner at another address still signs in")
    func accountThrottle() async throws {
        let fixture = try await AccountsFixture()
        for attempt in 1...5 {
            fixture.clock.advance(seconds: 10)
            await #expect(throws: AccountsError.invalidCredentials) {
                try await fixture.service.login(email: fixture.adminUser.email, password: "wrong guess \(attempt)", clientAddress: "198.51.100.1")
            }
        }
        let firstFailure = fixture.clock.now.addingTimeInterval(-40)
        fixture.clock.advance(seconds: 60)
        let throttled = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "198.51.100.1")
        }
        #expect(throttled?.problem.status == 429)
        // The oldest of the five ages out 15 minutes after it happened.
        let expected = Int(firstFailure.addingTimeInterval(900).timeIntervalSince(fixture.clock.now))
        #expect(throttled?.retryAfterSeconds == expected)
        _ = try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "203.0.113.9")

        fixture.clock.advance(seconds: TimeInterval(expected))
        let issued = try await fixture.service.login(
            email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "198.51.100.1")
        #expect(issued.userID == fixture.adminUser.id)
    }

    @Test("an attacker spread over many addresses cannot lock the owner out of a known address; unknown addresses wait")
    func ownerKeepsAWayIn() async throws {
        let fixture = try await AccountsFixture()
        _ = try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "192.0.2.10")
        // Six addresses guess until each is slowed down: 30 failures, past the account-wide limit of 20.
        var refusals: [AccountsError.Code] = []
        for host in 1...6 {
            for attempt in 1...7 {
                fixture.clock.advance(seconds: 1)
                do {
                    _ = try await fixture.service.login(
                        email: fixture.adminUser.email, password: "guess \(host)-\(attempt)", clientAddress: "198.51.100.\(host)")
                } catch let error as AccountsError {
                    refusals.append(error.code)
                }
            }
        }
        #expect(refusals.count == 42 && refusals.filter { $0 == .invalidCredentials }.count == 20)
        // A new address is refused before its password is checked, even the right one...
        let stranger = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "203.0.113.50")
        }
        #expect(stranger?.code == .throttled)
        // ...but the owner at the address it signed in from before gets in, every time.
        for _ in 1...3 {
            fixture.clock.advance(seconds: 1)
            let issued = try await fixture.service.login(
                email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "192.0.2.10")
            #expect(issued.userID == fixture.adminUser.id)
        }
    }

    @Test("concurrent guesses at one account cannot overshoot its limit")
    func concurrentGuesses() async throws {
        // The eight attempts queue on the account's advisory lock, each behind up to three bcrypt rounds.
        // A connection for every attempt (none waits for the pool) and no statement timeout (the last
        // one's wait is not bounded by a clock on a loaded machine): only the order of events counts.
        let guesses = 8
        let fixture = try await AccountsFixture(
            configuration: .init(accountFailureLimit: 3),
            pool: TestDatabase.fresh(maximumConnections: guesses + 1, statementTimeout: false))
        let codes = try await withThrowingTaskGroup(of: AccountsError.Code?.self) { group in
            for attempt in 0..<guesses {
                group.addTask {
                    do {
                        _ = try await fixture.service.login(
                            email: fixture.adminUser.email, password: "guess number \(attempt)", clientAddress: "198.51.100.1")
                        return nil
                    } catch let error as AccountsError {
                        return error.code
                    }
                }
            }
            return try await group.reduce(into: [AccountsError.Code?]()) { $0.append($1) }
        }
        #expect(codes.filter { $0 == .invalidCredentials }.count == 3)
        #expect(codes.filter { $0 == .throttled }.count == guesses - 3)
    }

    @Test("failures from one address across many accounts throttle that address only")
    func addressThrottle() async throws {
        let fixture = try await AccountsFixture(configuration: .init(addressFailureLimit: 3, passwordCost: AccountService.Configuration.minimumPasswordCost))
        for attempt in 1...3 {
            await #expect(throws: AccountsError.invalidCredentials) {
                try await fixture.service.login(email: "guess\(attempt)@example.jp", password: "wrong guess here", clientAddress: "198.51.100.66")
            }
        }
        let throttled = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "198.51.100.66")
        }
        #expect(throttled?.code == .throttled)
        #expect(throttled?.retryAfterSeconds == 900)
        let issued = try await fixture.service.login(
            email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "198.51.100.67")
        #expect(issued.userID == fixture.adminUser.id)
    }

    @Test("a successful login restarts the account's failure count")
    func successResets() async throws {
        let fixture = try await AccountsFixture()
        for round in 0..<2 {
            for attempt in 1...4 {
                fixture.clock.advance(seconds: 1)
                await #expect(throws: AccountsError.invalidCredentials) {
                    try await fixture.service.login(email: fixture.adminUser.email, password: "wrong \(round) \(attempt)", clientAddress: "192.0.2.50")
                }
            }
            fixture.clock.advance(seconds: 1)
            _ = try await fixture.service.login(email: fixture.adminUser.email, password: AccountsFixture.adminPassword, clientAddress: "192.0.2.50")
        }
    }
}
