import DomainKit

extension RegistrationFilter {
    /// The query parameters of an event's registrations, read by one parser for the list and for its CSV exports,
    /// so an export holds what the list shows under the same filters and refuses the same bad values (polish26).
    static let queryNames: Set<String> = ["q", "status", "inForce", "sector", "role", "order"]

    /// The filter a request asks for; a value outside its set is the 400 naming the parameter.
    static func parse(_ context: RequestContext) throws(Problem) -> RegistrationFilter {
        RegistrationFilter(
            text: try context.queryText("q"), status: try context.queryEnum("status", RegistrationStatus.self),
            sector: try context.queryEnum("sector", Sector.self), role: try context.queryEnum("role", ParticipantRole.self),
            inForce: try context.queryBool("inForce") ?? false, order: try context.queryEnum("order", NameOrder.self) ?? .entered)
    }
}
