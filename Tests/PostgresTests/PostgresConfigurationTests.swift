import Postgres
import Testing

@Suite("Database URLs")
struct PostgresConfigurationTests {
    @Test("a full URL yields libpq keywords with decoded credentials")
    func fullURL() throws {
        let configuration = try PostgresConfiguration(url: "postgres://app:p%40ss%3Aword@db.example:6543/domino?sslmode=require")
        #expect(configuration.value(of: "user") == "app")
        #expect(configuration.value(of: "password") == "p@ss:word")
        #expect(configuration.value(of: "host") == "db.example")
        #expect(configuration.value(of: "port") == "6543")
        #expect(configuration.value(of: "dbname") == "domino")
        #expect(configuration.value(of: "sslmode") == "require")
    }

    @Test("a unix-socket host comes from the query string")
    func unixSocket() throws {
        let configuration = try PostgresConfiguration(url: "postgresql:///domino?host=/var/run/postgresql")
        #expect(configuration.value(of: "host") == "/var/run/postgresql")
        #expect(configuration.value(of: "dbname") == "domino")
    }

    @Test("the description never shows the password")
    func redacted() throws {
        let configuration = try PostgresConfiguration(url: "postgres://app:secret@localhost/domino")
        #expect(!configuration.description.contains("secret"))
        #expect(configuration.description.contains("password=***"))
    }

    @Test("other schemes are refused")
    func badScheme() {
        #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "mysql://localhost/db") }
    }
}
