public import DomainKit
public import FoundationEssentials
public import Postgres

/// What a company typed on the public form "Apply to join as a company" (signup31).
public struct CompanyApplicationDraft: Sendable, Equatable {
    public var nameJa: String?
    public var nameEn: String?
    /// How the company's name is read, in kana (フリガナ; `NameReading`): optional, checked and stored as a company's.
    public var nameReading: String?
    public var corporateNumber: String?
    public var website: String?
    public var size: CompanySize?
    public var offer: String
    public var applicantName: String
    public var email: String
    public var department: String?
    public var consent: Bool

    public init(
        nameJa: String?, nameEn: String?, corporateNumber: String?, website: String?, size: CompanySize?, offer: String,
        applicantName: String, email: String, department: String?, consent: Bool, nameReading: String? = nil
    ) {
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.nameReading = nameReading
        self.corporateNumber = corporateNumber
        self.website = website
        self.size = size
        self.offer = offer
        self.applicantName = applicantName
        self.email = email
        self.department = department
        self.consent = consent
    }

    /// "What the company offers, in a few lines."
    public static let offerLimit = 1000
    /// As a user's address and display name (Accounts): the applicant becomes a user.
    public static let emailLimit = 254
    public static let applicantNameLimit = 200

    /// Every refusal, each on its field: a name in either language, the name reading in kana, the 法人番号 as Companies
    /// checks it, an http(s) website, a size, the offer, the applicant's name and address, consent; every text bounded.
    public func problems() -> [FieldError] {
        var validation = Validation()
        CompanyDraft.checkIdentity(nameJa: nameJa, nameEn: nameEn, corporateNumber: corporateNumber, into: &validation)
        validation.reading(nameReading, "nameReading")
        validation.optional(website, "website", max: TextLimit.shortText)
        validation.webAddress(website, "website")
        validation.check(size != nil, "size", "must be sme or large")
        validation.required(offer, "offer", max: Self.offerLimit)
        validation.required(applicantName, "applicantName", max: Self.applicantNameLimit)
        validation.required(email, "email", max: Self.emailLimit)
        validation.check(Self.looksLikeEmail(email), "email", "must be an e-mail address")
        validation.optional(department, "department", max: TextLimit.shortText)
        validation.check(consent, "consent", "must be given")
        let texts: [(String?, String)] = [(nameJa, "nameJa"), (nameEn, "nameEn"), (offer, "offer"), (applicantName, "applicantName"), (department, "department")]
        for (value, field) in texts {
            validation.noInvisibleControls(value, field)
        }
        return validation.errors
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && !domain[0].isEmpty && !(domain.last?.isEmpty ?? true)
    }

    /// The reading as stored (`NameReading.stored`: half-width ﾆｯｷ as ニッキ).
    var storedReading: String? { nameReading.map(NameReading.stored) }
}

/// What an application is at: waiting for its address to be confirmed, waiting for the programme, or decided.
public enum CompanyApplicationState: String, Sendable {
    case unconfirmed, waiting, approved, declined
}

/// An application as the programme reviews it.
public struct CompanyApplication: Sendable, Equatable {
    public let id: UUID
    public let state: CompanyApplicationState
    public let nameJa: String?
    public let nameEn: String?
    /// The company's name in kana (フリガナ), as stored; nil when not given. Kept when the applicant is anonymised.
    public let nameReading: String?
    public let corporateNumber: String?
    public let website: String?
    public let size: CompanySize
    public let offer: String
    /// Who applied; nil once anonymised (`anonymisedAt`), `decidedApplicationRetention` after the decision.
    public let applicant: CompanyApplicant?
    public let createdAt: Date
    public let confirmedAt: Date?
    public let decidedAt: Date?
    public let companyID: UUID?
    public let declineReason: String?
    public let anonymisedAt: Date?

