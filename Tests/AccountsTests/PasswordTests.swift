import Accounts
import DomainKit
import Foundation
import Postgres
import Testing

@Suite("Passwords")
struct PasswordTests {
    @Test("a 30-character Japanese password verifies, and another sharing its first 24 characters does not")
    func longJapanesePasswords() async throws {
        let fixture = try await AccountsFixture()
        let shared = String(repeating: "横浜市脱炭素", count: 4)
        let password = shared + "国際協力推進"
        let impostor = shared + "別の六文字だ"
        #expect(password.count == 30 && impostor.count == 30 && password.utf8.count > 72)
        let user = try await fixture.makeUser(email: "kokusai@example.jp", password: password)

        let refused = await #expect(throws: AccountsError.self) {
            try await fixture.service.login(email: user.email, password: impostor, clientAddress: "192.0.2.1")
        }
        #expect(refused?.code == .invalidCredentials)
        let token = try await fixture.service.login(email: user.email, password: password, clientAddress: "192.0.2.1")
        #expect(try await fixture.service.authenticate(token: token.token)?.userID == user.id)
    }

    @Test("passwords are stored as bcrypt of cost 12, never as themselves")
    func storedAsBcrypt() async throws {
        // Production's configuration, not the tests' cheaper one.
        let fixture = try await AccountsFixture(configuration: AccountService.Configuration())
        let user = try await fixture.makeUser(password: "みなとみらい21の風が心地よい")
        let hash: String = try await fixture.pool.query("SELECT password_hash FROM users WHERE id = \(user.id)")[0].decode("password_hash")
        #expect(hash.hasPrefix("$2a$12$"))
        #expect(!hash.contains("みなとみらい"))
    }

    @Test("a user with invalid fields gets one 422 listing every field")
    func everyFieldReported() async throws {
        let fixture = try await AccountsFixture()
        let error = await #expect(throws: AccountsError.self) {
            try await fixture.service.createUser(
                NewUser(email: "not an email", displayName: "  ", role: .company, liaisonBaseID: UUIDs.base, password: "short"),
                actor: fixture.admin)
        }
        #expect(error?.problem.status == 422)
        let fields = Set(error?.problem.errors?.map(\.field) ?? [])
        #expect(fields == ["email", "displayName", "companyId", "liaisonBaseId", "password"])
    }

    @Test("a display name or an API key's name with a control character or a text-direction override is a 422 naming it")
    func invisibleControlsInNames() async throws {
        let fixture = try await AccountsFixture()
        let user = await #expect(throws: AccountsError.self) {
            try await fixture.makeUser(email: "rlo@example.jp", displayName: "Yamada \u{202E}nimda")
        }
        #expect(user?.problem.status == 422 && user?.problem.errors?.map(\.field) == ["displayName"])
        let viewer = try await fixture.makeUser(email: "viewer.key@example.jp", role: .viewer)
        let key = await #expect(throws: AccountsError.self) {
            try await fixture.service.createAPIKey(fixture.principal(of: viewer), name: "sync\u{1B}[2J", scopes: [Scope("kpi:read")!])
        }
        #expect(key?.problem.status == 422 && key?.problem.errors?.map(\.field) == ["name"])
    }

    @Test("a password may not contain the email's local part or the display name, whatever their case")
    func personalPasswords() async throws {
        let fixture = try await AccountsFixture()
        let error = await #expect(throws: AccountsError.self) {
            try await fixture.makeUser(email: "Hanako.Yamada@example.jp", displayName: "Yamada", password: "hanako.yamada-YAMADA-2025")
        }
        let messages = error?.problem.errors?.filter { $0.field == "password" }.map(\.message) ?? []
        #expect(messages == ["must not contain the email address", "must not contain the display name"])
    }

    @Test("common passwords, one repeated character and Domino's or Yokohama's name with digits are refused; the length rule stays")
    func trivialPasswords() async throws {
        let fixture = try await AccountsFixture()
        let refused: [(String, String)] = [
            ("qwerty123456", "is one of the most common passwords"),
            ("Password1234", "is one of the most common passwords"),
            ("ああああああああああああ", "must not be one character repeated"),
            ("ZZZZZZZZZZZZzz", "must not be one character repeated"),
            ("Yokohama2026!", "must be more than the name of Domino or Yokohama with digits or symbols"),
            ("domino-yokohama-1", "must be more than the name of Domino or Yokohama with digits or symbols"),
            ("横浜横浜横浜2026年", "must be more than the name of Domino or Yokohama with digits or symbols"),
        ]
        for (password, message) in refused {
            let error = await #expect(throws: AccountsError.self) { try await fixture.makeUser(password: password) }
            #expect(error?.problem.errors?.contains(FieldError(field: "password", message: message)) == true, "\(password)")
        }
        let short = await #expect(throws: AccountsError.self) { try await fixture.makeUser(password: "password") }
        #expect(short?.problem.errors?.contains(FieldError(field: "password", message: "must be at least 12 characters")) == true)
        // A name inside a real passphrase is fine.
        _ = try await fixture.makeUser(password: "yokohama-demo-2026")
        _ = try await fixture.makeUser(password: "長い日本語のパスワードです横浜")
    }

    @Test("passwords of 12 to 256 characters are accepted and longer ones are not")
    func lengthLimits() async throws {
        let fixture = try await AccountsFixture()
        let tooLong = await #expect(throws: AccountsError.self) {
            try await fixture.makeUser(password: String(repeating: "脱炭", count: 128) + "素")
        }
        #expect(tooLong?.problem.errors == [FieldError(field: "password", message: "must be at most 256 characters")])
        let user = try await fixture.makeUser(password: "十二文字ちょうどのパスワ")
        #expect(user.role == .coordinator)
    }
}

enum UUIDs {
    static let company = UUID(uuidString: "00000000-0000-4000-8000-00000000c001")!
    static let base = UUID(uuidString: "00000000-0000-4000-8000-00000000b001")!
}
