public import DomainKit

/// The errors of the Companies module are DomainKit's record errors: the module has no case of its own.
public typealias CompaniesError = RecordError

/// Bounds shared by every text field of the module; the same as the CHECKs of migration 0006.
enum TextLimit {
    static let name = 300
    static let long = 20_000
    static let shortText = 300
    static let tier = 100
    static let listItems = 50
    static let countries = 250
}
