/// Which part of a need's text states what the city asks for, and which only its setting. Cities write a need as
/// background (the utility, the hospital, the population, what was installed when) and then the request ("the
/// utility wants to find its leaks", 「蓄電池を導入したい」); the background's words are shared by every company that
/// works in that setting, the request's by those that supply it. A sentence is a request when it carries one of the
/// markers below, written from how requests are phrased in English and Japanese (verbs of wanting, needing, seeking
/// and planning; the desiderative 〜たい, 求め, 必要, 希望), not from any need's wording (docs/matching.md,
/// "The twelfth round").
enum RequestFocus {
    /// English request markers, as lower-case word sequences: the verbs of wanting, needing, seeking, requiring,
    /// requesting and planning, and their usual phrasal forms.
    static let englishMarkers: [[String]] = [
        ["want"], ["wants"], ["wanted"], ["would", "like"], ["would", "welcome"],
        ["need"], ["needs"], ["needed"], ["looking", "for"], ["look", "for"], ["looks", "for"],
        ["seek"], ["seeks"], ["seeking"], ["sought"], ["require"], ["requires"], ["required"],
        ["request"], ["requests"], ["requesting"], ["ask", "for"], ["asks", "for"], ["asking", "for"],
        ["plan", "to"], ["plans", "to"], ["planning", "to"], ["aim", "to"], ["aims", "to"], ["aiming", "to"],
        ["hope", "to"], ["hopes", "to"], ["intend", "to"], ["intends", "to"], ["wish", "to"], ["wishes", "to"],
        ["interested", "in"],
    ]

    /// Japanese request markers, as written: the desiderative ending (導入したい, 下げたい, 知りたい), ほしい, and the
    /// nouns and verbs of asking, needing, hoping, seeking and aiming.
    static let japaneseMarkers: [[Unicode.Scalar]] = [
        "たい", "ほしい", "欲しい", "求め", "求む", "必要", "希望", "導入を検討", "探して", "探し", "目指", "募集", "望む", "望ん",
    ].map { Array($0.unicodeScalars) }

    /// Scalars that end a sentence. A full stop, ";", "!" and "?" (！ and ？ fold to them) end one only before a space,
    /// Japanese or the end of the text (1.5 MW stays whole); 。 and a line break always do (a title is a line).
    private static let japaneseStops: Set<Unicode.Scalar> = ["。", "\n", "\r"]
    private static let englishStops: Set<Unicode.Scalar> = [".", "!", "?", ";"]

    /// The sentences of `text`, in order, as written (so acronyms and names read as in the whole text), without
    /// empty ones.
    static func sentences(_ text: String) -> [[Unicode.Scalar]] {
        let scalars = text.unicodeScalars.map(TextAnalysis.halfWidth)
        var sentences: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for (index, scalar) in scalars.enumerated() {
            current.append(scalar)
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            if japaneseStops.contains(scalar) || (englishStops.contains(scalar) && (next.properties.isWhitespace || TextAnalysis.isJapanese(next))) {
                sentences.append(current)
                current = []
            }
        }
        sentences.append(current)
        return sentences.filter { $0.contains { !$0.properties.isWhitespace } }
    }

    /// Whether `sentence` states a request: it carries an English marker as whole words or a Japanese
    /// marker anywhere (Japanese has no spaces; the markers are long enough not to occur inside other words).
    static func isRequest(_ sentence: [Unicode.Scalar]) -> Bool {
        let text = String(String.UnicodeScalarView(sentence))
        let words = TextAnalysis.words(text).map { $0.original.lowercased() }
        for marker in englishMarkers where words.count >= marker.count {
            for start in 0...(words.count - marker.count) where words[start] == marker[0] {
                if marker.indices.allSatisfy({ words[start + $0] == marker[$0] }) { return true }
            }
        }
        for marker in japaneseMarkers where sentence.count >= marker.count {
            for start in 0...(sentence.count - marker.count) where sentence[start] == marker[0] {
                if marker.indices.allSatisfy({ sentence[start + $0] == marker[$0] }) { return true }
            }
        }
        return false
    }

    /// The request sentences of `text`, joined by line breaks, or nil when no sentence carries a marker (then the
    /// whole text is the request, as before: a need written without a marker is not read as all background).
    static func requestText(of text: String) -> String? {
        let requests = sentences(text).filter(isRequest)
        guard !requests.isEmpty else { return nil }
        return requests.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }
}
