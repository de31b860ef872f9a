public import FoundationEssentials

/// One numbered SQL file from `Migrations/`, e.g. `0003_cities.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    public var fileName: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }
}

/// Applies migrations in order, each in its own transaction, recording a SHA-256 checksum computed by
/// PostgreSQL itself. A session-level advisory lock serialises processes that start together; an
/// applied file whose text changed is refused by name, because the database no longer matches it.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// `pg_advisory_lock` key: any constant that no other advisory-lock user in the database shares.
    static let lockKey: Int64 = 0x646F_6D69_6E6F_6D31

    public init(migrations: [Migration]) throws(PostgresError) {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw PostgresError(.migration, "two migrations share version \(next.version): \(previous.fileName) and \(next.fileName)")
        }
        self.migrations = sorted
    }

    /// Reads `NNNN_name.sql` files from a directory; any other file there is an error, not ignored.
    public init(directory: String) throws(PostgresError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw PostgresError(.migration, "cannot read the migrations directory \(directory)")
        }
        var migrations: [Migration] = []
        for fileName in names.sorted() where !fileName.hasPrefix(".") {
            let stem = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : ""
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), version > 0 else {
                throw PostgresError(.migration, "\(fileName) is not named NNNN_name.sql")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + fileName),
                  let sql = String(data: data, encoding: .utf8) else {
                throw PostgresError(.migration, "\(fileName) cannot be read as UTF-8")
            }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: sql))
        }
        try self.init(migrations: migrations)
    }

    public struct Status: Sendable, Equatable {
        public let migration: Migration
        public let appliedAt: Date?
    }

    /// Refuses a database that cannot hold or fold the programme's text: an encoding other than UTF8 loses
    /// Japanese, and a `C` character type makes `lower()`, which every search and uniqueness rule folds
    /// with, fold ASCII letters only (a search for "école" would miss "ÉCOLE"). Checked by what `lower()`
    /// does, so an ICU or any other UTF-8 locale passes.
    static func requireTextSupport(_ connection: PostgresConnection) async throws {
        let row = try await connection.query("""
            SELECT pg_encoding_to_char(encoding) AS encoding, datctype FROM pg_database WHERE datname = current_database()
            """)[0]
        let encoding = try row.decode("encoding", as: String.self)
        let create = "create it with CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        guard encoding == "UTF8" else {
            throw PostgresError(.migration, "the database's encoding is \(encoding), and Domino's Japanese and English text needs UTF8: \(create)")
        }
        // Asked only of a UTF8 database: the letters cannot even be sent to one in another encoding.
        guard try await connection.query("SELECT lower('ÀÉΣ') = 'àéσ' AS folds")[0].decode("folds", as: Bool.self) else {
            let ctype = try row.decode("datctype", as: String.self)
            throw PostgresError(.migration, "the database's character type \(ctype) folds only ASCII letters in lower(), which every search uses: \(create)")
        }
    }

    /// Applies what is pending and returns it; safe to call from several processes at once.
    @discardableResult
    public func migrate(_ pool: PostgresPool) async throws -> [Migration] {
        try await pool.withConnection { connection in
            try await Self.requireTextSupport(connection)
            try await connection.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                let applied = try await appliedVersions(connection, create: true)
                var done: [Migration] = []
                for migration in migrations where applied[migration.version] == nil {
                    try await connection.transaction { transaction in
                        try await transaction.runScript(migration.sql)
                        try await transaction.execute("""
                            INSERT INTO schema_migrations (version, name, checksum)
                            VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                            """)
                    }
                    done.append(migration)
                }
                try await connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return done
            } catch {
                _ = try? await connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    public func status(_ pool: PostgresPool) async throws -> [Status] {
        try await pool.withConnection { connection in
            let applied = try await appliedVersions(connection)
            return migrations.map { Status(migration: $0, appliedAt: applied[$0.version]?.appliedAt) }
        }
    }

    /// True when every file is applied and none was edited: what `/readyz` asks.
    public func isCurrent(_ pool: PostgresPool) async throws -> Bool {
        try await status(pool).allSatisfy { $0.appliedAt != nil }
    }

    private struct Applied {
        let appliedAt: Date
    }

    /// Reads what is applied and refuses edited files. The checksums of all files are computed in one
    /// statement, so `/readyz` costs two round trips however many migrations there are.
    private func appliedVersions(_ connection: PostgresConnection, create: Bool = false) async throws -> [Int: Applied] {
        if create {
            try await connection.runScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY CHECK (version > 0),
                    name text NOT NULL,
                    checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        } else {
            let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
            guard try exists[0].decode("present", as: Bool.self) else { return [:] }
        }
        let rows = try await connection.query("SELECT version, checksum, applied_at FROM schema_migrations")
        let checksums = try await connection.query("""
            SELECT encode(sha256(convert_to(sql, 'UTF8')), 'hex') AS checksum
            FROM unnest(\(migrations.map(\.sql))::text[]) WITH ORDINALITY AS files (sql, position)
            ORDER BY position
            """).map { try $0.decode("checksum", as: String.self) }
        var applied: [Int: Applied] = [:]
        for row in rows {
            let version: Int = try row.decode("version")
            if let index = migrations.firstIndex(where: { $0.version == version }),
               checksums[index] != (try row.decode("checksum", as: String.self)) {
                throw PostgresError(.migration, "\(migrations[index].fileName) was edited after it was applied; add a new migration instead")
            }
            applied[version] = Applied(appliedAt: try row.decode("applied_at"))
        }
        return applied
    }
}
