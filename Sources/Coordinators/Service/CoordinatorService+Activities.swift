public import DomainKit
public import FoundationEssentials
import Postgres

extension CoordinatorService {
    public func activities(
        of leadID: UUID, page: PageRequest, order: ActivityOrder = .oldest, by principal: Principal
    ) async throws -> Page<LeadActivity> {
        try await pool.withConnection { db in
            _ = try await visibleLead(leadID, by: principal, on: db)
            return try await activities.list(of: leadID, page: page, order: order, on: db)
        }
    }

    public func createActivity(_ draft: LeadActivityDraft, on leadID: UUID, by principal: Principal) async throws -> LeadActivity {
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
        return try await write(by: principal) { db in
            guard let current = try await activities.find(id, on: db, forUpdate: true) else { throw RecordError.notFound("activity") }
            _ = try await writableLead(current.leadID, by: principal, on: db)
            let draft = try current.edited(expecting: version, as: RecordError.self, edit)
            try draft.validate(requiringContent: current.draft.holdsSomething)
            return try await current.saving(draft, as: RecordError.self) { try await activities.update(id, version: version, to: $0, on: db) }
        }
    }

    /// Open next actions due before today (Japan's date). A coordinator sees those of the leads it owns;
    /// an admin sees all, or one coordinator's with `coordinatorID`.
    public func overdueActions(coordinatorID: UUID?, limit: Int, by principal: Principal) async throws -> [OverdueAction] {
        return try await pool.withConnection { db in
            var owner = coordinatorID
            if principal.role != .admin {
                let own = try await ownProfile(of: principal, field: "coordinatorId", on: db)
                if let coordinatorID, coordinatorID != own.id {
                    throw RecordError.forbidden("A coordinator sees only its own overdue actions.")
                }
                owner = own.id
            }
            return try await activities.overdue(today: clock.today(), owner: owner, limit: limit, on: db)
        }
    }
}
