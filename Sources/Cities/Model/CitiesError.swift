public import DomainKit

/// The errors of the Cities module are DomainKit's record errors: the module has no case of its own.
public typealias CitiesError = RecordError

extension TextLimit {
    static let phone = 50
}
