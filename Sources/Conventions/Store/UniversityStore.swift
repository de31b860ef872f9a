import DomainKit
import Postgres

/// The SQL of the university registry (migrations 0011, 0024).
struct UniversityStore {
    func universities(on db: PostgresConnection) async throws -> [University] {
        var campuses: [String: [UniversityCampus]] = [:]
        for row in try await db.query("""
            SELECT id, university_id, name_ja, name_en, municipality, in_yokohama, version FROM university_campuses ORDER BY university_id, id
            """) {
            let campus = try Self.campus(row)
            campuses[campus.universityId, default: []].append(campus)
        }
        return try await db.query("SELECT id, name_ja, name_en, in_yokohama, campus, country, version FROM universities ORDER BY in_yokohama DESC, id")
            .map { row in
                let id: String = try row.decode("id")
                return University(id: id, nameJa: try row.decode("name_ja"), nameEn: try row.decode("name_en"),
                                  inYokohama: try row.decode("in_yokohama"), campus: try row.decode("campus"), country: try row.decode("country"),
                                  campuses: campuses[id] ?? [], version: try row.decode("version"))
            }
    }

    func exists(_ id: String, on db: PostgresConnection) async throws -> Bool {
        try await !db.query("SELECT 1 FROM universities WHERE id = \(id)").isEmpty
    }

    func campus(_ id: String, on db: PostgresConnection) async throws -> UniversityCampus? {
        try await db.query("""
            SELECT id, university_id, name_ja, name_en, municipality, in_yokohama, version FROM university_campuses WHERE id = \(id)
            """).first.map(Self.campus)
    }

    /// Creates the university; false when one of that id exists already, which is left as it is (a replace
    /// names its version: `updateUniversity`).
    func insertUniversity(_ id: String, nameJa: String, nameEn: String, country: String, on db: PostgresConnection) async throws -> Bool {
        try await !db.query("""
            INSERT INTO universities (id, name_ja, name_en, in_yokohama, country) VALUES (\(id), \(nameJa), \(nameEn), false, \(country))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """).isEmpty
    }

    /// Renames the university when it is still at `version`; false when it is not (or is gone).
    func updateUniversity(
        _ id: String, version: Int, nameJa: String, nameEn: String, country: String, on db: PostgresConnection
    ) async throws -> Bool {
        try await !db.query("""
            UPDATE universities SET name_ja = \(nameJa), name_en = \(nameEn), country = \(country), version = version + 1
            WHERE id = \(id) AND version = \(version) RETURNING id
            """).isEmpty
    }

    /// Creates a campus of `university` (true), or edits the one of that id when it is still at `version`
    /// (false); nil when nothing was written: the campus exists and no version was named, or it is at another.
    /// The caller checked that an existing campus of that id belongs to the same university.
    /// With `version`, only a campus still at that version is edited (nil answered otherwise, nothing written).
    func upsertCampus(
        _ id: String, of university: String, nameJa: String, nameEn: String, municipality: String, inYokohama: Bool, version: Int? = nil,
        on db: PostgresConnection
    ) async throws -> Bool? {
        let rows = try await db.query("""
            INSERT INTO university_campuses (id, university_id, name_ja, name_en, municipality, in_yokohama)
            VALUES (\(id), \(university), \(nameJa), \(nameEn), \(municipality), \(inYokohama))
            ON CONFLICT (id) DO UPDATE SET name_ja = EXCLUDED.name_ja, name_en = EXCLUDED.name_en,
                municipality = EXCLUDED.municipality, in_yokohama = EXCLUDED.in_yokohama, version = university_campuses.version + 1
            WHERE university_campuses.version = \(version)::integer
            RETURNING (xmax = 0) AS created
            """)
        guard let created: Bool = try rows.first?.decode("created") else { return nil }
        // "Has a campus in Yokohama", kept in step with the campuses in the same transaction.
        try await db.execute("""
            UPDATE universities SET in_yokohama = EXISTS (SELECT 1 FROM university_campuses WHERE university_id = \(university) AND in_yokohama)
            WHERE id = \(university)
            """)
        return created
    }

    static func campus(_ row: PostgresRow) throws -> UniversityCampus {
        UniversityCampus(id: try row.decode("id"), universityId: try row.decode("university_id"), nameJa: try row.decode("name_ja"),
                         nameEn: try row.decode("name_en"), municipality: try row.decode("municipality"), inYokohama: try row.decode("in_yokohama"),
                         version: try row.decode("version"))
    }
}
