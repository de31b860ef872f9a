/// Where and how to connect. Built from a URL (`postgres://user:pass@host:port/db?sslmode=require`,
/// `postgres:///db?host=/var/run/postgresql` for a unix socket) or from libpq keyword pairs; handed to
/// libpq as keyword/value arrays, so no connection string is ever assembled from user input.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    public var parameters: [(key: String, value: String)]
    /// Applied to every new connection; a query may ask for its own with `timeout:`.
    public var statementTimeout: Duration?
    public var applicationName: String

    public init(
        parameters: [(key: String, value: String)], statementTimeout: Duration? = .seconds(30),
        applicationName: String = "domino"
    ) {
        self.parameters = parameters
        self.statementTimeout = statementTimeout
        self.applicationName = applicationName
    }

    /// Parses a `postgres://` or `postgresql://` URL; percent-escapes in user, password and database are decoded.
    public init(url: String, statementTimeout: Duration? = .seconds(30), applicationName: String = "domino") throws {
        let scheme = url.prefix { $0 != ":" }
        guard ["postgres", "postgresql"].contains(scheme.lowercased()), url.dropFirst(scheme.count).hasPrefix("://") else {
            throw PostgresError(.connectionFailed, "the database URL must start with postgres:// or postgresql://")
        }
        var rest = url.dropFirst(scheme.count + 3)
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var pairs: [(key: String, value: String)] = []
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                pairs.append(("user", try Self.percentDecoded(credentials[..<colon])))
                pairs.append(("password", try Self.percentDecoded(credentials[credentials.index(after: colon)...])))
            } else if !credentials.isEmpty {
                pairs.append(("user", try Self.percentDecoded(credentials)))
            }
        }
        if !rest.isEmpty {
            // A bracketed IPv6 host keeps its colons; the port follows the closing bracket.
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                pairs.append(("host", String(rest[rest.index(after: rest.startIndex)..<close])))
                let after = rest[rest.index(after: close)...]
                if after.hasPrefix(":") { pairs.append(("port", String(after.dropFirst()))) }
            } else if let colon = rest.lastIndex(of: ":") {
                pairs.append(("host", try Self.percentDecoded(rest[..<colon])))
                pairs.append(("port", String(rest[rest.index(after: colon)...])))
            } else {
                pairs.append(("host", try Self.percentDecoded(rest)))
            }
        }
        if !path.isEmpty { pairs.append(("dbname", try Self.percentDecoded(path))) }
        for item in query.split(separator: "&") where !item.isEmpty {
            let keyValue = item.split(separator: "=", maxSplits: 1)
            let key = try Self.percentDecoded(keyValue[0])
            let value = keyValue.count > 1 ? try Self.percentDecoded(keyValue[1]) : ""
            pairs.removeAll { $0.key == key }
            pairs.append((key, value))
        }
        self.init(parameters: pairs, statementTimeout: statementTimeout, applicationName: applicationName)
    }

    public func value(of key: String) -> String? {
        parameters.last { $0.key == key }?.value
    }

    /// The configuration with one parameter replaced (for example another `dbname` in tests).
    public func with(_ key: String, _ value: String) -> PostgresConfiguration {
        var copy = self
        copy.parameters.removeAll { $0.key == key }
        copy.parameters.append((key, value))
        return copy
    }

    /// Safe to log: the password is never shown.
    public var description: String {
        parameters.map { $0.key == "password" ? "password=***" : "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// The keyword pairs libpq receives, with the session settings Domino relies on: UTC timestamps in
    /// ISO text (decoding depends on it), UTF-8, and the default statement timeout.
    var connectionKeywords: [(key: String, value: String)] {
        var options = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c client_encoding=UTF8"
        if let statementTimeout {
            options += " -c statement_timeout=\(statementTimeout.milliseconds)"
        }
        var keywords = parameters.filter { $0.key != "options" }
        if let extra = value(of: "options") { options += " " + extra }
        keywords.append(("options", options))
        if value(of: "application_name") == nil { keywords.append(("application_name", applicationName)) }
        if value(of: "connect_timeout") == nil { keywords.append(("connect_timeout", "10")) }
        return keywords
    }

    private static func percentDecoded(_ text: Substring) throws -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw PostgresError(.connectionFailed, "the database URL has an invalid percent escape")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
