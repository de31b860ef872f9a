// swift-tools-version: 5.4
// A package of its own, as SwiftNIO HTTP/2 and swift-protobuf keep their FuzzTesting: the fuzz
// binary is built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library`, which
// would break every other executable and test of the main package. The modules under test are
// symlinks to the main package's sources (Sources/HTTPServer -> ../../Sources/HTTPServer), so
// the parser fuzzed is the parser shipped, and nothing is copied.
import PackageDescription

/// The main package's settings (STYLE.md, convention 1), spelled for tools 5.4.
let strict: [SwiftSetting] = [
    .unsafeFlags([
        "-enable-upcoming-feature", "ExistentialAny",
        "-enable-upcoming-feature", "InternalImportsByDefault",
        "-enable-upcoming-feature", "MemberImportVisibility",
    ]),
]

let package = Package(
    name: "DominoFuzz",
    platforms: [.macOS("15.0")],
    targets: [
        .systemLibrary(name: "CEpoll"),
        .target(name: "EventIO", dependencies: ["CEpoll"], swiftSettings: strict),
        .target(name: "HTTPServer", dependencies: ["EventIO"], swiftSettings: strict),
        .executableTarget(name: "FuzzHTTPRequestParser", dependencies: ["HTTPServer"], swiftSettings: strict),
    ],
    swiftLanguageVersions: [.version("6")]
)
