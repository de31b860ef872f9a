import Accounts
import Cities
import Companies
import DomainKit
import Matches
import Postgres

/// Demo content for `make run`: one user per role with a known password, so a person trying Domino
/// can log in as each kind of user. Loading twice changes nothing. Never run against production.
enum DemoData {
    static let password = "yokohama-demo-2026"

    static let users: [(email: String, name: String, role: Role)] = [
        ("admin@demo.domino.example", "Demo Administrator 管理者", .admin),
        ("coordinator@demo.domino.example", "山田 太郎 (coordinator)", .coordinator),
        ("organizer@demo.domino.example", "Convention Organizer 佐藤", .organizer),
        ("viewer@demo.domino.example", "Council Viewer 評価委員", .viewer),
    ]

    /// Creates what is missing and returns a fresh admin session token for the printed hint.
    static func load(_ application: Application) async throws -> String {
        try await CityDemoData.load(pool: application.pool)
        try await CompanyDemoData.load(pool: application.pool)
        try await MatchDemoData.load(pool: application.pool)
        for user in users {
            do {
                _ = try await application.accounts.createUser(
                    NewUser(email: user.email, displayName: user.name, role: user.role, password: password), actor: nil)
            } catch let error as AccountsError where error.code == .duplicateEmail {
                continue
            }
        }
        let issued = try await application.accounts.login(email: users[0].email, password: password, clientAddress: "127.0.0.1")
        return issued.token
    }
}
