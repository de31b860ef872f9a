@testable import Matches
import Testing

/// The loanword bridge (LoanwordKey, docs/matching.md "The eighth round"). The pairs below are written from the
/// languages: each katakana word is the usual Japanese spelling of the English word beside it.
@Suite("Loanword keys: a katakana word meets the English word it was borrowed from")
struct LoanwordKeyTests {
    static func key(_ katakana: String) -> String? { LoanwordKey.key(katakana: Array(katakana.unicodeScalars)) }

    @Test("a loanword and its English word get one key, with or without the final ー of technical writing", arguments: [
        ("インバーター", "inverter"), ("インバータ", "inverter"), ("コンプレッサー", "compressor"), ("コンプレッサ", "compressor"),
        ("ダクタイル", "ductile"), ("ネットワーク", "network"), ("プラットフォーム", "platform"), ("バッテリー", "batteries"),
        ("シリコン", "silicon"), ("タービン", "turbines"), ("センター", "centre"), ("センター", "center"), ("エンジン", "engine"),
        ("モビリティ", "mobility"), ("プロジェクト", "projects"), ("ストーカ", "stoker"), ("プラント", "plant"), ("タンク", "tank"),
        ("サービス", "services"), ("マイクロ", "micro"), ("スプリット", "split"), ("モニタリング", "monitoring"),
    ])
    func pairsMeet(katakana: String, english: String) {
        let japanese = Self.key(katakana)
        #expect(japanese != nil, "\(katakana)")
        #expect(japanese == LoanwordKey.key(english: english), "\(katakana) / \(english)")
    }

    @Test("words that only share consonants do not meet: the syllables and the first sound tell them apart", arguments: [
        ("システム", "steam"), ("タンク", "turnkey"), ("バッテリー", "bottle"), ("ストーカ", "stack"), ("ストーカ", "stock"),
        ("プロセス", "policy"), ("スプリット", "separate"), ("サービス", "serves"), ("ネットワーク", "network"),
    ])
    func falseFriends(katakana: String, english: String) {
        if english == "network" {
            // A different word with the same consonants: ノートブック (notebook) is not a network.
            #expect(Self.key("ノートブック") != LoanwordKey.key(english: english))
        } else {
            #expect(Self.key(katakana) != LoanwordKey.key(english: english), "\(katakana) / \(english)")
        }
    }

    @Test("short words have no key (ボイラー would meet valley, メーター motor), nor names and acronyms, nor stop words")
    func tooShortOrNames() {
        for word in ["ボイラー", "チラー", "ガス", "メーター", "モーター"] { #expect(Self.key(word) == nil, "\(word)") }
        for word in ["boiler", "valley", "gas", "meter", "motor"] { #expect(LoanwordKey.key(english: word) == nil, "\(word)") }
        #expect(LoanwordKey.key(english: "Indonesia") == nil)
        #expect(LoanwordKey.key(english: "BEMS") == nil)
        #expect(Self.key("インドネシア") != nil)
        let terms = TextAnalysis.terms("the project is with them and those at the plant")
        #expect(terms.filter(LoanwordKey.isKey).count == 2)
    }

    /// What a text contributes across the languages: its glossary senses and its loanword keys, a key written the
    /// same from either side.
    static func crossing(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        Set(TextAnalysis.terms(text, glossary: glossary).compactMap { term in
            if term.hasPrefix("g:") { return term }
            return LoanwordKey.isKey(term) ? String(term.dropFirst(3)) : nil
        })
    }

    @Test("across languages: the glossary pairs short loanwords, the key the ones it lacks; a glossary term is not keyed twice")
    func textsMeet() {
        for (japanese, english) in [("高効率ボイラーの導入", "a high-efficiency boiler"), ("チラーの更新", "replace the chiller"),
                                    ("ヒートポンプ給湯", "a heat pump"), ("インバーター制御", "inverter control"),
                                    ("インバータ制御", "inverter control"), ("コンプレッサーの更新", "replace the compressors")] {
            #expect(!Self.crossing(japanese).isDisjoint(with: Self.crossing(english)), "\(japanese) / \(english)")
        }
        // Without the glossary, only the key crosses: inverter and compressor still meet, boiler does not.
        let none = Glossary("")
        #expect(!Self.crossing("インバータ制御", glossary: none).isDisjoint(with: Self.crossing("inverter control", glossary: none)))
        #expect(!Self.crossing("コンプレッサ", glossary: none).isDisjoint(with: Self.crossing("compressors", glossary: none)))
        #expect(Self.crossing("ボイラー", glossary: none).isDisjoint(with: Self.crossing("boilers", glossary: none)))
        // ボイラー is a glossary term: its sense crosses, and no key is made beside it.
        #expect(TextAnalysis.terms("ボイラー").filter(LoanwordKey.isKey).isEmpty)
        #expect(!TextAnalysis.terms("ダクタイル鋳鉄管").filter(LoanwordKey.isKey).isEmpty)
        // The two sides are different terms, so a text never meets its own language twice.
        #expect(TextAnalysis.terms("ダクタイル").filter(LoanwordKey.isKey) == ["kj:" + (Self.key("ダクタイル") ?? "")])
        #expect(LoanwordKey.counterpart(of: "kj:dktr2") == "ke:dktr2")
        #expect(LoanwordKey.counterpart(of: "ke:dktr2") == "kj:dktr2")
        #expect(LoanwordKey.counterpart(of: "w:ductil") == nil)
    }
}
