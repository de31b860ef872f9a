import Foundation
@testable import Mail
import Postgres
import Testing
import TestSupport

/// The kinds of mail the outbox holds, said in three places: the table's CHECK (the last migration that set it),
/// `MailKind`, and the `MailDelivery.kind` enum of docs/openapi.yaml. A kind added to one and not the others fails here.
@Suite("Mail kinds: schema, code and API agree")
struct MailKindContractTests {
    /// The `enum:` list under `components/schemas/MailDelivery/properties/kind`, read by indentation as the other
    /// spec tests read docs/openapi.yaml (schemas at four spaces, their properties at eight, a property's keys at ten).
    static func specKinds() throws -> [String] {
        let url = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var schema: String?, property: String?, inEnum = false
        var kinds: [String] = []
        for line in lines {
            if line.hasPrefix("    "), !line.hasPrefix("     ") { schema = String(line.dropFirst(4)); property = nil; continue }
            guard schema == "MailDelivery:" else { continue }
            if line.hasPrefix("        "), !line.hasPrefix("         ") { property = String(line.dropFirst(8)); inEnum = false; continue }
            guard property == "kind:" else { continue }
            if line.hasPrefix("          "), !line.hasPrefix("           ") {
                if line.hasPrefix("          - "), inEnum { kinds.append(String(line.dropFirst(12))) } else { inEnum = line == "          enum:" }
            }
        }
        return kinds
    }

    @Test("docs/openapi.yaml's MailDelivery.kind lists exactly the kinds mail_outbox's CHECK admits, and MailKind has each")
    func kindsAgree() async throws {
        let pool = try await TestDatabase.fresh()
        let definition: String = try await pool.query("""
            SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'mail_outbox_kind_check'
            """)[0].decode("definition")
        // ((kind = ANY (ARRAY['registration_confirmation'::text, ...])))
        let checked = Set(definition.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
        #expect(checked.count >= 2, "\(definition)")
        let spec = try Self.specKinds()
        #expect(Set(spec) == checked, "docs/openapi.yaml lists \(spec); the table admits \(checked.sorted())")
        #expect(spec.count == Set(spec).count)
        #expect(Set(MailKind.allCases.map(\.rawValue)) == checked)
    }
}
