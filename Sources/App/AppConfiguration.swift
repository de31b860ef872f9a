import Accounts
public import Mail
public import Postgres

/// Everything the process reads from its environment, parsed once at start-up. A bad value stops the
/// process with a message naming the variable, instead of surfacing later as a confusing failure.
public struct AppConfiguration: Sendable {
    public var database: PostgresConfiguration
    public var poolSize: Int
    /// `DB_POOL_WAIT_MS`: how long a caller waits in line for a pool connection (opening one included) before
    /// its request gets a 503 or its job fails the attempt.
    public var poolWait: Duration = PostgresPool.Options().acquireTimeout
    public var host: String
    public var port: Int
    public var logLevel: LogLevel
    public var migrationsDirectory: String
    public var shutdownGrace: Duration
    /// Browser origins allowed to call the API (CORS); empty means none.
    public var corsAllowedOrigins: Set<String> = []
    /// `DOMINO_PUBLIC_URL`: the origin people reach the console at (`https://domino.example.jp`). The
    /// signed cancellation links in participants' messages point there; unset, messages carry no link. Outside
    /// development a process with a mail relay (`DOMINO_SMTP_HOST`) refuses to start without it.
    public var publicURL: String?
    /// Whether a proxy in front (nginx) appends the client's address to X-Forwarded-For.
    public var trustProxy = false
    /// Encrypts stored credentials (notification URLs, webhook secrets) with pgcrypto. Production sets
    /// `DOMINO_SECRETS_KEY`; the development default keeps `make run` and the tests working, and
    /// `serve`/`worker` refuse to run on it outside development (`requireSecretsKey()`).
    public var secretsKey = AppConfiguration.developmentSecretsKey
    public static let developmentSecretsKey = "domino-development-secrets-key"
    /// Whether `DOMINO_SECRETS_KEY` was given, rather than the published development default.
    public var secretsKeyGiven = false
    /// `DOMINO_ENV=development`: the only setting that allows the development secrets key and demo
    /// data on a database with real users. Anything else, or nothing, is treated as production.
    public var isDevelopment = false
    /// The SMTP relay and the sender (`DOMINO_SMTP_*`, `DOMINO_MAIL_*`; docs/operations.md "Mail relay").
    /// Without `DOMINO_SMTP_HOST` messages wait in the outbox.
    public var mail = MailConfiguration.unconfigured
    /// Reuse bearer tokens PostgreSQL verified until a revocation commits anywhere (Accounts,
    /// `VerifiedTokenCache`); `DOMINO_TOKEN_CACHE=off` asks the database on every request.
    public var cachesVerifiedTokens = true
    /// The longest a request's handler may run before the server answers 503 (HTTPServer's deadline).
    /// A test whose requests queue by design (thirty registrations taking turns on one event's lock)
    /// lifts it, so that its figures do not depend on how loaded the machine is.
    public var handlerTimeout: Duration = .seconds(30)
    /// `DOMINO_PASSWORD_COST`: bcrypt's cost for passwords stored from now on (Accounts; docs/accounts.md). Production's 12
    /// unless given; below 12 only with `DOMINO_ENV=development`, down to bcrypt's floor of 4, which the tests run at
    /// (TestSupport): one hash at 12 is about 250 ms of PostgreSQL's CPU, and the suite signs thousands of users in.
    public var passwordCost = AccountService.Configuration.productionPasswordCost
    /// The values `DOMINO_PASSWORD_COST` may take: bcrypt's floor up to 14 (four times production's work per login).
    public static let passwordCosts = AccountService.Configuration.minimumPasswordCost...14

    public static let defaultDatabaseURL = "postgres:///domino?host=/tmp"

    public init(
        database: PostgresConfiguration, poolSize: Int = 20, host: String = "127.0.0.1", port: Int = 8080,
        logLevel: LogLevel = .info, migrationsDirectory: String = "Migrations", shutdownGrace: Duration = .seconds(25)
    ) {
        self.database = database
        self.poolSize = poolSize
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.migrationsDirectory = migrationsDirectory
        self.shutdownGrace = shutdownGrace
    }

