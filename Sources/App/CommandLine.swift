import Accounts
import DomainKit
import FoundationEssentials
import Glibc
import HTTPServer
import Matches
import Postgres

/// `domino <command>`: the one executable for serving, migrating and operating Domino. Bad usage
/// prints why and exits 2 (the shell convention for usage errors); failures exit 1.
public enum DominoCommandLine {
    public static let version = "0.1.0"

    static let usage = """
        Usage: domino <command> [options]

        Commands:
          serve                 Serve the HTTP API (migrations must be applied).
          worker                Run jobs (WORKER_QUEUES, WORKER_CONCURRENCY, …) until SIGTERM.
          dev                   Serve the HTTP API and run the worker in one process (local use).
          migrate               Apply pending migrations from DOMINO_MIGRATIONS (default ./Migrations).
          migrate status        List migrations and when each was applied.
          seed                  Load demo data (demo users; never on production) and print a demo token.
          user create --role ROLE --email EMAIL --name NAME
                                Create a user (bootstrap the first admin). The password is read from
                                DOMINO_USER_PASSWORD, or from the first line of standard input.
          version               Print the version.
          help                  Print this help.

        Configuration is read from the environment; see the README (DATABASE_URL, PORT, HOST, LOG_LEVEL, …).
        """

    public static func main(_ arguments: [String], environment: [String: String]) async -> Int32 {
        let status = await run(arguments, environment: environment)
        // Log lines still queued for stdout are written before the process exits.
        await LogSink.standardOutput.flush()
        return status
    }

    private static func run(_ arguments: [String], environment: [String: String]) async -> Int32 {
        let words = Array(arguments.dropFirst())
        // `user create`'s options, parsed once: refused here before anything starts, used below.
        let userCreation = words.starts(with: ["user", "create"]) ? UserCreation(words.dropFirst(2)) : nil
        if words.contains("--help") || words.contains("-h") || words.first == "help" {
            print(usage)
            return 0
        }
        switch words {
        case ["version"], ["--version"]:
            print("domino \(version)")
            return 0
        case ["serve"], ["worker"], ["dev"], ["migrate"], ["migrate", "status"], ["seed"]:
            break
        case let words where words.starts(with: ["user", "create"]):
            guard userCreation != nil else {
                return usageError("user create needs --role, --email and --name, each once")
            }
        case []:
            return usageError("a command is required")
        default:
            return usageError("unknown command or option: \(words.joined(separator: " "))")
        }
        do {
            let configuration = try AppConfiguration(environment: environment)
            if [["serve"], ["worker"], ["dev"]].contains(words) { try configuration.requireSecretsKey() }
            let application = try Application(configuration: configuration, clock: .system)
            if let request = userCreation {
                guard let password = environment["DOMINO_USER_PASSWORD"] ?? readLine(strippingNewline: true), !password.isEmpty else {
                    return usageError("give the password in DOMINO_USER_PASSWORD or on standard input")
                }
                let user = try await application.accounts.createUser(
                    NewUser(email: request.email, displayName: request.name, role: request.role, password: password), actor: nil)
                print("created \(user.role.rawValue) \(user.email) \(user.id.uuidString.lowercased())")
                return 0
            }
            switch words {
            case ["migrate"]:
                let applied = try await application.migrator.migrate(application.pool)
                print(applied.isEmpty ? "No pending migrations." : applied.map { "applied \($0.fileName)" }.joined(separator: "\n"))
            case ["seed"]:
                let token = try await seed(application)
                print("Demo users (password \(DemoData.password)): " + DemoData.users.map(\.email).joined(separator: ", "))
                print("Demo admin token: \(token)")
            case ["migrate", "status"]:
                for status in try await application.migrator.status(application.pool) {
                    print("\(status.migration.fileName)\t\(status.appliedAt.map { "applied \($0)" } ?? "pending")")
                }
            case ["worker"], ["dev"]:
                try await work(application, environment: environment, serveToo: words == ["dev"])
            default:
                try await serve(application)
            }
            return 0
        } catch {
            writeAll("domino: \(failureMessage(error))\n", to: STDERR_FILENO)
            return 1
        }
    }

    /// What `domino` prints after "domino: " when a command fails: why PostgreSQL could not be
    /// reached (libpq's reason), why a migration cannot be applied, a problem's detail with its
    /// fields, or the error's description.
    public static func failureMessage(_ error: any Error) -> String {
        if let database = error as? PostgresError, database.kind == .connectionFailed {
            return "cannot connect to PostgreSQL (DATABASE_URL): \(database.message)"
        }
        // The migrator's own words name the file and what to do.
        if let database = error as? PostgresError, database.kind == .migration { return database.message }
        if let convertible = error as? any ProblemConvertible {
            let problem = convertible.problem
            return problem.detail + (problem.errors ?? []).map { "\n  \($0.field): \($0.message)" }.joined()
        }
        return "\(error)"
    }

    /// `domino seed`: the demo users share a published password, so they are only created on a
    /// database without real users (none but the demo ones), or in development (issue 17, item 10).
    public static func seed(_ application: Application) async throws -> String {
        if !application.configuration.isDevelopment,
           try await application.accounts.hasUsers(besides: DemoData.users.map(\.email)) {
            throw ConfigurationError(
                variable: "DOMINO_ENV",
                message: "is not development and the database has real users: refusing to create demo users with a published password")
        }
        return try await application.loadDemoData()
    }

    private static func serve(_ application: Application) async throws {
        let server = application.makeServer()
        async let running: Void = server.runUntilTerminated(drainTimeout: application.configuration.shutdownGrace)
        let port = try await application.waitUntilListening(server)
        application.log(.info, "listening", ["host": application.configuration.host, "port": "\(port)"])
        // The matching index is built while the server already answers; a ranking that arrives first
        // waits for this same build. A failure is retried by the first ranking.
        do {
            try await application.matchIndex.build()
            let statistics = await application.matchIndex.statistics()
            application.log(.info, "matching index built", ["companies": "\(statistics.companies)"])
        } catch {
            application.log(.warning, "matching index not built", ["error": String(describing: type(of: error))])
        }
        try await running
        application.pool.close()
        application.log(.info, "stopped")
    }

    /// `--role admin --email a@example.com --name "Name"`, each exactly once, in any order.
    struct UserCreation {
        let role: Role
        let email: String
        let name: String

        init?(_ words: ArraySlice<String>) {
            var options: [String: String] = [:]
            var iterator = words.makeIterator()
            while let flag = iterator.next() {
                guard ["--role", "--email", "--name"].contains(flag), options[flag] == nil, let value = iterator.next() else { return nil }
                options[flag] = value
            }
            guard let roleText = options["--role"], let role = Role(rawValue: roleText),
                  let email = options["--email"], let name = options["--name"] else { return nil }
            self.role = role
            self.email = email
            self.name = name
        }
    }

    private static func usageError(_ message: String) -> Int32 {
        writeAll("domino: \(message)\n\n\(usage)\n", to: STDERR_FILENO)
        return 2
    }
}
