public import DomainKit

/// The errors of the Matches module: the shared ones of every module (a record not found or not the
/// caller's to see, a stale or missing version, bad fields, a repeated value); it has no cases of its
/// own. App maps them to problems in one place.
public typealias MatchesError = RecordError
