import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Search finds text as people type it (search17): a Japanese IME's ideographic space, a no-break space, doubled
/// spaces, full-width letters and digits and half-width katakana, in the words or in the stored text.
@Suite("search folds text as people type it")
struct SearchFoldTests {
    /// What people type, and the one form it is searched in.
    static let table: [(typed: String, folded: String)] = [
        ("Organizer\u{3000}佐藤", "organizer 佐藤"),
        ("Da\u{00A0}Nang", "da nang"),
        ("Da\tNang\r\n", "da nang "),
        ("Da  Nang", "da nang"),
        ("Ｄａ Ｎａｎｇ", "da nang"),
        ("ＡＢＣ２０２６", "abc2026"),
        ("ﾀﾞﾅﾝ", "ダナン"),
        ("ｶﾞ", "ガ"),
        ("ﾊﾟﾈﾙ", "パネル"),
        ("①", "1"),
        ("㈱横浜エコ", "(株)横浜エコ"),
        ("タ\u{3099}ナン", "ダナン"),
        ("cafe\u{301}", "café"),
        ("İzmir", "izmir"),
        ("ÉCOLE Σ", "école σ"),
        ("％＿＼", "%_\\"),
        ("x\u{0085}\u{1680}\u{2028}\u{2029}\u{205F}\u{202F}\u{2003}\u{000B}\u{000C}y", "x y"),
        ("ＹＯＫＯＨＡＭＡ　ｴｺ　\u{00A0} ｿｰﾗｰ①号", "yokohama エコ ソーラー1号"),
    ]

    @Test("Swift's searchFold and the SQL function search_fold fold every string of the table alike, as the table says")
    func foldsAgree() async throws {
        try await withTestServer { _, application in
            for (typed, folded) in Self.table {
                let sql: String = try await application.pool.query("SELECT search_fold(\(typed)) AS folded")[0].decode("folded")
                #expect(Array(searchFold(typed).unicodeScalars) == Array(folded.unicodeScalars), "Swift: \(typed.debugDescription)")
                #expect(Array(sql.unicodeScalars) == Array(folded.unicodeScalars), "SQL: \(typed.debugDescription) → \(sql.debugDescription)")
            }
            // Companies' search form keeps its hyphens as spaces, a full-width one too, before the spaces are folded.
            for typed in Self.table.map(\.typed) + ["Waste-to-energy", "a - b", "ａ－ｂ", "ＷＡＳＴＥ－ＴＯ－ＥＮＥＲＧＹ"] {
                let sql: String = try await application.pool.query("SELECT search_form(\(typed)) AS form")[0].decode("form")
                #expect(Array(Taxonomy.searchForm(typed).unicodeScalars) == Array(sql.unicodeScalars), "\(typed.debugDescription) → \(sql.debugDescription)")
            }
            #expect(Taxonomy.searchForm("ａ － ｂ") == "a b")
        }
    }

    @Test("the taxonomy keeps its names and synonyms in search_form, folded once when written, for the bridge of every search")
    func taxonomyTermsFoldedOnce() async throws {
        try await withTestServer { _, application in
            let rows = try await application.pool.query("""
                SELECT t.code, t.search_terms,
                       ARRAY(SELECT search_form(term) FROM unnest(t.synonyms || ARRAY[t.name_en, t.name_ja]) AS term) AS folded
                FROM taxonomy t ORDER BY t.code
                """)
            #expect(rows.count > 50)
            for row in rows {
                let code: String = try row.decode("code")
                let stored: [String] = try row.decode("search_terms"), folded: [String] = try row.decode("folded")
                #expect(stored == folded, "\(code)")
            }
            // A term written full-width and hyphenated is stored as a query is folded (Taxonomy.searchForm).
            let typed = "ＷＡＳＴＥ－ＴＯ－ＥＮＥＲＧＹ　ＰＬＡＮＴ"
            _ = try await application.pool.execute("UPDATE taxonomy SET synonyms = synonyms || ARRAY[\(typed)] WHERE code = 'waste_to_energy'")
            let terms: [String] = try await application.pool.query("SELECT search_terms FROM taxonomy WHERE code = 'waste_to_energy'")[0]
                .decode("search_terms")
            #expect(terms.contains(Taxonomy.searchForm(typed)))
            #expect(terms.contains("waste to energy plant"))
        }
    }

    /// One searchable record per module, made through the API with `text` where the module searches.
    struct Searched {
        let module: String
        let list: String
        let create: @Sendable (_ text: String, _ n: Int) async throws -> String
    }

