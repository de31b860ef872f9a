import App
import DomainKit
import Postgres
@testable import Console
import Foundation
import TestSupport
import Testing

/// polish28: the audit log read by a person. A changed timestamp shows as the console shows times (Japan, the reader's
/// language) with the stored value kept in its title; only a value that is a timestamp, recognised strictly; and a
/// record id that is no UUID offers its line breaks after each `/`.
@Suite("Console audit log: timestamps and record ids as people read them")
struct ConsoleAuditReadingTests {
    @Test("a changed timestamp reads as a Japan date and time in the reader's language, the stored value in its title; other values stay as stored")
    func timestamps() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            _ = try await application.pool.execute("""
                INSERT INTO audit_log (action, entity, entity_id, changes, previous) VALUES ('update', 'timed_things', 'x',
                  '{"closed_at": "2026-12-06T09:06:27.288698+00:00", "opened_at": "2026-12-05T23:30:00Z", "local": "2026-12-06T09:06:27",
                    "day": "2026-12-06", "title": "2026-12-06T09:06:27+00:00 の会議", "impossible": "2026-02-30T09:06:27+00:00",
                    "wide": "2026-12-06T09:06:27.1234567+00:00"}'::jsonb,
                  '{"closed_at": null}'::jsonb)
                """)
            var admin = world.browsers[.admin]!
            let list = try await admin.get("/audit?entity=timed_things")
            #expect(list.status == 200)
            #expect(list.text.contains(
                "<time datetime=\"2026-12-06T18:06+09:00\" title=\"2026-12-06T09:06:27.288698+00:00\">2026年12月6日 18:06</time>"))
            #expect(list.text.contains("<code>closed_at</code>: （空） → <time"), "a value before the change reads as one after it")
            #expect(list.text.contains("<time datetime=\"2026-12-06T08:30+09:00\" title=\"2026-12-05T23:30:00Z\">2026年12月6日 08:30</time>"))
            #expect(!list.text.contains(">2026-12-06T09:06:27.288698+00:00<"))
            // Not timestamps, or not strictly: shown as stored.
            for value in ["2026-12-06T09:06:27", "2026-12-06", "2026-12-06T09:06:27+00:00 の会議", "2026-02-30T09:06:27+00:00",
                          "2026-12-06T09:06:27.1234567+00:00"] {
                #expect(list.text.contains(": \(value)</li>") || list.text.contains(": \(value) "), "\(value)")
            }
            admin.cookies["domino_lang"] = "en"
            let english = try await admin.get("/audit?entity=timed_things")
            #expect(english.text.contains("title=\"2026-12-06T09:06:27.288698+00:00\">6 Dec 2026 18:06</time>"))
        }
    }

    @Test("a record id that is no UUID breaks after its / and _, each UUID part shortened (a KPI target's, a lead's company), the whole id in its title")
    func recordIDs() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            _ = try await application.pool.execute("""
                INSERT INTO audit_log (action, entity, entity_id, changes) VALUES ('update', 'kpi_targets', 'yokohama_students/2026', '{"target": "40"}'::jsonb),
                    ('insert', 'lead_companies', '0d0f1c13-0d6c-484b-9da8-47612d807346/88a492dc-9eff-4569-b5d6-3b81ed9dac41', '{"role": "lead"}'::jsonb)
                """)
            var admin = world.browsers[.admin]!
            let list = try await admin.get("/audit?entity=kpi_targets")
            #expect(list.text.contains(
                "<a class=\"record-id\" href=\"/audit?entity=kpi_targets&amp;entityId=yokohama_students%2F2026\" title=\"yokohama_students/2026\">"
                + "yokohama_<wbr/>students/<wbr/>2026</a>"), "\(list.text)")
            // s24: a lead's company (lead/company) is two UUIDs; whole, neither could break, and the table scrolled sideways.
            let pairs = try await admin.get("/audit?entity=lead_companies")
            #expect(pairs.text.contains(
                "title=\"0d0f1c13-0d6c-484b-9da8-47612d807346/88a492dc-9eff-4569-b5d6-3b81ed9dac41\"><code>0d0f1c13…</code>/<wbr/><code>88a492dc…</code></a>"),
                "\(pairs.text)")
            #expect(ConsoleCSS.text.contains(".record-id { overflow-wrap: break-word; }") && !ConsoleCSS.text.contains(".record-id { overflow-wrap: anywhere; }"))
        }
    }
}
