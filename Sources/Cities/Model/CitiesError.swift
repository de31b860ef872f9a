public import DomainKit

/// The errors of the Cities module are DomainKit's record errors: the module has no case of its own.
public typealias CitiesError = RecordError

/// Bounds shared by every text field of the module (issue 4).
enum TextLimit {
    static let name = 300
    static let title = 300
    static let long = 20_000
    static let shortText = 300
    static let phone = 50
    static let listItems = 50
}
