public import DomainKit
public import FoundationEssentials

public enum SessionType: String, Sendable, Codable, CaseIterable {
    case keynote, panel
    case studentPresentation = "student_presentation"
    case exhibition
    case businessMeetings = "business_meetings"
}

/// The writable fields of a session of an event.
public struct EventSessionDraft: Sendable, Codable, Equatable {
    public var type: SessionType
    public var titleJa: String?
    public var titleEn: String?
    public var startsAt: Date
    public var endsAt: Date
    /// The room at the venue, for sessions in person.
    public var room: String?
    /// The online room (Zoom, Teams), http or https.
    public var url: String?
    public var speakers: [String]?

    public init(
        type: SessionType, titleJa: String? = nil, titleEn: String? = nil, startsAt: Date, endsAt: Date, room: String? = nil,
        url: String? = nil, speakers: [String]? = nil
    ) {
        self.type = type
        self.titleJa = titleJa
        self.titleEn = titleEn
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.room = room
        self.url = url
        self.speakers = speakers
    }

    /// Every broken rule at once; a session lies within its event.
    func validate(within event: Event) throws(ConventionsError) {
        var validation = Validation()
        validation.atLeastOne(titleJa, titleEn, "titleJa", "titleEn")
        validation.optional(titleJa, "titleJa", max: Limit.title)
        validation.optional(titleEn, "titleEn", max: Limit.title)
        validation.optional(room, "room", max: Limit.room)
        validation.optional(url, "url", max: Limit.url)
        if let url {
            validation.check(url.hasPrefix("https://") || url.hasPrefix("http://"), "url", "must start with https:// or http://")
        }
        validation.list(speakers ?? [], "speakers", maxItems: Limit.speakers, maxLength: Limit.name)
        validation.check(endsAt > startsAt, "endsAt", "must be after startsAt")
        validation.date(startsAt, "startsAt")
        validation.date(endsAt, "endsAt")
        validation.check(startsAt >= event.startsAt && endsAt <= event.endsAt, "startsAt", "the session must lie within the event's dates")
        try validation.validate(as: ConventionsError.self)
    }
}

/// A session of an event, as stored.
public struct EventSession: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let eventId: UUID
    public let type: SessionType
    public let titleJa: String?
    public let titleEn: String?
    public let startsAt: Date
    public let endsAt: Date
    public let room: String?
    public let url: String?
    public let speakers: [String]
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public var draft: EventSessionDraft {
        EventSessionDraft(type: type, titleJa: titleJa, titleEn: titleEn, startsAt: startsAt, endsAt: endsAt, room: room, url: url, speakers: speakers)
    }
}

extension EventSessionDraft: TrimmedText {}
