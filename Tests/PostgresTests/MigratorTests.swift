import Glibc
import Postgres
import TestSupport
import Testing

@Suite("Migrations")
struct MigratorTests {
    let migrations = [
        Migration(version: 1, name: "first", sql: "CREATE TABLE first_table (id int PRIMARY KEY);"),
        Migration(version: 2, name: "second", sql: "CREATE TABLE second_table (id int PRIMARY KEY); INSERT INTO first_table VALUES (1);"),
    ]

    @Test("migrations apply in order once, and status reports them")
    func appliesOnce() async throws {
        let pool = TestDatabase.pool(try await TestDatabase.empty())
        let migrator = try Migrator(migrations: migrations)
        #expect(try await migrator.migrate(pool).map(\.version) == [1, 2])
        #expect(try await migrator.migrate(pool).isEmpty)
        #expect(try await migrator.isCurrent(pool))
        #expect(try await pool.query("SELECT count(*) AS n FROM first_table")[0].decode("n", as: Int.self) == 1)
    }

    @Test("two migrators racing apply each migration exactly once")
    func racing() async throws {
        let configuration = try await TestDatabase.empty()
        let migrator = try Migrator(migrations: migrations)
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let pool = TestDatabase.pool(configuration)
                    defer { pool.close() }
                    return try await migrator.migrate(pool).count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(applied == 2)
    }

    @Test("an edited, already-applied migration is refused by name")
    func editedRefused() async throws {
        let pool = TestDatabase.pool(try await TestDatabase.empty())
        try await Migrator(migrations: migrations).migrate(pool)
        var edited = migrations
        edited[0] = Migration(version: 1, name: "first", sql: "CREATE TABLE first_table (id bigint PRIMARY KEY);")
        let error = await #expect(throws: PostgresError.self) { try await Migrator(migrations: edited).migrate(pool) }
        #expect(error?.kind == .migration)
        #expect(error?.message.contains("0001_first.sql") == true)
    }

    @Test("a failing migration leaves nothing half-applied")
    func failingMigrationRollsBack() async throws {
        let pool = TestDatabase.pool(try await TestDatabase.empty())
        let broken = migrations + [Migration(version: 3, name: "broken", sql: "CREATE TABLE third (id int); SELECT 1/0;")]
        await #expect(throws: PostgresError.self) { try await Migrator(migrations: broken).migrate(pool) }
        let exists = try await pool.query("SELECT to_regclass('third') IS NOT NULL AS present")[0]
        #expect(try exists.decode("present", as: Bool.self) == false)
        #expect(try await Migrator(migrations: migrations).isCurrent(pool))
    }

    @Test("the project's own migrations apply to an empty database")
    func projectMigrations() async throws {
        let pool = TestDatabase.pool(try await TestDatabase.empty())
        let migrator = try Migrator(directory: TestDatabase.migrationsDirectory)
        try await migrator.migrate(pool)
        #expect(try await migrator.isCurrent(pool))
    }

    @Test("a database that cannot hold or fold the programme's text is refused before anything is applied, naming what to create instead")
    func textSupportRequired() async throws {
        let server = try await TestDatabase.serverConfiguration()
        let admin = TestDatabase.pool(server, maximumConnections: 1)
        defer { admin.close() }
        let suffix = "\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let cases = [
            ("domino_ctype_c_\(suffix)", "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", "character type C folds only ASCII letters"),
            ("domino_latin1_\(suffix)", "ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'", "encoding is LATIN1"),
        ]
        for (name, options, refusal) in cases {
            // Identifiers cannot be parameters; the name is made here.
            try await admin.withConnection { try await $0.runScript("CREATE DATABASE \(name) TEMPLATE template0 \(options)") }
            let pool = TestDatabase.pool(server.with("dbname", name))
            let error = await #expect(throws: PostgresError.self) { try await Migrator(migrations: migrations).migrate(pool) }
            #expect(error?.kind == .migration)
            #expect(error?.message.contains(refusal) == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("LC_CTYPE 'C.UTF-8'") == true)
            let tables = try await pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")
            #expect(try tables[0].decode("n", as: Int.self) == 0)
            pool.close()
            try await admin.withConnection { try await $0.runScript("DROP DATABASE \(name)") }
        }
    }
}
