public import DomainKit

public struct KPITarget: Sendable, Codable, Equatable {
    public let code: String
    public let fiscalYear: Int
    public let target: Int
    public let version: Int
}

extension KPITarget: Versioned {
    /// A PUT of the target as stored writes nothing (DomainKit `Versioned.saving`).
    public var draft: KPITargetDraft { KPITargetDraft(target: target) }
}

public struct KPIClose: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let reported: [String: Int]
}

public struct KPIRestatementDraft: Sendable, Codable {
    public var code: String?
    public var fiscalYear: Int?
    public var count: Int?
    public var reason: String?

    public init(code: String? = nil, fiscalYear: Int? = nil, count: Int? = nil, reason: String? = nil) {
        self.code = code
        self.fiscalYear = fiscalYear
        self.count = count
        self.reason = reason
    }
}

public struct KPIRestatement: Sendable, Codable, Equatable {
    public let code: String
    public let fiscalYear: Int
    public let count: Int
    public let reason: String
}

public struct KPITargetDraft: Sendable, Equatable, Codable {
    public var target: Int?

    public init(target: Int? = nil) {
        self.target = target
    }
}

extension KPIRestatementDraft: TrimmedText {}
