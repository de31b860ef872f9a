import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport

/// Small factories with defaults, so each test states only what it is about.
let admin = Principal(userID: UUID(), role: .admin)
let coordinator = Principal(userID: UUID(), role: .coordinator)
let viewer = Principal(userID: UUID(), role: .viewer)
let companyUser = Principal(userID: UUID(), role: .company, companyID: UUID())

func liaisonUser(of base: LiaisonBase) -> Principal {
    Principal(userID: UUID(), role: .liaison, liaisonBaseID: base.id)
}

func cityDraft(
    nameEn: String = "Da Nang", nameJa: String = "ダナン", country: String = "VN", relationship: CityRelationship = .mouPartner
) -> CityDraft {
    CityDraft(nameJa: nameJa, nameEn: nameEn, country: country, region: "Southeast Asia", relationship: relationship)
}

func needDraft(
    city: City, titleEn: String? = "Rooftop solar for public schools", titleJa: String? = nil, descriptionEn: String? = nil,
    codes: [String] = ["solar_pv"]
) -> CityNeedDraft {
    CityNeedDraft(
        cityId: city.id, titleJa: titleJa, titleEn: titleEn, descriptionEn: descriptionEn, taxonomyCodes: codes,
        source: .policyDialogue)
}

func baseDraft(city: City, name: String = "Da Nang liaison office") -> LiaisonBaseDraft {
    LiaisonBaseDraft(name: name, operatorName: "Yokohama engineering company", cityId: city.id, kind: .companyLiaisonOffice)
}

/// A service on a fresh, migrated database of its own.
func freshService() async throws -> CityService {
    CityService(pool: try await TestDatabase.fresh(), clock: .test)
}

/// The problem a thrown error becomes, as App would map it.
func problem(of error: any Error) -> Problem? {
    (error as? any ProblemConvertible)?.problem
}
