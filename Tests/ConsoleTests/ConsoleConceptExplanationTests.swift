import Companies
import Testing
import TestSupport

/// A company's word for a neighbouring concept is shown with that concept's name (issue 16): 汚泥 under a need about
/// water supply read as the company's word for water supply.
@Suite("Console: an explanation names the company's own concept")
struct ConsoleConceptExplanationTests {
    @Test("a sibling concept's words are shown with its name, in Japanese and English")
    func siblingNamed() async throws {
        try await withTestServer { port, application in
            var (browser, path) = try await rankedNeedPage(
                application, port: port, titleJa: "配水管の漏水対策",
                technology: CompanyTechnologyDraft(titleJa: "汚泥の燃料化", maturity: .commercial, disclosure: .public))
            let japanese = try await browser.get(path)
            #expect(japanese.status == 200)
            #expect(japanese.text.contains("上水道・無収水対策（漏水, 配水 ↔ 下水汚泥エネルギー化：汚泥）"))
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.get(path)
            #expect(english.text.contains("Water supply, leakage and non-revenue water (漏水, 配水 ↔ Sewage sludge to energy and fuel: 汚泥)"))
        }
    }

    @Test("a field counted in part, claimed by a technology that lists many, is named as such, in Japanese and English")
    func countedInPart() async throws {
        try await withTestServer { port, application in
            // Ten codes on one technology: each counts 5 / 10 (docs/matching.md, "The thirty-first round").
            let codes = ["water_supply", "solar_pv", "wind_power", "biogas", "hvac", "lighting", "ev", "ccus", "mrv", "landfill"]
            var (browser, path) = try await rankedNeedPage(
                application, port: port, titleJa: "配水管の漏水対策",
                technology: CompanyTechnologyDraft(titleJa: "総合ソリューション", taxonomyCodes: codes, maturity: .commercial, disclosure: .public))
            let japanese = try await browser.get(path)
            #expect(japanese.status == 200)
            #expect(japanese.text.contains("一部だけ数えた分野：上水道・無収水対策（多くの分野をまとめて掲げた技術や企業のものなので"))
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.get(path)
            #expect(english.text.contains("Fields counted in part: Water supply, leakage and non-revenue water (they come from a technology, or a company"))
        }
    }
}
