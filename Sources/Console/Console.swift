public import Accounts
public import Cities
public import Companies
public import Conventions
public import Coordinators
public import DomainKit
import FoundationEssentials
public import HTTPServer
public import Jobs
public import Mail
public import KPI
public import Matches
public import Notifications
public import Postgres

/// The web console (docs/console.md): server-rendered pages for the people of the programme, on the
/// same server as the API and calling the same domain services with the same principal. A page may be
/// opened only by roles that every API operation it calls allows (`Page.operations`), so the console
/// can never be a looser path than the API; object-level rules stay in the services.
public struct Console: Sendable {
    /// The domain services, the same values the API routes use.
    public struct Services: Sendable {
        let accounts: AccountService
        let cities: CityService
        let companies: CompanyService
        let coordinators: CoordinatorService
        let matches: MatchService
        let kpi: KPIService
        let conventions: ConventionService
        /// The revenue ledger behind the self-funding figures (admins record and reverse entries).
        let revenue: RevenueLedger
        /// The queue's administration (the background jobs pages).
        let jobs: JobAdmin
        /// Webhook and chat endpoints with their delivery log, and the outgoing mail's log.
        let notifications: NotificationService
        let mail: MailDeliveryLog

        public init(
            accounts: AccountService, cities: CityService, companies: CompanyService, coordinators: CoordinatorService,
            matches: MatchService, kpi: KPIService, conventions: ConventionService, revenue: RevenueLedger, jobs: JobAdmin,
            notifications: NotificationService, mail: MailDeliveryLog
        ) {
            self.accounts = accounts
            self.cities = cities
            self.companies = companies
            self.coordinators = coordinators
            self.matches = matches
            self.kpi = kpi
            self.conventions = conventions
            self.revenue = revenue
            self.jobs = jobs
            self.notifications = notifications
            self.mail = mail
        }
    }

    let services: Services
    let sessions: ConsoleSessions
    /// Each API operation's access rule, by operation id, read from the API's own route table.
    let apiAccess: [String: Access]
    /// The programme's one clock: session expiry, "this month", "this fiscal year".
    let clock: ProgrammeClock
    let trustProxy: Bool
    /// The origin people reach the console at (`DOMINO_PUBLIC_URL`, as in the mails' links), when configured:
    /// addresses to share (an event's public registration page) are shown in full, else as paths.
    let publicURL: String?
    /// The public registration form's limit per client address.
    let publicAttempts: PublicAttempts
    /// One answer per form submission id (`FormSubmission`).
    let submissions: IdempotencyRecords
    /// `pages`, built once: building the table (closures, parsed path templates) on every request cost
    /// a tenth of a page's time in the benchmark's profile.
    private(set) var pageTable: [Page] = []
    /// Each role's header navigation, decided from `pageTable` (`Console.headerByRole`).
    private(set) var headerByRole: [Role: [Layout.HeaderEntry]] = [:]
    /// Told of every error a page did not expect (a 500), and of a request stopped by a time limit (a 503,
    /// DomainKit `TimeLimit`), with the request id, so the log says which bug or which limit as the API's does
    /// (STYLE.md): the person sees only the reference.
    let report: @Sendable (_ error: any Error, _ requestID: String) -> Void

