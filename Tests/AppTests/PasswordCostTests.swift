import Accounts
import App
import DomainKit
import Postgres
import Testing
import TestSupport

/// bcrypt's cost is a setting with a floor (docs/accounts.md, "Passwords"): production's 12 unless development
/// asks for less. pgcrypto's `gen_salt('bf', n)` writes the `$2a$` variant, the cost as two digits after it.
@Suite("Password cost")
struct PasswordCostTests {
    @Test("DOMINO_PASSWORD_COST: unset is 12; below 12 only with DOMINO_ENV=development, down to bcrypt's floor of 4; below 12 elsewhere stops start-up naming it")
    func setting() throws {
        #expect(try AppConfiguration(environment: [:]).passwordCost == 12)
        #expect(try AppConfiguration(environment: ["DOMINO_PASSWORD_COST": ""]).passwordCost == 12)
        #expect(try AppConfiguration(environment: ["DOMINO_ENV": "development"]).passwordCost == 12, "development too, unless asked")
        #expect(try AppConfiguration(environment: ["DOMINO_ENV": "development", "DOMINO_PASSWORD_COST": "4"]).passwordCost == 4)
        #expect(try AppConfiguration(environment: ["DOMINO_PASSWORD_COST": "13"]).passwordCost == 13, "production may raise it")
        for environment in [["DOMINO_PASSWORD_COST": "4"], ["DOMINO_PASSWORD_COST": "11", "DOMINO_ENV": "production"]] {
            let error = #expect(throws: ConfigurationError.self, "\(environment)") { try AppConfiguration(environment: environment) }
            #expect(error?.variable == "DOMINO_PASSWORD_COST" && error?.message.contains("DOMINO_ENV=development") == true, "\(environment)")
        }
        for refused in ["3", "15", "twelve", "-4"] {
            let error = #expect(throws: ConfigurationError.self, "\(refused)") {
                try AppConfiguration(environment: ["DOMINO_ENV": "development", "DOMINO_PASSWORD_COST": refused])
            }
            #expect(error?.description == "DOMINO_PASSWORD_COST must be a whole number from 4 to 14", "\(refused)")
        }
    }

    @Test("a new password is stored at the configured cost: production's 12 by default, 4 where development asks for it")
    func storedAtConfiguredCost() async throws {
        let cases: [([String: String], String)] = [([:], "$2a$12$"), (["DOMINO_ENV": "development", "DOMINO_PASSWORD_COST": "4"], "$2a$04$")]
        for (environment, prefix) in cases {
            let cost = try AppConfiguration(environment: environment).passwordCost
            try await withTestServer(configure: { $0.passwordCost = cost }) { _, application in
                // Made and signed in through the application's own service, as every test's user is.
                let (token, principal) = try await application.token(for: .coordinator)
                #expect(try await application.accounts.authenticate(token: token)?.userID == principal.userID)
                let hash: String = try await application.pool.query(
                    "SELECT password_hash FROM users WHERE id = \(principal.userID)")[0].decode("password_hash")
                #expect(hash.hasPrefix(prefix), "\(environment): \(hash.prefix(7))")
            }
        }
    }

    @Test("a password stored at cost 12 still signs in where the setting is 4 (an existing database keeps working); a new one is then stored at 4")
    func olderCostStillVerifies() async throws {
        try await withTestServer(configure: { $0.passwordCost = AccountService.Configuration.minimumPasswordCost }) { _, application in
            let password = "みなとみらい21の風が心地よい"
            let user = try await AccountService(pool: application.pool, clock: .test).createUser(
                NewUser(email: "older.hash@example.jp", displayName: "古い 鍵", role: .admin, password: password), actor: nil)
            func storedHash() async throws -> String {
                try await application.pool.query("SELECT password_hash FROM users WHERE id = \(user.id)")[0].decode("password_hash")
            }
            #expect(try await storedHash().hasPrefix("$2a$12$"))
            let wrong = await #expect(throws: AccountsError.self) {
                try await application.accounts.login(email: user.email, password: password + "!", clientAddress: "192.0.2.1")
            }
            #expect(wrong?.code == .invalidCredentials)
            let token = try await application.accounts.login(email: user.email, password: password, clientAddress: "192.0.2.1")
            #expect(try await application.accounts.authenticate(token: token.token)?.userID == user.id)
            _ = try await application.accounts.changePassword(
                current: password, new: "山下公園の朝は静かで気持ちがいい", principal: Principal(userID: user.id, role: .admin), clientAddress: "192.0.2.1")
            #expect(try await storedHash().hasPrefix("$2a$04$"))
        }
    }
}
