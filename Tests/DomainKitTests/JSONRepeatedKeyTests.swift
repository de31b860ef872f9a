@testable import DomainKit
import Testing

@Suite("A name repeated within one JSON object")
struct JSONRepeatedKeyTests {
    @Test("is found in whichever object repeats it, with escapes read as every parser reads them", arguments: [
        (#"{"a":1,"a":2}"#, "a"),
        (#"{"a":{"b":1,"b":2}}"#, "b"),
        (#"[{"x":1},{"y":[{"z":1,"z":1}]}]"#, "z"),
        (#"{"a":1,"\u0061":2}"#, "a"),
        (#"{"😀":1,"\ud83d\ude00":2}"#, "😀"),
        (#"{"tab\t":1,"tab\u0009":2}"#, "tab\t"),
        (#"{"横浜":1,"\u6a2a\u6d5c":2}"#, "横浜"),
    ])
    func found(json: String, name: String) {
        #expect(JSONRepeatedKey.first(in: Array(json.utf8)) == name)
    }

    @Test("is not seen in names of different objects, in values, or in strings that look like JSON", arguments: [
        #"{"a":{"a":1},"b":{"a":2}}"#,
        #"[{"a":1},{"a":2}]"#,
        #"{"a":"a","b":"a"}"#,
        #"{"a":"}\",\"a\":{","b":["a","a"]}"#,
        #"{"a\\":1,"a":2}"#,
        #"{"A":1,"a":2}"#,
        #"[]"#, #""a""#, #"{}"#,
    ])
    func notFound(json: String) {
        #expect(JSONRepeatedKey.first(in: Array(json.utf8)) == nil)
    }
}
