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

    /// `searchFold` with hyphens as spaces: "Waste-to-energy" and "waste to energy" are one term. The same
    /// as the SQL function `search_form` (migrations 0007, 0108) that companies' search text goes through:
    /// hyphens after NFKC (a full-width － is one) and before the white space is folded ("a - b" is "a b").
    /// NFKC once: a hyphen-minus and a space are both starters that compose with nothing, so the text stays in NFKC.
    public static func searchForm(_ text: String) -> String {
        searchFold(normalized: nfkc(text).replacing("-", with: " "))
    }

    /// The bilingual bridge of text search: the codes a free-text query stands for, so that a record
    /// tagged with them matches even when its own text is in the other language (廃棄物発電 finds a
    /// record tagged `waste_to_energy` that is written only in English, and "waste-to-energy" one
    /// written only in Japanese). A code counts when one of its names or synonyms contains the query
    /// (a parent brings its children), or when the query contains a specific term of a child code:
    /// Japanese, or at least 4 letters ("EV" is inside "development"; 廃棄物 inside 廃棄物発電 is a parent).
    /// No query, no codes. The terms were folded once, when the taxonomy was written (`search_terms`, migration 0110);
    /// the query is given folded (`form`, its `searchForm`), by a caller that may match its own text with it too.
    public static func searchCodes(form text: String?, on db: PostgresConnection) async throws -> [String] {
        guard let text else { return [] }
        let rows = try await db.query("""
            WITH terms AS (
                SELECT t.code, t.parent_code, term, octet_length(term) > char_length(term) AS japanese
                FROM taxonomy t, unnest(t.search_terms) AS term
            )
            SELECT taxonomy_expand(coalesce(array_agg(DISTINCT code) FILTER (WHERE strpos(term, \(text)) > 0), '{}'))
                || coalesce(array_agg(DISTINCT code) FILTER (WHERE strpos(\(text), term) > 0 AND parent_code IS NOT NULL
                                                            AND (japanese OR char_length(term) >= 4)), '{}') AS codes
            FROM terms
            """)
        return try rows.first?.decode("codes") ?? []
    }
}
