import App
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// A `null` for a field that cannot be cleared is a 422 naming the field on every PUT and PATCH, and writes nothing:
/// a merge patch's `null` removes the member, so a required field "is required" (DomainKit `mergePatch`); a partial
/// body that is not a merge patch refuses it by name (`decodePartialBody`); a full PUT's decoder refuses it. Before
/// harden15, `updateNotificationEndpoint`, `updateUser` and `putKPISettings` took such a `null` as "no change", 200; before
/// harden16 a merge patch's `null` for a field with a default (a company's `archived`, a coordinator's `capacity`) reset it
/// to the default, 200 (DomainKit `DefaultedFields`).
@Suite("A null for a field that cannot be cleared")
struct NullFieldSweepTests {
    /// For each PUT and PATCH (by operationId), bodies with a `null` where a value must stay, and the field each names.
    static let nulls: [String: [(body: String, field: String)]] = [
        "updateUser": [(#"{"role":null}"#, "role"), (#"{"disabled":null}"#, "disabled"), (#"{"disabled":null,"role":"coordinator"}"#, "disabled")],
        "resetPassword": [(#"{"password":null}"#, "password")],
        "updateCity": [(#"{"nameEn":null}"#, "nameEn"), (#"{"relationship":null}"#, "relationship"), (#"{"archived":null}"#, "archived")],
        "updatePolicyDialogue": [(#"{"heldOn":null}"#, "heldOn")],
        "updateLocalPartner": [(#"{"name":null}"#, "name")],
        "updateLiaisonBase": [(#"{"cityId":null}"#, "cityId")],
        "updateNeed": [(#"{"source":null}"#, "source"), (#"{"status":null}"#, "status")],
        "updateCompany": [(#"{"size":null}"#, "size"), (#"{"archived":null}"#, "archived"), (#"{"inYokohama":null}"#, "inYokohama"),
                          (#"{"showcaseOptIn":null}"#, "showcaseOptIn")],
        "updateCompanyTechnology": [(#"{"maturity":null}"#, "maturity")],
        "updateCompanyTrackRecord": [(#"{"country":null}"#, "country")],
        "updateCoordinator": [(#"{"displayName":null}"#, "displayName"), (#"{"capacity":null}"#, "capacity"), (#"{"active":null}"#, "active"),
                              (#"{"senior":null}"#, "senior")],
        "updateLead": [(#"{"title":null}"#, "title")],
        "updateLeadActivity": [(#"{"kind":null}"#, "kind"), (#"{"nextActionDone":null}"#, "nextActionDone")],
        "updateKnowledgeNote": [(#"{"taxonomyCodes":null,"titleJa":null}"#, "titleJa")],
        "putUniversity": [(#"{"nameJa":"掃引工科大学","nameEn":null}"#, "nameEn")],
        "putUniversityCampus": [(#"{"nameJa":"本校","nameEn":"Main","municipality":"横浜市中区","inYokohama":null}"#, "inYokohama")],
        "updateEvent": [(#"{"kind":null}"#, "kind"), (#"{"startsAt":null}"#, "startsAt"), (#"{"retentionDays":null}"#, "retentionDays")],
        "updateEventSession": [(#"{"type":null}"#, "type")],
        "updateParticipant": [(#"{"email":null}"#, "email"), (#"{"sector":null}"#, "sector"), (#"{"nameJa":null}"#, "nameJa"),
                              (#"{"consentToShareContact":null}"#, "consentToShareContact")],
        "updateNotificationEndpoint": [(#"{"name":null}"#, "name"), (#"{"channel":null}"#, "channel"), (#"{"url":null}"#, "url"),
                                       (#"{"events":null}"#, "events"), (#"{"enabled":null}"#, "enabled")],
        "putNeedDecision": [(#"{"decision":null,"reason":"実績あり"}"#, "decision")],
        "putKPITarget": [(#"{"target":null}"#, "target")],
        "putKPISettings": [(#"{"fourStars":null}"#, "fourStars"), (#"{"studentsRule":null}"#, "studentsRule")],
    ]

    @Test("every PUT and PATCH answers a null for a field that cannot be cleared with a 422 naming it, and writes nothing")
    func nullsAreRefused() async throws {
        try await withTestServer { port, application in
            let (admin, writes) = try await IfMatchSweepTests.sweepRecords(port: port, application: application)
            let routes = try apiRoutes().filter { [.put, .patch].contains($0.method) && !IfMatchSweepTests.exempt.contains($0.operationID) }
            #expect(Set(routes.map(\.operationID)) == Set(Self.nulls.keys), "every PUT and PATCH is walked")
            let audited: () async throws -> Int = { try await application.pool.query("SELECT count(*)::int FROM audit_log")[0].decode(column: 0) }
            let before = try await audited()
            for route in routes {
                let path = try #require(writes[route.operationID]).path
                for (body, field) in Self.nulls[route.operationID] ?? [] {
                    let answer = try await admin.send(route.method.rawValue, path, body, ifMatch: "\"1\"")
                    let problem = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
                    let fields = (problem?["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                    #expect(answer.status == 422 && fields.contains(field), "\(route.operationID) \(body): \(answer.status) \(answer.text)")
                }
            }
            #expect(try await audited() == before, "no refused write is written")
        }
    }
}
