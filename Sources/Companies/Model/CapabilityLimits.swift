import DomainKit

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
        .invalid([FieldError(field: "technologies", message: "a company may list at most \(technologies) technologies; it has \(count)")])
    }

    static func tooMany(trackRecords count: Int) -> CompaniesError {
        .invalid([FieldError(field: "trackRecords", message: "a company may list at most \(trackRecords) track records; it has \(count)")])
    }

    static func tooMany(taxonomyTags count: Int) -> CompaniesError {
        .invalid([FieldError(field: "taxonomyCodes",
                             message: "a company's technologies may carry at most \(taxonomyTags) taxonomy codes together; this would make \(count)")])
    }

    /// The rows' problems of an import for a company that would hold too much (its first line).
    static func rowErrors(_ held: (line: Int, technologies: Int, tags: Int)) -> [CSVRowError] {
        var errors: [CSVRowError] = []
        if held.technologies > technologies {
            errors.append(CSVRowError(line: held.line, column: "technologyTitleEn",
                                      message: "a company may list at most \(technologies) technologies; this would make \(held.technologies)"))
        }
        if held.tags > taxonomyTags {
            errors.append(CSVRowError(line: held.line, column: "technologyTaxonomyCodes",
                                      message: "a company's technologies may carry at most \(taxonomyTags) taxonomy codes together; this would make \(held.tags)"))
        }
        return errors
    }
}
