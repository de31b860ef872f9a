import DomainKit
import FoundationEssentials

/// The rules a new password must meet, reported as field errors so that every failure shows at once.
///
/// Lengths count Characters, so a Japanese password of 12 characters passes although it is 36 bytes.
/// The length cap is generous because the password is pre-hashed with SHA-256 before bcrypt (which
/// reads only 72 bytes); it only keeps request bodies bounded.
enum PasswordPolicy {
    static let minimumLength = 12
    static let maximumLength = 256
    /// Shorter email local parts or names would forbid ordinary passwords ("a@example.com" would
    /// forbid every password with an "a"), so only parts at least this long are checked.
    static let minimumForbiddenLength = 3

    /// The product's and the programme city's names, in the spellings people type. A password that is
    /// these with digits and punctuation around them is the first thing a guesser tries here.
    static let programmeNames = ["domino", "yokohama", "横浜", "よこはま", "ヨコハマ", "ドミノ"]
    /// Letters that must remain once the programme names, digits and punctuation are taken out.
    static let minimumOwnLetters = 4

    static func check(_ password: String, email: String, displayName: String, field: String = "password", into validation: inout Validation) {
        for rule in refusals(password, email: email, displayName: displayName) { validation.add(field, rule.message) }
    }

    /// Every rule `password` breaks, in the order the API reports them.
    static func refusals(_ password: String, email: String, displayName: String) -> [PasswordRule] {
        var broken: [PasswordRule] = []
        if password.count < minimumLength { broken.append(.tooShort) }
        if password.count > maximumLength { broken.append(.tooLong) }
        let lowered = password.lowercased()
        if CommonPasswords.all.contains(lowered) { broken.append(.common) }
        if !password.isEmpty, Set(lowered).count == 1 { broken.append(.oneCharacterRepeated) }
        var rest = lowered
        for name in programmeNames { rest = rest.replacing(name, with: " ") }
        if rest != lowered, rest.filter(\.isLetter).count < minimumOwnLetters { broken.append(.programmeName) }
        let localPart = email.split(separator: "@").first.map { String($0).lowercased() } ?? ""
        if localPart.count >= minimumForbiddenLength, lowered.contains(localPart) { broken.append(.containsEmail) }
        let name = displayName.lowercased().trimmed
        let nameWithoutSpaces = String(name.filter { !$0.isWhitespace })
        if name.count >= minimumForbiddenLength, lowered.contains(name) || lowered.contains(nameWithoutSpaces) {
            broken.append(.containsDisplayName)
        }
        return broken
    }
}

/// A rule of the password policy that a new password broke. The API reports `message` (English, as a
/// field error's text); the console reads the rule back from it (`init?(message:)`) and words it in
/// the reader's language, so the two never drift apart.
public enum PasswordRule: Sendable, CaseIterable {
    case tooShort
    case tooLong
    case common
    case oneCharacterRepeated
    case programmeName
    case containsEmail
    case containsDisplayName
    /// A change (not a reset) must give a password other than the current one.
    case sameAsCurrent

    public var message: String {
        switch self {
        case .tooShort: "must be at least \(PasswordPolicy.minimumLength) characters"
        case .tooLong: "must be at most \(PasswordPolicy.maximumLength) characters"
        case .common: "is one of the most common passwords"
        case .oneCharacterRepeated: "must not be one character repeated"
        case .programmeName: "must be more than the name of Domino or Yokohama with digits or symbols"
        case .containsEmail: "must not contain the email address"
        case .containsDisplayName: "must not contain the display name"
        case .sameAsCurrent: "must differ from the current password"
        }
    }

    public init?(message: String) {
        guard let rule = Self.allCases.first(where: { $0.message == message }) else { return nil }
        self = rule
    }

    public static let minimumLength = PasswordPolicy.minimumLength
    public static let maximumLength = PasswordPolicy.maximumLength
}

/// Normalisation and shape checks of user fields, shared by create and update.
enum UserFields {
    static let maximumEmailLength = 254
    static let maximumDisplayNameLength = 200

    /// Trimmed and lowercased: the form stored, compared and throttled on.
    static func normalizedEmail(_ email: String) -> String {
        email.trimmed.lowercased()
    }

    static func normalizedDisplayName(_ name: String) -> String {
        name.trimmed
    }

    /// Mirrors the users_email_shape CHECK: something@something.something, no spaces, one "@".
    static func isWellFormedEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, email.count <= maximumEmailLength,
              !email.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && !domain[0].isEmpty && !(domain.last?.isEmpty ?? true)
    }

    static func checkBinding(role: Role, companyID: UUID?, liaisonBaseID: UUID?, into validation: inout Validation) {
        if role == .company {
            validation.check(companyID != nil, "companyId", "is required for a company user")
        } else {
            validation.check(companyID == nil, "companyId", "is only allowed for a company user")
        }
        if role == .liaison {
            validation.check(liaisonBaseID != nil, "liaisonBaseId", "is required for a liaison user")
        } else {
            validation.check(liaisonBaseID == nil, "liaisonBaseId", "is only allowed for a liaison user")
        }
    }

    static func check(_ user: NewUser, checkingPassword: Bool, into validation: inout Validation) -> (email: String, displayName: String) {
        let email = normalizedEmail(user.email)
        let displayName = normalizedDisplayName(user.displayName)
        validation.check(isWellFormedEmail(email), "email", "must be an email address such as name@example.jp")
        validation.check(!displayName.isEmpty, "displayName", "must not be empty")
        validation.check(displayName.count <= maximumDisplayNameLength, "displayName", "must be at most \(maximumDisplayNameLength) characters")
        validation.noInvisibleControls(displayName, "displayName")
        checkBinding(role: user.role, companyID: user.companyID, liaisonBaseID: user.liaisonBaseID, into: &validation)
        if checkingPassword { PasswordPolicy.check(user.password, email: email, displayName: displayName, into: &validation) }
        return (email, displayName)
    }
}
