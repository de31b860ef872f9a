import App
import DomainKit
import Foundation
import TestSupport
import Testing

/// What probing last session's changes from outside found (probe14), each over HTTP.
@Suite("probe14's fixes")
struct Probe14Tests {
    @Test("a search of blank text (a zero-width space, a Braille pattern blank, a null notehead) lists as no search does, and words are found with spaces around them")
    func blankSearchIsNoSearch() async throws {
        try await withTestServer { port, application in
            let admin = try await NoOpPatchTests.Admin(port: port, application: application)
            let city = try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
            #expect(city.status == 201, "\(city.text)")
            for list in ["/v1/cities", "/v1/users"] {
                let all = try await admin.send("GET", list)
                #expect(all.status == 200)
                // Validation.isBlank's text is as empty as spaces are, in a search box as in a field (probe14).
                for blank in ["%20", "%E2%80%8B", "%E2%A0%80", "%F0%9D%85%99", "%E2%A0%80%E3%80%80"] {
                    let searched = try await admin.send("GET", "\(list)?q=\(blank)")
                    #expect(searched.status == 200 && searched.text == all.text, "\(list)?q=\(blank): \(searched.text)")
                }
            }
            let padded = try await admin.send("GET", "/v1/cities?q=%20Da%20Nang%20")
            #expect(padded.status == 200 && padded.text.contains("Da Nang"), "\(padded.text)")
        }
    }
}
