public import DomainKit
import FoundationEssentials
import HTTPServer

/// The HTTP mapping of the Conventions module: parse the request, call `ConventionService`, shape the
/// response. Role rules are declared per route here; object-level rules (an organizer's own events, a
/// company's own requests, consent) live in the service, and a refusal there is a 404.
public struct ConventionRoutes: Sendable {
    let service: ConventionService

    public init(service: ConventionService) {
        self.service = service
    }

    static let read = Scope(resource: "conventions", action: .read)
    static let write = Scope(resource: "conventions", action: .write)
    static let managers: Set<Role> = [.admin, .organizer]
    static let staff: Set<Role> = [.admin, .coordinator, .organizer]

    public var routes: [Route] {
        [
            Route(.get, "/v1/universities", operationID: "listUniversities", access: .anyRole(scope: Self.read)) { context in
                try .json(Items(items: try await service.universities(by: try context.requirePrincipal())))
            },
            Route(.put, "/v1/universities/{id}", operationID: "putUniversity", access: .only(.admin, scope: Self.write), bodyLimit: 4096) { context in
                let (university, created) = try await service.putUniversity(
                    context.parameters["id"] ?? "", try context.decodeBody(), ifVersion: try context.optionalVersion(), by: try context.requirePrincipal())
                return try .json(university, status: created ? .created : .ok, version: university.version)
            },
            Route(.put, "/v1/universities/{id}/campuses/{campusId}", operationID: "putUniversityCampus", access: .only(.admin, scope: Self.write),
                  bodyLimit: 4096) { context in
                let (campus, created) = try await service.putCampus(
                    context.parameters["campusId"] ?? "", of: context.parameters["id"] ?? "", try context.decodeBody(),
                    ifVersion: try context.optionalVersion(), by: try context.requirePrincipal())
                return try .json(campus, status: created ? .created : .ok, version: campus.version)
            },
            Route(.get, "/v1/events", operationID: "listEvents",
                  query: ["kind", "fiscalYear", "mine", "needsOrganizer", "order", "limit", "cursor"],
                  access: .anyRole(scope: Self.read)) { context in
                let principal = try context.requirePrincipal()
                let filter = EventFilter(
                    kind: try context.queryEnum("kind", EventKind.self), fiscalYear: try context.queryInteger("fiscalYear", in: 2000...2100),
                    organizedBy: try context.queryBool("mine") == true ? principal.userID : nil,
                    needsOrganizer: try context.queryBool("needsOrganizer"), order: try context.queryEnum("order", EventOrder.self) ?? .entered)
                return try .json(try await service.events(filter, page: try context.pageRequest(), by: principal))
            },
            Route(.post, "/v1/events", operationID: "createEvent", access: .roles(Self.managers, scope: Self.write)) { context in
                let event = try await service.createEvent(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(event, status: .created, version: event.version)
            },
            Route(.get, "/v1/events/{id}", operationID: "getEvent", access: .anyRole(scope: Self.read)) { context in
                let event = try await service.event(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(event, version: event.version)
            },
            Route(.patch, "/v1/events/{id}", operationID: "updateEvent", access: .roles(Self.managers, scope: Self.write)) { context in
                let id = try context.pathUUID("id")
                let event = try await service.updateEvent(id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) {
                    $0 = try context.mergePatch(onto: $0)
                }
                return try .json(event, version: event.version)
            },
            // gaps12: co-organizers, added by exact address and removed, with the event's version.
            Route(.get, "/v1/events/{id}/organizers", operationID: "listEventOrganizers", access: .roles(Self.staff, scope: Self.read)) { context in
                try .json(Items(items: try await service.organizers(of: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
            Route(.post, "/v1/events/{id}/organizers", operationID: "addEventOrganizer", access: .roles(Self.managers, scope: Self.write),
                  bodyLimit: 4096) { context in
                let body: OrganizerAddition = try context.decodeBody()
                let event = try await service.addOrganizer(
                    email: body.email, to: try context.pathUUID("id"), ifVersion: try context.requiredVersion(), by: try context.requirePrincipal())
                return try .json(event, version: event.version)
            },
            Route(.delete, "/v1/events/{id}/organizers/{userId}", operationID: "removeEventOrganizer",
                  access: .roles(Self.managers, scope: Self.write)) { context in
                let event = try await service.removeOrganizer(
                    try context.pathUUID("userId"), from: try context.pathUUID("id"), ifVersion: try context.requiredVersion(),
                    by: try context.requirePrincipal())
                return try .json(event, version: event.version)
            },
            Route(.get, "/v1/events/{id}/sessions", operationID: "listEventSessions", access: .anyRole(scope: Self.read)) { context in
                try .json(Items(items: try await service.sessions(of: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
            Route(.post, "/v1/events/{id}/sessions", operationID: "createEventSession", access: .roles(Self.managers, scope: Self.write)) { context in
                let session = try await service.createSession(try context.decodeBody(), eventID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(session, status: .created, version: session.version)
            },
            Route(.patch, "/v1/sessions/{id}", operationID: "updateEventSession", access: .roles(Self.managers, scope: Self.write)) { context in
                let id = try context.pathUUID("id")
                let session = try await service.updateSession(id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) {
                    $0 = try context.mergePatch(onto: $0)
                }
                return try .json(session, version: session.version)
            },
            Route(.get, "/v1/events/{id}/registrations", operationID: "listRegistrations",
                  query: RegistrationFilter.queryNames.union(["limit", "cursor"]),
                  access: .only(.admin, .coordinator, .organizer, .company, scope: Self.read)) { context in
                try .json(try await service.registrations(
                    of: try context.pathUUID("id"), try RegistrationFilter.parse(context), page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/events/{id}/registrations", operationID: "createRegistration", access: .roles(Self.managers, scope: Self.write)) { context in
                let registration = try await service.register(try context.decodeBody(), eventID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(registration, status: .created, version: registration.version)
            },
            Route(.post, "/v1/events/{id}/registrations/import", operationID: "importRegistrations", query: ["dryRun"],
                  access: .roles(Self.managers, scope: Self.write), bodyLimit: CSVReader.maximumBytes) { context in
                let id = try context.pathUUID("id")
                let bytes = try context.csvBody()
                let dryRun = try context.queryBool("dryRun") ?? false
                let report = try await service.importRegistrations(csv: bytes, eventID: id, dryRun: dryRun, by: try context.requirePrincipal())
                return try .json(report, status: dryRun ? .ok : .created)
            },
            Route(.post, "/v1/registrations/{id}/cancel", operationID: "cancelRegistration", access: .roles(Self.managers, scope: Self.write)) { context in
                try .json(try await service.cancel(try context.pathUUID("id"), by: try context.requirePrincipal()))
            },
            // part36: the registration's confirmation sent again, to the participant's current address, at most 3 times a day.
            Route(.post, "/v1/registrations/{id}/confirmation", operationID: "resendRegistrationConfirmation",
                  access: .roles(Self.managers, scope: Self.write)) { context in
                try .json(try await service.resendConfirmation(try context.pathUUID("id"), by: try context.requirePrincipal()), status: .accepted)
            },
            Route(.post, "/v1/events/{id}/no-shows", operationID: "recordNoShows", access: .roles(Self.managers, scope: Self.write)) { context in
                try .json(NoShows(marked: try await service.recordNoShows(eventID: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
            Route(.post, "/v1/events/{id}/messages", operationID: "sendEventMessage", query: ["dryRun"],
                  access: .roles(Self.managers, scope: Self.write),
                  bodyLimit: 65_536) { context in
                let dryRun = try context.queryBool("dryRun") ?? false
                let report = try await service.sendMessage(
                    try context.decodeBody(), eventID: try context.pathUUID("id"), dryRun: dryRun, by: try context.requirePrincipal())
                return try .json(report, status: dryRun ? .ok : .created)
            },
            Route(.post, "/v1/events/{id}/check-ins", operationID: "checkIn", access: .roles(Self.managers, scope: Self.write)) { context in
                let outcome = try await service.checkIn(try context.decodeBody(), eventID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(outcome.checkIn, status: outcome.created ? .created : .ok)
            },
            Route(.delete, "/v1/events/{id}/check-ins/{checkInId}", operationID: "undoCheckIn", access: .roles(Self.managers, scope: Self.write)) { context in
                _ = try await service.undoCheckIn(try context.pathUUID("checkInId"), eventID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return .noContent
            },
            Route(.post, "/v1/events/{id}/check-ins/import", operationID: "importOnlineAttendance",
                  query: ["source", "sessionId", "dryRun"],
                  access: .roles(Self.managers, scope: Self.write), bodyLimit: CSVReader.maximumBytes) { context in
                let id = try context.pathUUID("id")
                guard let source = try context.queryEnum("source", OnlineAttendanceSource.self) else {
                    throw Problem.badRequest("Query parameter source is required.", errors: [FieldError(field: "source", message: "must be zoom or teams")])
                }
                let sessionID = try context.queryUUID("sessionId")
                let dryRun = try context.queryBool("dryRun") ?? false
                let bytes = try context.csvBody()
                return try .json(try await service.importAttendance(
                    csv: bytes, source: source, sessionID: sessionID, eventID: id, dryRun: dryRun, by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/events/{id}/attendance", operationID: "getEventAttendance", access: .roles(Self.staff, scope: Self.read)) { context in
                try .json(Items(items: try await service.attendance(of: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
            // The exports take the list's filters (one parser), so a file holds what the list shows; the students' is students only.
            Route(.get, "/v1/events/{id}/exports/participants", operationID: "exportParticipants", query: RegistrationFilter.queryNames,
                  access: .roles(Self.staff, scope: Self.read)) { context in
                try await ConventionExport.participants(service: service, eventID: try context.pathUUID("id"), filter: try RegistrationFilter.parse(context),
                                                        principal: try context.requirePrincipal())
            },
            Route(.get, "/v1/events/{id}/exports/students", operationID: "exportStudents", query: RegistrationFilter.queryNames.subtracting(["role"]),
                  access: .roles(Self.staff, scope: Self.read)) { context in
                try await ConventionExport.students(service: service, eventID: try context.pathUUID("id"), filter: try RegistrationFilter.parse(context),
                                                    principal: try context.requirePrincipal())
            },
            Route(.get, "/v1/events/{id}/exports/attendance", operationID: "exportAttendance", access: .roles(Self.staff, scope: Self.read)) { context in
                try await ConventionExport.attendance(service: service, eventID: try context.pathUUID("id"), principal: try context.requirePrincipal())
            },
            Route(.get, "/v1/events/{id}/meeting-requests", operationID: "listMeetingRequests",
                  query: ["limit", "cursor"],
                  access: .only(.admin, .coordinator, .organizer, .company, scope: Self.read)) { context in
                try .json(try await service.meetingRequests(
                    of: try context.pathUUID("id"), page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/events/{id}/meeting-requests", operationID: "createMeetingRequest", access: .roles(Self.staff, scope: Self.write)) { context in
                let request = try await service.requestMeeting(try context.decodeBody(), eventID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(request, status: .created, version: request.version)
            },
            Route(.post, "/v1/meeting-requests/{id}/decision", operationID: "decideMeetingRequest",
                  access: .only(.admin, .coordinator, .company, scope: Self.write)) { context in
                let request = try await service.decideMeeting(try context.pathUUID("id"), try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(request, version: request.version)
            },
            Route(.get, "/v1/events/{id}/retention", operationID: "getEventRetention", access: .roles(Self.staff, scope: Self.read)) { context in
                try .json(try await service.retentionStatus(of: try context.pathUUID("id"), by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/retention/due", operationID: "listRetentionDue", query: ["withinDays"],
                  access: .only(.admin, scope: Self.read)) { context in
                let within = try context.queryInteger("withinDays", in: 0...3650) ?? 30
                return try .json(Items(items: try await service.retentionDue(withinDays: within, by: try context.requirePrincipal())))
            },
            Route(.get, "/v1/participants/duplicates", operationID: "listParticipantDuplicates", query: ["eventId"],
                  access: .roles(Self.managers, scope: Self.read)) { context in
                try .json(Items(items: try await service.duplicates(eventID: try context.queryUUID("eventId"), by: try context.requirePrincipal())))
            },
            // conv35: a person's details corrected by their event's organizers (or an admin), with the person's version.
            Route(.patch, "/v1/participants/{id}", operationID: "updateParticipant", access: .roles(Self.managers, scope: Self.write),
                  bodyLimit: 8192) { context in
                let id = try context.pathUUID("id")
                let correction = try await service.updateParticipant(id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) {
                    $0 = try context.mergePatch(onto: $0)
                }
                return try .json(correction, version: correction.participant.version)
            },
            // part36: the person as the PATCH corrects them, with the version to send in If-Match.
            Route(.get, "/v1/participants/{id}", operationID: "getParticipant", access: .roles(Self.managers, scope: Self.read)) { context in
                let participant = try await service.participant(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(participant, version: participant.version)
            },
            Route(.post, "/v1/participants/{id}/merge", operationID: "mergeParticipants", access: .roles(Self.managers, scope: Self.write),
                  bodyLimit: 4096) { context in
                let request: MergeRequest = try context.decodeBody()
                return try .json(try await service.merge(request.duplicateId, into: try context.pathUUID("id"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/participants/{id}/erasure", operationID: "eraseParticipant", access: .only(.admin, scope: Self.write)) { context in
                try await service.eraseParticipant(try context.pathUUID("id"), by: try context.requirePrincipal())
                return .noContent
            },
        ]
    }
}

/// The body of `POST /v1/events/{id}/organizers`: the exact address of the organizer user to add.
struct OrganizerAddition: Decodable {
    let email: String
}

/// The answer of `POST /v1/events/{id}/no-shows`.
struct NoShows: Encodable, Sendable {
    let marked: Int
}

/// `{ "items": [...] }` for short lists that are not paged.
struct Items<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}
