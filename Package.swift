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
        .target(name: "DomainKit", dependencies: ["Postgres"], swiftSettings: strict),
        .target(name: "App", dependencies: ["Postgres", "DomainKit", "EventIO"], swiftSettings: strict),
        .executableTarget(name: "domino", dependencies: ["App"], swiftSettings: strict),
        .executableTarget(name: "DominoBench", dependencies: ["Postgres", "App", "TestSupport", "HTTPServer", "EventIO"], swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["Postgres", "App"], swiftSettings: strict),
        .testTarget(name: "EventIOTests", dependencies: ["EventIO"], swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"], swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport", "App"], swiftSettings: strict),
    ]
)
