import DomainKit
import FoundationEssentials
import Postgres

/// The SQL that feeds the matcher. It reads the directory's tables (companies, technologies, track
/// records, needs, cities, taxonomy) directly, read-only: the matcher needs them whole, in bulk, and
/// going through the Companies and Cities services would apply per-caller visibility that the index
/// must not have (it decides visibility itself when it explains).
struct MatchSourceStore {
    /// Companies are loaded into the index this many at a time, so a build never holds one huge result.
    static let chunkSize = 500
    /// More pending changes than this and rebuilding the index is cheaper than applying them one by one.
    static let maximumChangesApplied = 5_000

    func taxonomy(on db: PostgresConnection) async throws -> [TaxonomyTerm] {
        let rows = try await db.query("SELECT code, parent_code, name_en, name_ja, synonyms FROM taxonomy ORDER BY code")
        return try rows.map { row in
            TaxonomyTerm(code: try row.decode("code"), parentCode: try row.decode("parent_code"), nameEn: try row.decode("name_en"),
                         nameJa: try row.decode("name_ja"), synonyms: try row.decode("synonyms"))
        }
    }

    /// The oldest transaction still running: every change written by an older one is visible now.
    func snapshotHorizon(on db: PostgresConnection) async throws -> UInt64 {
        let rows = try await db.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin")
        return UInt64(try rows[0].decode("xmin", as: String.self)) ?? 0
    }

    /// How many non-archived companies there are: what a build expects to read (MatchIndexState.expect(companies:)).
    func companyCount(on db: PostgresConnection) async throws -> Int {
        try await db.query("SELECT count(*)::int AS n FROM published_companies WHERE NOT archived")[0].decode("n")
    }

    /// The ids of non-archived companies after `after`, in id order.
    func companyIDs(after: UUID?, limit: Int, on db: PostgresConnection) async throws -> [UUID] {
        let rows = try await db.query("""
            SELECT id FROM published_companies WHERE NOT archived AND (\(after)::uuid IS NULL OR id > \(after)) ORDER BY id LIMIT \(limit)
            """)
        return try rows.map { try $0.decode("id") }
    }

    struct Change {
        var seq: Int64
        var company: UUID
        var xid: UInt64
    }

    /// The changes written by transactions that were running or not yet started at `horizon`, the new
    /// horizon, and whether changes at or after `horizon` may have been pruned (then the caller must
    /// rebuild), read in one snapshot.
    func changes(since horizon: UInt64, on db: PostgresConnection) async throws -> (horizon: UInt64, changes: [Change], pruned: Bool) {
        let rows = try await db.query("""
            SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon, ch.seq, ch.company_id, ch.xid::text AS xid,
                   coalesce((SELECT pruned_through >= \(String(horizon))::xid8 FROM matching_change_feed_floor), false) AS pruned
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (
                SELECT seq, company_id, xid FROM matching_company_changes
                WHERE xid >= \(String(horizon))::xid8 ORDER BY seq LIMIT \(Self.maximumChangesApplied + 1)
            ) ch ON true
            """)
        let newHorizon = UInt64(try rows[0].decode("horizon", as: String.self)) ?? horizon
        var changes: [Change] = []
        for row in rows where !row.isNull("seq") {
            changes.append(Change(seq: try row.decode("seq"), company: try row.decode("company_id"),
                                  xid: UInt64(try row.decode("xid", as: String.self)) ?? 0))
        }
        return (newHorizon, changes, try rows[0].decode("pruned"))
    }

    /// The profiles of `ids` in one statement (one snapshot), each with its change count as version;
    /// nil for a company that is gone or archived.
    func profiles(_ ids: [UUID], on db: PostgresConnection) async throws -> [(id: UUID, version: Int64, profile: CompanyProfile?)] {
        try await profileRows(ids, on: db).map { try Self.profile(of: $0) }
    }

