import Accounts
import Cities
import Companies
import Coordinators
import KPI
import Conventions
import DomainKit
import FoundationEssentials
import Notifications
import Matches
import Postgres

/// Demo content for `make run`: one user per role with a known password (the company user bound to a
/// demo company, the liaison officer to the Da Nang liaison base), so a person trying Domino can log in
/// as each kind of user. Every date of the story follows the programme clock (DemoCalendar), and the KPI
/// targets reach the current fiscal year, so the demo is alive on any date. Loading twice changes
/// nothing. Never run against production.
enum DemoData {
    static let password = "yokohama-demo-2026"

    /// Display names as people are named, not labelled with their role: the header and every list that names
    /// a user show these, and the role already says itself in the navigation.
    static let users: [(email: String, name: String, role: Role)] = [
        ("admin@demo.domino.example", "小林 誠", .admin),
        ("coordinator@demo.domino.example", "山田 太郎", .coordinator),
        ("organizer@demo.domino.example", "佐藤 美咲", .organizer),
        ("viewer@demo.domino.example", "渡辺 浩一", .viewer),
        ("company@demo.domino.example", "高橋 直樹", .company),
        ("liaison@demo.domino.example", "Tran Thi Mai", .liaison),
        ("coordinator.suzuki@demo.domino.example", "鈴木 花子", .coordinator),
        ("coordinator.tanaka@demo.domino.example", "田中 健", .coordinator),
        ("coordinator.nguyen@demo.domino.example", "Nguyen Thi Lan", .coordinator),
    ]

    /// (email, display name) as earlier seeds wrote them: first with half-width parentheses, then with the
    /// role in full-width ones, and every demo user labelled with a role or company.
    static let earlierNames: [(email: String, name: String)] = [
        ("coordinator@demo.domino.example", "山田 太郎 (coordinator)"),
        ("coordinator.suzuki@demo.domino.example", "鈴木 花子 (coordinator)"),
        ("coordinator.tanaka@demo.domino.example", "田中 健 (coordinator)"),
        ("coordinator@demo.domino.example", "山田 太郎（coordinator）"),
        ("coordinator.suzuki@demo.domino.example", "鈴木 花子（coordinator）"),
        ("coordinator.tanaka@demo.domino.example", "田中 健（coordinator）"),
        ("coordinator.nguyen@demo.domino.example", "Nguyen Thi Lan (coordinator)"),
        ("admin@demo.domino.example", "Demo Administrator 管理者"),
        ("organizer@demo.domino.example", "Convention Organizer 佐藤"),
        ("viewer@demo.domino.example", "Council Viewer 評価委員"),
        ("company@demo.domino.example", "横浜グリーンエナジー 担当 高橋"),
        ("liaison@demo.domino.example", "Da Nang liaison officer Tran Thi Mai"),
    ]

    /// Creates what is missing and returns a fresh admin session token for the printed hint.
    static func load(_ application: Application) async throws -> String {
        // Text an earlier seed wrote is corrected in place first, so the look-ups below find the records by their current text.
        let now = application.clock.now()
        try await AccountDemoData.renameEarlierNames(
            earlierNames.compactMap { earlier in users.first { $0.email == earlier.email }.map { (earlier.email, earlier.name, $0.name) } },
            at: now, pool: application.pool)
        try await CoordinatorDemoData.renameEarlierText(at: now, pool: application.pool)
        // The company user's company and the liaison officer's base, as loaded (not looked up by a name users may edit).
        let liaisonBase = try await CityDemoData.load(pool: application.pool)
        let company = try await CompanyDemoData.load(pool: application.pool, at: now)
        try await NotificationDemoData.load(pool: application.pool, secretsKey: application.configuration.secretsKey)
        let story = DemoCalendar(today: application.clock.today())
        try await MatchDemoData.load(pool: application.pool, story: story)
        for user in users {
            do {
                _ = try await application.accounts.createUser(
                    NewUser(email: user.email, displayName: user.name, role: user.role,
                            companyID: user.role == .company ? company : nil, liaisonBaseID: user.role == .liaison ? liaisonBase : nil,
                            password: password), actor: nil)
            } catch let error as AccountsError where error.code == .duplicateEmail {
                continue
            }
        }
        try await loadCoordinators(application)
        let organizer = try await application.accounts.login(email: users[2].email, password: password, clientAddress: "127.0.0.1")
        try await ConventionDemoData.load(
            pool: application.pool, organizerID: try await application.accounts.authenticate(token: organizer.token)?.userID, story: story)
        try await loadMeetingRequests(application, company: company)
        // Earlier fiscal years' records, so the demo KPIs show a history and a spread of ratings.
        let current = application.clock.fiscalYear().startYear
        if current > kpiProgrammeStart.startYear {
            try await ConventionDemoData.loadHistory(pool: application.pool, years: kpiProgrammeStart.startYear...(current - 1))
        }
        try await MatchDemoData.loadHistory(pool: application.pool, years: kpiProgrammeStart.startYear...max(current, kpiProgrammeStart.startYear),
                                            today: application.clock.today())
        try await KPIDemoData.load(pool: application.pool, clock: application.clock)
        let issued = try await application.accounts.login(email: users[0].email, password: password, clientAddress: "127.0.0.1")
        return issued.token
    }