    static let columns: SQLFragment = """
        id, state, name_ja, name_en, name_reading, corporate_number, website, size, offer, applicant_name, email, department, created_at,
        confirmed_at, decided_at, company_id, decline_reason, anonymised_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        state = CompanyApplicationState(rawValue: try row.decode("state")) ?? .unconfirmed
        nameJa = try row.decode("name_ja")
        nameEn = try row.decode("name_en")
        nameReading = try row.decode("name_reading")
        corporateNumber = try row.decode("corporate_number")
        website = try row.decode("website")
        size = CompanySize(rawValue: try row.decode("size")) ?? .sme
        offer = try row.decode("offer")
        let name: String? = try row.decode("applicant_name")
        let email: String? = try row.decode("email")
        // Both or neither (migration 0128's CHECK).
        applicant = try name.flatMap { name in try email.map { CompanyApplicant(name: name, email: $0, department: try row.decode("department")) } }
        createdAt = try row.decode("created_at")
        confirmedAt = try row.decode("confirmed_at")
        decidedAt = try row.decode("decided_at")
        companyID = try row.decode("company_id")
        declineReason = try row.decode("decline_reason")
        anonymisedAt = try row.decode("anonymised_at")
    }
}

/// The person who applied to join, as long as the application keeps them (migration 0128).
public struct CompanyApplicant: Sendable, Equatable {
    public let name: String
    public let email: String
    public let department: String?
}

/// A confirmation link as issued, for its mail: `token` is the only copy of the secret.
public struct CompanyApplicationLink: Sendable {
    public let token: String
    public let email: String
    public let applicantName: String
    public let expiresAt: Date
}

/// A company asks to join Domino (signup31). The public form stores the application `unconfirmed` and mails a link
/// (32 random bytes, only their SHA-256 digest stored, 3 days, once) that makes it `waiting`; an administrator then
/// approves it (the company created, or an existing one picked, and the applicant's user invited, in one transaction)
/// or declines it with a reason the applicant receives. The mails are the caller's (`send`), queued in the
/// transaction that causes them.
extension CompanyService {
    public static let applicationLinkLifetime: TimeInterval = 3 * 86400
    /// Confirmation mails one open application gets (a second form for the same address sends the link again).
    public static let applicationLinksPerAddress = 3
    static let applicationLinkPrefix = "dma_"
    public static let declineReasonLimit = 2000

    /// Stores the application and mails its confirmation link, or, when the address has an application open already,
    /// makes no second row: an unconfirmed one takes the new values and a new link (at most
    /// `applicationLinksPerAddress` links), a confirmed one waiting for the programme is left as it is and nothing is
    /// mailed. The caller answers the same page in every case. `CompaniesError.invalid` lists the refused fields.
    public func submitApplication(
        _ draft: CompanyApplicationDraft, now: Date, send: @Sendable (CompanyApplicationLink, PostgresConnection) async throws -> Void
    ) async throws {
        let problems = draft.problems()
        guard problems.isEmpty, let size = draft.size else { throw CompaniesError.invalid(problems) }
        let email = draft.email.trimmed.lowercased()
        try await pool.transaction { db in
            try await db.execute("SELECT pg_advisory_xact_lock(hashtextextended(\("company-application " + email), 0))")
            let open = try await db.query("""
                SELECT id, state, links_sent, link_expires_at > \(now) AS live FROM company_applications
                WHERE email = \(email) AND state IN ('unconfirmed', 'waiting') FOR UPDATE
                """).first
            let bytes: Data = try await db.query("SELECT gen_random_bytes(32) AS secret")[0].decode("secret")
            let expiresAt = now.addingTimeInterval(Self.applicationLinkLifetime)
            if let open {
                guard try open.decode("state", as: String.self) == "unconfirmed" else { return }
                let live: Bool = try open.decode("live")
                let linksSent: Int = try open.decode("links_sent")
                let openID: UUID = try open.decode("id")
                let sent = live ? linksSent : 0
                guard sent < Self.applicationLinksPerAddress else { return }
                try await db.execute("""
                    UPDATE company_applications SET name_ja = \(draft.nameJa), name_en = \(draft.nameEn), name_reading = \(draft.storedReading),
                        corporate_number = \(draft.corporateNumber), website = \(draft.website), size = \(size.rawValue), offer = \(draft.offer),
                        applicant_name = \(draft.applicantName), department = \(draft.department), consented_at = \(now),
                        token_digest = sha256(\(bytes)), link_expires_at = \(expiresAt), links_sent = \(sent + 1)
                    WHERE id = \(openID)
                    """)
            } else {
                try await db.execute("""
                    INSERT INTO company_applications (state, name_ja, name_en, name_reading, corporate_number, website, size, offer,
                        applicant_name, email, department, consented_at, token_digest, link_expires_at, created_at)
                    VALUES ('unconfirmed', \(draft.nameJa), \(draft.nameEn), \(draft.storedReading), \(draft.corporateNumber), \(draft.website),
                        \(size.rawValue), \(draft.offer), \(draft.applicantName), \(email), \(draft.department), \(now), sha256(\(bytes)),
                        \(expiresAt), \(now))
                    """)
            }
            let link = CompanyApplicationLink(
                token: Self.applicationLinkPrefix + bytes.base64URLEncoded, email: email, applicantName: draft.applicantName, expiresAt: expiresAt)
            try await send(link, db)
        }
    }

    /// The secret bytes of a well-formed link token, nil for anything else (garbage never reaches the database).
    static func applicationLinkBytes(_ token: String) -> Data? {
        guard token.hasPrefix(applicationLinkPrefix) else { return nil }
        let body = String(token.dropFirst(applicationLinkPrefix.count))
        guard body.utf8.count == 43, let bytes = Data(base64URLEncoded: body), bytes.count == 32 else { return nil }
        return bytes
    }

    /// Whether the link may still confirm its application (unconfirmed, unexpired, not replaced by a newer link).
    public func applicationLinkIsValid(token: String, now: Date) async throws -> Bool {
        guard let bytes = Self.applicationLinkBytes(token) else { return false }
        return try await !pool.query("""
            SELECT 1 FROM company_applications WHERE token_digest = sha256(\(bytes)) AND state = 'unconfirmed' AND link_expires_at > \(now)
            """).isEmpty
    }

    /// Confirms the address: the application now waits for the programme. False when the link was used, expired or
    /// replaced meanwhile (nothing changes).
    public func confirmApplication(token: String, now: Date) async throws -> Bool {
        guard let bytes = Self.applicationLinkBytes(token) else { return false }
        return try await pool.execute("""
            UPDATE company_applications SET state = 'waiting', confirmed_at = \(now), token_digest = NULL
            WHERE token_digest = sha256(\(bytes)) AND state = 'unconfirmed' AND link_expires_at > \(now)
            """) == 1
    }

    /// Administrators review applications: approving one adds a user, which only they do.
    func requireApplicationReviewer(_ principal: Principal) throws(CompaniesError) {
        guard principal.role == .admin else { throw CompaniesError.forbidden("only an administrator reviews applications to join") }
    }

    /// Confirmed applications waiting for a decision, oldest first (at most `limit`), and how many wait in all.
    public func waitingApplications(limit: Int = 200, by principal: Principal) async throws -> (applications: [CompanyApplication], total: Int) {
        try requireApplicationReviewer(principal)
        return try await pool.withConnection { db in
            let rows = try await db.query("""
                SELECT \(CompanyApplication.columns) FROM company_applications WHERE state = 'waiting' ORDER BY confirmed_at, id LIMIT \(limit)
                """)
            let total: Int = try await db.query("SELECT count(*) AS n FROM company_applications WHERE state = 'waiting'")[0].decode("n")
            return (try rows.map(CompanyApplication.init(row:)), total)
        }
    }

    /// A confirmed application (waiting or decided) and the existing companies it probably is: the same 法人番号, or
    /// a name the duplicate finder matches (`company_duplicates`, docs/companies.md). Archived companies are among them,
    /// marked `archived`: one may be the applicant (its 法人番号 then stops a new company too), though none can be approved onto.
    public func application(_ id: UUID, by principal: Principal) async throws -> (application: CompanyApplication, likely: [CompanyDuplicate]) {
        try requireApplicationReviewer(principal)
        return try await pool.withConnection { db in
            guard let row = try await db.query("""
                SELECT \(CompanyApplication.columns) FROM company_applications WHERE id = \(id) AND state <> 'unconfirmed'
                """).first else { throw CompaniesError.notFound("application") }
            let application = try CompanyApplication(row: row)
            let likely = try await companies.duplicates(
                nameJa: application.nameJa, nameEn: application.nameEn, corporateNumber: application.corporateNumber, excluding: nil, on: db)
            return (application, likely)
        }
    }

    /// The refusal of an approval onto an archived company.
    public static let applicationOntoArchived = "is archived; restore it before approving onto it"

    /// The refusal of a decision on an application decided already (a second click, a stale page): nothing changes.
    public static let applicationDecided = "this application has been decided already"

    /// Locks a waiting application for its decision, in the decision's transaction, with its applicant (a waiting
    /// application always has one: only decided ones are anonymised, migration 0128).
    private func lockWaiting(_ id: UUID, on db: PostgresConnection) async throws -> (CompanyApplication, CompanyApplicant) {
        guard let row = try await db.query("""
            SELECT \(CompanyApplication.columns) FROM company_applications WHERE id = \(id) AND state <> 'unconfirmed' FOR UPDATE
            """).first else { throw CompaniesError.notFound("application") }
        let application = try CompanyApplication(row: row)
        guard application.state == CompanyApplicationState.waiting, let applicant = application.applicant else {
            throw CompaniesError.conflict(Self.applicationDecided, field: nil)
        }
        return (application, applicant)
    }

    /// Approves a waiting application in one transaction: the company is created from it (not on the showcase until
    /// the company opts in), or `existing` is the company the reviewer picked (given the application's name reading
    /// when it has none: `CompanyStore.fillReading`; a reading it has is the company's and stays); `addUser` then adds the applicant's
    /// user to that company on the same connection (the caller invites them); the decision is audited. A decided
    /// application is a `conflict`; an unknown or archived `existing` is refused on `company` (422), and the application
    /// keeps waiting: an archived company takes no new users until someone restores it.
    public func approveApplication(
        _ id: UUID, onto existing: UUID?, now: Date, by principal: Principal,
        addUser: @Sendable (CompanyApplicant, UUID, PostgresConnection) async throws -> Void
    ) async throws -> UUID {
        try requireApplicationReviewer(principal)
        return try await write(by: principal) { db in
            let (application, applicant) = try await lockWaiting(id, on: db)
            let companyID: UUID
            if let existing {
                // Locked, so that it cannot be archived between this check and the commit.
                guard let company = try await companies.find(existing, on: db, forUpdate: true) else {
                    throw CompaniesError.invalid([FieldError(field: "company", message: "is not a known company")])
                }
                guard !company.isArchived else {
                    throw CompaniesError.invalid([FieldError(field: "company", message: Self.applicationOntoArchived)])
                }
                if company.nameReading == nil, let reading = application.nameReading {
                    try await companies.fillReading(existing, reading, at: now, on: db)
                }
                companyID = existing
            } else {
                let draft = CompanyDraft(
                    nameJa: application.nameJa, nameEn: application.nameEn, corporateNumber: application.corporateNumber,
                    size: application.size, website: application.website, showcaseOptIn: false, nameReading: application.nameReading)
                try draft.validate()
                companyID = try await companies.insert(draft, at: now, on: db).id
            }
            try await db.execute("""
                UPDATE company_applications SET state = 'approved', decided_at = \(now), decided_by = \(principal.userID), company_id = \(companyID)
                WHERE id = \(id)
                """)
            try await AuditLog.record(
                on: db, actor: principal.userID, action: "company_application.approve", entity: "company_applications",
                entityID: id.uuidString.lowercased(),
                changes: ["companyId": companyID.uuidString.lowercased(), "company": existing == nil ? "created" : "existing"],
                requestID: AuditContext.requestID, at: now)
            try await addUser(applicant, companyID, db)
            return companyID
        }
    }

    /// Declines a waiting application with `reason`, which `send` mails to the applicant in the same transaction;
    /// audited. A decided application is a `conflict`; an empty or too long reason is refused on `reason`.
    public func declineApplication(
        _ id: UUID, reason: String, now: Date, by principal: Principal,
        send: @Sendable (CompanyApplication, CompanyApplicant, PostgresConnection) async throws -> Void
    ) async throws {
        try requireApplicationReviewer(principal)
        var validation = Validation()
        validation.required(reason, "reason", max: Self.declineReasonLimit)
        if !validation.errors.isEmpty { throw CompaniesError.invalid(validation.errors) }
        try await write(by: principal) { db in
            let (application, applicant) = try await lockWaiting(id, on: db)
            try await db.execute("""
                UPDATE company_applications SET state = 'declined', decided_at = \(now), decided_by = \(principal.userID), decline_reason = \(reason)
                WHERE id = \(id)
                """)
            try await AuditLog.record(
                on: db, actor: principal.userID, action: "company_application.decline", entity: "company_applications",
                entityID: id.uuidString.lowercased(), changes: ["state": "declined"], requestID: AuditContext.requestID, at: now)
            try await send(application, applicant, db)
        }
    }

    /// How long a decided application keeps its applicant's name, address and department: a year after the decision, long
    /// enough to answer the applicant or an audit about it; the decision, its dates, the reason and the company stay, and
    /// so does what the company sent about itself (names, name reading, 法人番号, website, size, offer).
    public static let decidedApplicationRetention: TimeInterval = 365 * 86_400

    /// Clears the applicant of every decided application whose decision is `decidedApplicationRetention` old at `now` (the
    /// programme clock's), stamping `anonymised_at`; run nightly with the accounts' prune. No audit entry holds an applicant
    /// (the decisions' entries name the state and company only), so nothing else is redacted. Returns how many.
    @discardableResult
    public func anonymiseDecidedApplications(now: Date) async throws -> Int {
        let decidedBefore = now.addingTimeInterval(-Self.decidedApplicationRetention)
        return try await pool.execute("""
            UPDATE company_applications SET applicant_name = NULL, email = NULL, department = NULL, anonymised_at = \(now)
            WHERE state IN ('approved', 'declined') AND anonymised_at IS NULL AND decided_at <= \(decidedBefore)
            """)
    }

    /// Deletes unconfirmed applications whose link has expired (nobody confirmed the address, so nobody asked);
    /// run nightly with the accounts' prune.
    @discardableResult
    public func pruneUnconfirmedApplications(now: Date) async throws -> Int {
        try await pool.execute("DELETE FROM company_applications WHERE state = 'unconfirmed' AND link_expires_at <= \(now)")
    }
}
