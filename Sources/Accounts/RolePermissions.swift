public import DomainKit

/// Which scopes each role may hold. An API key's scopes must be a subset of its owner's role's, and a
/// key whose owner later moves to a smaller role keeps only the intersection (see `authenticate`).
/// This table is the whole policy: change it here and nowhere else. Object-level rules (a company user
/// edits only its own company) are checked by the owning service, not here.
public enum RolePermissions {
    /// Every resource the API knows, so that admin's "everything" is an explicit list.
    public static let resources: [String] = [
        "audit", "cities", "companies", "conventions", "coordinators", "jobs", "knowledge", "kpi", "leads",
        "matches", "needs", "notifications", "partners", "users",
    ]

    public static func scopes(for role: Role) -> Set<Scope> {
        switch role {
        case .admin:
            readWrite(resources)
        case .coordinator:
            readWrite(["companies", "cities", "needs", "leads", "matches", "coordinators", "knowledge"])
                .union(read(["kpi", "conventions"]))
        case .organizer:
            readWrite(["conventions"]).union(read(["companies", "kpi"]))
        case .company:
            // Its own company only; the Companies service enforces the object-level check.
            readWrite(["companies"]).union(read(["needs"]))
        case .liaison:
            readWrite(["needs", "cities", "partners"])
        case .viewer:
            read(["kpi"])
        }
    }

    public static func allows(_ role: Role, _ scope: Scope) -> Bool {
        scopes(for: role).contains(scope)
    }

    private static func read(_ names: [String]) -> Set<Scope> {
        Set(names.map { Scope(resource: $0, action: .read) })
    }

    private static func readWrite(_ names: [String]) -> Set<Scope> {
        read(names).union(names.map { Scope(resource: $0, action: .write) })
    }
}