    /// Coordinator profiles and the lead pipeline, written as the demo admin through the module's service.
    static func loadCoordinators(_ application: Application) async throws {
        let lookup = Principal(userID: UUID(), role: .admin)
        var ids: [String: UUID] = [:]
        for user in try await application.accounts.listUsers(filter: UserFilter(text: "@demo.domino.example"), limit: 100, actor: lookup).items {
            ids[user.email] = user.id
        }
        guard let adminID = ids[users[0].email] else { return }
        let service = CoordinatorService(
            pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
            companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
        try await CoordinatorDemoData.load(service: service, userIDs: ids, admin: Principal(userID: adminID, role: .admin), today: application.clock.now())
    }
}

extension DemoData {
    /// Meeting requests to the demo company at the convention, through the Conventions service as the
    /// demo admin: from three participants who agreed to share their contact details (one request
    /// already accepted) and one who did not, so the company's page shows both kinds of requester.
    static func loadMeetingRequests(_ application: Application, company: UUID?) async throws {
        let lookup = Principal(userID: UUID(), role: .admin)
        guard let company,
              let adminID = try await application.accounts.listUsers(filter: UserFilter(text: users[0].email), limit: 1, actor: lookup).items.first?.id,
              let event = try await application.conventions.events(EventFilter(kind: .convention), page: PageRequest(limit: 1), by: lookup).items.first
        else { return }
        let admin = Principal(userID: adminID, role: .admin)
        let companies = try await application.conventions.registrations(
            of: event.id, RegistrationFilter(role: .overseasCompany), page: PageRequest(limit: 20), by: admin).items
        let consenting = companies.filter(\.participant.consentToShareContact).prefix(3)
        let others = companies.filter { !$0.participant.consentToShareContact }.prefix(1)
        let messages = [
            "ダナン市の廃棄物発電案件について、貴社の焼却炉技術を伺いたいです。",
            "We would like to discuss rooftop solar with storage for our factories in Bangkok.",
            "Interested in your energy management system for a hotel group in Cebu.",
            "Please tell us about your biogas references in Southeast Asia.",
        ]
        for (index, registration) in (Array(consenting) + Array(others)).enumerated() {
            do {
                let request = try await application.conventions.requestMeeting(
                    MeetingRequestDraft(participantId: registration.participant.id, companyId: company, message: messages[index % messages.count]),
                    eventID: event.id, by: admin)
                if index == 1 { _ = try await application.conventions.decideMeeting(request.id, MeetingDecision(decision: .accepted), by: admin) }
            } catch let error as ConventionsError where error.problem.status == 409 {
                continue  // loaded before: the demo is idempotent
            }
        }
    }
}

extension Application {
    /// `domino seed`: loads the demo data on this application's clock and returns a demo admin token.
    public func loadDemoData() async throws -> String {
        try await DemoData.load(self)
    }
}
