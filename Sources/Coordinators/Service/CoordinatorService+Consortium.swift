import Cities
import Companies
public import DomainKit
public import FoundationEssentials
import Postgres

extension CoordinatorService {
    // MARK: Consortium

    public func consortium(of leadID: UUID, by principal: Principal) async throws -> LeadConsortium {
        try await pool.withConnection { db in
            _ = try await visibleLead(leadID, by: principal, on: db)
            return try await activities.consortium(of: leadID, on: db)
        }
    }

    /// The company must exist and not be archived; a company already on the lead is a 409.
    public func addCompany(_ draft: LeadCompanyDraft, to leadID: UUID, by principal: Principal) async throws -> LeadCompany {
        try requireRole(principal, Self.leadWriters)
        let company = try await existing { try await companies.company(draft.companyId, by: principal) }
        guard let company, !company.isArchived else {
            throw CoordinatorsError.invalid([FieldError(field: "companyId", message: "is not a known, active company")])
        }
        return try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            guard let added = try await activities.addCompany(draft, lead: leadID, on: db) else {
                throw CoordinatorsError.conflict("The company is already on this lead.", field: "companyId")
            }
            return added
        }
    }

    public func removeCompany(_ companyID: UUID, from leadID: UUID, by principal: Principal) async throws {
        try requireRole(principal, Self.leadWriters)
        try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            guard try await activities.removeCompany(companyID, lead: leadID, on: db) else {
                throw CoordinatorsError.notFound("company on this lead")
            }
        }
    }

    /// The partner must be a local partner company of the lead's city.
    public func addLocalPartner(_ draft: LeadLocalPartnerDraft, to leadID: UUID, by principal: Principal) async throws -> LeadLocalPartner {
        try requireRole(principal, Self.leadWriters)
        let partner = try await existing { try await cities.localPartner(draft.localPartnerId, by: principal) }
        return try await write(by: principal) { db in
            let lead = try await writableLead(leadID, by: principal, on: db)
            guard let partner else {
                throw CoordinatorsError.invalid([FieldError(field: "localPartnerId", message: "is not a known local partner company")])
            }
            guard partner.cityID == lead.cityId else {
                throw CoordinatorsError.invalid([FieldError(field: "localPartnerId", message: "is a partner in another city than the lead's")])
            }
            guard let added = try await activities.addLocalPartner(partner.id, lead: leadID, on: db) else {
                throw CoordinatorsError.conflict("The local partner is already on this lead.", field: "localPartnerId")
            }
            return added
        }
    }

    public func removeLocalPartner(_ partnerID: UUID, from leadID: UUID, by principal: Principal) async throws {
        try requireRole(principal, Self.leadWriters)
        try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            guard try await activities.removeLocalPartner(partnerID, lead: leadID, on: db) else {
                throw CoordinatorsError.notFound("local partner on this lead")
            }
        }
    }

    // MARK: Activities

    public func activities(of leadID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<LeadActivity> {
        try await pool.withConnection { db in
            _ = try await visibleLead(leadID, by: principal, on: db)
            return try await activities.list(of: leadID, page: page, on: db)
        }
    }

    public func createActivity(_ draft: LeadActivityDraft, on leadID: UUID, by principal: Principal) async throws -> LeadActivity {
        try requireRole(principal, Self.leadWriters)
        try draft.validate()
        return try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            return try await activities.insert(draft, lead: leadID, by: principal.userID, on: db)
        }
    }

    /// Edits an activity of a lead the caller may write; marking the next action done is
    /// `{"nextActionDone": true}`.
    public func updateActivity(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout LeadActivityDraft) throws -> Void
    ) async throws -> LeadActivity {
        try requireRole(principal, Self.leadWriters)
        return try await write(by: principal) { db in
            guard let current = try await activities.find(id, on: db, forUpdate: true) else { throw CoordinatorsError.notFound("activity") }
            _ = try await writableLead(current.leadID, by: principal, on: db)
            let draft = try edited(current.fields, version: current.version, expected: version, edit)
            try draft.validate()
            return try updated(try await activities.update(id, version: version, to: draft, on: db), current: current.version)
        }
    }

    /// Open next actions due before today (Japan's date). A coordinator sees those of the leads it owns;
    /// an admin sees all, or one coordinator's with `coordinatorID`.
    public func overdueActions(coordinatorID: UUID?, limit: Int, by principal: Principal) async throws -> [OverdueAction] {
        try requireRole(principal, Self.leadWriters)
        return try await pool.withConnection { db in
            var owner = coordinatorID
            if principal.role != .admin {
                let own = try await ownProfile(of: principal, field: "coordinatorId", on: db)
                if let coordinatorID, coordinatorID != own.id {
                    throw CoordinatorsError.forbidden("A coordinator sees only its own overdue actions.")
                }
                owner = own.id
            }
            return try await activities.overdue(today: Self.japanDate(of: now()), owner: owner, limit: limit, on: db)
        }
    }

    /// The calendar date in Japan (UTC+9, no daylight saving) at an instant.
    static func japanDate(of instant: Date) -> CalendarDate {
        let seconds = Int((instant.timeIntervalSince1970 + 9 * 3600).rounded(.down))
        return CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
