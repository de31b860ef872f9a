import App
@testable import Console
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What a refusal says is in the page's language, and the language is the one the browser asked for.
@Suite("Console refusals in the reader's language")
struct ConsoleRefusalLanguageTests {
    @Test("a merge refused because both companies are on one lead says why in the page's language, never the API's English detail; nothing moves")
    func mergeConflictInJapanese() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (companies, kept, copy) = try await ConsoleProbeFixesTests.twins(application, world)
            // One row per company on a lead (lead_companies is unique on lead and company): merged, they would be one twice.
            _ = try await application.pool.query("""
                INSERT INTO lead_companies (lead_id, company_id, role) VALUES (\(world.leadA), \(kept.id), 'prime'), (\(world.leadA), \(copy.id), 'partner')
                """)
            let path = "/companies/\(ConsoleHardeningTests.id(kept.id))"
            var admin = world.browsers[.admin]!
            for (language, heading, reason) in [("ja", "この2社は統合できません", "どちらか一方をその記録から外してから"),
                                                ("en", "These two companies cannot be merged", "Take one of them off that record, then merge again")] {
                admin.cookies["domino_lang"] = language
                _ = try await admin.get("\(path)/merge?absorb=\(ConsoleHardeningTests.id(copy.id))")
                let refused = try await admin.post(path + "/merge", form: [("absorb", ConsoleHardeningTests.id(copy.id)), ("version", "1"), ("absorbVersion", "1")])
                #expect(refused.status == 409 && refused.text.contains(heading) && refused.text.contains(reason), "\(language)")
                #expect(!refused.text.contains("A record with the same"), "\(language)")
                #expect(refused.text.contains("href=\"\(path)\">← ") && refused.text.contains("Minato Water Co., Ltd.") && !refused.text.contains("MINATO WATER Inc.</a>"),
                        "\(language): back to the kept company, by its name")
            }
            #expect(try await companies.company(copy.id, by: world.coordinator).version == 1, "nothing merged")
            #expect(try await application.pool.query("SELECT count(*)::int AS n FROM lead_companies WHERE company_id = \(copy.id)")[0].decode("n", as: Int.self) == 1)
        }
    }

    @Test("an Accept-Language weight that is not a qvalue (not a number, above 1, more than three decimals) makes its range ignored, not weigh 1")
    func acceptLanguageInvalidWeights() {
        #expect(Language.acceptable("en;q=abc, ja;q=0.5") == .ja)
        #expect(Language.acceptable("ja;q=0.2, en;q=1.5") == .ja)
        #expect(Language.acceptable("ja;q=0.2, en;q=0.1234") == .ja)
        #expect(Language.acceptable("ja;q=0.2, en;q=1e0") == .ja)
        #expect(Language.acceptable("ja;q=0.2, en;q=-1") == .ja)
        #expect(Language.acceptable("ja;q=0.2, en;q=") == .ja)
        #expect(Language.acceptable("ja;q=0.2, en;q = 0.9") == .ja, "no space about '=' in a weight")
        #expect(Language.acceptable("en;q=abc") == nil, "a malformed element alone names nothing")
        // What the grammar allows still counts: up to three decimals, 1 with zeros, an upper-case Q.
        #expect(Language.acceptable("ja;q=0.2, en;q=0.201") == .en)
        #expect(Language.acceptable("ja;q=0.999, en;q=1.000") == .en)
        #expect(Language.acceptable("ja;q=0.5, en;Q=0.6") == .en)
        #expect(Language.acceptable("ja;q=0.5, en;q=1.") == .en)
        #expect(Language.acceptable("ja;q=1.001, en;q=0.1") == .en)
    }

    @Test("a cross-site form with Accept-Language 'en;q=abc, ja;q=0.5' is refused in Japanese")
    func crossSiteInvalidWeight() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/needs/new")
            let refused = try await browser.post("/needs/new", form: [("titleJa", "別サイト")], headers: [
                "Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example", "Accept-Language": "en;q=abc, ja;q=0.5",
            ])
            #expect(refused.status == 403 && refused.text.contains("<html lang=\"ja\">"))
        }
    }
}
