public import DomainKit
import FoundationEssentials
import Postgres

extension CompanyService {
    /// New companies of an import that look like existing ones are listed up to this many.
    public static let maximumReportedDuplicates = 100

    /// Imports companies with their technologies from CSV bytes (layout: `CompanyCSV`), admin and
    /// coordinator only. Every row is checked like a create and every problem is reported with its
    /// line and column; taxonomy codes are checked for the whole file in one query. A dry run writes
    /// nothing. A real run upserts companies by 法人番号 and technologies by title, all in one
    /// transaction through COPY into staging tables, or refuses the whole file (422) if any row is bad.
    public func importCompanies(csv bytes: [UInt8], dryRun: Bool, by principal: Principal) async throws -> CompanyImportReport {
        return try await write(by: principal) { db in
            var (records, encoding) = try await CSVReader.read(bytes, using: db)
            guard !records.isEmpty else { throw CompaniesError.invalid([CSVFileProblem.noHeaderRow.fieldError]) }
            let header = records.removeFirst()
            let columns = CSVHeader(header.fields, known: CompanyCSV.columns, ignored: CompanyCSV.exportOnlyColumns, required: ["size"])
            if !columns.problems.isEmpty { throw CompaniesError.invalid(columns.problems) }
            guard records.count <= CompanyCSV.maximumRows else {
                throw CompaniesError.invalid([CSVFileProblem.tooManyRows(CompanyCSV.maximumRows).fieldError])
            }
            var (companies, errors) = CompanyCSV.group(records, columns: columns)
            errors += try await unknownCodeErrors(in: &companies, on: db)
            errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
            if !dryRun && !errors.isEmpty {
                throw CompaniesError.invalidRows(errors)
            }
            let staging = CompanyImportStore()
            try await staging.stage(companies, on: db)
            // Capability limits on what each company would hold afterwards (existing technologies included).
            errors += try await staging.heldAfterImport(on: db).flatMap { CapabilityLimits.rowErrors($0) }
            errors.sort { ($0.line, $0.column) < ($1.line, $1.column) }
            if !dryRun && !errors.isEmpty {
                throw CompaniesError.invalidRows(errors)
            }
            let (created, updated) = try await staging.counts(on: db)
            // Only a dry run looks for duplicates: it is where a person decides, and the search costs a
            // trigram probe per new company, which a bulk load of known-good data should not pay.
            let duplicates = dryRun ? try await staging.duplicates(limit: Self.maximumReportedDuplicates, on: db) : []
            let technologies = dryRun ? companies.reduce(0) { $0 + $1.technologies.count } : try await staging.apply(at: clock.now(), on: db)
            return CompanyImportReport(
                dryRun: dryRun, encoding: encoding, rows: records.count, created: created, updated: updated,
                technologies: technologies, errors: errors, possibleDuplicates: duplicates)
        }
    }

    /// One query for every code of the file; each technology with an unknown code is an error of its
    /// row, and its company leaves the staged set (a dry run reports, it does not half-import).
    private func unknownCodeErrors(in companies: inout [CompanyCSV.ImportedCompany], on db: PostgresConnection) async throws -> [CSVRowError] {
        let codes = Set(companies.flatMap { $0.technologies.flatMap(\.draft.codes) })
        let unknown = Set(try await Taxonomy.unknownCodes(codes.sorted(), on: db))
        guard !unknown.isEmpty else { return [] }
        var errors: [CSVRowError] = []
        companies.removeAll { company in
            let bad = company.technologies.filter { !unknown.isDisjoint(with: $0.draft.codes) }
            for technology in bad {
                let names = technology.draft.codes.filter(unknown.contains).joined(separator: ", ")
                errors.append(CSVRowError(line: technology.line, column: "technologyTaxonomyCodes", message: "unknown codes: \(names)"))
            }
            return !bad.isEmpty
        }
        return errors
    }
}

extension CompanyCSV {
    /// Rows to companies: rows with the same 法人番号 (or, without one, the same names) are one company
    /// and must repeat its columns exactly; a company lists a technology title at most once. A company
    /// with any bad row is left out, so what is staged is only what is valid.
    static func group(_ records: [CSVRecord], columns: CSVHeader) -> ([ImportedCompany], [CSVRowError]) {
        var companies: [ImportedCompany] = []
        var index: [String: Int] = [:]
        var invalid: Set<String> = []
        var errors: [CSVRowError] = []
        for record in records {
            switch parse(record, columns: columns) {
            case .failure(let rowErrors):
                errors += rowErrors.errors
                if let key = keyOf(record, columns: columns) { invalid.insert(key) }
            case .success(let (company, technology)):
                let key = key(of: company)
                if let position = index[key] {
                    let first = companies[position]
                    if first.draft != company {
                        errors.append(CSVRowError(line: record.line, column: "corporateNumber",
                                                  message: "the company's columns differ from line \(first.line) of the same company"))
                        invalid.insert(key)
                    }
                    if let technology {
                        if let twin = first.technologies.first(where: { $0.draft.titleJa == technology.titleJa && $0.draft.titleEn == technology.titleEn }) {
                            errors.append(CSVRowError(line: record.line, column: "technologyTitleEn",
                                                      message: "the company lists this technology title already on line \(twin.line)"))
                            invalid.insert(key)
                        }
                        companies[position].technologies.append((record.line, technology))
                    }
                } else {
                    index[key] = companies.count
                    companies.append(ImportedCompany(key: key, line: record.line, draft: company, technologies: technology.map { [(record.line, $0)] } ?? []))
                }
            }
        }
        return (companies.filter { !invalid.contains($0.key) }, errors)
    }

    static func key(of company: CompanyDraft) -> String {
        company.corporateNumber.map { "number:\($0)" } ?? "names:\(company.nameJa ?? "")\u{1F}\(company.nameEn ?? "")"
    }

    /// The company key of a row that failed to parse, so its company's other rows are left out too.
    private static func keyOf(_ record: CSVRecord, columns: CSVHeader) -> String? {
        if let number = columns.value("corporateNumber", in: record) { return "number:\(number)" }
        let ja = columns.value("nameJa", in: record)
        let en = columns.value("nameEn", in: record)
        guard ja != nil || en != nil else { return nil }
        return "names:\(ja ?? "")\u{1F}\(en ?? "")"
    }
}