    public init(
        services: Services, pool: PostgresPool, apiRoutes: [Route], clock: ProgrammeClock, trustProxy: Bool, publicURL: String? = nil,
        report: @escaping @Sendable (_ error: any Error, _ requestID: String) -> Void = { _, _ in }
    ) {
        self.services = services
        self.report = report
        sessions = ConsoleSessions(pool: pool)
        apiAccess = Dictionary(apiRoutes.map { ($0.operationID, $0.access) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
        self.trustProxy = trustProxy
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        publicAttempts = PublicAttempts(pool: pool, limit: PublicAttempts.defaultLimit, window: PublicAttempts.defaultWindow)
        submissions = IdempotencyRecords(pool: pool)
        pageTable = pages
        headerByRole = Self.headerByRole(self)
    }

    /// Paths of the console: everything that is not the API (`/v1`) or an operational route.
    public static func serves(path: String) -> Bool {
        !(path == "/v1" || path.hasPrefix("/v1/") || ["/healthz", "/readyz", "/metrics"].contains(path))
    }

    /// Roles that may open `page`: those every operation it calls admits. An operation id the API does
    /// not have admits nobody, so a typo closes the page instead of opening it.
    func roles(for page: Page) -> Set<Role> {
        page.operations.reduce(Set(Role.allCases)) { roles, operation in
            guard case .roles(let allowed, _)? = apiAccess[operation] else {
                return apiAccess[operation] == .anonymous ? roles : []
            }
            return roles.intersection(allowed)
        }
    }

    /// Whether `role` may open the console page `template` ("/leads/{id}"): a page links to another only
    /// when the reader may follow the link (a viewer reads the KPI records but not the leads behind them).
    func mayOpen(_ role: Role, _ template: String, method: HTTPMethod = .get) -> Bool {
        pageTable.contains { $0.method == method && $0.template.description == template && roles(for: $0).contains(role) }
    }

    /// Whether `role` may call the API operation `operation` (pages show a section only when it may).
    func allows(_ role: Role, _ operation: String) -> Bool {
        guard case .roles(let allowed, _)? = apiAccess[operation] else { return false }
        return allowed.contains(role)
    }

    /// The response, and the template of the page that answered (nil when none matched), which
    /// metrics and the access log use as the route label.
    public func respond(to request: HTTPRequest, clientAddress: String, requestID: String) async -> (response: HTTPResponse, page: String?) {
        var (response, page) = await dispatch(request, clientAddress: clientAddress, requestID: requestID)
        SecurityHeaders.apply(to: &response.headers)
        return (response, page)
    }

    private func dispatch(_ request: HTTPRequest, clientAddress: String, requestID: String) async -> (HTTPResponse, String?) {
        // A post from another site arrives without our cookies, the language's included: its refusal is
        // written in the language the browser's own list prefers (Language+AcceptLanguage).
        let language = request.method == .post && PostOrigin(request) == .otherSite
            ? Language.preferred(by: request) : Language(rawValue: Cookies.value(Language.cookieName, in: request) ?? "") ?? .ja
        let secure = trustProxy && request.headers["x-forwarded-proto"]?.lowercased() == "https"
        if request.method == .get, let asset = Asset.all.first(where: { $0.path == request.path }) {
            return (asset.response, "/assets/{name}")
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true)
        var methodMatched = false
        for page in pageTable {
            guard let parameters = page.template.match(segments) else { continue }
            guard page.method == request.method else {
                methodMatched = true
                continue
            }
            let contentType = request.headers["content-type"] ?? ""
            var form = request.method == .post && contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
                ? ConsoleRequest.decodeForm(request.body) : []
            var files: [Multipart.Part] = []
            // A POST body the console cannot read as a form, or whose fields are not text (sturdy28).
            var unreadable: ConsoleError? = request.method != .post || request.body.isEmpty ? nil : .unreadableForm
            if request.method == .post, contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
                unreadable = ConsoleRequest.formIsText(request.body) ? nil : .formNotText
            }
            if request.method == .post, let boundary = Multipart.boundary(of: contentType), let multipart = Multipart(request.body, boundary: boundary) {
                (form, files) = (multipart.fields, multipart.parts.filter { $0.filename != nil })
                let text = multipart.parts.allSatisfy { $0.filename != nil || String(validating: $0.bytes, as: UTF8.self) != nil }
                unreadable = text ? nil : .formNotText
            }
            var context = ConsoleRequest(
                http: request, parameters: parameters, language: language, session: nil, requestID: requestID,
                clientAddress: clientAddress, secure: secure, now: clock.now(), form: form, files: files)
            if request.method == .post { context.formPage = formPage(of: segments) }
            // Before the session, the form's token or any handler: a forged post writes nothing and
            // reaches no sign-in page pre-filled (Console+CrossSite).
            if request.method == .post, PostOrigin(request) == .otherSite {
                return (errorPage(ConsoleError.crossSite, context), page.template.description)
            }
            do {
                if page.signedIn {
                    let session = try await signedIn(request, now: context.now)
                    context = context.with(session: session)
                    guard roles(for: page).contains(session.principal.role) else { throw ConsoleError.forbidden }
                    // After the role, as the API checks its query after authorization (QueryRefusal).
                    if request.method == .get, let refusal = QueryRefusal.first(in: request) { throw refusal }
                    if request.method == .post {
                        if let unreadable { throw unreadable }
                        guard let sent = context.formValue("_csrf"), constantTimeEqual(sent, session.csrf) else {
                            throw ConsoleError.badCSRF
                        }
                        if let field = page.repeatedScalar(in: form) { throw ConsoleError.repeatedField(field) }
                        return (try await submitOnce(page, context), page.template.description)
                    }
                }
                if let unreadable { throw unreadable }
                if request.method == .post, let field = page.repeatedScalar(in: form) { throw ConsoleError.repeatedField(field) }
                return (try await page.handler(self, context), page.template.description)
            } catch let error as ConsoleError where request.method == .post && page.signedIn && files.isEmpty && Self.sentFromOurPage(request) {
                // A form of ours sent after its session ended or changed: nothing typed is lost (Console+Resume).
                switch error {
                case .sessionExpired:
                    guard let resume = Self.resumeFields(path: request.path, form: form) else { return (errorPage(error, context), page.template.description) }
                    return (loginPage(context, email: "", error: nil, status: .unauthorized, cookies: [Cookies.clear(Cookies.session, secure: context.secure)],
                                      resume: resume), page.template.description)
                case .badCSRF:
                    guard let session = context.session, let fields = Self.resendableUnder(session, form) else {
                        return (errorPage(error, context), page.template.description)
                    }
                    return (resendOffer(context, path: request.path, fields: fields, status: .forbidden), page.template.description)
                default:
                    return (errorPage(error, context), page.template.description)
                }
            } catch {
                if request.method == .post, files.isEmpty, let refused = dataRefusalPage(error, context) { return (refused, page.template.description) }
                return (errorPage(error, context), page.template.description)
            }
        }
        let context = ConsoleRequest(
            http: request, parameters: [:], language: language, session: nil, requestID: requestID, clientAddress: clientAddress,
            secure: secure, now: clock.now(), form: [])
        if methodMatched { return (errorPage(ConsoleError.badRequest, context, status: 405), nil) }
        return (errorPage(ConsoleError.notFound, context), nil)
    }

    /// The page a form posted to `segments` belongs to: the path itself when a page answers GET there (a
    /// refused "/needs/new"), else its longest prefix that does ("/leads/{id}/activities" → "/leads/{id}").
    func formPage(of segments: [Substring]) -> String {
        var prefix = segments
        while !prefix.isEmpty {
            if pageTable.contains(where: { $0.method == .get && $0.template.match(prefix) != nil }) {
                return "/" + prefix.joined(separator: "/")
            }
            prefix.removeLast()
        }
        return "/"
    }

    /// The person behind the session cookie. The console session is touched first (idle and absolute
    /// expiry), then the Accounts token is authenticated as any bearer token is, so a revoked token or
    /// a disabled user ends the console session too.
    private func signedIn(_ request: HTTPRequest, now: Date) async throws -> SignedIn {
        guard let token = Cookies.value(Cookies.session, in: request) else { throw ConsoleError.signInRequired }
        guard let csrf = try await sessions.touch(token: token, now: now),
              let authentication = try await services.accounts.authentication(token: token),
              authentication.principal.scopes == nil, let user = authentication.account as? User else {
            throw ConsoleError.sessionExpired
        }
        return SignedIn(token: token, principal: authentication.principal, user: user, csrf: csrf, header: headerEntries(for: authentication.principal))
    }

    /// The header's entries for `principal`: those of its role (`headerByRole`), "My company" leading to the
    /// person's own company.
    func headerEntries(for principal: Principal) -> [Layout.HeaderEntry] {
        (headerByRole[principal.role] ?? []).compactMap { entry in
            guard entry.href == Layout.ownCompanyTemplate else { return entry }
            guard let company = principal.companyID else { return nil }
            return Layout.HeaderEntry(section: entry.section, href: "/companies/\(company.uuidString.lowercased())", label: entry.label)
        }
    }

    /// Each role's header: every one of `Layout.headerPages` the role may open (`mayOpen`, the one rule the home
    /// page's links follow too), built once with the page table. The pipeline is left to the leads list for a
    /// role that opens it; "My company" is for company staff (the directory is the others' way to a company).
    static func headerByRole(_ console: Console) -> [Role: [Layout.HeaderEntry]] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
            (role, Layout.headerPages.compactMap { section, template, label in
                guard console.mayOpen(role, template) else { return nil }
                if template == "/leads/pipeline", console.mayOpen(role, "/leads") { return nil }
                if template == Layout.ownCompanyTemplate, role != .company { return nil }
                return Layout.HeaderEntry(section: section, href: template, label: label)
            })
        })
    }

    /// Compares without stopping at the first difference, so timing does not reveal a prefix.
    func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension ConsoleRequest {
    func with(session: SignedIn) -> ConsoleRequest {
        ConsoleRequest(
            http: http, parameters: parameters, language: language, session: session, requestID: requestID,
            clientAddress: clientAddress, secure: secure, now: now, form: form, files: files, formPage: formPage)
    }
}

