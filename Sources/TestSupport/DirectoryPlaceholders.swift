public import Foundation
public import Postgres

/// Users are bound to a real company or liaison base (the foreign keys of migration 0007). Tests about
/// accounts need such a row to exist, not to be anything in particular: these make a minimal one.
public enum DirectoryPlaceholders {
    /// A company with this id, made if missing.
    @discardableResult
    public static func company(_ id: UUID = UUID(), in pool: PostgresPool) async throws -> UUID {
        try await pool.execute("""
            INSERT INTO companies (id, name_en, size) VALUES (\(id), 'Placeholder company ' || \(id.uuidString), 'sme')
            ON CONFLICT (id) DO NOTHING
            """)
        return id
    }

    /// A liaison base with this id, in a placeholder city (country ZZ, user-assigned in ISO 3166), made if missing.
    @discardableResult
    public static func liaisonBase(_ id: UUID = UUID(), in pool: PostgresPool) async throws -> UUID {
        try await pool.execute("""
            WITH city AS (
                INSERT INTO overseas_cities (name_ja, name_en, country, relationship) VALUES ('仮の都市', 'Placeholder City', 'ZZ', 'other')
                ON CONFLICT (country, name_en) DO UPDATE SET name_ja = excluded.name_ja
                RETURNING id
            )
            INSERT INTO liaison_bases (id, name, operator_name, city_id, country, kind)
            SELECT \(id), 'Placeholder base ' || \(id.uuidString), 'Placeholder operator', city.id, 'ZZ', 'company_liaison_office' FROM city
            ON CONFLICT (id) DO NOTHING
            """)
        return id
    }
}
