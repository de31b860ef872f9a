public import DomainKit

/// A university in the registry (migrations 0011, 0024) with its campuses. `inYokohama`: it has a
/// campus in the city; KPI ④ asks the campus a student attends, not the university.
public struct University: Sendable, Equatable, Codable {
    public let id: String
    public let nameJa: String
    public let nameEn: String
    public let inYokohama: Bool
    /// The free-text campus summary of the first registry; `campuses` is the record.
    public let campus: String?
    public let country: String
    public let campuses: [UniversityCampus]
    /// The row version (migration 0104): a write from an older read is refused, never lost.
    public let version: Int
}

public struct UniversityCampus: Sendable, Equatable, Codable {
    public let id: String
    public let universityId: String
    public let nameJa: String
    public let nameEn: String
    public let municipality: String
    public let inYokohama: Bool
    public let version: Int
}

/// What a PUT writes of a university and of a campus, validated: a PUT of them as stored writes nothing and
/// keeps the version (DomainKit `Versioned.saving`, as every PATCH).
extension University: Versioned {
    public struct Names: Sendable, Equatable, Encodable {
        public let nameJa: String
        public let nameEn: String
        public let country: String
    }

    public var draft: Names { Names(nameJa: nameJa, nameEn: nameEn, country: country) }
}

extension UniversityCampus: Versioned {
    public struct Fields: Sendable, Equatable, Encodable {
        public let nameJa: String
        public let nameEn: String
        public let municipality: String
        public let inYokohama: Bool
    }

    public var draft: Fields { Fields(nameJa: nameJa, nameEn: nameEn, municipality: municipality, inYokohama: inYokohama) }
}

/// `PUT /v1/universities/{id}`: creates or renames a university (admin).
public struct UniversityDraft: Sendable, Codable {
    public var nameJa: String?
    public var nameEn: String?
    public var country: String?

    public init(nameJa: String? = nil, nameEn: String? = nil, country: String? = nil) {
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.country = country
    }

    func validated() throws(ConventionsError) -> University.Names {
        var validation = Validation()
        validation.check(nameJa.map { !Validation.isBlank($0) && $0.count <= 200 } == true, "nameJa", "is required, at most 200 characters")
        validation.noInvisibleControls(nameJa, "nameJa")
        validation.check(nameEn.map { !Validation.isBlank($0) && $0.count <= 200 } == true, "nameEn", "is required, at most 200 characters")
        validation.noInvisibleControls(nameEn, "nameEn")
        let country = country ?? "JP"
        validation.check(Validation.isCountryCode(country), "country", "must be an ISO 3166-1 alpha-2 code like JP")
        try validation.validate(as: ConventionsError.self)
        return University.Names(nameJa: nameJa ?? "", nameEn: nameEn ?? "", country: country)
    }
}

/// `PUT /v1/universities/{id}/campuses/{campusId}`: creates or edits a campus (admin).
public struct CampusDraft: Sendable, Codable {
    public var nameJa: String?
    public var nameEn: String?
    public var municipality: String?
    public var inYokohama: Bool?

    public init(nameJa: String? = nil, nameEn: String? = nil, municipality: String? = nil, inYokohama: Bool? = nil) {
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.municipality = municipality
        self.inYokohama = inYokohama
    }

    func validated() throws(ConventionsError) -> UniversityCampus.Fields {
        var validation = Validation()
        validation.check(nameJa.map { !Validation.isBlank($0) && $0.count <= 200 } == true, "nameJa", "is required, at most 200 characters")
        validation.noInvisibleControls(nameJa, "nameJa")
        validation.check(nameEn.map { !Validation.isBlank($0) && $0.count <= 200 } == true, "nameEn", "is required, at most 200 characters")
        validation.noInvisibleControls(nameEn, "nameEn")
        validation.check(municipality.map { !Validation.isBlank($0) && $0.count <= 200 } == true, "municipality",
                         "is required (e.g. 横浜市港北区 or Minato-ku, Tokyo), at most 200 characters")
        validation.noInvisibleControls(municipality, "municipality")
        validation.check(inYokohama != nil, "inYokohama", "is required: whether the campus is in Yokohama City")
        try validation.validate(as: ConventionsError.self)
        return UniversityCampus.Fields(nameJa: nameJa ?? "", nameEn: nameEn ?? "", municipality: municipality ?? "", inYokohama: inYokohama ?? false)
    }

    /// Registry ids: lowercase letters, digits and underscores, as the seed uses.
    static func isRegistryID(_ id: String, max: Int) -> Bool {
        (2...max).contains(id.count) && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension UniversityDraft: TrimmedText {}
extension CampusDraft: TrimmedText {}
