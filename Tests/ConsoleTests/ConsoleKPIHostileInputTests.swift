import App
@testable import Console
import DomainKit
import Foundation
import KPI
import Postgres
import TestSupport
import Testing

/// The KPI administration pages under input a careless or hostile administrator sends, through the real
/// server: control characters and text-direction overrides in the ledger's and restatements' free text,
/// a NUL, and two browser tabs setting a year's first target at the same moment.
@Suite("Console KPI administration under hostile input")
struct ConsoleKPIHostileInputTests {
    static let year = ConsoleKPIAdministrationTests.year

    @Test("who paid, a reversal's reason and a restatement's reason with control characters, a text-direction override or a NUL are refused beside the field (422, not a 500), nothing written")
    func controlCharacters() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let ledger = RevenueLedger(pool: application.pool, clock: application.clock)
            var admin = world.browsers[.admin]!
            _ = try await admin.get("/kpi/revenue/new")
            for counterparty in ["横浜\u{202E}gnp.exe", "ベル\u{07}株式会社", "NUL\u{0}株式会社"] {
                let refused = try await admin.post("/kpi/revenue/new", form: [
                    ("kind", "sponsorship"), ("amountYen", "1,000"), ("counterparty", counterparty), ("receivedOn", "2026-10-01"),
                ])
                #expect(refused.status == 422 && refused.text.contains("から制御文字・文字方向の制御記号を取り除いてください"), "\(counterparty.unicodeScalars.map(\.value))")
            }
            admin.cookies["domino_lang"] = "en"
            let english = try await admin.post("/kpi/revenue/new", form: [
                ("kind", "sponsorship"), ("amountYen", "1,000"), ("counterparty", "Bay\u{202E}Sponsor"), ("receivedOn", "2026-10-01"),
            ])
            #expect(english.status == 422 && english.text.contains("Remove control characters and text-direction marks from"))
            admin.cookies["domino_lang"] = "ja"
            #expect(try await ledger.entries(fiscalYear: Self.year, page: PageRequest(limit: 10)).items.isEmpty)

            #expect(try await admin.post("/kpi/revenue/new", form: [
                ("kind", "sponsorship"), ("amountYen", "1,000"), ("counterparty", "横浜協賛会"), ("receivedOn", "2026-10-01"),
            ]).status == 303)
            let entry = try #require(try await ledger.entries(fiscalYear: Self.year, page: PageRequest(limit: 10)).items.first)
            let reverse = "/kpi/revenue/\(entry.id.uuidString.lowercased())/reverse"
            _ = try await admin.get(reverse)
            for reason in ["誤り\u{202E}", "誤り\u{0}"] {
                let refused = try await admin.post(reverse, form: [("reason", reason)])
                #expect(refused.status == 422 && refused.text.contains("「取り消す理由」から制御文字"))
            }
            #expect(try await ledger.summary(fiscalYear: Self.year).totalYen == 1_000)

            let last = Self.year - 1, path = "/kpi/years/\(last)"
            #expect(try await admin.post("\(path)/close", form: []).status == 303)
            for reason in ["訂正\u{202E}", "訂正\u{0}"] {
                let refused = try await admin.post("\(path)/restatements", form: [("code", "liaison_matches"), ("count", "7"), ("reason", reason)])
                #expect(refused.status == 422 && refused.text.contains("「訂正の理由」から制御文字"))
            }
            let restatements: Int = try await application.pool.query("SELECT count(*)::int FROM kpi_restatements")[0].decode(column: 0)
            #expect(restatements == 0)
        }
    }

    @Test("two tabs setting a year's first target at the same moment: one is saved, the other told someone saved it meanwhile (409 with the figure typed), not a 500")
    func firstTargetTwiceAtOnce() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let path = "/kpi/targets/commercializations/\(Self.year)"
            #expect(try await admin.get("/kpi/targets?fy=\(Self.year)").status == 200)
            let holder = TestDatabase.pool(application.pool.configuration)
            defer { holder.close() }
            let late = try await holder.withConnection { first in
                // The first tab's save, not yet committed when the second tab's arrives.
                try await first.execute("BEGIN")
                try await first.execute("INSERT INTO kpi_targets (code, fiscal_year, target) VALUES ('commercializations', \(Self.year), 12)")
                var second = admin
                let saving = Task { try await second.post(path, form: [("target-commercializations", "15")]) }
                // Until the second save waits on the first's row (in this test's database).
                try await TestDatabase.waitForLockWaiters(1, on: holder)
                try await first.execute("COMMIT")
                return try await saving.value
            }
            #expect(late.status == 409 && late.text.contains("他の人がこの目標を変更しました") && late.text.contains("value=\"15\""))
            let saved = try await KPIService(pool: application.pool, clock: application.clock).targets(fiscalYear: Self.year)
            #expect(saved.first { $0.code == "commercializations" }?.target == 12)
        }
    }
}
