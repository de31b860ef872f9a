import DomainKit
public import FoundationEssentials
import Mail

public enum Sector: String, Sendable, Codable, CaseIterable {
    case industry, academia, government
}

/// What a participant does, in the programme's words (issue 6).
public enum ParticipantRole: String, Sendable, Codable, CaseIterable {
    case overseasCompany = "overseas_company"
    case facilityOwner = "facility_owner"
    case powerDistributor = "power_distributor"
    case localCompany = "local_company"
    case student, researcher, faculty
    case cityOfficial = "city_official"
    case nationalGovernment = "national_government"
    case internationalOrganisation = "international_organisation"
    case other

    /// The sector a role belongs to; `other` fits any.
    var sector: Sector? {
        switch self {
        case .overseasCompany, .facilityOwner, .powerDistributor, .localCompany: .industry
        case .student, .researcher, .faculty: .academia
        case .cityOfficial, .nationalGovernment, .internationalOrganisation: .government
        case .other: nil
        }
    }
}

/// Who a participant is: the part of a registration that describes the person.
public struct ParticipantDraft: Sendable, Codable, Equatable {
    public var nameJa: String?
    public var nameEn: String?
    /// How the name is read, in kana (フリガナ): さとう はなこ or サトウ ハナコ; half-width ｻﾄｳ is stored full-width
    /// (`storedReading`). Optional; the registrations list and the check-in desk find people by it.
    public var nameReading: String?
    public var email: String
    public var organisation: String?
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String?
    public var sector: Sector
    public var role: ParticipantRole
    /// For academia: a university id from `GET /v1/universities`.
    public var universityId: String?
    /// The campus the person studies or works at (KPI ④ counts campuses in Yokohama); implies the university.
    public var campusId: String?
    /// The participant agrees that companies may see their name, organisation and email.
    public var consentToShareContact: Bool?
    /// The participant agrees that the office keeps their contact details after the event's retention
    /// period, to tell them about future programme events; without it they are anonymised then.
    public var consentToStayInTouch: Bool?

    public init(
        nameJa: String? = nil, nameEn: String? = nil, email: String, organisation: String? = nil, country: String? = nil,
        sector: Sector, role: ParticipantRole, universityId: String? = nil, consentToShareContact: Bool? = nil,
        campusId: String? = nil, consentToStayInTouch: Bool? = nil, nameReading: String? = nil
    ) {
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.nameReading = nameReading
        self.email = email
        self.organisation = organisation
        self.country = country
        self.sector = sector
        self.role = role
        self.universityId = universityId
        self.campusId = campusId
        self.consentToShareContact = consentToShareContact
        self.consentToStayInTouch = consentToStayInTouch
    }

    /// Every broken rule at once; `prefix` names the enclosing field (`participant.`) in messages.
    func validate(prefix: String = "participant.") throws(ConventionsError) {
        var validation = Validation()
        validation.atLeastOne(nameJa, nameEn, prefix + "nameJa", prefix + "nameEn")
        validation.optional(nameJa, prefix + "nameJa", max: Limit.name)
        validation.optional(nameEn, prefix + "nameEn", max: Limit.name)
        validation.reading(nameReading, prefix + "nameReading")
        validation.check(Self.isEmail(email), prefix + "email", "must be an email address of at most \(Limit.email) characters")
        validation.optional(organisation, prefix + "organisation", max: Limit.venue)
        if let country { validation.check(Validation.isCountryCode(country), prefix + "country", "must be an ISO 3166-1 alpha-2 code like VN") }
        if let expected = role.sector {
            validation.check(expected == sector, prefix + "role", "\(role.rawValue) belongs to the sector \(expected.rawValue)")
        }
        if let universityId {
            validation.check(sector == .academia, prefix + "universityId", "is only for the academia sector")
            validation.check(universityId.count <= 40, prefix + "universityId", "is not a known university")
        }
        if let campusId {
            validation.check(sector == .academia, prefix + "campusId", "is only for the academia sector")
            validation.check(campusId.count <= 60, prefix + "campusId", "is not a known campus")
        }
        try validation.validate(as: ConventionsError.self)
    }

    /// The reading as stored (`NameReading.stored`).
    var storedReading: String? { nameReading.map(NameReading.stored) }

    /// One `@`, something on both sides, no spaces or control characters: deliberately loose (RFC 5321
    /// allows far more than forms check), but enough to dedupe people by address. An ASCII address must
    /// also be one the mail relay is given (`MailAddress`): `taro@example,jp` or `taro@example` would be
    /// registered and never written to, while the page says a message is on its way. An address with
    /// non-ASCII characters stays accepted without mail (it needs SMTPUTF8; docs/conventions.md).
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count >= 3 && text.count <= Limit.email && parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            return false
        }
        return !text.utf8.allSatisfy({ $0 < 0x80 }) || (try? MailAddress(text)) != nil
    }
}

/// A participant as stored; after erasure the personal fields are nil and `erasedAt` is set.
public struct Participant: Sendable, Equatable, Encodable {
    public let id: UUID
    public let nameJa: String?
    public let nameEn: String?
    /// The name in kana (フリガナ), as stored; nil when not given or after erasure.
    public let nameReading: String?
    public let email: String?
    public let organisation: String?
    public let country: String?
    public let sector: Sector
    public let role: ParticipantRole
    public let universityId: String?
    public let campusId: String?
    public let consentToShareContact: Bool
    public let consentToStayInTouch: Bool
    public let erasedAt: Date?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
}
