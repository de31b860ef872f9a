public import DomainKit
public import FoundationEssentials

public enum MeetingRequestStatus: String, Sendable, Codable, CaseIterable {
    case requested, accepted, declined
}

/// The body of `POST /v1/events/{id}/meeting-requests`: a registered participant asks to meet a company.
public struct MeetingRequestDraft: Sendable, Codable, Equatable {
    public var participantId: UUID
    public var companyId: UUID
    public var message: String?

    public init(participantId: UUID, companyId: UUID, message: String? = nil) {
        self.participantId = participantId
        self.companyId = companyId
        self.message = message
    }
}

/// The body of `POST /v1/meeting-requests/{id}/decision`.
public struct MeetingDecision: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable { case accepted, declined }
    public var decision: Outcome

    public init(decision: Outcome) { self.decision = decision }
}

public struct MeetingRequest: Sendable, Equatable, Encodable {
    public let id: UUID
    public let eventId: UUID
    public let participantId: UUID
    public let companyId: UUID
    public let message: String?
    public let status: MeetingRequestStatus
    public let decidedAt: Date?
    /// The business-match record created on acceptance, once the Matches module is wired.
    public let businessMatchId: UUID?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
}

/// What the Matches module needs to record a business match with channel `convention`.
public struct AcceptedMeeting: Sendable, Equatable {
    public let meetingRequestID: UUID
    public let eventID: UUID
    public let participantID: UUID
    public let companyID: UUID
    public let acceptedBy: UUID
    public let acceptedAt: Date
    /// Always `convention`: the programme's channel for matches made at its events.
    public let channel = "convention"
}

extension MeetingRequestDraft: TrimmedText {}
