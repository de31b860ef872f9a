import Foundation
@testable import Matches
import Testing

/// A concept the need names at several places weighs more than one it names once (issue 16's fourteenth round):
/// cities name what they ask for again and again and their setting once.
@Suite("A need's concepts weigh by how often it names them")
struct ConceptNamingTests {
    static let vocabulary = ConceptVocabulary(RankingReferenceTests.taxonomy)

    @Test("a concept is counted at each place it is named, once where two of its names start together, alike in both languages")
    func namingPlaces() throws {
        let solar = try #require(Self.vocabulary.index["solar_pv"])
        let battery = try #require(Self.vocabulary.index["battery_storage"])
        let english = Self.vocabulary.namingPlaces(in: "A solar panel on each school, solar panels on the clinic, and a battery storage room.")
        #expect(english[solar] == 2)
        #expect(english[battery] == 1)
        let japanese = Self.vocabulary.namingPlaces(in: "学校に太陽光発電、診療所にも太陽光発電と蓄電池を置きたい。")
        #expect(japanese[solar] == 2)
        #expect(japanese[battery] == 1)
    }

    @Test("a concept named at three places weighs 1.5 times its idf, one named once its idf")
    func saturatedWeight() throws {
        let state = RankingReferenceTests.directory(editRounds: 0)
        let need = NeedProfile(
            cityNameEn: "Hue", cityNameJa: "フエ", country: "VN", title: "Storage",
            text: "Battery storage for the market. The traders ask for battery storage, as the solar panel on the roof stops at night; battery storage would keep the freezers on.",
            taxonomyCodes: [])
        let analysis = Matcher().analyse(need, in: state)
        let companies = Double(state.companyCount)
        func idf(_ count: Int) -> Double { log(1 + (companies - Double(count) + 0.5) / (Double(count) + 0.5)) }
        let solar = try #require(state.vocabulary.index["solar_pv"])
        let battery = try #require(state.vocabulary.index["battery_storage"])
        let weights = Dictionary(analysis.concepts.map { ($0.concept, $0.weight) }, uniquingKeysWith: +)
        #expect(abs((weights[battery] ?? 0) - 1.5 * idf(state.companies(withConcept: battery))) < 1e-9)
        #expect(abs((weights[solar] ?? 0) - idf(state.companies(withConcept: solar))) < 1e-9)
    }
}
