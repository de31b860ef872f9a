public import FoundationEssentials

/// Why two participants look like the same person.
public enum DuplicateReason: String, Sendable, Codable, CaseIterable {
    /// The Japanese-script names are equal once widths, spaces and middle dots are normalised.
    case nameJa = "name_ja"
    /// The Latin names are equal once case, accents, punctuation and word order are normalised
    /// ("Nguyen Van An" and "AN, Nguyen Van").
    case nameEn = "name_en"
    /// The addresses' local parts are equal once case, dots and `+tags` are removed (another domain).
    case emailLocalPart = "email_local_part"
    /// The same mail domain (a supporting reason only: colleagues share one).
    case emailDomain = "email_domain"
    /// The organisations are equal once legal forms (株式会社, ㈱, Co., Ltd., JSC…) and spacing are removed.
    case organisation
}

/// Two participants that may be one person, with the reasons; `score` orders the list (more reasons first).
public struct DuplicatePair: Sendable, Encodable, Equatable {
    public let first: Participant
    public let second: Participant
    public let reasons: [DuplicateReason]
    public let score: Int
}

/// The normalised keys a participant is compared by. Pure, so it is tested without a database. The
/// Unicode normalisation itself is PostgreSQL's (`normalize(…, NFKC)` folds widths and ㈱, NFKD plus
/// dropping combining marks folds accents): `ConventionService.duplicates` passes the texts through it.
public struct DuplicateKeys: Sendable, Equatable {
    public let nameJa: String?
    public let nameEn: String?
    public let emailLocal: String?
    public let emailDomain: String?
    public let organisation: String?

    public init(nameJa: String?, nameEn: String?, email: String?, organisation: String?) {
        self.nameJa = nameJa.flatMap(Self.japaneseName)
        self.nameEn = nameEn.flatMap(Self.latinName)
        let parts = email.map { $0.lowercased().split(separator: "@", maxSplits: 1).map(String.init) } ?? []
        if parts.count == 2 {
            // Gmail-style tags and dots are the usual "same mailbox, different spelling"; a local part
            // shorter than three characters (info@, a@) says nothing about a person.
            let local = String(parts[0].prefix { $0 != "+" }.filter { $0 != "." && $0 != "-" && $0 != "_" })
            emailLocal = local.count >= 3 ? local : nil
            emailDomain = parts[1]
        } else {
            emailLocal = nil
            emailDomain = nil
        }
        self.organisation = organisation.flatMap(Self.organisationName)
    }

    /// No spaces (full-width ones included) or middle dots, so "山田　太郎" and "山田 太郎", or (after
    /// NFKC) "ｸﾞｴﾝ･ｱﾝ" and "グエン・アン", meet; katakana stays katakana.
    static func japaneseName(_ text: String) -> String? {
        let folded = text.filter { !$0.isWhitespace && !"・･.,".contains($0) }
        return folded.isEmpty ? nil : folded
    }

    /// Lower case (accents already gone: "Nguyễn" → "nguyen"; "đ", a letter of its own, too), punctuation
    /// dropped, words sorted, so the family name first or last meets.
    static func latinName(_ text: String) -> String? {
        let plain = text.lowercased().replacing("đ", with: "d")
        let words = plain.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !$0.isEmpty }.sorted()
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    static let legalForms = [
        "株式会社", "有限会社", "合同会社", "一般社団法人", "公益財団法人", "一般財団法人", "国立大学法人", "学校法人", "(株)", "(有)", "㈱", "㈲",
        "co ltd", "co.,ltd.", "co., ltd.", "co.,ltd", "co ltd.", "company limited", "ltd.", "ltd", "inc.", "inc", "corporation", "corp.",
        "corp", "jsc", "llc", "pte", "plc", "gmbh", "k.k.", "kk",
    ]

    /// The organisation without its legal form, case, spaces or punctuation.
    static func organisationName(_ text: String) -> String? {
        var folded = text.lowercased()
        for form in legalForms { folded = folded.replacing(form, with: " ") }
        let compact = String(folded.filter { $0.isLetter || $0.isNumber })
        return compact.count >= 2 ? compact : nil
    }

    /// The reasons two people match; a pair is a candidate when a name matches in either script, or the
    /// address's local part does and so does the organisation or the domain.
    public func reasons(matching other: DuplicateKeys) -> [DuplicateReason] {
        var reasons: [DuplicateReason] = []
        func same(_ lhs: String?, _ rhs: String?) -> Bool { lhs != nil && lhs == rhs }
        if same(nameJa, other.nameJa) { reasons.append(.nameJa) }
        if same(nameEn, other.nameEn) { reasons.append(.nameEn) }
        if same(emailLocal, other.emailLocal) { reasons.append(.emailLocalPart) }
        if same(emailDomain, other.emailDomain) { reasons.append(.emailDomain) }
        if same(organisation, other.organisation) { reasons.append(.organisation) }
        let named = reasons.contains(.nameJa) || reasons.contains(.nameEn)
        let addressed = reasons.contains(.emailLocalPart) && (reasons.contains(.organisation) || reasons.contains(.emailDomain))
        return named || addressed ? reasons : []
    }

    /// The keys a candidate must share with another in at least one place (blocking): pairs are looked
    /// for only inside these buckets, so the search is linear in the number of people, not quadratic.
    var blocks: [String] {
        [nameJa.map { "ja:" + $0 }, nameEn.map { "en:" + $0 }, emailLocal.map { "local:" + $0 }].compactMap { $0 }
    }
}

/// `POST /v1/participants/{id}/merge`: `{ "duplicateId": … }` is merged into the participant `{id}`.
public struct MergeRequest: Sendable, Codable, Equatable {
    public let duplicateId: UUID

    public init(duplicateId: UUID) {
        self.duplicateId = duplicateId
    }
}

/// What a merge did. `conflicts` lists the events both records were registered for, which registration
/// stayed and why, and what became of the other.
public struct MergeReport: Sendable, Encodable, Equatable {
    public struct Conflict: Sendable, Encodable, Equatable {
        public let eventId: UUID
        public let keptRegistrationId: UUID
        public let cancelledRegistrationId: UUID
        /// Check-ins of the cancelled registration moved to the kept one (a day both had counts once).
        public let checkInsMoved: Int
        public let explanation: String
    }

    public let participantId: UUID
    public let mergedId: UUID
    public let registrationsMoved: Int
    public let meetingRequestsMoved: Int
    public let conflicts: [Conflict]
}
