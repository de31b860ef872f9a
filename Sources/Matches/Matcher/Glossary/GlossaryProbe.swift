/// What the matcher's own reading (`TextAnalysis`, the shipped glossary and the loanword keys) makes of a term,
/// so the glossary's coverage of a domain's vocabulary can be measured on lists that are not the evaluation set
/// (`DominoBench glossary-coverage`, docs/matching.md "The sixteenth round"). It reads, it does not analyse again:
/// the terms are `TextAnalysis.terms`, the same a profile or a need gets.
public struct GlossaryProbe: Sendable, Equatable {
    /// The glossary senses the text names, each with its readable name (`Glossary.name(of:)`).
    public let senses: [String: String]
    /// The loanword keys the text has (`LoanwordKey`), as terms (`kj:` katakana, `ke:` English).
    public let loanwordKeys: Set<String>

    /// Every variant of the shipped glossary, Japanese and English: what a profile that names the whole vocabulary writes
    /// (`DominoBench matching-eval`'s self-promotion probe).
    public static var everyVariant: (japanese: [String], english: [String]) {
        (Glossary.shipped.entries.flatMap(\.japanese), Glossary.shipped.entries.flatMap(\.english))
    }

    public init(_ text: String) {
        var senses: [String: String] = [:]
        var keys: Set<String> = []
        for term in TextAnalysis.terms(text) {
            if term.hasPrefix("g:"), let sense = Int32(term.dropFirst(2)) {
                senses[term] = Glossary.shipped.name(of: sense)
            } else if LoanwordKey.isKey(term) {
                keys.insert(term)
            }
        }
        self.senses = senses
        self.loanwordKeys = keys
    }

    /// The names of the senses two texts share: what crosses from one to the other through the glossary.
    public func sharedSenses(with other: GlossaryProbe) -> [String] {
        senses.filter { other.senses[$0.key] != nil }.map(\.value).sorted()
    }

    /// Whether a katakana word of one text and an English word of the other are one loanword (`LoanwordKey`).
    public func sharesLoanword(with other: GlossaryProbe) -> Bool {
        loanwordKeys.contains { LoanwordKey.counterpart(of: $0).map(other.loanwordKeys.contains) ?? false }
    }
}
