public import HTTPServer
public import Postgres

/// The composition root: the one place that wires the database, the routes and the server. The
/// executable and the end-to-end tests both call it, so tests exercise exactly what runs in production.
public struct Application: Sendable {
    public let configuration: AppConfiguration
    public let pool: PostgresPool
    public let migrator: Migrator
    public let log: Log

    public init(configuration: AppConfiguration, pool: PostgresPool? = nil) throws {
        self.configuration = configuration
        self.pool = pool ?? PostgresPool(
            configuration: configuration.database, options: .init(maximumConnections: configuration.poolSize))
        migrator = try Migrator(directory: configuration.migrationsDirectory)
        log = Log(minimum: configuration.logLevel)
    }

    /// The HTTP server with every route of the API.
    public func makeServer(port: Int? = nil) -> HTTPServer {
        var serverConfiguration = HTTPServer.Configuration(host: configuration.host, port: port ?? configuration.port)
        serverConfiguration.handlerTimeout = .seconds(30)
        let routes = OperationalRoutes(pool: pool, migrator: migrator)
        return HTTPServer(configuration: serverConfiguration) { request in
            await routes.respond(to: request)
        }
    }
}
