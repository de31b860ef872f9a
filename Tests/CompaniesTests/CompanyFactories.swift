import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport

/// Small factories with defaults, so each test states only what it is about.
let admin = Principal(userID: UUID(), role: .admin)
let coordinator = Principal(userID: UUID(), role: .coordinator)
let viewer = Principal(userID: UUID(), role: .viewer)

func user(of company: Company) -> Principal {
    Principal(userID: UUID(), role: .company, companyID: company.id)
}

/// Valid 法人番号 whose check digits were computed by hand (and by `CorporateNumber.checkDigit`).
let validCorporateNumbers = ["3020001012345", "5020001023456", "1180301018771"]

func companyDraft(
    nameEn: String? = "Yokohama Green Energy Co., Ltd.", nameJa: String? = "横浜グリーンエナジー株式会社",
    corporateNumber: String? = nil, inYokohama: Bool = true, showcase: Bool = false, yusaSince: CalendarDate? = nil
) -> CompanyDraft {
    CompanyDraft(
        nameJa: nameJa, nameEn: nameEn, corporateNumber: corporateNumber, address: "横浜市中区本町6-50-10",
        municipality: inYokohama ? "Yokohama" : "Kawasaki", inYokohama: inYokohama, size: .sme, yusaMemberSince: yusaSince,
        languages: ["ja", "en"], countriesWithExperience: ["VN"], showcaseOptIn: showcase)
}

func technologyDraft(
    titleEn: String? = "Rooftop solar O&M", titleJa: String? = nil, codes: [String] = ["solar_pv"], disclosure: Disclosure = .public
) -> CompanyTechnologyDraft {
    CompanyTechnologyDraft(titleJa: titleJa, titleEn: titleEn, taxonomyCodes: codes, maturity: .commercial, disclosure: disclosure)
}

func recordDraft(country: String = "VN", city: String = "Da Nang", disclosure: Disclosure = .public) -> CompanyTrackRecordDraft {
    CompanyTrackRecordDraft(country: country, city: city, year: 2023, client: "Da Nang city", summary: "Pilot", disclosure: disclosure)
}

/// A service on a fresh, migrated database of its own.
func freshService() async throws -> CompanyService {
    CompanyService(pool: try await TestDatabase.fresh(), clock: .test)
}
