public import Accounts
import Cities
import Companies
import Console
import Coordinators
import Foundation
public import Conventions
import Jobs
import KPI
import Mail
import Notifications
public import Matches
public import DomainKit
public import HTTPServer
public import Postgres

/// The composition root: the one place that wires the database, the routes and the server. The
/// executable and the end-to-end tests both call it, so tests exercise exactly what runs in production.
public struct Application: Sendable {
    public let configuration: AppConfiguration
    public let pool: PostgresPool
    public let migrator: Migrator
    public let log: Log
    /// Governed by the access policy of `routes` (set at the end of `init`, once the table exists).
    public private(set) var accounts: AccountService
    /// The programme clock every service, job and route reads time from (ARCHITECTURE.md, Time).
    public let clock: ProgrammeClock
    /// This process's matching index, shared by every request (it keeps itself current).
    public let matchIndex: MatchIndex

    public init(configuration: AppConfiguration, pool: PostgresPool? = nil, clock: ProgrammeClock) throws {
        self.configuration = configuration
        self.clock = clock
        let pool = pool ?? PostgresPool(
            configuration: configuration.database, options: .init(maximumConnections: configuration.poolSize, acquireTimeout: configuration.poolWait))
        self.pool = pool
        migrator = try Migrator(directory: configuration.migrationsDirectory)
        log = Log(minimum: configuration.logLevel)
        accounts = AccountService(
            pool: pool, clock: clock,
            verifiedTokens: configuration.cachesVerifiedTokens ? VerifiedTokenCache(configuration: pool.configuration) : nil)
        matchIndex = MatchIndex(pool: pool)
        // The route closures built here capture the provisional service and are dropped; only their
        // access rules are read, and those do not depend on any service.
        accounts = accounts.governed(by: policy)
    }

    /// The whole access policy, read from the route table (docs/access-policy.md is its rendering).
    public var policy: AccessPolicy {
        AccessPolicy(routes: routes)
    }

    let metrics = Metrics()

    /// Every route of the API, in one table: what the server serves, what the OpenAPI test compares
    /// with docs/openapi.yaml, what the role × route test calls, and, through `policy`, the scopes
    /// each role's API keys may hold.
    public var routes: [Route] {
        OperationalRoutes(pool: pool, migrator: migrator, metrics: metrics, jobs: JobAdmin(pool: pool, clock: clock)).routes
            + AccountRoutes(service: accounts).routes
            + CityRoutes(service: CityService(pool: pool, clock: clock)).routes
            + CompanyRoutes(service: CompanyService(pool: pool, clock: clock)).routes
            + CoordinatorRoutes(service: CoordinatorService(
                pool: pool, cities: CityService(pool: pool, clock: clock), companies: CompanyService(pool: pool, clock: clock), clock: clock)).routes
            + ConventionRoutes(service: conventions).routes
            + JobRoutes(admin: JobAdmin(pool: pool, clock: clock)).routes
            + NotificationRoutes(service: NotificationService(pool: pool, secretsKey: configuration.secretsKey)).routes
            + MailRoutes(log: MailDeliveryLog(pool: pool, clock: clock)).routes
            + MatchRoutes(service: MatchService(pool: pool, index: matchIndex, clock: clock)).routes
            + KPIRoutes(service: KPIService(pool: pool, clock: clock), ledger: RevenueLedger(pool: pool, clock: clock)).routes
    }

    /// The Conventions service, wired to record an accepted meeting as a business match in the same transaction.
    public var conventions: ConventionService {
        ConventionService(pool: pool, clock: clock, recordBusinessMatch: { meeting, db in
            try await MatchService.recordConventionMeeting(
                company: meeting.companyID, meetingRequest: meeting.meetingRequestID, acceptedBy: meeting.acceptedBy,
                acceptedOn: CalendarDate(inJapanAt: meeting.acceptedAt), on: db)
        }, cancellationLinks: configuration.publicURL.map { CancellationLinks(baseURL: $0, key: configuration.secretsKey) })
    }

    /// The HTTP server with every route of the API.
    public func makeServer(port: Int? = nil) -> HTTPServer {
        var serverConfiguration = HTTPServer.Configuration(host: configuration.host, port: port ?? configuration.port)
        serverConfiguration.handlerTimeout = configuration.handlerTimeout
        serverConfiguration.clock = { [clock] in Int(clock.now().timeIntervalSince1970.rounded(.down)) }
        let router = Router(routes: routes)
        serverConfiguration.bodyLimit = { request in
            if case .matched(let route, _) = router.resolve(method: request.method, path: request.path), let limit = route.bodyLimit {
                return limit
            }
            if Console.serves(path: request.path), let limit = Console.bodyLimit(method: request.method, path: request.path) { return limit }
            return HTTPRequestParser.Limits().maxBodyBytes
        }
        let handler = APIHandler(
            router: router, authenticate: { [accounts] token, _ in try await accounts.authentication(token: token) },
            cors: CORSPolicy(allowedOrigins: configuration.corsAllowedOrigins),
            metrics: metrics, log: log, trustProxy: configuration.trustProxy, idempotency: IdempotencyKeys(pool: pool))
        let console = makeConsole(apiRoutes: router.routes)
        // A browser's upload over the limit, or a page out of time, gets the console's page; the API keeps
        // its problem+json.
        serverConfiguration.refusal = { request, status in
            guard Console.serves(path: request.path) else { return nil }
            return console.refusalPage(request, status: status, requestID: APIHandler.requestID(from: request))
        }
        return HTTPServer(configuration: serverConfiguration) { request in
            // The console answers everything outside the API (/v1) and the operational routes; the
            // console's session cookie is never read on the API side, which takes bearer tokens only.
            guard Console.serves(path: request.path) else { return await handler.respond(to: request) }
            return await handler.respondWithConsole(console, to: request)
        }
    }
}
