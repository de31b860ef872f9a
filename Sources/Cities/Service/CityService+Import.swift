public import DomainKit
import FoundationEssentials
import Postgres

/// The outcome of a city-need CSV import: what would be (dry run) or was written, and every bad row.
public struct NeedImportReport: Sendable, Codable, Equatable {
    public typealias RowError = CSVRowError

    public let dryRun: Bool
    public let encoding: CSVEncoding
    public let rows: Int
    public let imported: Int
    public let errors: [RowError]
}

extension CityService {
    /// Columns of the needs CSV, by header name. `taxonomyCodes` holds codes separated by `|`.
    static let importColumns = [
        "cityId", "titleJa", "titleEn", "descriptionJa", "descriptionEn", "taxonomyCodes", "sector", "source",
        "sourceReference", "budgetMinYen", "budgetMaxYen", "timeframe", "status",
    ]
    /// Columns an export adds that an import reads past, so an exported file can be edited and re-imported.
    static let ignoredImportColumns: Set<String> = ["id", "reportedAt"]
    static let maximumImportRows = 50_000

    /// Imports needs from CSV bytes. Every row is checked like a create (fields, city, taxonomy codes,
    /// a liaison user's own city) and every problem is reported with its line and column. A dry run
    /// writes nothing; a real run writes all rows in one transaction with COPY, or nothing at all.
    public func importNeeds(csv bytes: [UInt8], dryRun: Bool, by principal: Principal) async throws -> NeedImportReport {
        try requireRole(principal, [.admin, .coordinator, .liaison])
        return try await write(by: principal) { db in
            let (text, encoding) = try await CSVReader.decode(bytes, using: db)
            var records = try CSVReader.parse(text)
            guard !records.isEmpty else { throw CitiesError.invalid([FieldError(field: "file", message: "has no header row")]) }
            let header = records.removeFirst()
            let columns = CSVHeader(header.fields, known: Self.importColumns, ignored: Self.ignoredImportColumns, required: ["cityId", "source"])
            if !columns.problems.isEmpty { throw CitiesError.invalid(columns.problems) }
            guard records.count <= Self.maximumImportRows else {
                throw CitiesError.invalid([FieldError(field: "file", message: "has more than \(Self.maximumImportRows) rows")])
            }
            var errors: [NeedImportReport.RowError] = []
            var drafts: [CityNeedDraft] = []
            for record in records {
                let outcome = await draft(from: record, columns: columns, by: principal, on: db)
                switch outcome {
                case .valid(let draft): drafts.append(draft)
                case .invalid(let rowErrors): errors += rowErrors
                }
            }
            let report = NeedImportReport(
                dryRun: dryRun, encoding: encoding, rows: records.count,
                imported: dryRun || !errors.isEmpty ? 0 : drafts.count, errors: errors)
            if !dryRun && !errors.isEmpty {
                throw CitiesError.invalid(errors.prefix(100).map { FieldError(field: "line \($0.line): \($0.column)", message: $0.message) })
            }
            if !dryRun {
                try await needs.copyIn(drafts, reportedBy: principal.userID, on: db)
            }
            return report
        }
    }

    private enum RowOutcome {
        case valid(CityNeedDraft)
        case invalid([NeedImportReport.RowError])
    }

    private func draft(
        from record: CSVRecord, columns: CSVHeader, by principal: Principal, on db: PostgresConnection
    ) async -> RowOutcome {
        var errors: [NeedImportReport.RowError] = []
        func value(_ column: String) -> String? { columns.value(column, in: record) }
        func fail(_ column: String, _ message: String) {
            errors.append(.init(line: record.line, column: column, message: message))
        }
        let cityId = value("cityId").flatMap(UUID.init(uuidString:))
        if cityId == nil { fail("cityId", "must be the id of a known city") }
        let source = value("source").flatMap(NeedSource.init(rawValue:))
        if source == nil { fail("source", "must be one of \(NeedSource.allCases.map(\.rawValue).joined(separator: ", "))") }
        var status: NeedStatus?
        if let text = value("status") {
            status = NeedStatus(rawValue: text)
            if status == nil { fail("status", "must be one of \(NeedStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        func yen(_ column: String) -> Int64? {
            guard let text = value(column) else { return nil }
            guard let amount = Int64(text) else {
                fail(column, "must be a whole number of yen")
                return nil
            }
            return amount
        }
        let budgetMin = yen("budgetMinYen")
        let budgetMax = yen("budgetMaxYen")
        guard errors.isEmpty, let cityId, let source else { return .invalid(errors) }
        var draft = CityNeedDraft(
            cityId: cityId, titleJa: value("titleJa"), titleEn: value("titleEn"), descriptionJa: value("descriptionJa"),
            descriptionEn: value("descriptionEn"),
            taxonomyCodes: columns.list("taxonomyCodes", in: record) ?? [],
            sector: value("sector"), source: source, sourceReference: value("sourceReference"),
            budgetMinYen: budgetMin, budgetMaxYen: budgetMax, timeframe: value("timeframe"), status: status)
        if principal.role == .liaison {
            draft.source = .liaisonBase
            draft.sourceLiaisonBaseId = principal.liaisonBaseID
        }
        do {
            try draft.validate()
            try await checkReferences(of: draft, by: principal, on: db)
        } catch let error as CitiesError {
            for field in error.problem.errors ?? [FieldError(field: "row", message: error.problem.detail)] {
                fail(field.field, field.message)
            }
            return .invalid(errors)
        } catch {
            fail("row", "could not be checked")
            return .invalid(errors)
        }
        return .valid(draft)
    }
}
