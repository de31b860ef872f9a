import DomainKit
import FoundationEssentials
import Postgres

/// The one column layout of the company CSV, shared by import and export: one row per technology, each
/// carrying its company's columns, or a company row with the technology columns left empty. Lists
/// (languages, countries, taxonomy codes) are separated by `|`. Rows with the same 法人番号 (or, without
/// one, the same names) are one company and must agree on its columns.
enum CompanyCSV {
    static let companyColumns = [
        "corporateNumber", "nameJa", "nameEn", "nameReading", "address", "municipality", "inYokohama", "size", "yusaMemberSince", "yusaTier",
        "website", "languages", "countriesWithExperience", "showcaseOptIn",
    ]
    static let technologyColumns = [
        "technologyTitleJa", "technologyTitleEn", "technologyDescriptionJa", "technologyDescriptionEn", "technologyTaxonomyCodes",
        "technologyMaturity", "technologyDisclosure",
    ]
    static let columns = companyColumns + technologyColumns
    /// What an export adds and an import reads past.
    static let exportOnlyColumns: Set<String> = ["companyId"]
    /// Both limits keep one all-or-nothing transaction bounded (CSVReader caps the bytes at 32 MiB): at
    /// the rate measured on a loaded machine (docs/benchmarks.md), 20,000 rows finish well inside the
    /// server's 30-second handler deadline.
    static let maximumRows = 20_000

    /// A company of the file with its technologies, and the lines they came from.
    struct ImportedCompany: Sendable {
        let key: String
        let line: Int
        let draft: CompanyDraft
        var technologies: [(line: Int, draft: CompanyTechnologyDraft)]
    }

    /// The company and (when the row has one) the technology of one row, or every problem of the row.
    static func parse(_ record: CSVRecord, columns: CSVHeader) -> Result<(CompanyDraft, CompanyTechnologyDraft?), RowErrors> {
        // A shifted row's values are in the wrong columns: its one problem is the shift.
        if let overflow = columns.overflow(of: record) { return .failure(RowErrors(errors: [overflow])) }
        var errors: [CSVRowError] = []
        func value(_ column: String) -> String? { columns.value(column, in: record) }
        func fail(_ column: String, _ message: String) { errors.append(CSVRowError(line: record.line, column: column, message: message)) }
        func flag(_ column: String) -> Bool? {
            switch value(column)?.lowercased() {
            case nil: return nil
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default:
                fail(column, "must be true or false")
                return nil
            }
        }
        func choice<Value: RawRepresentable & CaseIterable>(_ column: String, _ type: Value.Type) -> Value? where Value.RawValue == String {
            guard let text = value(column) else { return nil }
            guard let parsed = Value(rawValue: text) else {
                fail(column, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return parsed
        }
        var since: CalendarDate?
        if let text = value("yusaMemberSince") {
            since = CalendarDate(text)
            if since == nil { fail("yusaMemberSince", "must be a date like 2020-04-01") }
        }
        let size = choice("size", CompanySize.self)
        if size == nil && value("size") == nil { fail("size", "must be one of \(CompanySize.allCases.map(\.rawValue).joined(separator: ", "))") }
        let company = CompanyDraft(
            nameJa: value("nameJa"), nameEn: value("nameEn"), corporateNumber: value("corporateNumber"), address: value("address"),
            municipality: value("municipality"), inYokohama: flag("inYokohama") ?? false, size: size ?? .sme, yusaMemberSince: since,
            yusaTier: value("yusaTier"), website: value("website"), languages: columns.list("languages", in: record) ?? [],
            countriesWithExperience: columns.list("countriesWithExperience", in: record) ?? [],
            showcaseOptIn: flag("showcaseOptIn") ?? false, archived: false, nameReading: value("nameReading"))
        collect(errors: &errors, line: record.line, prefix: "") { () throws(CompaniesError) in try company.validate() }

        var technology: CompanyTechnologyDraft?
        if technologyColumns.contains(where: { value($0) != nil }) {
            let maturity = choice("technologyMaturity", TechnologyMaturity.self)
            let disclosure = choice("technologyDisclosure", Disclosure.self)
            if value("technologyMaturity") == nil { fail("technologyMaturity", "is required for a technology") }
            if value("technologyDisclosure") == nil { fail("technologyDisclosure", "is required for a technology") }
            let draft = CompanyTechnologyDraft(
                titleJa: value("technologyTitleJa"), titleEn: value("technologyTitleEn"),
                descriptionJa: value("technologyDescriptionJa"), descriptionEn: value("technologyDescriptionEn"),
                taxonomyCodes: columns.list("technologyTaxonomyCodes", in: record) ?? [],
                maturity: maturity ?? .concept, disclosure: disclosure ?? .coordinators)
            collect(errors: &errors, line: record.line, prefix: "technology") { () throws(CompaniesError) in try draft.validate() }
            technology = draft
        }
        return errors.isEmpty ? .success((company, technology)) : .failure(RowErrors(errors: errors))
    }

    struct RowErrors: Error {
        let errors: [CSVRowError]
    }

    /// A draft's field errors as row errors under the CSV's column names (`titleEn` → `technologyTitleEn`).
    private static func collect(errors: inout [CSVRowError], line: Int, prefix: String, _ validate: () throws(CompaniesError) -> Void) {
        do {
            try validate()
        } catch {
            for field in error.problem.errors ?? [] {
                let base = field.field.split(separator: ".").first.map(String.init) ?? field.field
                let column = prefix.isEmpty ? base : prefix + base.prefix(1).uppercased() + base.dropFirst()
                errors.append(CSVRowError(line: line, column: column, message: field.message))
            }
        }
    }

    /// The rows of one company: its columns, then the technology's (empty for a company row).
    static func row(_ company: Company, _ technology: CompanyTechnology?) -> [String] {
        var row = [
            company.id.uuidString.lowercased(), company.corporateNumber ?? "", company.nameJa ?? "", company.nameEn ?? "",
            company.nameReading ?? "", company.address ?? "", company.municipality ?? "", String(company.inYokohama), company.size.rawValue,
            company.yusaMemberSince?.description ?? "", company.yusaTier ?? "", company.website ?? "",
            company.languages.joined(separator: "|"), company.countriesWithExperience.joined(separator: "|"), String(company.showcaseOptIn),
        ]
        if let technology {
            row += [
                technology.titleJa ?? "", technology.titleEn ?? "", technology.descriptionJa ?? "", technology.descriptionEn ?? "",
                technology.taxonomyCodes.joined(separator: "|"), technology.maturity.rawValue, technology.disclosure.rawValue,
            ]
        } else {
            row += Array(repeating: "", count: technologyColumns.count)
        }
        return row
    }
}
