/// Every number the matcher uses, in one place (docs/matching.md explains each and how to tune them).
/// The version is derived, not typed: a hash of these values, of the glossary, of the taxonomy the index was
/// built with (it lives in the database, so the version is the index's: `MatchIndexState.algorithmVersion`)
/// and of `methodRevision`, so changing a weight, a glossary line or a taxonomy term gives a new version by
/// itself; a change of method that keeps the numbers must raise `methodRevision`, and a test fails when the
/// scores of a fixed directory change under an unchanged version (MatchVersionTests). Stored match records
/// keep the version and the parts.
public struct MatchWeights: Sendable, Equatable {
    /// Raise with any change of how scores are computed that the values below do not show.
    /// 2: Japanese glossary terms are matched without the prolonged sound mark ー (モータ is モーター).
    /// 3: English glossary terms are matched on Porter's step 1 (inflections), not the full stem ("generation" is not
    /// "generator", "renew" not "renewables"); half-width katakana and decomposed voicing marks are read as full-width
    /// kana (ｿｰﾗｰ is ソーラー).
    /// 4: a record or technology is about the need when it touches an asked code or a child of one, no longer the
    /// parent (a top-level concept named by a generic word, "city" or "water", made every record about the sector).
    /// 5: loanword keys (LoanwordKey): a katakana word and the English word it was borrowed from meet across the
    /// languages (ダクタイル and "ductile"), counted with the glossary's senses and not in a text's length.
    /// 6 and 7 were tried and reverted (issue 16's twelfth and fourteenth rounds, docs/matching.md); the sixteenth
    /// round's 8 (a katakana term never ends inside a katakana word) was a prototype, reverted too.
    /// 8 (the seventeenth round): the glossary's mixed variants (LED照明, CO2回収) are met where Japanese is written
    /// against Latin letters or digits, sub- and superscript digits read as digits (CO₂ is CO2), and a Japanese
    /// variant's long vowels before its last ー must be in the text (メーター is not メタ, so not in メタン).
    /// 9 (the eighteenth round): compounds met through their parts: a compound written with a synonym of a part of a
    /// glossary compound (ごみ処理 for 廃棄物処理, "refuse treatment" for "waste treatment") names that compound too
    /// (Glossary+Compounds).
    /// 10 (the nineteenth round): a ー that ends a katakana word is left out of the Japanese bigrams (スマートメータ and
    /// スマートメーター read alike; the final ー made the bigram ター of every センター and モーター).
    /// 11 (the twentieth round): the standard part's lines for the check list's misses (ヤシ殻, 水道管, 淡水化プラント,
    /// 焼畑…); the reading is unchanged, the revision marks the release whose scores the lines move.
    /// 12 (the twenty-first round): a katakana word is one Japanese term, not its bigrams (イン of インバーター and
    /// インフラ, ータ of モーター and メーター met nothing the two texts share).
    /// 13 (the twenty-second round): a kanji pair across the edge of a word the glossary knows (物発 of 廃棄物|発電) is a
    /// pair of its own kind, meeting only another such pair, not the same two characters inside an unknown word.
    /// 14 (the twenty-third round): a pair that joins two words the glossary knows names the join (廃棄物|発電), so two
    /// joins that give one pair (微生物|発酵 and 廃棄物|発電 both 物発) no longer meet.
    /// 15 (the twenty-fifth round): a piece of one character that follows a Latin word or a number with no space between
    /// (化 of LED化, 年 of 2030年) is that word's suffix, not a Japanese term (it was listed as evidence: 「一致した語：化」).
    /// 16 (the thirty-first round): a claimed code or concept counts by the specificity of what claims it (ClaimSpread,
    /// `specificClaims`): a technology tagged with every code, or a description naming the whole vocabulary, spreads its
    /// credit.
    /// 17 (the thirty-first round, second step): a company tagged with more than `broadClaims` distinct codes in all
    /// spreads its credit too, so splitting the same claim into specific technologies does not escape the spread.
    static let methodRevision = 17
    public static let standard = MatchWeights()

    // MARK: The four parts of a score; they sum to 1, so a score is in 0…1. A need without tags has no
    // taxonomy part: its weight goes to the text part, so tagged and untagged needs score on one scale.
    public var taxonomy = 0.20
    public var text = 0.55
    public var trackRecord = 0.15
    public var readiness = 0.10

    // MARK: Taxonomy fit of one code the need asks for, against the company's best code.
    public var exactCode = 1.0
    /// The company's code is the parent or a child of the need's code. Less than half an exact code: a parent is a
    /// top-level concept, which generic words name ("water", 工場), and holding it or naming it says little about a
    /// specific need (issue 16's eleventh round: 0.6 before, chosen by cross-validation within the development part).
    public var parentOrChildCode = 0.4
    /// Both codes share a parent.
    public var siblingCode = 0.2
    /// A technology or track record that claims more codes (or concepts: its tags and those its text names) than this
    /// spreads its credit: each counts specificClaims / n (ClaimSpread; issue 16's thirty-first round, self-promotion).
    public var specificClaims = 5.0
    /// A company whose technologies are tagged with more distinct codes than this counts each at most broadClaims / n
    /// (ClaimSpread): more than a quarter of the taxonomy's leaf codes is no longer a specialist's claim.
    public var broadClaims = 15.0

