public import DomainKit
public import FoundationEssentials
import Postgres

/// One recount's figure, as kept in `kpi_snapshots`: the history of the numbers over time.
public struct KPISnapshot: Sendable, Codable, Equatable {
    public let id: Int64
    public let code: String
    public let fiscalYear: Int
    public let count: Int
    public let takenAt: Date
}

extension KPIService {
    /// The snapshots of a fiscal year (optionally one KPI), newest first, a page at a time (cursor: the
    /// last id seen; ids only grow, so a page is stable while recounts add rows).
    public func snapshots(fiscalYear fy: Int, code: KPICode?, limit: Int, cursor: String?) async throws -> Page<KPISnapshot> {
        _ = try Self.validYear(fy)
        var before: Int64?
        if let cursor {
            guard cursor.utf8.count <= 40, let data = Data(base64URLEncoded: cursor), let text = String(data: data, encoding: .utf8),
                  let id = Int64(text), id > 0 else { throw PageRequest.badCursor }
            before = id
        }
        let rows = try await pool.withConnection { db in
            try await db.query("""
                SELECT id, code, fiscal_year, count, taken_at FROM kpi_snapshots
                WHERE fiscal_year = \(fy) AND (\(code?.rawValue)::text IS NULL OR code = \(code?.rawValue))
                  AND (\(before)::bigint IS NULL OR id < \(before))
                ORDER BY id DESC LIMIT \(limit + 1)
                """).map { row in
                KPISnapshot(id: try row.decode("id"), code: try row.decode("code"), fiscalYear: try row.decode("fiscal_year"),
                            count: try row.decode("count"), takenAt: try row.decode("taken_at"))
            }
        }
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Data(String($0.id).utf8).base64URLEncoded } : nil
        return Page(items: items, nextCursor: next)
    }
}
