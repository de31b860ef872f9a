import DomainKit
public import FoundationEssentials

/// `POST /v1/leads/reassign`: hand a coordinator's active leads to another in one step (a coordinator who leaves the
/// programme). `leads` is exactly the set the caller saw, each at the version it saw: if any has moved or changed
/// since, nothing moves.
public struct LeadReassignment: Sendable, Codable, Equatable {
    public var fromCoordinatorId: UUID
    public var toCoordinatorId: UUID
    public var leads: [LeadVersion]

    /// The most leads one step moves; a coordinator with more hands them over in several steps.
    public static let most = 200

    public init(fromCoordinatorId: UUID, toCoordinatorId: UUID, leads: [LeadVersion]) {
        self.fromCoordinatorId = fromCoordinatorId
        self.toCoordinatorId = toCoordinatorId
        self.leads = leads
    }

    func validate() throws(RecordError) {
        var validation = Validation()
        validation.check(toCoordinatorId != fromCoordinatorId, "toCoordinatorId", "must be another coordinator than fromCoordinatorId")
        validation.check(!leads.isEmpty, "leads", "must name at least one lead")
        validation.check(leads.count <= Self.most, "leads", "must have at most \(Self.most) items; hand the rest over in another step")
        validation.check(Set(leads.map(\.id)).count == leads.count, "leads", "must name each lead once")
        try validation.validate(as: RecordError.self)
    }
}

/// A lead and the version the caller saw.
public struct LeadVersion: Sendable, Codable, Equatable {
    public var id: UUID
    public var version: Int

    public init(id: UUID, version: Int) {
        self.id = id
        self.version = version
    }
}
