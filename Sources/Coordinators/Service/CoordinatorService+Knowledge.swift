public import DomainKit
public import FoundationEssentials
import Postgres

extension CoordinatorService {
    /// Admins and coordinators read and search the knowledge base.
    public func knowledgeNotes(_ filter: KnowledgeNoteFilter, page: PageRequest, by principal: Principal) async throws -> Page<KnowledgeNote> {
        return try await pool.withConnection { db in
            if let code = filter.taxonomyCode { try await checkTaxonomy([code], field: "taxonomyCode", on: db) }
            return try await notes.list(filter, page: page, on: db)
        }
    }

    public func knowledgeNote(_ id: UUID, by principal: Principal) async throws -> KnowledgeNote {
        guard let note = try await pool.withConnection({ try await notes.find(id, on: $0) }) else {
            throw RecordError.notFound("knowledge note")
        }
        return note
    }

    /// The author is the caller's coordinator profile (admins need one too).
    public func createKnowledgeNote(_ draft: KnowledgeNoteDraft, by principal: Principal) async throws -> KnowledgeNote {
        try draft.validate()
        return try await write(by: principal) { db in
            let author = try await ownProfile(of: principal, field: "authorCoordinatorId", on: db)
            try await checkTaxonomy(draft.codes, field: "taxonomyCodes", on: db)
            return try await notes.insert(draft, author: author.id, on: db)
        }
    }

    /// The author edits its notes; an admin edits any.
    public func updateKnowledgeNote(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout KnowledgeNoteDraft) throws -> Void
    ) async throws -> KnowledgeNote {
        return try await write(by: principal) { db in
            guard let current = try await notes.find(id, on: db, forUpdate: true) else { throw RecordError.notFound("knowledge note") }
            guard try await isEditor(of: current, principal, on: db) else {
                throw RecordError.forbidden("A coordinator edits only its own notes.")
            }
            let draft = try current.edited(expecting: version, as: RecordError.self, edit)
            try draft.validate()
            try await checkTaxonomy(draft.codes, field: "taxonomyCodes", on: db)
            return try await current.saving(draft, as: RecordError.self) { try await notes.update(id, version: version, to: $0, on: db) }
        }
    }

    /// Whether `principal` may edit `note` (`updateKnowledgeNote`'s rule), so that a page offers the
    /// edit only to those the update will admit.
    public func mayEdit(_ note: KnowledgeNote, by principal: Principal) async throws -> Bool {
        try await pool.withConnection { db in try await isEditor(of: note, principal, on: db) }
    }

    /// The author edits its notes; an admin edits any.
    private func isEditor(of note: KnowledgeNote, _ principal: Principal, on db: PostgresConnection) async throws -> Bool {
        if principal.role == .admin { return true }
        return try await coordinators.find(userID: principal.userID, on: db)?.id == note.authorCoordinatorID
    }
}
