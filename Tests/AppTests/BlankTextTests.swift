import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Text of zero-width characters alone is as empty as spaces (DomainKit `Validation.isBlank`, harden12) on the
/// routes whose rules were written beside `Validation.required` rather than through it (probe12): the university
/// registry, an event's message, the revenue ledger, a KPI restatement and a notification endpoint's name.
@Suite("Blank text on every route that requires text")
struct BlankTextTests {
    @Test("a required text of a zero-width space, word joiner or BOM alone is a 422 naming its field", arguments: [
        ("PUT", "/v1/universities/blank_probe", #"{"nameJa":"\u200b","nameEn":"Blank University","country":"JP"}"#, "nameJa"),
        ("PUT", "/v1/universities/blank_probe", #"{"nameJa":"空白大学","nameEn":"\u2060","country":"JP"}"#, "nameEn"),
        ("PUT", "/v1/universities/yokohama_probe/campuses/blank_probe", #"{"nameJa":"本校","nameEn":"Main","municipality":"\ufeff","inYokohama":true}"#, "municipality"),
        ("POST", "/v1/events/\(UUID())/messages", #"{"segment":"registered","subjectJa":"\u200b","subjectEn":"Notice","bodyJa":"本文","bodyEn":"Body"}"#, "subjectJa"),
        ("POST", "/v1/revenue", #"{"kind":"sponsorship","amountYen":1000,"counterparty":"\u200b","receivedOn":"2026-04-01"}"#, "counterparty"),
        ("POST", "/v1/revenue/\(UUID())/reversal", #"{"reason":"\u200b\u2060"}"#, "reason"),
        ("POST", "/v1/kpi/restatements", #"{"code":"leads","fiscalYear":2025,"count":1,"reason":"\u200b"}"#, "reason"),
        ("POST", "/v1/notification-endpoints", #"{"channel":"webhook","name":"\u200b","url":"https://hooks.example.jp/x","events":[]}"#, "name"),
    ])
    func zeroWidthTextIsBlank(method: String, path: String, body: String, field: String) async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let university = try await TestClient.request(port: port, "PUT", "/v1/universities/yokohama_probe", headers: headers,
                                                          body: #"{"nameJa":"横浜プローブ大学","nameEn":"Yokohama Probe University","country":"JP"}"#)
            #expect(university.status == 201)
            let response = try await TestClient.request(port: port, method, path, headers: headers, body: body)
            #expect(response.status == 422 && response.text.contains(#""field":"\#(field)""#), "\(path): \(response.text)")
            #expect(try await application.pool.query("SELECT count(*)::int FROM universities WHERE id = 'blank_probe'")[0].decode(column: 0) as Int == 0)
        }
    }

    @Test("text of characters drawn as nothing that Unicode calls neither space nor ignorable (Braille pattern blank U+2800, musical null notehead U+1D159) is blank as the Hangul fillers are; beside other text they are text")
    func blankLookingSymbols() {
        for blank in ["\u{2800}", "\u{2800}\u{2800}", "\u{1D159}", "\u{3164}", "\u{115F}\u{1160}", "\u{FFA0}", "\u{180E}", " \u{2800}\u{3000}\u{200B}"] {
            #expect(Validation.isBlank(blank), "\(blank.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for text in ["a\u{2800}", "\u{2800}⠁", "横浜\u{3164}", "\u{1D15A}"] {
            #expect(!Validation.isBlank(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("a required text of a Braille pattern blank alone is a 422 naming its field")
    func brailleBlankOverHTTP() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let response = try await TestClient.request(port: port, "PUT", "/v1/universities/braille_probe",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: #"{"nameJa":"\u2800","nameEn":"Braille Blank University"}"#)
            #expect(response.status == 422 && response.text.contains(#""field":"nameJa""#), "\(response.text)")
            #expect(try await application.pool.query("SELECT count(*)::int FROM universities WHERE id = 'braille_probe'")[0].decode(column: 0) as Int == 0)
        }
    }
}
