public import FoundationEssentials

/// A company as the public showcase shows it: no address, corporate number or other contact and
/// bookkeeping fields, and only its public technologies and track records.
public struct ShowcaseCompany: Sendable, Equatable, Encodable {
    public struct Technology: Sendable, Equatable, Encodable {
        public let titleJa: String?
        public let titleEn: String?
        public let descriptionJa: String?
        public let descriptionEn: String?
        public let taxonomyCodes: [String]
        public let maturity: TechnologyMaturity
    }

    public struct TrackRecord: Sendable, Equatable, Encodable {
        public let country: String
        public let city: String?
        public let year: Int?
        public let summary: String?
    }

    public let id: UUID
    public let nameJa: String?
    public let nameEn: String?
    public let municipality: String?
    public let inYokohama: Bool
    public let size: CompanySize
    public let yusaMember: Bool
    public let website: String?
    public let languages: [String]
    public let countriesWithExperience: [String]
    public let technologies: [Technology]
    public let trackRecords: [TrackRecord]

    init(_ company: Company, technologies: [CompanyTechnology], records: [CompanyTrackRecord]) {
        id = company.id
        nameJa = company.nameJa
        nameEn = company.nameEn
        municipality = company.municipality
        inYokohama = company.inYokohama
        size = company.size
        yusaMember = company.yusaMemberSince != nil
        website = company.website
        languages = company.languages
        countriesWithExperience = company.countriesWithExperience
        self.technologies = technologies.filter { $0.disclosure == .public }.map {
            Technology(titleJa: $0.titleJa, titleEn: $0.titleEn, descriptionJa: $0.descriptionJa, descriptionEn: $0.descriptionEn,
                       taxonomyCodes: $0.taxonomyCodes, maturity: $0.maturity)
        }
        trackRecords = records.filter { $0.disclosure == .public }.map {
            TrackRecord(country: $0.country, city: $0.city, year: $0.year, summary: $0.summary)
        }
    }
}
