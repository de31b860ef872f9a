// swift-tools-version: 6.1
import PackageDescription

/// One settings array for every target (STYLE.md, convention 1): bugs the compiler finds are cheapest.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Domino",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "domino", targets: ["domino"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(name: "CEpoll"),
        // The epoll seam shared by the PostgreSQL adapter and the HTTP server; knows neither.
        .target(name: "EventIO", dependencies: ["CEpoll"], swiftSettings: strict),
        // HTTP/1.1 on sockets driven by EventIO; knows no domain (ARCHITECTURE.md, Shape).
        .target(name: "HTTPServer", dependencies: ["EventIO"], swiftSettings: strict),
        .target(name: "Postgres", dependencies: ["CLibPQ", "EventIO"], swiftSettings: strict),
        .target(name: "DomainKit", dependencies: ["Postgres", "HTTPServer"], swiftSettings: strict),
        // Users, roles, password login, bearer tokens, API keys.
        .target(name: "Accounts", dependencies: ["Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
        .target(name: "Cities", dependencies: ["Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
        // Companies, their technologies and track records, and the public showcase.
        .target(name: "Companies", dependencies: ["Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
        // Coordinator profiles, leads (案件) with stage history, consortia, activities, the knowledge base.
        .target(name: "Coordinators", dependencies: ["Postgres", "DomainKit", "HTTPServer", "Cities", "Companies", "Jobs", "Notifications"], swiftSettings: strict),
        // Events, sessions, participants, registration with waitlist, check-in, meeting requests.
        .target(name: "Conventions", dependencies: ["Postgres", "DomainKit", "HTTPServer", "Notifications", "Mail", "Jobs"], swiftSettings: strict),
        // The job queue and worker runtime (claim, lease, retry, rescue, periodic jobs) and its admin API.
        .target(name: "Jobs", dependencies: ["Postgres", "DomainKit", "HTTPServer", "EventIO"], swiftSettings: strict),
        // Slack, Teams and signed webhooks for programme events; delivery is a job.
        .target(name: "Notifications", dependencies: ["Postgres", "DomainKit", "HTTPServer", "Jobs", "EventIO"], swiftSettings: strict),
        // E-mail: an outbox written in the causing transaction, MIME, a QR encoder and PNG writer, and a
        // job that speaks SMTP to the configured relay (docs/operations.md, "Mail relay").
        .target(name: "Mail", dependencies: ["Postgres", "DomainKit", "HTTPServer", "Jobs", "EventIO"], swiftSettings: strict),
        // The four KPIs: counted from the other modules' records by triggers and a recount job, targets,
        // ★ ratings, fiscal-year closes and restatements, the revenue ledger (docs/kpi.md).
        .target(name: "KPI", dependencies: ["Postgres", "DomainKit", "HTTPServer", "Jobs", "Notifications"], swiftSettings: strict),
        // The matching service (ranking with explanations) and business-match records (docs/matching.md).
        .target(name: "Matches", dependencies: ["Postgres", "DomainKit", "HTTPServer", "EventIO", "Notifications", "Jobs"], swiftSettings: strict),
        // The web console: server-rendered pages for people, calling the same services as the API.
        .target(name: "Console", dependencies: ["Postgres", "DomainKit", "HTTPServer", "EventIO", "Accounts", "Cities", "Companies", "Coordinators", "Matches", "KPI", "Conventions", "Jobs", "Notifications", "Mail"], swiftSettings: strict),
        .target(name: "App", dependencies: ["Postgres", "DomainKit", "EventIO", "HTTPServer", "Accounts", "Cities", "Companies", "Coordinators", "Conventions", "Jobs", "Notifications", "Matches", "KPI", "Mail", "Console"], swiftSettings: strict),
        .executableTarget(name: "domino", dependencies: ["App"], swiftSettings: strict),
        .executableTarget(name: "DominoBench", dependencies: ["Postgres", "App", "TestSupport", "HTTPServer", "EventIO", "Accounts", "DomainKit", "Conventions", "Companies", "Jobs", "Matches", "KPI"], swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["Postgres", "App", "EventIO", "HTTPServer", "Accounts", "DomainKit"], swiftSettings: strict),
        .testTarget(name: "EventIOTests", dependencies: ["EventIO", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport", "EventIO"], swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport", "App"], swiftSettings: strict),
        .testTarget(name: "AppTests", dependencies: ["App", "TestSupport", "HTTPServer", "Postgres", "DomainKit", "Accounts", "Cities"], swiftSettings: strict),
        .testTarget(name: "CitiesTests", dependencies: ["Cities", "TestSupport", "Postgres", "DomainKit", "HTTPServer", "App"], swiftSettings: strict),
        .testTarget(name: "KPITests", dependencies: ["KPI", "Jobs", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "Mail", "Notifications", "Companies", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer", "EventIO"], swiftSettings: strict),
        .testTarget(name: "NotificationsTests", dependencies: ["Notifications", "Jobs", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer", "EventIO"], swiftSettings: strict),
        .testTarget(name: "MatchesTests", dependencies: ["Matches", "Cities", "Companies", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer", "Jobs"], swiftSettings: strict),
        .testTarget(name: "CompaniesTests", dependencies: ["Companies", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
        .testTarget(name: "CoordinatorsTests", dependencies: ["Coordinators", "Notifications", "Jobs", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer", "Accounts", "Cities", "Companies"], swiftSettings: strict),
        .testTarget(name: "ConventionsTests", dependencies: ["Conventions", "Companies", "Matches", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
        .testTarget(name: "DomainKitTests", dependencies: ["DomainKit", "HTTPServer", "Postgres", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "App", "TestSupport", "Postgres", "DomainKit", "HTTPServer", "Accounts", "Cities", "Conventions", "Jobs", "Notifications", "Mail"], swiftSettings: strict),
        .testTarget(name: "MailTests", dependencies: ["Mail", "Jobs", "Conventions", "App", "TestSupport", "Postgres", "DomainKit", "EventIO"], swiftSettings: strict),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "TestSupport", "Postgres", "DomainKit", "HTTPServer"], swiftSettings: strict),
    ]
)
