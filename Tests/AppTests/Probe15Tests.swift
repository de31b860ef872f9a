import App
import DomainKit
import Foundation
import TestSupport
import Testing

/// What probing last session's changes from outside found (probe15), each over HTTP.
@Suite("probe15's fixes")
struct Probe15Tests {
    @Test("search words pasted with a zero-width space, a BOM or a word joiner around them find what the words alone find")
    func invisibleAroundSearchWords() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let city = try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
            #expect(city.status == 201, "\(city.text)")
            let plain = try await admin.send("GET", "/v1/cities?q=Da%20Nang")
            #expect(plain.status == 200 && plain.text.contains("Da Nang"))
            for pasted in ["Da%20Nang%E2%80%8B", "%EF%BB%BFDa%20Nang", "%E2%81%A0Da%20Nang%E2%81%A0%20", "%E3%80%80%E2%80%8BDa%20Nang%E2%A0%80"] {
                let searched = try await admin.send("GET", "/v1/cities?q=\(pasted)")
                #expect(searched.status == 200 && searched.text == plain.text, "q=\(pasted): \(searched.text)")
            }
            let me = try JSONSerialization.jsonObject(with: Data(try await admin.send("GET", "/v1/me").text.utf8)) as? [String: Any]
            let email = try #require(me?["email"] as? String)
            let users = try await admin.send("GET", "/v1/users?q=\(email)%E2%80%8B")
            #expect(users.status == 200 && users.text.contains(email), "\(users.text)")
        }
    }

    @Test("an If-Match that is not the ETag as sent (a sign or leading zeros before the version) is a 400 that writes nothing, not taken for the version (RFC 9110 strong comparison)")
    func ifMatchComparedAsSent() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let city = try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
            let path = "/v1/cities/\(try admin.id(of: city))"
            for tag in [#""01""#, #""+1""#, #""0001""#] {
                let patched = try await admin.send("PATCH", path, #"{"nameEn":"Danang"}"#, ifMatch: tag)
                #expect(patched.status == 400 && patched.text.contains("If-Match"), "If-Match: \(tag): \(patched.status) \(patched.text)")
            }
            let stored = try await admin.send("GET", path)
            #expect(stored.header("ETag") == #""1""# && stored.text.contains(#""nameEn":"Da Nang""#))
            #expect(try await admin.send("PATCH", path, #"{"nameEn":"Danang"}"#, ifMatch: #" "1" "#).status == 200, "white space around the tag is not part of it")
        }
    }
}
