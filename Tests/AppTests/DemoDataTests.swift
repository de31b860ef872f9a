import Accounts
import App
import DomainKit
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Demo data that stays alive")
struct DemoDataTests {
    @Test("domino seed on any date: a convention that is over, an event still to come, current next actions, ★ ratings for the current fiscal year, and a user for every role",
          arguments: ["2026-10-15", "2027-04-01", "2031-08-20"])
    func alive(day: String) async throws {
        let clock = ProgrammeClock.japan(day)
        try await withTestServer(clock: clock) { port, application in
            let token = try await application.loadDemoData()
            _ = try await application.loadDemoData()  // twice changes nothing
            let auth = ["Authorization": "Bearer \(token)"]
            let events = try await TestClient.request(port: port, "GET", "/v1/events?limit=50", headers: auth)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(events.body)) as? [String: Any])["items"] as? [[String: Any]]
            let formatter = ISO8601DateFormatter()
            let starts = (items ?? []).compactMap { ($0["startsAt"] as? String).flatMap(formatter.date(from:)) }
            let ends = (items ?? []).compactMap { ($0["endsAt"] as? String).flatMap(formatter.date(from:)) }
            #expect(starts.contains { $0 > clock.now() })
            #expect(ends.contains { $0 < clock.now() })

            let kpis = try await TestClient.request(port: port, "GET", "/v1/kpi", headers: auth)
            let overview = try #require(try JSONSerialization.jsonObject(with: Data(kpis.body)) as? [String: Any])
            #expect(overview["fiscalYear"] as? Int == clock.fiscalYear().startYear)
            let figures = overview["kpis"] as? [[String: Any]] ?? []
            #expect(figures.count == 4 && figures.allSatisfy { $0["rating"] is Int })
            #expect(figures.contains { ($0["rating"] as? Int ?? 0) > 1 }, "the demo's history lifts some KPI above ★1")
            // Each of the three fiscal years before this one has records behind every KPI.
            for yearsBack in 1...3 {
                let year = clock.fiscalYear().startYear - yearsBack
                let earlier = try await TestClient.request(port: port, "GET", "/v1/kpi?fy=\(year)", headers: auth)
                let counts = (try #require(try JSONSerialization.jsonObject(with: Data(earlier.body)) as? [String: Any])["kpis"] as? [[String: Any]] ?? [])
                    .map { $0["count"] as? Int ?? 0 }
                #expect(counts.count == 4 && counts.dropFirst().allSatisfy { $0 > 0 }, "FY\(year): \(counts)")
            }

            let overdue = try await TestClient.request(port: port, "GET", "/v1/activities/overdue", headers: auth)
            #expect(overdue.status == 200 && overdue.text.contains("nextActionDueOn"))

            for role in Role.allCases {
                let email = "\(role == .admin ? "admin" : role.rawValue)@demo.domino.example"
                let issued = try await application.accounts.login(email: email, password: "yokohama-demo-2026", clientAddress: "127.0.0.1")
                let principal = try #require(try await application.accounts.authenticate(token: issued.token))
                #expect(principal.role == role)
                if role == .company { #expect(principal.companyID != nil) }
                if role == .liaison { #expect(principal.liaisonBaseID != nil) }
            }
        }
    }

    @Test("domino seed again after people were erased, a check-in undone and names edited: it succeeds and changes nothing they did")
    func seedAfterUsersActed() async throws {
        try await withTestServer { port, application in
            let token = try await application.loadDemoData()
            let auth = ["Authorization": "Bearer \(token)"]
            // One person of an earlier convention and one checked-in person of this year's.
            let people = try await application.pool.withConnection { db in
                try await db.query("""
                    SELECT p.id, r.id AS registration_id FROM participants p JOIN registrations r ON r.participant_id = p.id
                    JOIN check_ins c ON c.registration_id = r.id
                    WHERE p.email IN ('demo.past2023.007@example.jp', 'demo.participant001@example.jp') ORDER BY p.email
                    """).map { (try $0.decode("id", as: UUID.self), try $0.decode("registration_id", as: UUID.self)) }
            }
            try #require(people.count == 2)
            for (participant, _) in people {
                let erased = try await TestClient.request(port: port, "POST", "/v1/participants/\(participant)/erasure", headers: auth)
                #expect(erased.status == 204, "\(erased.status) \(erased.text)")
            }
            // And a check-in an organizer undid.
            let undone = try await application.pool.withConnection { db in
                try await db.query("""
                    DELETE FROM check_ins WHERE registration_id = (SELECT r.id FROM registrations r JOIN participants p ON p.id = r.participant_id
                        WHERE p.email = 'demo.participant004@example.jp' AND r.event_id = ANY (SELECT event_id FROM check_ins))
                    RETURNING registration_id
                    """).map { try $0.decode("registration_id", as: UUID.self) }
            }
            try #require(undone.count == 1)
            // And a company's and a need's English names edited through the API.
            let edited = try await application.pool.withConnection { db in
                try await db.query("""
                    (SELECT 'companies' AS kind, id, version FROM companies WHERE name_en IS NOT NULL ORDER BY corporate_number LIMIT 1)
                    UNION ALL (SELECT 'needs', id, version FROM city_needs ORDER BY id LIMIT 1)
                    UNION ALL (SELECT 'leads', id, version FROM leads ORDER BY id LIMIT 1)
                    UNION ALL (SELECT 'cities', id, version FROM overseas_cities WHERE name_en = 'Da Nang')
                    """).map { (try $0.decode("kind", as: String.self), try $0.decode("id", as: UUID.self), try $0.decode("version", as: Int.self)) }
            }
            try #require(edited.count == 4)
            for (kind, id, version) in edited {
                let field = ["companies": "nameEn", "needs": "titleEn", "leads": "title", "cities": "nameEn"][kind] ?? ""
                let patched = try await TestClient.request(
                    port: port, "PATCH", "/v1/\(kind)/\(id)",
                    headers: auth.merging(["Content-Type": "application/merge-patch+json", "If-Match": "\"\(version)\""]) { $1 },
                    body: #"{"\#(field)":"Edited by a coordinator"}"#)
                #expect(patched.status == 200, "\(kind): \(patched.status) \(patched.text)")
            }

            let (leadsBefore, citiesBefore) = try await application.pool.withConnection { db in
                let row = try await db.query("SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM overseas_cities) AS cities")[0]
                return (try row.decode("leads", as: Int.self), try row.decode("cities", as: Int.self))
            }
            _ = try await application.loadDemoData()

            let state = try await application.pool.withConnection { db in
                try await db.query("""
                    SELECT (SELECT count(*) FROM participants WHERE id = ANY (\(people.map(\.0))::uuid[]) AND erased_at IS NOT NULL AND email IS NULL) AS erased,
                           (SELECT count(*) FROM check_ins WHERE registration_id = \(undone[0])) AS check_ins,
                           (SELECT count(*) FROM companies WHERE name_en = 'Edited by a coordinator')
                         + (SELECT count(*) FROM city_needs WHERE title_en = 'Edited by a coordinator')
                         + (SELECT count(*) FROM leads WHERE title = 'Edited by a coordinator')
                         + (SELECT count(*) FROM overseas_cities WHERE name_en = 'Edited by a coordinator') AS edits,
                           (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM overseas_cities) AS cities
                    """)[0]
            }
            #expect(try state.decode("erased", as: Int.self) == 2, "the erased stay erased")
            #expect(try state.decode("check_ins", as: Int.self) == 0, "an undone check-in is not put back")
            #expect(try state.decode("edits", as: Int.self) == 4, "edits are kept")
            #expect(try state.decode("cities", as: Int.self) == citiesBefore, "a renamed city is not made again")
            #expect(try state.decode("leads", as: Int.self) == leadsBefore, "a renamed lead is not made again")
        }
    }

    @Test("domino seed writes Japanese with full-width parentheses, and a re-seed of a database seeded before corrects the old text in place")
    func fullWidthParentheses() async throws {
        try await withTestServer { _, application in
            _ = try await application.loadDemoData()
            let fresh = try await Self.japaneseWithHalfWidthParentheses(application.pool)
            #expect(fresh == [], "a fresh seed is right at once: \(fresh)")
            let counts = try await Self.renamedRecordCounts(application.pool)

            // A database seeded before: the text as the earlier seed wrote it.
            try await application.pool.withConnection { db in
                _ = try await db.execute("""
                    UPDATE users SET display_name = display_name || ' (coordinator)'
                    WHERE email IN ('coordinator@demo.domino.example', 'coordinator.suzuki@demo.domino.example', 'coordinator.tanaka@demo.domino.example')
                    """)
                _ = try await db.execute("UPDATE leads SET title = 'ダナン市 廃棄物発電 (WtE) 導入' WHERE title = 'ダナン市 廃棄物発電（WtE）導入'")
                _ = try await db.execute("UPDATE leads SET title = 'セブ市 無収水対策 (漏水検知)' WHERE title = 'セブ市 無収水対策（漏水検知）'")
                _ = try await db.execute("UPDATE coordinators SET former_employer = '横浜市資源循環局 (OB)' WHERE former_employer = '横浜市資源循環局（OB）'")
            }
            let old = try await Self.japaneseWithHalfWidthParentheses(application.pool)
            #expect(old.count == 6, "\(old)")

            _ = try await application.loadDemoData()
            let renamed = try await Self.japaneseWithHalfWidthParentheses(application.pool)
            #expect(renamed == [], "the re-seed renames in place: \(renamed)")
            #expect(try await Self.renamedRecordCounts(application.pool) == counts, "one record each, none made again")
            _ = try await application.loadDemoData()
            #expect(try await Self.renamedRecordCounts(application.pool) == counts)
        }
    }

    @Test("the demo users are named as people, not by their role; a re-seed renames what earlier seeds wrote and keeps a name someone edited")
    func peopleNames() async throws {
        try await withTestServer { _, application in
            _ = try await application.loadDemoData()
            let names = try await Self.demoUserNames(application.pool)
            #expect(names["coordinator@demo.domino.example"] == "山田 太郎")
            #expect(names["liaison@demo.domino.example"] == "Tran Thi Mai")
            let labelled = names.values.filter { name in
                ["coordinator", "Administrator", "管理者", "Organizer", "Viewer", "評価委員", "担当", "liaison officer"].contains { name.contains($0) }
            }
            #expect(labelled.isEmpty, "\(labelled)")

            // A database two seeds old: the names as they were written then; one of them edited by its user since.
            try await application.pool.withConnection { db in
                _ = try await db.execute("""
                    UPDATE users u SET display_name = r.name FROM unnest(
                        ARRAY['coordinator@demo.domino.example', 'coordinator.suzuki@demo.domino.example', 'admin@demo.domino.example',
                              'liaison@demo.domino.example', 'viewer@demo.domino.example'],
                        ARRAY['山田 太郎 (coordinator)', '鈴木 花子（coordinator）', 'Demo Administrator 管理者',
                              'Da Nang liaison officer Tran Thi Mai', '評価委員 渡辺（自分で変更）']) AS r (email, name)
                    WHERE u.email = r.email
                    """)
            }
            _ = try await application.loadDemoData()
            let renamed = try await Self.demoUserNames(application.pool)
            #expect(renamed["coordinator@demo.domino.example"] == "山田 太郎" && renamed["coordinator.suzuki@demo.domino.example"] == "鈴木 花子")
            #expect(renamed["admin@demo.domino.example"] == "小林 誠" && renamed["liaison@demo.domino.example"] == "Tran Thi Mai")
            #expect(renamed["viewer@demo.domino.example"] == "評価委員 渡辺（自分で変更）", "an edited name is the user's")
        }
    }

    static func demoUserNames(_ pool: PostgresPool) async throws -> [String: String] {
        let rows = try await pool.query("SELECT email, display_name FROM users WHERE email LIKE '%@demo.domino.example'")
        return try Dictionary(uniqueKeysWithValues: rows.map { (try $0.decode("email", as: String.self), try $0.decode("display_name", as: String.self)) })
    }

    /// Every text column of every table, as "table.column: value" where the value has Japanese and a half-width
    /// parenthesis; but the audit log (history) and the search columns (NFKC folds （） to ()). `query_to_xml` runs one
    /// query per column inside one statement, with identifiers quoted by `format('%I')`, so no SQL is built in Swift.
    static func japaneseWithHalfWidthParentheses(_ pool: PostgresPool) async throws -> [String] {
        try await pool.withConnection { db in
            try await db.query("""
                SELECT c.table_name || '.' || c.column_name || ': ' || x.node::text AS hit
                FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                CROSS JOIN LATERAL unnest(xpath('//v/text()', query_to_xml(format(
                    'SELECT %I AS v FROM %I.%I WHERE %I ~ ''[ぁ-んァ-ヶー一-龯]'' AND %I ~ ''[()]''',
                    c.column_name, c.table_schema, c.table_name, c.column_name, c.column_name), false, false, ''))) AS x (node)
                WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying') AND c.table_name NOT LIKE 'audit%'
                  AND c.column_name NOT LIKE 'search%'
                ORDER BY 1
                """).map { try $0.decode("hit", as: String.self) }
        }
    }

    /// How many records hold each renamed text, old or new.
    static func renamedRecordCounts(_ pool: PostgresPool) async throws -> [Int] {
        try await pool.withConnection { db in
            let row = try await db.query("""
                SELECT (SELECT count(*) FROM leads WHERE title LIKE 'ダナン市 廃棄物発電%導入') AS wte,
                       (SELECT count(*) FROM leads WHERE title LIKE 'セブ市 無収水対策%') AS water,
                       (SELECT count(*) FROM users WHERE display_name LIKE '山田 太郎%') AS yamada,
                       (SELECT count(*) FROM coordinators WHERE former_employer LIKE '横浜市資源循環局%') AS employer
                """)[0]
            return try ["wte", "water", "yamada", "employer"].map { try row.decode($0, as: Int.self) }
        }
    }
}
