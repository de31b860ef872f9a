public import Postgres

/// The shared decarbonization taxonomy (migration 0003), as every module that tags records needs it.
public enum Taxonomy {
    /// The codes of `codes` that the taxonomy does not have, in the order given.
    public static func unknownCodes(_ codes: [String], on db: PostgresConnection) async throws -> [String] {
        guard !codes.isEmpty else { return [] }
        let rows = try await db.query("""
            SELECT code FROM unnest(\(codes)::text[]) WITH ORDINALITY AS given (code, position)
            WHERE NOT EXISTS (SELECT 1 FROM taxonomy t WHERE t.code = given.code)
            ORDER BY position
            """)
        return try rows.map { try $0.decode("code") }
    }
}