/// One console page: a method and path, the API operations whose services it calls (which decide the
/// roles that may open it), and its handler.
struct Page: Sendable {
    let method: HTTPMethod
    let template: PathTemplate
    let operations: [String]
    let signedIn: Bool
    /// What a POST repeated with the same submission id gets (`FormSubmission`).
    let repeated: FormSubmission.Repeat
    /// The form fields this page reads as lists (`ConsoleRequest.formValues`: checkbox groups, chosen rows).
    /// Any other field sent twice refuses the whole form (`repeatedScalar`, audit37).
    let lists: Set<String>
    let handler: @Sendable (Console, ConsoleRequest) async throws -> HTTPResponse

    init(
        _ method: HTTPMethod, _ path: String, operations: [String], signedIn: Bool = true, repeated: FormSubmission.Repeat = .replaysAnswer,
        lists: Set<String> = [], handler: @escaping @Sendable (Console, ConsoleRequest) async throws -> HTTPResponse
    ) {
        self.method = method
        template = PathTemplate(path)
        self.operations = operations
        self.signedIn = signedIn
        self.repeated = repeated
        self.lists = lists
        self.handler = handler
    }

    /// The first field of `form` sent more than once that this page does not read as a list, or nil. The sign-in
    /// form's carried fields (`Console.resumeFieldPrefix`) are any page's, lists included; they are checked again
    /// when sent to their own page.
    func repeatedScalar(in form: [(name: String, value: String)]) -> String? {
        var seen: Set<String> = []
        for field in form where !lists.contains(field.name) && !field.name.hasPrefix(Console.resumeFieldPrefix) {
            guard seen.insert(field.name).inserted else { return field.name }
        }
        return nil
    }
}