    /// The rows `profiles` reads, undecoded: a build decodes them on its worker threads (FeatureDeriver.derive),
    /// not on the build's task.
    func profileRows(_ ids: [UUID], on db: PostgresConnection) async throws -> [PostgresRow] {
        guard !ids.isEmpty else { return [] }
        return Array(try await db.query("""
            SELECT ids.id, c.id IS NOT NULL AND NOT c.archived AS present, c.name_ja, c.name_en,
                coalesce(c.in_yokohama, false) AS in_yokohama, c.yusa_member_since IS NOT NULL AS yusa_member,
                coalesce(c.languages, '{}') AS languages, coalesce(c.countries_with_experience, '{}') AS countries,
                (SELECT count(*) FROM matching_company_changes ch WHERE ch.company_id = ids.id)
                    + coalesce((SELECT pruned FROM matching_company_pruned_changes p WHERE p.company_id = ids.id), 0) AS version,
                coalesce(tech.fields, '{}') AS technologies, coalesce(rec.fields, '{}') AS records
            FROM unnest(\(ids)::uuid[]) WITH ORDINALITY AS ids (id, position)
            LEFT JOIN published_companies c ON c.id = ids.id
            -- A company's technologies as one array of text, their fields one after the other (TechnologyField), in
            -- their order: arrays of text decode several times faster than JSON objects, and a build reads 300,000
            -- technologies; one aggregate sorts once where one per column sorted once each (docs/matching.md, Freshness
            -- and speed). An absent text is a NULL element (PostgresTextArray); codes are the text of their array.
            LEFT JOIN LATERAL (
                SELECT array_agg(f.value ORDER BY t.created_at, t.id, f.field) AS fields
                FROM published_company_technologies t
                CROSS JOIN LATERAL unnest(ARRAY[
                    t.id::text, t.title_ja::text, t.title_en::text, t.description_ja::text, t.description_en::text,
                    t.taxonomy_codes::text, t.maturity::text, t.disclosure::text]) WITH ORDINALITY AS f (value, field)
                WHERE t.company_id = ids.id
            ) tech ON true
            -- Its track records likewise (RecordField), the company's own first, then those made on the platform (won
            -- and commercialised matches), each in the order written.
            LEFT JOIN LATERAL (
                SELECT array_agg(f.value ORDER BY r.from_platform, r.sort_key, f.field) AS fields
                FROM (SELECT country, city, NULL::uuid AS city_id, year, summary, '{}'::text[] AS taxonomy_codes, disclosure,
                             false AS from_platform, created_at::text || id::text AS sort_key
                      FROM published_company_track_records WHERE company_id = ids.id
                      UNION ALL
                      -- Won and commercialised matches are records made on the platform.
                      SELECT oc.country, oc.name_en, oc.id, extract(year FROM m.updated_at)::integer,
                             coalesce(n.title_en, n.title_ja), coalesce(n.taxonomy_codes, '{}'), 'coordinators', true,
                             m.created_at::text || m.id::text
                      FROM matches m
                      LEFT JOIN published_needs n ON n.id = m.need_id
                      JOIN published_cities oc ON oc.id = coalesce(n.city_id, m.city_id)
                      WHERE m.company_id = ids.id AND m.status IN ('won', 'commercialized')) r
                CROSS JOIN LATERAL unnest(ARRAY[
                    r.country::text, r.city::text, r.city_id::text, r.year::text, r.summary::text, r.taxonomy_codes::text,
                    r.disclosure::text, r.from_platform::text]) WITH ORDINALITY AS f (value, field)
            ) rec ON true
            ORDER BY ids.position
            """))
    }

    /// One row of `profileRows` as a profile; nil when the company is gone or archived.
    static func profile(of row: PostgresRow) throws -> (id: UUID, version: Int64, profile: CompanyProfile?) {
        let id: UUID = try row.decode("id")
        let version: Int64 = try row.decode("version")
        guard try row.decode("present", as: Bool.self) else { return (id, version, nil) }
        let profile = CompanyProfile(
            id: id, nameJa: try row.decode("name_ja"), nameEn: try row.decode("name_en"), inYokohama: try row.decode("in_yokohama"),
            yusaMember: try row.decode("yusa_member"), languages: try row.decode("languages"),
            countriesWithExperience: try row.decode("countries"),
            technologies: try technologies(of: row),
            trackRecords: try trackRecords(of: row))
        return (id, version, profile)
    }

    /// The fields of a technology in `profileRows`'s array of them, in order.
    enum TechnologyField: Int, CaseIterable {
        case id, titleJa, titleEn, descriptionJa, descriptionEn, codes, maturity, disclosure
    }

    /// The fields of a track record in `profileRows`'s array of them, in order.
    enum RecordField: Int, CaseIterable {
        case country, city, cityId, year, summary, codes, disclosure, fromPlatform
    }

    /// A row's technologies from the array `profileRows` reads them into.
    static func technologies(of row: PostgresRow) throws -> [TechnologyProfile] {
        try fields(of: row, column: "technologies", count: TechnologyField.allCases.count) { (field: (TechnologyField) -> String?) in
            guard let id = field(.id).flatMap(UUID.init(uuidString:)),
                  let maturity = field(.maturity).flatMap(ProfileMaturity.init(rawValue:)),
                  let disclosure = field(.disclosure).flatMap(ProfileDisclosure.init(rawValue:)) else {
                throw PostgresError(.decoding, "a technology's id, maturity or disclosure is not one the matcher knows")
            }
            return TechnologyProfile(
                id: id, titleJa: field(.titleJa), titleEn: field(.titleEn), descriptionJa: field(.descriptionJa),
                descriptionEn: field(.descriptionEn), taxonomyCodes: try codes(field(.codes)), maturity: maturity, disclosure: disclosure)
        }
    }

