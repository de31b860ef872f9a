@testable import Matches
import Testing

@Suite("A need's request sentences, told from its background")
struct RequestFocusTests {
    @Test("a sentence that asks for something carries a marker, in English or Japanese", arguments: [
        "The city wants a plant that burns garbage.", "We would like an energy audit.", "We also need operator training.",
        "The utility is looking for a partner.", "BP Batam seeks a roadmap.", "The project requires pumps.",
        "The province plans to introduce electric buses.", "The city aims to halve its emissions.",
        "更新で電気代を下げたい。", "仕組みを導入したい。", "助言を求めたい。", "技術者の育成も必要。", "太陽光発電の導入を検討している。",
        "協力企業を探している。", "脱炭素を目指す。",
    ])
    func requestSentence(sentence: String) {
        #expect(RequestFocus.isRequest(Array(sentence.unicodeScalars)))
    }

    @Test("a sentence of background carries none: counts, history, the city and its plant", arguments: [
        "Yangon collects roughly 1,600 tonnes of garbage a day.", "Most pumps date from the 1990s.",
        "The needles of the plant are replaced yearly.", "Factories in the estates pay high peak-demand charges.",
        "市のごみの約6割は家庭の生ごみ。", "2000年代に導入した機械の効率が落ちている。", "病院はディーゼル発電機に頼っている。",
    ])
    func backgroundSentence(sentence: String) {
        #expect(!RequestFocus.isRequest(Array(sentence.unicodeScalars)))
    }

    @Test("sentences end at a full stop before a space, at 。 and at a line break, not inside a number")
    func sentences() {
        let text = "Pumps run at 1.5 MW. We want drives!Title line\n病院は停電する。発電機を更新したい"
        let sentences = RequestFocus.sentences(text).map { String(String.UnicodeScalarView($0)) }
        #expect(sentences == ["Pumps run at 1.5 MW.", " We want drives!Title line\n", "病院は停電する。", "発電機を更新したい"])
    }

    @Test("the request text is the marked sentences, or nothing when none is marked")
    func requestText() {
        #expect(RequestFocus.requestText(of: "Hospitals lose power. The city wants batteries.") == " The city wants batteries.")
        #expect(RequestFocus.requestText(of: "病院は停電する。蓄電池を導入したい。") == "蓄電池を導入したい。")
        #expect(RequestFocus.requestText(of: "Hospitals lose power. Batteries and solar.") == nil)
    }
}
