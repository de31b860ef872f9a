import DomainKit
import Testing

@Suite("Country names")
struct CountryNameTests {
    /// Every two-letter pair, so that no code the API accepts (`Validation.isCountryCode`) goes unnamed
    /// and no name is kept for a code it refuses.
    static let everyPair: [String] = {
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { Character(UnicodeScalar($0)) }
        return letters.flatMap { first in letters.map { String([first, $0]) } }
    }()

    @Test("every code the API accepts has a Japanese and an English name, and no other code has one")
    func everyAcceptedCodeIsNamed() {
        let accepted = Self.everyPair.filter(Validation.isCountryCode)
        #expect(accepted.count == 250)
        for code in Self.everyPair {
            let names = Validation.countryNames[code]
            if Validation.isCountryCode(code) {
                #expect(names?.ja.isEmpty == false, "\(code) has no Japanese name")
                #expect(names?.en.isEmpty == false, "\(code) has no English name")
                #expect(names?.code == code)
            } else {
                #expect(names == nil, "\(code) is no country the API accepts, yet is named")
            }
        }
        #expect(Validation.countryNames.count == accepted.count)
    }

    @Test("names as the Ministry of Foreign Affairs and the UN write them", arguments: [
        ("VN", "ベトナム", "Viet Nam"), ("TH", "タイ", "Thailand"), ("PH", "フィリピン", "Philippines"), ("KR", "韓国", "Republic of Korea"),
        ("GB", "英国", "United Kingdom"), ("US", "アメリカ合衆国", "United States of America"), ("XK", "コソボ", "Kosovo"),
    ])
    func names(code: String, ja: String, en: String) {
        #expect(Validation.countryName(code, japanese: true) == ja)
        #expect(Validation.countryName(code, japanese: false) == en)
    }

    @Test("no two countries share a name, and kanji names are ordered by their reading")
    func distinctAndOrdered() {
        let names = Array(Validation.countryNames.values)
        #expect(Set(names.map(\.ja)).count == names.count)
        #expect(Set(names.map(\.en)).count == names.count)
        let japanese = names.sorted { $0.jaSortKey < $1.jaSortKey }.map(\.code)
        #expect(japanese.firstIndex(of: "CN")! > japanese.firstIndex(of: "TH")!, "中国 (チュウゴク) comes after タイ")
        #expect(japanese.firstIndex(of: "KR")! < japanese.firstIndex(of: "KH")!, "韓国 (カンコク) comes before カンボジア")
        #expect(Validation.countryNames["AX"]?.enSortKey == "Aland Islands")
    }
}
