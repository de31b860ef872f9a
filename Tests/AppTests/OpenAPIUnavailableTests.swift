import Foundation
import TestSupport
import Testing

/// The 503 that `Problem(database:)` answers (the database out of reach, or a serialization failure or
/// deadlock that outlived its retries) is documented where it can occur: every operation that reaches the
/// database lists the shared `Problem503` response, which carries Retry-After (harden11).
@Suite("OpenAPI: the database's 503")
struct OpenAPIUnavailableTests {
    /// The operations without a database call of their own: liveness and metrics (readiness has its own 503).
    static let withoutDatabase: Set<String> = ["/healthz", "/metrics", "/readyz"]

    @Test("every operation that reaches the database lists the shared 503 with Retry-After")
    func documented() throws {
        let url = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var missing: [String] = []
        var section = "", path = "", method = "", inResponses = false, has503 = false
        func close() {
            if !method.isEmpty, !Self.withoutDatabase.contains(path), !has503 { missing.append("\(method) \(path)") }
            method = ""
        }
        for line in lines {
            if !line.hasPrefix(" ") && !line.isEmpty { section = line }
            guard section == "paths:" else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                close()
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "),
                      ["get:", "post:", "put:", "patch:", "delete:"].contains(line.trimmingCharacters(in: .whitespaces)) {
                close()
                method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                (inResponses, has503) = (false, false)
            } else if line.hasPrefix("      "), !line.hasPrefix("       ") {
                inResponses = line == "      responses:"
            } else if inResponses, line == "        '503':" {
                has503 = true
            }
        }
        close()
        #expect(missing.isEmpty, "without the 503: \(missing)")
        let start = try #require(lines.firstIndex(of: "    Problem503:"))
        let block = lines[(start + 1)...].prefix { $0.hasPrefix("      ") }.joined(separator: "\n")
        #expect(block.contains("Retry-After:") && block.contains("serialization failure or deadlock"))
    }
}
