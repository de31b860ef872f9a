public import DomainKit

/// The errors of the Companies module are DomainKit's record errors: the module has no case of its own.
public typealias CompaniesError = RecordError

extension TextLimit {
    /// A YUSA membership tier (migration 0006).
    static let tier = 100
}
