public import DomainKit

/// How much one company's capabilities may hold (docs/companies.md, "Limits"). Nothing limited them before issue 16's
/// self-promotion round: a company could add technologies without end, and the matcher credits a need's code wherever
/// the company holds it. The bounds are far above any real profile (the evaluation set's largest company has 3
/// technologies, 4 records and 4 code tags; the demo data's largest 4 technologies), so only a profile written to top every ranking
/// meets them. A write past one is a 422 naming the field, and nothing is written.
public enum CapabilityLimits {
    /// Technologies per company.
    public static let technologies = 100
    /// Track records per company.
    public static let trackRecords = 200
    /// Taxonomy tags over all of a company's technologies together (a code on two technologies counts twice).
    public static let taxonomyTags = 200

    static func tooMany(technologies count: Int) -> CompaniesError {
        .invalid([FieldError(field: "technologies", message: "\(technologiesWords); it has \(count)")])
    }

    static func tooMany(trackRecords count: Int) -> CompaniesError {
        .invalid([FieldError(field: "trackRecords", message: "\(trackRecordsWords); it has \(count)")])
    }

    static func tooMany(taxonomyTags count: Int) -> CompaniesError {
        .invalid([FieldError(field: "taxonomyCodes", message: "\(taxonomyTagsWords); this would make \(count)")])
    }

    /// A limit a write met, so a page can say it in its reader's words.
    public enum Exceeded: Sendable, Equatable { case technologies, trackRecords, taxonomyTags }

    /// The limit a 422's field error is about (its words begin with that limit's), or nil for any other error.
    public static func exceeded(_ error: FieldError) -> Exceeded? {
        if error.message.hasPrefix(technologiesWords) { return .technologies }
        if error.message.hasPrefix(trackRecordsWords) { return .trackRecords }
        if error.message.hasPrefix(taxonomyTagsWords) { return .taxonomyTags }
        return nil
    }

    private static let technologiesWords = "a company may list at most \(technologies) technologies"
    private static let trackRecordsWords = "a company may list at most \(trackRecords) track records"
    private static let taxonomyTagsWords = "a company's technologies may carry at most \(taxonomyTags) taxonomy codes together"

    /// The rows' problems of an import for a company that would hold too much (its first line).
    static func rowErrors(_ held: (line: Int, technologies: Int, tags: Int)) -> [CSVRowError] {
        var errors: [CSVRowError] = []
        if held.technologies > technologies {
            errors.append(CSVRowError(line: held.line, column: "technologyTitleEn",
                                      message: "\(technologiesWords); this would make \(held.technologies)"))
        }
        if held.tags > taxonomyTags {
            errors.append(CSVRowError(line: held.line, column: "technologyTaxonomyCodes",
                                      message: "\(taxonomyTagsWords); this would make \(held.tags)"))
        }
        return errors
    }
}
