import App
import DomainKit
import Foundation
import KPI
import Postgres
import Testing
import TestSupport

@Suite("市内大学 is a campus in Yokohama")
struct KPICampusTests {
    @Test("KPI ④ counts a student whose campus is in Yokohama: Keio Hiyoshi yes, Keio Mita no, Keio without a campus no, YNU (only Yokohama campuses) without one yes")
    func campuses() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let event = try await f.event(kind: "workshop", fiscalYear: 2026, startsAt: "2026-10-01T10:00:00+09:00")
        var expected: [UUID] = []
        for (university, campus, counts) in [("keio", "keio_hiyoshi", true), ("keio", "keio_mita", false), ("keio", nil, false), ("ynu", nil, true)] {
            let person = try await f.participant(role: "student", university: university)
            try await pool.execute("UPDATE participants SET campus_id = \(campus) WHERE id = \(person)")
            try await f.checkIn(event: event, registration: try await f.registration(event: event, participant: person), day: "2026-10-01")
            if counts { expected.append(person) }
        }
        try await settle(pool)
        #expect(try await storedCount("yokohama_students", 2026, in: pool) == 2)
        let records: [String] = try await pool.query("""
            SELECT record_id FROM kpi_records WHERE code = 'yokohama_students' AND fiscal_year = 2026 ORDER BY record_id
            """).map { try $0.decode(column: 0) }
        #expect(records == expected.map { "\(event.uuidString.lowercased())/\($0.uuidString.lowercased())" }.sorted())
    }

    @Test("admins keep the registry through the API (audited); others cannot; a campus cannot move to another university; a registration names a campus of its university")
    func registry() async throws {
        try await withTestServer { port, application in
            let admin = try await application.token(for: .admin).token
            let auth = ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"]
            let created = try await TestClient.request(port: port, "PUT", "/v1/universities/shoin", headers: auth,
                                                       body: #"{"nameJa":"横浜松陰大学","nameEn":"Yokohama Shoin University","country":"JP"}"#)
            #expect(created.status == 201)
            let campus = try await TestClient.request(port: port, "PUT", "/v1/universities/shoin/campuses/shoin_totsuka", headers: auth,
                                                      body: #"{"nameJa":"戸塚キャンパス","nameEn":"Totsuka campus","municipality":"横浜市戸塚区","inYokohama":true}"#)
            #expect(campus.status == 201)
            let edited = try await TestClient.request(port: port, "PUT", "/v1/universities/shoin/campuses/shoin_totsuka", headers: auth.merging(["If-Match": "\"1\""]) { $1 },
                                                      body: #"{"nameJa":"戸塚キャンパス","nameEn":"Totsuka Campus","municipality":"横浜市戸塚区","inYokohama":true}"#)
            #expect(edited.status == 200)
            let moved = try await TestClient.request(port: port, "PUT", "/v1/universities/keio/campuses/shoin_totsuka", headers: auth,
                                                     body: #"{"nameJa":"x","nameEn":"x","municipality":"x","inYokohama":false}"#)
            #expect(moved.status == 409 && moved.text.contains("campusId"))
            let incomplete = try await TestClient.request(port: port, "PUT", "/v1/universities/shoin/campuses/shoin_2", headers: auth,
                                                          body: #"{"nameJa":"第二","nameEn":"Second"}"#)
            #expect(incomplete.status == 422 && incomplete.text.contains("municipality") && incomplete.text.contains("inYokohama"))
            let unknown = try await TestClient.request(port: port, "PUT", "/v1/universities/nowhere/campuses/nowhere_1", headers: auth,
                                                       body: #"{"nameJa":"x","nameEn":"x","municipality":"x","inYokohama":false}"#)
            #expect(unknown.status == 404)
            let organizer = try await application.token(for: .organizer).token
            let refused = try await TestClient.request(port: port, "PUT", "/v1/universities/shoin",
                                                       headers: ["Authorization": "Bearer \(organizer)", "Content-Type": "application/json"],
                                                       body: #"{"nameJa":"x","nameEn":"x"}"#)
            #expect(refused.status == 403)
            let list = try await TestClient.request(port: port, "GET", "/v1/universities", headers: auth)
            #expect(list.text.contains("shoin_totsuka") && list.text.contains("keio_hiyoshi"))
            let audited: Int = try await application.pool.query("SELECT count(*)::int FROM audit_log WHERE entity = 'university_campuses'")[0].decode(column: 0)
            #expect(audited >= 2)

            let madeEvent = try await TestClient.request(port: port, "POST", "/v1/events", headers: auth, body: """
                {"kind":"workshop","titleEn":"Campus check","startsAt":"2026-10-20T01:00:00Z","endsAt":"2026-10-20T04:00:00Z","format":"in_person","inPersonCapacity":10}
                """)
            #expect(madeEvent.status == 201)
            let eventID = try #require((try JSONSerialization.jsonObject(with: Data(madeEvent.body)) as? [String: Any])?["id"] as? String)
            let mismatched = try await TestClient.request(port: port, "POST", "/v1/events/\(eventID)/registrations", headers: auth, body: """
                {"participant":{"nameEn":"Aiko","email":"aiko@example.jp","sector":"academia","role":"student","universityId":"ynu","campusId":"keio_hiyoshi"}}
                """)
            #expect(mismatched.status == 422 && mismatched.text.contains("participant.campusId"))
            let registered = try await TestClient.request(port: port, "POST", "/v1/events/\(eventID)/registrations", headers: auth, body: """
                {"participant":{"nameEn":"Aiko","email":"aiko@example.jp","sector":"academia","role":"student","campusId":"keio_hiyoshi"}}
                """)
            #expect(registered.status == 201 && registered.text.contains(#""universityId":"keio""#) && registered.text.contains(#""campusId":"keio_hiyoshi""#))
        }
    }
}
