public import DomainKit
public import FoundationEssentials
import Postgres

extension CityService {
    /// One local partner company, for modules that reference it (a lead's consortium). Managers see
    /// every city's partners, a liaison user its own base's city's; anything else is a 404.
    public func localPartner(_ id: UUID, by principal: Principal) async throws -> LocalPartner {
        // An object rule, not a route's: other modules call this with their caller's principal.
        guard [Role.admin, .coordinator, .liaison].contains(principal.role) else {
            throw CitiesError.forbidden("The \(principal.role.rawValue) role may not do this.")
        }
        return try await pool.withConnection { db in
            let onlyCity = try await liaisonCity(of: principal, on: db)
            guard let partner = try await partners.find(id, on: db), onlyCity == nil || partner.cityID == onlyCity else {
                throw CitiesError.notFound("local partner company")
            }
            return partner
        }
    }
}
