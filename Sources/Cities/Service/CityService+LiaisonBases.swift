public import DomainKit
public import FoundationEssentials
import Postgres

extension CityService {
    // MARK: Overseas liaison bases

    /// Managers see every base; a liaison user sees only its own.
    public func liaisonBases(_ filter: LiaisonBaseFilter, page: PageRequest, by principal: Principal) async throws -> Page<LiaisonBase> {
        let onlyBase = principal.role == .liaison ? principal.liaisonBaseID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) : nil
        return try await pool.withConnection { try await bases.list(filter, onlyBase: onlyBase, page: page, on: $0) }
    }

    public func liaisonBase(_ id: UUID, by principal: Principal) async throws -> LiaisonBase {
        guard principal.role != .liaison || principal.liaisonBaseID == id,
              let base = try await pool.withConnection({ try await bases.find(id, on: $0) }) else {
            throw CitiesError.notFound("liaison base")
        }
        return base
    }

    public func createLiaisonBase(_ draft: LiaisonBaseDraft, by principal: Principal) async throws -> LiaisonBase {
        try draft.validate()
        return try await write(by: principal) { db in try await bases.insert(draft, on: db) }
    }

    public func updateLiaisonBase(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout LiaisonBaseDraft) throws -> Void
    ) async throws -> LiaisonBase {
        return try await write(by: principal) { db in
            guard let current = try await bases.find(id, on: db, forUpdate: true) else { throw CitiesError.notFound("liaison base") }
            let draft = try current.edited(expecting: version, as: CitiesError.self, edit)
            try draft.validate()
            // A base keeps its city (harden12), as a lead and a need do: the needs it reported and the leads it
            // brought belong to that city, which the need and lead rules check against the base's city, and its
            // liaison users read that city's records. Moved, every one of them would name a base of another city
            // (and this module cannot see the leads, Coordinators' table, to refuse only a base that has some).
            // A base that really moves is a new base; the old one keeps its history and is given an end date.
            if draft.cityId != current.cityId {
                throw CitiesError.invalid([FieldError(field: "cityId", message: LiaisonBaseDraft.cityFixed)])
            }
            guard try await cities.find(draft.cityId, on: db) != nil else {
                throw CitiesError.invalid([FieldError(field: "cityId", message: "is not a known city")])
            }
            return try await current.saving(draft, as: CitiesError.self) { try await bases.update(id, version: version, to: $0, on: db) }
        }
    }

    // MARK: Local partner companies

    /// Managers, and liaison users for their own base's city.
    public func localPartners(of cityID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<LocalPartner> {
        return try await pool.withConnection { db in
            try await requireCityInReach(cityID, by: principal, on: db)
            return try await partners.list(cityID: cityID, page: page, on: db)
        }
    }

    public func createLocalPartner(_ draft: LocalPartnerDraft, cityID: UUID, by principal: Principal) async throws -> LocalPartner {
        try draft.validate()
        return try await write(by: principal) { db in
            try await requireCityInReach(cityID, by: principal, on: db)
            let base = principal.role == .liaison ? principal.liaisonBaseID : nil
            return try await partners.insert(draft, cityID: cityID, reportedByBase: base, on: db)
        }
    }

    public func updateLocalPartner(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout LocalPartnerDraft) throws -> Void
    ) async throws -> LocalPartner {
        return try await write(by: principal) { db in
            let onlyCity = try await liaisonCity(of: principal, on: db)
            guard let current = try await partners.find(id, on: db, forUpdate: true), onlyCity == nil || current.cityID == onlyCity else {
                throw CitiesError.notFound("local partner company")
            }
            let draft = try current.edited(expecting: version, as: CitiesError.self, edit)
            try draft.validate()
            return try await current.saving(draft, as: CitiesError.self) { try await partners.update(id, version: version, to: $0, on: db) }
        }
    }

    /// A city that does not exist, or that a liaison user may not work in, is a 404 for the nested routes.
    func requireCityInReach(_ cityID: UUID, by principal: Principal, on db: PostgresConnection) async throws {
        let onlyCity = try await liaisonCity(of: principal, on: db)
        guard onlyCity == nil || onlyCity == cityID, try await cities.find(cityID, on: db) != nil else {
            throw CitiesError.notFound("city")
        }
    }
}
