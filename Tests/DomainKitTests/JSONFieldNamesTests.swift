@testable import DomainKit
import Foundation
import Testing

@Suite("Body members the request does not read")
struct JSONFieldNamesTests {
    enum Kind: String, Codable { case prime, partner }
    struct Member: Codable { var companyId: UUID; var role: Kind }
    struct Draft: Codable {
        var nameJa: String?
        var nameEn: String?
        var budgetMinYen: Int?
        var dueOn: Date?
        var members: [Member]
        var labels: [String: String]?
        var extra: JSONValue?
    }

    static func unread(_ json: String) throws -> [String] {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        return JSONFieldNames.unread(in: value, by: Draft.self)
    }

    @Test("a misspelt or server-set member is named with its path, in nested objects and arrays too")
    func named() throws {
        let id = UUID().uuidString
        #expect(try Self.unread(#"{"nameJa":"横浜","members":[]}"#) == [])
        #expect(try Self.unread(#"{"nameEN":"typo","version":3,"members":[]}"#) == ["nameEN", "version"])
        #expect(try Self.unread(#"{"members":[{"companyId":"\#(id)","role":"prime"},{"companyId":"\#(id)","role":"partner","share":5}]}"#)
                == ["members.1.share"])
        #expect(try Self.unread(#"{"nameJa":null,"budgetMinYen":5,"dueOn":"2026-03-31T00:00:00Z","members":[]}"#) == [])
    }

    @Test("a dictionary's and free-form JSON's own members are not the request's fields")
    func openObjects() throws {
        #expect(try Self.unread(#"{"members":[],"labels":{"anything":"x","else":"y"},"extra":{"a":{"b":[1,{"c":2}]}}}"#) == [])
    }

    @Test("the one-pass reader gives what JSONDecoder gives for the texts it accepted", arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, #"  [ 1.5e3 , -0.25 , 0 , 12345678901234 ]  "#, #""plain""#,
        #"{"esc":"q\"b\\s\/n\n\t\u00e9\u6a2a\ud83d\ude00","\u006eame":"x"}"#, #"{"ja":"横浜市 ｿｰﾗｰ 👩‍🔬"}"#, "[]", "{}", "[[],[{}]]",
    ])
    func parse(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(JSONValue.parse(acceptedJSON: Array(text.utf8)) == expected)
    }

    @Test("it never refuses what it cannot follow: a body its type does not take gives nothing")
    func cannotFollow() throws {
        #expect(try Self.unread(#"{"members":"not a list","other":1}"#) == [])
        #expect(try Self.unread(#"[1,2]"#) == [])
    }
}