    @Test("every list with q finds a record stored full-width, with an ideographic space, in half-width katakana or hyphenated by its plain words, and the reverse")
    func everyModuleBothWays() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let (coordinator, author) = try await application.token(for: .coordinator)
            let coordinatorHeaders = ["Authorization": "Bearer \(coordinator)", "Content-Type": "application/json"]
            // A note's author and a lead's owner: a coordinator with a profile.
            let profile = try await admin.send("POST", "/v1/coordinators", #"{"userId":"\#(author.userID.uuidString.lowercased())","displayName":"Note author"}"#)
            #expect(profile.status == 201, "\(profile.text)")
            let owner = try admin.id(of: profile)
            let city = try admin.id(of: try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#))
            let event = try admin.id(of: try await admin.send("POST", "/v1/events", #"""
                {"kind":"seminar","titleEn":"Solar seminar","startsAt":"2027-06-01T01:00:00Z","endsAt":"2027-06-01T03:00:00Z","format":"online","onlineCapacity":50}
                """#))
            let created: @Sendable (String, String) async throws -> String = { path, body in
                let answer = try await admin.send("POST", path, body)
                #expect(answer.status == 201, "\(path): \(answer.text)")
                return try admin.id(of: answer)
            }
            let user: @Sendable (String, Int) async throws -> String = { text, n in
                try await created("/v1/users", #"{"email":"fold\#(n)@example.jp","displayName":"\#(text)","role":"coordinator","password":"a long enough password"}"#)
            }
            let modules = [
                Searched(module: "cities", list: "/v1/cities") { text, n in
                    try await created("/v1/cities", #"{"nameJa":"都市\#(n)","nameEn":"\#(text)","country":"TH","relationship":"prospect"}"#)
                },
                Searched(module: "needs", list: "/v1/needs") { text, _ in
                    try await created("/v1/needs", #"{"cityId":"\#(city)","titleEn":"\#(text)","source":"inquiry"}"#)
                },
                Searched(module: "knowledge notes", list: "/v1/knowledge-notes") { text, _ in
                    let answer = try await TestClient.request(port: port, "POST", "/v1/knowledge-notes", headers: coordinatorHeaders,
                                                              body: #"{"titleEn":"\#(text)","countries":["VN"]}"#)
                    #expect(answer.status == 201, "\(answer.text)")
                    return try admin.id(of: answer)
                },
                Searched(module: "companies", list: "/v1/companies") { text, _ in
                    try await created("/v1/companies", #"{"nameEn":"\#(text)","size":"sme"}"#)
                },
                Searched(module: "users", list: "/v1/users", create: user),
                Searched(module: "coordinators", list: "/v1/coordinators") { text, n in
                    let person = try await user("Person \(n)", n + 100)
                    return try await created("/v1/coordinators", #"{"userId":"\#(person)","displayName":"\#(text)"}"#)
                },
                Searched(module: "leads", list: "/v1/leads") { text, _ in
                    try await created("/v1/leads", #"{"title":"\#(text)","cityId":"\#(city)","sourceChannel":"policy_dialogue","ownerCoordinatorId":"\#(owner)"}"#)
                },
                Searched(module: "registrations", list: "/v1/events/\(event)/registrations") { text, n in
                    try await created("/v1/events/\(event)/registrations",
                                      #"{"participant":{"nameEn":"\#(text)","email":"reg\#(n)@example.jp","sector":"industry","role":"local_company"}}"#)
                },
            ]
            // Stored as a Japanese IME or an old system writes it, plainly, hyphenated, and spaced where a query hyphenates.
            let stored = ["Ｓｅａｒｃｈ\u{3000}Ａｌｐｈａ ｱﾙﾌｧ", "Search Beta ベータ", "Gamma-Delta－Epsilon", "Kappa Lambda Mu"]
            let finds: [(query: String, finds: Int)] = [
                ("search alpha", 0), ("アルファ", 0), ("SEARCH  ALPHA", 0),
                ("Ｓｅａｒｃｈ\u{3000}Ｂｅｔａ", 1), ("search\u{00A0}\u{00A0}beta", 1), ("ﾍﾞｰﾀ", 1), ("Search\tBeta ﾍﾞｰﾀ", 1),
                // search24: a hyphen is a space on both sides, as companies' search always read it.
                ("gamma delta epsilon", 2), ("ｇａｍｍａ－ｄｅｌｔａ", 2), ("delta-epsilon", 2),
                ("kappa-lambda-mu", 3), ("ＬＡＭＢＤＡ－ｍｕ", 3),
            ]
            for (n, module) in modules.enumerated() {
                var ids: [String] = []
                for (k, text) in stored.enumerated() { ids.append(try await module.create(text, stored.count * n + k)) }
                for (query, wanted) in finds {
                    let encoded = try #require(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                    let found = try await admin.send("GET", "\(module.list)?q=\(encoded)")
                    #expect(found.status == 200 && found.text.contains(ids[wanted]), "\(module.module) q=\(query.debugDescription): \(found.text)")
                    for (k, other) in ids.enumerated() where k != wanted {
                        #expect(!found.text.contains(other), "\(module.module) q=\(query.debugDescription) finds only its record, not \(stored[k])")
                    }
                }
            }
        }
    }
}
