import Accounts
import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Issue 17, item 13: every changed field keeps its previous value in the audit trail, and an
/// administrator restores it through the API, itself audited; a value that can no longer be restored is
/// a 4xx that changes nothing.
@Suite("Audit trail: previous values and restore")
struct AuditRestoreTests {
    private struct World {
        let port: Int
        let admin: String
        let cityPath: String
        let cityID: String

        func send(_ method: String, _ path: String, _ body: String = "", token: String? = nil, ifMatch: String? = nil) async throws -> TestClient.Response {
            var headers = ["Authorization": "Bearer \(token ?? admin)"]
            if !body.isEmpty { headers["Content-Type"] = "application/json" }
            headers["If-Match"] = ifMatch
            return try await TestClient.request(port: port, method, path, headers: headers, body: body)
        }

        func json(_ response: TestClient.Response) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        }

        /// The newest update entries of the city, newest first.
        func updates() async throws -> [[String: Any]] {
            let page = try await send("GET", "/v1/audit?entity=overseas_cities&action=update&entityId=\(cityID)")
            return try #require(try json(page)["items"] as? [[String: Any]])
        }

        func restore(_ entry: Any?, _ field: String, token: String? = nil) async throws -> TestClient.Response {
            try await send("POST", "/v1/audit/\(try #require(entry as? Int))/restore", #"{"field":"\#(field)"}"#, token: token)
        }

        /// Renames the city in English (its version before is `version`); the update entry's id.
        func rename(_ nameEn: String, version: Int) async throws -> Int {
            let patch = try await send("PATCH", cityPath, #"{"nameEn":"\#(nameEn)"}"#, ifMatch: "\"\(version)\"")
            #expect(patch.status == 200)
            return try #require(try await updates().first?["id"] as? Int)
        }

        func nameEn() async throws -> String? {
            try json(try await send("GET", cityPath))["nameEn"] as? String
        }
    }

    private func world(_ port: Int, _ application: Application) async throws -> World {
        let admin = try await application.token(for: .admin).token
        let id = try await makeDaNang(application, bases: []).cityID.uuidString.lowercased()
        return World(port: port, admin: admin, cityPath: "/v1/cities/\(id)", cityID: id)
    }

    @Test("an update entry keeps each changed field's previous value beside the new one")
    func previousValues() async throws {
        try await withTestServer { port, application in
            let world = try await world(port, application)
            #expect(try await world.send("PATCH", world.cityPath, #"{"nameEn":"Danang City","nameJa":"ダナン市"}"#, ifMatch: "\"1\"").status == 200)
            let entry = try #require(try await world.updates().first)
            #expect(entry["changes"] as? [String: String] == ["name_en": "Danang City", "name_ja": "ダナン市"])
            #expect(entry["previous"] as? [String: String] == ["name_en": "Da Nang", "name_ja": "ダナン"])
        }
    }

    @Test("an admin restores a value: the row holds it again with a new version, and the restore is audited with the admin and the request")
    func restore() async throws {
        try await withTestServer { port, application in
            let world = try await world(port, application)
            let changed = try await world.rename("Danang City", version: 1)
            let restored = try await world.restore(changed, "name_en")
            #expect(restored.status == 200)
            let written = try world.json(restored)
            #expect(written["changes"] as? [String: String] == ["name_en": "Da Nang"])
            #expect(written["previous"] as? [String: String] == ["name_en": "Danang City"])
            #expect(written["requestId"] as? String == restored.header("X-Request-Id"))
            #expect(try await world.nameEn() == "Da Nang")
            #expect(try await world.send("GET", world.cityPath).header("ETag") == "\"3\"")
            let restores = try world.json(try await world.send("GET", "/v1/audit?action=audit.restore"))["items"] as? [[String: Any]]
            #expect(restores?.count == 1 && (restores?.first?["changes"] as? [String: String])?["field"] == "name_en")
            #expect(restores?.first?["entityId"] as? String == String(changed))
        }
    }

    @Test("a value changed again since the entry, a deleted row, an unchanged or unrestorable field are 4xx and change nothing")
    func refusals() async throws {
        try await withTestServer { port, application in
            let world = try await world(port, application)
            let first = try await world.rename("Danang City", version: 1)
            let latest = try await world.rename("Đà Nẵng", version: 2)
            let since = try await world.restore(first, "name_en")
            #expect(since.status == 409 && since.text.contains("changed again"))
            #expect(try await world.nameEn() == "Đà Nẵng")

            #expect(try await world.restore(first, "name_ja").status == 422)
            #expect(try await world.restore(first, "Name_En; DROP TABLE users").status == 422)
            #expect(try await world.restore(999_999_999, "name_en").status == 404)
            let created = try #require(try world.json(try await world.send("GET", "/v1/audit?entity=overseas_cities&action=insert"))["items"] as? [[String: Any]])
            #expect(try await world.restore(created.first?["id"], "name_en").status == 422)
            let notAdmin = try await application.token(for: .coordinator).token
            #expect(try await world.restore(first, "name_en", token: notAdmin).status == 403)

            _ = try await application.pool.execute("DELETE FROM overseas_cities WHERE id = \(UUID(uuidString: world.cityID)!)")
            let gone = try await world.restore(latest, "name_en")
            #expect(gone.status == 409 && gone.text.contains("no longer exists"))
            #expect(try await world.send("GET", "/v1/audit?action=audit.restore").text.contains(#""items":[]"#))
        }
    }

    @Test("each refusal names its reason as a case, which a client words without reading the English detail")
    func typedRefusals() async throws {
        try await withTestServer { port, application in
            let world = try await world(port, application)
            let admin = try await application.token(for: .admin).principal
            func reason(_ entry: Int, _ field: String) async -> AccountsError.RestoreRefusal? {
                do {
                    _ = try await application.accounts.restoreAuditedValue(entry: Int64(entry), field: field, by: admin)
                    return nil
                } catch {
                    return (error as? AccountsError)?.restoreRefusal
                }
            }
            let first = try await world.rename("Danang City", version: 1)
            let latest = try await world.rename("Đà Nẵng", version: 2)
            #expect(await reason(first, "name_en") == .changedAgain)
            #expect(await reason(first, "name_ja") == .noPrevious)
            let created = try #require(try world.json(try await world.send("GET", "/v1/audit?entity=overseas_cities&action=insert"))["items"] as? [[String: Any]])
            #expect(await reason(try #require(created.first?["id"] as? Int), "name_en") == .noPrevious)
            _ = try await application.pool.execute("DELETE FROM overseas_cities WHERE id = \(UUID(uuidString: world.cityID)!)")
            #expect(await reason(latest, "name_en") == .rowGone)
        }
    }

    @Test("two concurrent restores of one entry: one writes, the other is a 409")
    func concurrentRestores() async throws {
        try await withTestServer { port, application in
            let world = try await world(port, application)
            let entry = try await world.rename("Danang City", version: 1)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 { group.addTask { try await world.restore(entry, "name_en").status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409])
            #expect(try await world.nameEn() == "Da Nang")
        }
    }

    @Test("erasing a field from an entry's changes, or blanking it, erases its previous value too")
    func erasureFollows() async throws {
        try await withTestServer { port, application in
            let world = try await world(port, application)
            _ = try await world.send("PATCH", world.cityPath, #"{"nameEn":"Danang City","nameJa":"ダナン市"}"#, ifMatch: "\"1\"")
            let entry = try #require(try await world.updates().first)
            let id = try #require(entry["id"] as? Int)
            _ = try await application.pool.execute("UPDATE audit_log SET changes = changes - 'name_en' WHERE id = \(Int64(id))")
            let after = try #require(try await world.updates().first)
            #expect(after["previous"] as? [String: String] == ["name_ja": "ダナン"])
            #expect(try await world.restore(id, "name_en").status == 422)
            // Blanking a recorded value instead of removing it erases the previous value as well.
            _ = try await application.pool.execute("UPDATE audit_log SET changes = changes || '{\"name_ja\": null}' WHERE id = \(Int64(id))")
            #expect((try await world.updates().first?["previous"] as? [String: Any])?.isEmpty == true)
        }
    }
}