    /// Reads `DATABASE_URL`, `DB_POOL_SIZE`, `DB_POOL_WAIT_MS`, `DB_STATEMENT_TIMEOUT_MS`, `HOST`, `PORT`, `LOG_LEVEL`,
    /// `DOMINO_MIGRATIONS`, `SHUTDOWN_GRACE_SECONDS` and the `DOMINO_*` settings below (README, Configuration).
    public init(environment: [String: String]) throws(ConfigurationError) {
        func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let parsed = Int(text), range.contains(parsed) else {
                throw ConfigurationError(variable: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return parsed
        }
        let timeout = try integer("DB_STATEMENT_TIMEOUT_MS", default: 30_000, in: 100...3_600_000)
        let url = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultDatabaseURL
        let database: PostgresConfiguration
        do {
            database = try PostgresConfiguration(url: url, statementTimeout: .milliseconds(timeout))
        } catch {
            throw ConfigurationError(variable: "DATABASE_URL", message: (error as? PostgresError)?.message ?? "is not a valid URL")
        }
        let levelText = environment["LOG_LEVEL"] ?? "info"
        guard let level = LogLevel(rawValue: levelText.lowercased()) else {
            throw ConfigurationError(variable: "LOG_LEVEL", message: "must be one of debug, info, warning, error")
        }
        self.init(
            database: database,
            poolSize: try integer("DB_POOL_SIZE", default: 20, in: 1...500),
            host: environment["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            port: try integer("PORT", default: 8080, in: 0...65_535),
            logLevel: level,
            migrationsDirectory: environment["DOMINO_MIGRATIONS"].flatMap { $0.isEmpty ? nil : $0 } ?? "Migrations",
            shutdownGrace: .seconds(try integer("SHUTDOWN_GRACE_SECONDS", default: 25, in: 0...600))
        )
        poolWait = .milliseconds(try integer("DB_POOL_WAIT_MS", default: Int(poolWait / .milliseconds(1)), in: 100...3_600_000))
        if let key = environment["DOMINO_SECRETS_KEY"], !key.isEmpty {
            guard key.utf8.count >= 32 else { throw ConfigurationError(variable: "DOMINO_SECRETS_KEY", message: "must be at least 32 characters") }
            secretsKey = key
            secretsKeyGiven = true
        }
        isDevelopment = environment["DOMINO_ENV"] == "development"
        passwordCost = try integer("DOMINO_PASSWORD_COST", default: passwordCost, in: Self.passwordCosts)
        // Fail closed: a lower cost makes every password stored under it cheaper to guess from a stolen backup.
        if passwordCost < AccountService.Configuration.productionPasswordCost, !isDevelopment {
            throw ConfigurationError(
                variable: "DOMINO_PASSWORD_COST",
                message: "is \(passwordCost), below production's \(AccountService.Configuration.productionPasswordCost): passwords stored "
                    + "under it would be cheaper to guess from a stolen database. A lower cost is for development and tests only "
                    + "(DOMINO_ENV=development); on a server leave it unset")
        }
        do {
            mail = try MailConfiguration(environment: environment)
        } catch {
            throw ConfigurationError(variable: error.variable, message: error.message)
        }
        cachesVerifiedTokens = !["0", "off", "false", "no"].contains((environment["DOMINO_TOKEN_CACHE"] ?? "").lowercased())
        trustProxy = ["1", "true", "yes"].contains((environment["TRUST_PROXY"] ?? "").lowercased())
        if let url = environment["DOMINO_PUBLIC_URL"], !url.isEmpty {
            guard let origin = Self.origin(url) else {
                throw ConfigurationError(
                    variable: "DOMINO_PUBLIC_URL",
                    message: "must be an http(s) origin, scheme://host[:port] with no path, query, fragment or user info, like https://domino.example.jp")
            }
            publicURL = origin
        }
        // Fail closed (ops34): a relay that delivers mail whose links are bare paths ("/registrations/…") sends
        // participants links nobody can open. Development keeps working without it (run-dev.sh sets it anyway).
        if mail.relay != nil, publicURL == nil, !isDevelopment {
            throw ConfigurationError(
                variable: "DOMINO_PUBLIC_URL",
                message: "is not set but DOMINO_SMTP_HOST is: mail would carry links with no address to open. Set it to the origin "
                    + "people reach the console at, like https://domino.example.jp (or leave DOMINO_SMTP_HOST unset: mail then waits in the outbox)")
        }
        corsAllowedOrigins = Set((environment["CORS_ALLOWED_ORIGINS"] ?? "").split(separator: ",").map {
            String($0).filter { !$0.isWhitespace }
        }.filter { !$0.isEmpty })
    }
}

extension AppConfiguration {
    /// Fail closed (issue 17, item 9): without a real key, stored Slack/Teams URLs and webhook secrets
    /// would be encrypted with a constant published in this repository. Processes that write or read
    /// them (`serve`, `worker`, `dev`) call this first.
    public func requireSecretsKey() throws(ConfigurationError) {
        guard !secretsKeyGiven, !isDevelopment else { return }
        throw ConfigurationError(
            variable: "DOMINO_SECRETS_KEY",
            message: "is not set: refusing to encrypt stored secrets with the public development key. Set 32+ random characters "
                + "(e.g. `openssl rand -base64 48`), or DOMINO_ENV=development on a developer's machine")
    }
}

extension AppConfiguration {
    /// `scheme://host[:port]` of `text`, without the one trailing slash it may have, or nil for anything else.
    /// Links are built as `<origin>/registrations/…` and the console is served at the root, so a path would
    /// point mail at pages that do not exist, and user info would put a password in every participant's mail
    /// (RFC 6454, section 4: an origin is scheme, host and port only).
    static func origin(_ text: String) -> String? {
        let origin = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard origin.count <= 200, let separator = origin.firstRange(of: "://"),
              ["http", "https"].contains(origin[..<separator.lowerBound].lowercased()) else { return nil }
        var authority = origin[separator.upperBound...]
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            // An IPv6 literal (RFC 3986, section 3.2.2): hex digits, colons and dots inside the brackets.
            let literal = authority[authority.index(after: authority.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            authority = authority[authority.index(after: close)...]
        } else {
            // A name or an IPv4 address: labels of ASCII letters, digits and inner hyphens (RFC 1123, section 2.1), none
            // empty, so "https://.", "https://-" or a doubled dot is refused rather than put in every participant's mail.
            let host = authority.prefix { $0 != ":" }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.allSatisfy({ label in
                !label.isEmpty && label.first != "-" && label.last != "-" && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }) else { return nil }
            authority = authority[host.endIndex...]
        }
        if authority.isEmpty { return origin }
        guard authority.first == ":", let port = Int(authority.dropFirst()), authority.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              (1...65_535).contains(port) else { return nil }
        return origin
    }
}

public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let variable: String
    public let message: String
    public var description: String { "\(variable) \(message)" }
}
