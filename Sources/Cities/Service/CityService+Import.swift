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
        return try await write(by: principal) { db in
            var (records, encoding) = try await CSVReader.read(bytes, using: db)
            guard !records.isEmpty else { throw CitiesError.invalid([CSVFileProblem.noHeaderRow.fieldError]) }
            let header = records.removeFirst()
            let columns = CSVHeader(header.fields, known: Self.importColumns, ignored: Self.ignoredImportColumns, required: ["cityId", "source"])
            if !columns.problems.isEmpty { throw CitiesError.invalid(columns.problems) }
            guard records.count <= Self.maximumImportRows else {
                throw CitiesError.invalid([CSVFileProblem.tooManyRows(Self.maximumImportRows).fieldError])
            }
            let references = try await NeedImportReferences.lookUp(records, columns: columns, service: self, by: principal, on: db)
            var errors: [NeedImportReport.RowError] = []
            var drafts: [CityNeedDraft] = []
            for record in records {
                let outcome = draft(from: record, columns: columns, by: principal, references: references)
                switch outcome {
                case .valid(let draft): drafts.append(draft)
                case .invalid(let rowErrors): errors += rowErrors
                }
            }
            let report = NeedImportReport(
                dryRun: dryRun, encoding: encoding, rows: records.count,
                imported: dryRun || !errors.isEmpty ? 0 : drafts.count, errors: errors)
            if !dryRun && !errors.isEmpty {
                throw CitiesError.invalidRows(errors)
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
        from record: CSVRecord, columns: CSVHeader, by principal: Principal, references: NeedImportReferences
    ) -> RowOutcome {
        // A shifted row's values are in the wrong columns: its one problem is the shift.
        if let overflow = columns.overflow(of: record) { return .invalid([overflow]) }
        var errors: [NeedImportReport.RowError] = []
        func value(_ column: String) -> String? { columns.value(column, in: record) }
        func fail(_ column: String, _ message: String, _ key: NeedImportMessage, _ arguments: [String] = []) {
            errors.append(.init(line: record.line, column: column, message: message, messageKey: key.rawValue, messageArguments: arguments))
        }
        // ux15: a city by its id, or by its name in Japanese or English as its page shows it (what people know).
        let cityText = value("cityId")
        let cityId = cityText.flatMap { UUID(uuidString: $0) ?? references.city(named: $0) }
        if let cityText, cityId == nil {
            if references.isShared(cityText) {
                fail("cityId", "names more than one city: use the city's id", .sharedCityName, [cityText])
            } else {
                fail("cityId", "must be the id or the name of a known city", .unknownCity)
            }
        } else if cityId == nil {
            fail("cityId", "must be the id or the name of a known city", .unknownCity)
        }
        let source = value("source").flatMap(NeedSource.init(rawValue:))
        if source == nil {
            let allowed = NeedSource.allCases.map(\.rawValue).joined(separator: ", ")
            fail("source", "must be one of \(allowed)", .oneOf, [allowed])
        }
        var status: NeedStatus?
        if let text = value("status") {
            status = NeedStatus(rawValue: text)
            let allowed = NeedStatus.allCases.map(\.rawValue).joined(separator: ", ")
            if status == nil { fail("status", "must be one of \(allowed)", .oneOf, [allowed]) }
        }
        func yen(_ column: String) -> Int64? {
            guard let text = value(column) else { return nil }
            guard let amount = Int64(text) else {
                fail(column, "must be a whole number of yen", .wholeYen)
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
        do throws(CitiesError) {
            try draft.validate()
            try references.check(draft)
        } catch {
            for field in error.problem.errors ?? [FieldError(field: "row", message: error.problem.detail)] {
                let (key, arguments) = field.message == Validation.invisibleControlsMessage
                    ? (.controlCharacters, []) : NeedImportMessage.of(field.field, error, draft: draft, onlyCity: references.onlyCity != nil)
                fail(field.field, field.message, key, arguments)
            }
            return .invalid(errors)
        }
        return .valid(draft)
    }
}

/// What the rows of a needs import refer to, looked up once for the whole file (three queries, however
/// many rows) instead of per row; `check` applies the rules of `checkReferences` with the same messages.
struct NeedImportReferences {
    let unknownCodes: Set<String>
    let knownCities: Set<UUID>
    /// The cities the file names by name (not by id), by the name as `nameKey` folds it; a name two cities
    /// share has both, and is refused rather than guessed.
    let citiesByName: [String: [UUID]]
    /// A liaison user's own city; its rows may name no other. (Its base is the rows' source, set from
    /// the principal, never from the file, so it needs no look-up.)
    let onlyCity: UUID?

    static func lookUp(
        _ records: [CSVRecord], columns: CSVHeader, service: CityService, by principal: Principal, on db: PostgresConnection
    ) async throws -> NeedImportReferences {
        let codes = Set(records.flatMap { columns.list("taxonomyCodes", in: $0) ?? [] })
        let cityValues = records.compactMap { columns.value("cityId", in: $0) }
        let cities = Set(cityValues.compactMap(UUID.init(uuidString:)))
        // A name holding NUL names no city, and PostgreSQL text cannot hold it to look: its row says unknown city.
        let names = Set(cityValues.filter { UUID(uuidString: $0) == nil && !$0.unicodeScalars.contains("\u{0}") }.map(nameKey))
        var byName: [String: [UUID]] = [:]
        for (name, city) in try await service.cities.named(Array(names), on: db) { byName[name, default: []].append(city.id) }
        return NeedImportReferences(
            unknownCodes: Set(try await Taxonomy.unknownCodes(codes.sorted(), on: db)),
            knownCities: try await service.cities.existing(Array(cities) + byName.values.flatMap { $0 }, on: db),
            citiesByName: byName,
            onlyCity: try await service.liaisonCity(of: principal, on: db))
    }

    /// A name as the file may write it: surrounding spaces aside; the store compares it with the cities' names
    /// in PostgreSQL's lower case ("da nang" is Da Nang), so the case is folded in one place only.
    static func nameKey(_ name: String) -> String { name.trimmed }

    func city(named name: String) -> UUID? {
        guard let ids = citiesByName[Self.nameKey(name)], ids.count == 1 else { return nil }
        return ids[0]
    }

    func isShared(_ name: String) -> Bool { (citiesByName[Self.nameKey(name)]?.count ?? 0) > 1 }

    func check(_ draft: CityNeedDraft) throws(CitiesError) {
        let unknown = draft.codes.filter(unknownCodes.contains)
        if !unknown.isEmpty { throw CitiesError.unknownTaxonomyCodes(unknown) }
        var validation = Validation()
        if let onlyCity {
            validation.check(draft.cityId == onlyCity, "cityId", "must be the city of your liaison base")
        } else {
            validation.check(knownCities.contains(draft.cityId), "cityId", "is not a known city")
        }
        try validation.validate(as: CitiesError.self)
    }
}

/// Which problem a row of a needs import has, carried beside the English message so a reader gets it
/// in their own language (`CSVRowError.messageKey`; the console's catalogue words each one). The
/// rules are `CityNeedDraft.validate` and `NeedImportReferences.check`; each field has few enough
/// that its name and the draft tell which one failed.
enum NeedImportMessage: String {
    case unknownCity, sharedCityName, notYourCity, oneOf, wholeYen, unknownTaxonomyCodes, titleRequired, tooLong, taxonomyCodesInvalid, budgetInvalid, invalid, controlCharacters

    static func of(_ field: String, _ error: CitiesError, draft: CityNeedDraft, onlyCity: Bool) -> (NeedImportMessage, [String]) {
        if case .unknownTaxonomyCodes(let codes, _) = error { return (.unknownTaxonomyCodes, [codes.joined(separator: ", ")]) }
        switch field {
        case "cityId": return (onlyCity ? .notYourCity : .unknownCity, [])
        case "titleJa", "titleEn":
            return draft.titleJa == nil && draft.titleEn == nil ? (.titleRequired, []) : (.tooLong, [String(TextLimit.title)])
        case "descriptionJa", "descriptionEn": return (.tooLong, [String(TextLimit.long)])
        case "sector", "sourceReference", "timeframe": return (.tooLong, [String(TextLimit.shortText)])
        case "taxonomyCodes": return (.taxonomyCodesInvalid, [])
        case "budgetMinYen", "budgetMaxYen": return (.budgetInvalid, [])
        default: return (.invalid, [])
        }
    }
}
