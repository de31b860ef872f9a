import DomainKit
import FoundationEssentials

/// Who may see a technology or a track record. Every authenticated user sees `partners`; `coordinators`
/// only admins, coordinators and the owning company's users; the public showcase only `public`.
public enum Disclosure: String, Sendable, Codable, CaseIterable {
    case `public`
    case partners
    case coordinators
}

/// What the caller may see of the directory's items: everything, or the non-`coordinators` items of
/// other companies plus everything of its own company.
struct Visibility: Sendable {
    let seesEverything: Bool
    let ownCompany: UUID?

    init(_ principal: Principal) {
        seesEverything = principal.role == .admin || principal.role == .coordinator
        ownCompany = principal.role == .company ? principal.companyID : nil
    }
}