    // MARK: Text: BM25F over the company's fields, glossary senses across languages, taxonomy concepts.
    /// BM25 saturation and length normalisation (Robertson and Zaragoza 2009, the usual values).
    public var k1 = 1.2
    public var b = 0.75
    /// Field weights: a word in a technology's title says more about the company than one in a description.
    public var titleField = 2.0
    public var descriptionField = 1.0
    /// The names and synonyms of the codes the company tagged itself with.
    public var keywordsField = 1.0
    /// Track-record summaries: what it has delivered.
    public var recordsField = 1.0
    /// Reference field lengths (terms) for length normalisation. Fixed rather than the directory's averages,
    /// so that a company's term weights do not change when other companies are added (and a directory of
    /// any size scores the same profile the same way).
    public var titleLength = 12.0
    public var descriptionLength = 60.0
    public var keywordsLength = 40.0
    public var recordsLength = 50.0
    /// How much a taxonomy concept named in the text weighs against a term of the same rarity.
    public var conceptBoost = 2.0
    /// The lexical share (evidence over the need's term weight) at which the text part is one half:
    /// text = share / (share + textHalfShare). A need's text is long and a company's short, so a good
    /// supplier rarely shares more than a third of the need's weight; this spreads 0…0.5 over 0…0.8.
    public var textHalfShare = 0.5
    /// The least term weight a share is measured against, in terms of the highest idf (a term one company
    /// holds), so that a need naming one or two glossary senses does not give full marks to every company
    /// naming them too.
    public var minimumNeedTerms = 2.3
    /// Words used by more than this share of companies are ignored…
    public var commonWordShare = 0.5
    /// …once the directory has this many companies (a handful of companies says nothing about commonness).
    public var commonWordMinimumCompanies = 50

    // MARK: Tags inferred for an untagged need from how the directory's companies tag themselves.
    /// A code is inferred when the need's words lean towards it at least this much (0…1).
    public var inferredCodeMinimum = 0.05
    /// At most this many inferred codes.
    public var inferredCodeLimit = 3
    /// Words held by more than this share of companies say nothing about a code…
    public var inferenceWordMaximumShare = 0.1
    /// …and words held by fewer companies than this pass on one company's tags, not a shared use.
    public var inferenceWordMinimumCompanies = 3

    // MARK: Track record: where the company has delivered, best record counts.
    public var sameCity = 1.0
    public var sameCountry = 0.6
    public var sameRegion = 0.3
    /// A record whose text shares no concept with the need counts this much of its place's value.
    public var unrelatedRecordFactor = 0.5

    // MARK: Readiness, the mean of three parts.
    /// Speaks English (the working language with overseas cities).
    public var englishSpoken = 0.5
    public var experienceInCountry = 1.0
    public var experienceInRegion = 0.6
    public var experienceElsewhere = 0.3
    public var commercial = 1.0
    public var pilot = 0.6
    public var concept = 0.3

    // MARK: Outcomes: decided business matches move the four weights above (OutcomeAdjustment).
    /// How much of the difference between the mean part of won and of declined records a weight moves.
    public var outcomeRate = 0.25
    /// No weight moves further than this from its value above; the four still sum to 1.
    public var outcomeShiftLimit = 0.05
    /// Won and declined records needed, each, before anything moves.
    public var outcomeMinimum = 3

    // MARK: Lists
    /// A company scoring at least this is a credible supplier for a need (coverage list). Derived on the
    /// development part of Tests/matching-eval: the lowest score level at which more than half of the companies
    /// listed were judged able to answer the need (docs/matching.md, "What a score means").
    public var credibleScore = 0.40

    public init() {}

    /// The version of these weights with the shipped glossary and `taxonomy`: `matching-2.<methodRevision>-`
    /// and the first eight hex digits of `fingerprint`.
    func version(taxonomy: [TaxonomyTerm]) -> String {
        let hash = fingerprint(glossary: Glossary.shipped.source, taxonomy: Self.taxonomySource(taxonomy))
        return "matching-2.\(Self.methodRevision)-" + String(String(hash, radix: 16).prefixPadded(to: 16).prefix(8))
    }

    /// FNV-1a 64 of the method revision, every value above, the glossary's lines and the taxonomy's terms.
    func fingerprint(glossary: String, taxonomy: String, methodRevision: Int = MatchWeights.methodRevision) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(methodRevision)|\(self)|\(glossary)|\(taxonomy)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The taxonomy as the version reads it: one line per code in code order, with its parent, names and
    /// synonyms in their order (a synonym is a phrase the matcher looks for, so each one counts).
    static func taxonomySource(_ taxonomy: [TaxonomyTerm]) -> String {
        taxonomy.sorted { $0.code < $1.code }.map { term in
            ([term.code, term.parentCode ?? "", term.nameEn, term.nameJa] + term.synonyms).joined(separator: "\t")
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func prefixPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
