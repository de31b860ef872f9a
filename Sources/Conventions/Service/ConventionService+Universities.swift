public import DomainKit
import Postgres

extension ConventionService {
    /// Creates or renames a university in the registry (admin only: the registry decides KPI ④).
    /// Returns the university and whether it was created. Audited by the table's trigger. With `ifVersion`
    /// (the API's If-Match, the console's form) only the university still at that version is renamed: an
    /// older one is `staleVersion` and nothing is written; one that does not exist is a 404 (a rename of nothing); the
    /// names as stored write nothing and keep the version (DomainKit `Versioned.saving`).
    /// Without it the PUT only creates: a university of that id already there is a 428 and is left as it is
    /// (harden12), as every other versioned write answers without If-Match, so no write silently overwrites.
    public func putUniversity(
        _ id: String, _ draft: UniversityDraft, ifVersion: Int? = nil, by principal: Principal
    ) async throws -> (University, created: Bool) {
        guard principal.role == .admin else { throw ConventionsError.notFound("route") }
        guard CampusDraft.isRegistryID(id, max: 40) else { throw ConventionsError.field("id", "must be 2–40 of a–z, 0–9 and _") }
        let fields = try draft.validated()
        return try await write(by: principal) { db in
            guard let version = ifVersion else {
                guard try await universityRegistry.insertUniversity(id, nameJa: fields.nameJa, nameEn: fields.nameEn, country: fields.country, on: db) else {
                    throw Self.versionRequired("University \(id)")
                }
                return (try await university(id, on: db), true)
            }
            let current = try await university(id, on: db)
            let names = try current.edited(expecting: version, as: ConventionsError.self) { $0 = fields }
            return (try await current.saving(names, as: ConventionsError.self) { names in
                guard try await universityRegistry.updateUniversity(
                    id, version: version, nameJa: names.nameJa, nameEn: names.nameEn, country: names.country, on: db) else { return nil }
                return try await university(id, on: db)
            }, false)
        }
    }

    /// Creates or edits a campus of a university (admin only). A campus id already used by another
    /// university is a 409: campuses do not move between universities. With `ifVersion`, only the campus
    /// still at that version is edited (`staleVersion` otherwise, a 404 when there is no such campus);
    /// without it only a new campus is created, and one that exists is a 428 (as `putUniversity`).
    public func putCampus(
        _ campusID: String, of universityID: String, _ draft: CampusDraft, ifVersion: Int? = nil, by principal: Principal
    ) async throws -> (UniversityCampus, created: Bool) {
        guard principal.role == .admin else { throw ConventionsError.notFound("route") }
        guard CampusDraft.isRegistryID(campusID, max: 60) else { throw ConventionsError.field("campusId", "must be 2–60 of a–z, 0–9 and _") }
        let fields = try draft.validated()
        return try await write(by: principal) { db in
            guard try await universityRegistry.exists(universityID, on: db) else { throw ConventionsError.notFound("university") }
            let existing = try await universityRegistry.campus(campusID, on: db)
            if let existing, existing.universityId != universityID {
                throw ConventionsError.conflict("Campus \(campusID) belongs to \(existing.universityId).", field: "campusId")
            }
            if ifVersion != nil, existing == nil { throw ConventionsError.notFound("campus") }
            if let existing, let version = ifVersion {
                let edited = try existing.edited(expecting: version, as: ConventionsError.self) { $0 = fields }
                return (try await existing.saving(edited, as: ConventionsError.self) { fields in
                    guard try await universityRegistry.upsertCampus(
                        campusID, of: universityID, nameJa: fields.nameJa, nameEn: fields.nameEn, municipality: fields.municipality,
                        inYokohama: fields.inYokohama, version: version, on: db) != nil else { return nil }
                    return try await universityRegistry.campus(campusID, on: db)
                }, false)
            }
            // Without a version only a new campus is written; one there already (or created meanwhile) is left as it is.
            guard let created = try await universityRegistry.upsertCampus(
                campusID, of: universityID, nameJa: fields.nameJa, nameEn: fields.nameEn, municipality: fields.municipality,
                inYokohama: fields.inYokohama, on: db) else { throw Self.versionRequired("Campus \(campusID)") }
            guard let campus = try await universityRegistry.campus(campusID, on: db) else { throw ConventionsError.notFound("campus") }
            return (campus, created)
        }
    }

    /// A registry PUT without If-Match that found its record there (RFC 6585 §3): replacing it needs the ETag read.
    static func versionRequired(_ record: String) -> Problem {
        Problem(status: 428, title: "Precondition Required",
                detail: "\(record) exists already; send If-Match with the ETag you read to replace it.")
    }

    func university(_ id: String, on db: PostgresConnection) async throws -> University {
        guard let found = try await universityRegistry.universities(on: db).first(where: { $0.id == id }) else {
            throw ConventionsError.notFound("university")
        }
        return found
    }

    /// The participant's university and campus as the registry knows them: a campus implies its
    /// university, and a campus of another university than the one named is a 422.
    func resolvedAffiliation(_ participant: ParticipantDraft, prefix: String = "participant.", on db: PostgresConnection) async throws -> ParticipantDraft {
        var participant = participant
        if let campusID = participant.campusId {
            guard let campus = try await universityRegistry.campus(campusID, on: db) else {
                throw ConventionsError.field(prefix + "campusId", "is not a known campus (see GET /v1/universities)")
            }
            if let university = participant.universityId, university != campus.universityId {
                throw ConventionsError.field(prefix + "campusId", "is a campus of \(campus.universityId), not of \(university)")
            }
            participant.universityId = campus.universityId
        }
        if let university = participant.universityId, try await !universityRegistry.exists(university, on: db) {
            throw ConventionsError.field(prefix + "universityId", "is not a known university (see GET /v1/universities)")
        }
        return participant
    }
}
