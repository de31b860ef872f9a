public import DomainKit
public import FoundationEssentials
import Postgres

extension CityService {
    /// Every role reads needs; a liaison user only those of its base's city.
    public func needs(_ filter: CityNeedFilter, page: PageRequest, by principal: Principal) async throws -> Page<CityNeed> {
        try await pool.withConnection { db in
            if let code = filter.taxonomyCode {
                let unknown = try await Taxonomy.unknownCodes([code], on: db)
                if !unknown.isEmpty { throw CitiesError.unknownTaxonomyCodes(unknown) }
            }
            let onlyCity = try await liaisonCity(of: principal, on: db)
            let searchCodes = try await Taxonomy.searchCodes(form: filter.text.map(Taxonomy.searchForm), on: db)
            return try await needs.list(filter, searchCodes: searchCodes, onlyCity: onlyCity, page: page, on: db)
        }
    }

    public func need(_ id: UUID, by principal: Principal) async throws -> CityNeed {
        try await pool.withConnection { db in try await visibleNeed(id, by: principal, on: db) }
    }

    /// A liaison user reports needs for its own base's city only; the need is recorded as coming from
    /// its base.
    public func createNeed(_ draft: CityNeedDraft, by principal: Principal) async throws -> CityNeed {
        var draft = draft
        if principal.role == .liaison {
            draft.source = .liaisonBase
            draft.sourceLiaisonBaseId = principal.liaisonBaseID
        }
        try draft.validate()
        let need = draft
        return try await write(by: principal) { db in
            try await checkReferences(of: need, by: principal, on: db)
            return try await needs.insert(need, reportedBy: principal.userID, on: db)
        }
    }

    public func updateNeed(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CityNeedDraft) throws -> Void
    ) async throws -> CityNeed {
        return try await write(by: principal) { db in
            let current = try await visibleNeed(id, by: principal, on: db, forUpdate: true)
            let draft = try current.edited(expecting: version, as: CitiesError.self, edit)
            try Self.checkSourceChange(from: current, to: draft, by: principal)
            try draft.validate()
            // A need stored before the base rule (harden12) keeps its base until an edit changes the base or the
            // city: the console's need form has neither field, so checking every edit would leave such a need
            // uneditable there.
            let baseOrCityChanged = draft.sourceLiaisonBaseId != current.sourceLiaisonBaseId || draft.cityId != current.cityId
            try await checkReferences(of: draft, by: principal, on: db, checkingBase: baseOrCityChanged)
            return try await current.saving(draft, as: CitiesError.self) { try await needs.update(id, version: version, to: $0, on: db) }
        }
    }

    /// Who reported a need decides whose KPI it counts for, so only the programme's staff (admin,
    /// coordinator) may re-credit it; a liaison user keeps the source its base was given at creation.
    static func checkSourceChange(from current: CityNeed, to draft: CityNeedDraft, by principal: Principal) throws(CitiesError) {
        guard principal.role != .admin, principal.role != .coordinator else { return }
        var validation = Validation()
        validation.check(draft.source == current.source, "source", "only an administrator or coordinator may change a need's source")
        validation.check(
            draft.sourceLiaisonBaseId == current.sourceLiaisonBaseId, "sourceLiaisonBaseId",
            "only an administrator or coordinator may change a need's source liaison base")
        try validation.validate(as: CitiesError.self)
    }

    /// The need, when the caller may see it; otherwise the same 404 as a need that does not exist.
    func visibleNeed(_ id: UUID, by principal: Principal, on db: PostgresConnection, forUpdate: Bool = false) async throws -> CityNeed {
        let onlyCity = try await liaisonCity(of: principal, on: db)
        guard let need = try await needs.find(id, on: db, forUpdate: forUpdate), onlyCity == nil || need.cityId == onlyCity else {
            throw CitiesError.notFound("city need")
        }
        return need
    }

    /// Taxonomy codes, the city (a liaison user's own) and the source base, all reported together. The source
    /// base is a known base of the need's city (harden12, as a lead's since harden11): a base collects its own
    /// city's needs, and a lead made from the need takes its city and base. A rule of this service, not a
    /// constraint, so rows stored before it are read and migrated as they are.
    func checkReferences(
        of draft: CityNeedDraft, by principal: Principal, on db: PostgresConnection, checkingBase: Bool = true
    ) async throws {
        let unknown = try await Taxonomy.unknownCodes(draft.codes, on: db)
        if !unknown.isEmpty { throw CitiesError.unknownTaxonomyCodes(unknown) }
        var validation = Validation()
        if let onlyCity = try await liaisonCity(of: principal, on: db) {
            validation.check(draft.cityId == onlyCity, "cityId", "must be the city of your liaison base")
        } else {
            validation.check(try await cities.find(draft.cityId, on: db) != nil, "cityId", "is not a known city")
        }
        // A liaison user's need carries its own base (set on create, kept on edits), whose city the rule above checks.
        if checkingBase, principal.role != .liaison, let base = draft.sourceLiaisonBaseId {
            if let found = try await bases.find(base, on: db) {
                validation.check(found.cityId == draft.cityId, "sourceLiaisonBaseId", CityNeedDraft.baseOfAnotherCity)
            } else {
                validation.add("sourceLiaisonBaseId", "is not a known liaison base")
            }
        }
        try validation.validate(as: CitiesError.self)
    }
}
