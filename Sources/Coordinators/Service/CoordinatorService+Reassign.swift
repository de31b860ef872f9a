public import DomainKit
import FoundationEssentials
import Postgres

extension CoordinatorService {
    /// Hands the listed active leads of one coordinator to another in one transaction (docs/leads.md, "Handing leads
    /// over"): an administrator's step when a coordinator leaves. Each lead is locked (in id order, before the new
    /// owner, as a single reassignment locks the lead and then the owner) and must still be the old owner's, active, at
    /// the version listed: otherwise a 409 naming it and nothing moves. The new owner must be an active profile of a
    /// user not disabled (`owner(named:)`), with room for all of them. Each lead is written as `updateLead` writes a new owner, so each
    /// has its own audit entry. Closed leads (lost, on hold, commercialised) keep their owner as history: only active ones are listed.
    public func reassignLeads(_ request: LeadReassignment, by principal: Principal) async throws -> [Lead] {
        try request.validate()
        guard principal.role == .admin else { throw RecordError.forbidden("Only an administrator hands leads over.") }
        return try await write(by: principal) { db in
            var current: [(lead: Lead, version: Int)] = []
            for listed in request.leads.sorted(by: { $0.id.uuidString < $1.id.uuidString }) {
                let index = request.leads.firstIndex(of: listed) ?? 0
                guard let lead = try await leads.find(listed.id, on: db, forUpdate: true) else {
                    throw RecordError.invalid([FieldError(field: "leads.\(index).id", message: "is not a known lead")])
                }
                guard lead.ownerCoordinatorId == request.fromCoordinatorId, lead.version == listed.version, lead.stage.isActive else {
                    throw RecordError.conflict(
                        "The lead \"\(lead.title)\" changed since the list was read (now version \(lead.version), stage \(lead.stage.rawValue)); "
                            + "no lead was handed over. Read the list again.", field: "leads.\(index)")
                }
                current.append((lead, listed.version))
            }
            let owner = try await owner(named: request.toCoordinatorId, field: "toCoordinatorId", by: principal, on: db)
            try await requireRoom(owner, adding: current.count, field: "toCoordinatorId", on: db)
            var moved: [Lead] = []
            for (lead, version) in current {
                guard try await leads.update(lead.id, version: version, to: lead.draft, owner: owner.id, on: db),
                      let saved = try await leads.find(lead.id, on: db) else {
                    throw RecordError.conflict("The lead \"\(lead.title)\" changed while it was handed over; no lead was.", field: "leads")
                }
                moved.append(saved)
            }
            return request.leads.compactMap { listed in moved.first { $0.id == listed.id } }
        }
    }
}