    /// A row's track records from the array `profileRows` reads them into.
    static func trackRecords(of row: PostgresRow) throws -> [TrackRecordProfile] {
        try fields(of: row, column: "records", count: RecordField.allCases.count) { (field: (RecordField) -> String?) in
            guard let country = field(.country),
                  let disclosure = field(.disclosure).flatMap(ProfileDisclosure.init(rawValue:)),
                  let fromPlatform = field(.fromPlatform).flatMap({ ["true": true, "false": false][$0] }) else {
                throw PostgresError(.decoding, "a track record's country, disclosure or origin is not one the matcher knows")
            }
            let cityId = try field(.cityId).map { text in
                guard let id = UUID(uuidString: text) else { throw PostgresError(.decoding, "a track record's city id is not a UUID") }
                return id
            }
            let year = try field(.year).map { text in
                guard let year = Int(text) else { throw PostgresError(.decoding, "a track record's year is not a number") }
                return year
            }
            return TrackRecordProfile(
                country: country, city: field(.city), cityId: cityId, year: year, summary: field(.summary),
                taxonomyCodes: try codes(field(.codes)), disclosure: disclosure, fromPlatform: fromPlatform)
        }
    }

    /// Reads a column of text holding `count` fields per item, one after the other, into items.
    private static func fields<Field: RawRepresentable<Int>, Item>(
        of row: PostgresRow, column: String, count: Int, _ item: ((Field) -> String?) throws -> Item
    ) throws -> [Item] {
        let elements = try row.decode(column, as: PostgresTextArray.self).elements
        guard elements.count % count == 0 else {
            throw PostgresError(.decoding, "a company's \(column) do not have \(count) fields each")
        }
        return try stride(from: 0, to: elements.count, by: count).map { start in
            try item { elements[start + $0.rawValue] }
        }
    }

    /// Taxonomy codes written as the text of their array, in an element of another.
    private static func codes(_ text: String?) throws -> [String] {
        guard var text else { throw PostgresError(.decoding, "taxonomy codes are missing") }
        return try text.withUTF8 { (bytes) throws(PostgresError) in try [String].decode(bytes, type: .textArray) }
    }

    struct NeedRow {
        var profile: NeedProfile
        var status: String
        /// The need's own titles: the reports name a need in their reader's language (the profile's `title` is one).
        var titleJa: String?
        var titleEn: String?
    }

    static let needColumns: SQLFragment = """
        n.id, n.city_id, n.title_ja, n.title_en, n.description_ja, n.description_en, n.taxonomy_codes, n.status,
        c.name_en AS city_name_en, c.name_ja AS city_name_ja, c.country
        """

    func need(_ id: UUID, on db: PostgresConnection) async throws -> NeedRow? {
        let rows = try await db.query("""
            SELECT \(Self.needColumns) FROM published_needs n JOIN published_cities c ON c.id = n.city_id WHERE n.id = \(id)
            """)
        return try rows.first.map(Self.needRow)
    }

    /// Open needs, newest first, at most `limit` (opportunities and coverage rank these).
    func openNeeds(limit: Int, onlyCity: UUID? = nil, on db: PostgresConnection) async throws -> [NeedRow] {
        let rows = try await db.query("""
            SELECT \(Self.needColumns) FROM published_needs n JOIN published_cities c ON c.id = n.city_id
            WHERE n.status = 'open' AND (\(onlyCity)::uuid IS NULL OR n.city_id = \(onlyCity))
            ORDER BY n.created_at DESC, n.id LIMIT \(limit)
            """)
        return try rows.map(Self.needRow)
    }

    func openNeedCount(on db: PostgresConnection) async throws -> Int {
        try await db.query("SELECT count(*)::int AS n FROM published_needs WHERE status = 'open'")[0].decode("n")
    }

    static func needRow(_ row: PostgresRow) throws -> NeedRow {
        let titleJa: String? = try row.decode("title_ja")
        let titleEn: String? = try row.decode("title_en")
        let descriptionJa: String? = try row.decode("description_ja")
        let descriptionEn: String? = try row.decode("description_en")
        let profile = NeedProfile(
            id: try row.decode("id"), cityId: try row.decode("city_id"), cityNameEn: try row.decode("city_name_en"),
            cityNameJa: try row.decode("city_name_ja"), country: try row.decode("country"), title: titleEn ?? titleJa ?? "",
            text: [titleJa, titleEn, descriptionJa, descriptionEn].compactMap { $0 }.joined(separator: "\n"),
            taxonomyCodes: try row.decode("taxonomy_codes"))
        return NeedRow(profile: profile, status: try row.decode("status"), titleJa: titleJa, titleEn: titleEn)
    }

    /// The city of a liaison base, which a liaison user is confined to.
    func cityOfLiaisonBase(_ id: UUID, on db: PostgresConnection) async throws -> UUID? {
        try await db.query("SELECT city_id FROM published_liaison_bases WHERE id = \(id)").first?.decode("city_id")
    }
}
