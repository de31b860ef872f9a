public import DomainKit
public import FoundationEssentials
import HTTPServer

/// The Excel-friendly CSV exports of an event (UTF-8 with BOM, CRLF, no formulas): the participant
/// list, the student list, and attendance by sector and role. Lists are streamed a page at a time, so
/// memory stays flat for any size; the first page is read before the 200, so a refusal is a problem.
public enum ConventionExport {
    static let pageSize = 100

    static let participantHeader = [
        "code", "status", "attendance", "nameJa", "nameEn", "nameReading", "email", "organisation", "country", "sector", "role", "universityId",
        "consentToShareContact", "registeredAt",
    ]

    /// The registrations `filter` selects, as the list shows them under the same filter.
    public static func participants(
        service: ConventionService, eventID: UUID, filter: RegistrationFilter = RegistrationFilter(), principal: Principal
    ) async throws -> APIResponse {
        try await list(service: service, eventID: eventID, filter: filter, principal: principal,
                       filename: "participants.csv", header: participantHeader) { registration in
            let person = registration.participant
            return [
                registration.code ?? "", registration.status.rawValue, registration.attendance.rawValue, person.nameJa ?? "",
                person.nameEn ?? "", person.nameReading ?? "", person.email ?? "", person.organisation ?? "", person.country ?? "", person.sector.rawValue,
                person.role.rawValue, person.universityId ?? "", person.consentToShareContact ? "true" : "false",
                registration.createdAt.formatted(.iso8601),
            ]
        }
    }

    /// The students among the registrations `filter` selects (its role is set to student).
    public static func students(
        service: ConventionService, eventID: UUID, filter: RegistrationFilter = RegistrationFilter(), principal: Principal
    ) async throws -> APIResponse {
        let universities = Dictionary(uniqueKeysWithValues: try await service.universities(by: principal).map { ($0.id, $0) })
        var students = filter
        students.role = .student
        return try await list(service: service, eventID: eventID, filter: students, principal: principal,
                              filename: "students.csv",
                              header: ["nameJa", "nameEn", "nameReading", "email", "universityId", "universityJa", "universityEn", "universityInYokohama",
                                       "campusId", "campusInYokohama", "status", "attendance"]) { registration in
            let person = registration.participant
            let university = person.universityId.flatMap { universities[$0] }
            let campus = university?.campuses.first { $0.id == person.campusId }
            return [
                person.nameJa ?? "", person.nameEn ?? "", person.nameReading ?? "", person.email ?? "", person.universityId ?? "", university?.nameJa ?? "",
                university?.nameEn ?? "", university.map { $0.inYokohama ? "true" : "false" } ?? "",
                person.campusId ?? "", campus.map { $0.inYokohama ? "true" : "false" } ?? "", registration.status.rawValue,
                registration.attendance.rawValue,
            ]
        }
    }

    public static func attendance(service: ConventionService, eventID: UUID, principal: Principal) async throws -> APIResponse {
        let counts = try await service.attendance(of: eventID, by: principal)
        var csv = CSVWriter()
        csv.appendRow(["sector", "role", "registered", "waitlisted", "attendedInPerson", "attendedOnline", "attended"])
        for count in counts {
            csv.appendRow([count.sector.rawValue, count.role.rawValue, String(count.registered), String(count.waitlisted),
                           String(count.attendedInPerson), String(count.attendedOnline), String(count.attended)])
        }
        return APIResponse(status: .ok, headers: headers("attendance.csv"), body: .bytes(csv.bytes))
    }

    static func headers(_ filename: String) -> HTTPHeaders {
        ["Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "attachment; filename=\"\(filename)\""]
    }

    private static func list(
        service: ConventionService, eventID: UUID, filter: RegistrationFilter, principal: Principal, filename: String, header: [String],
        row: @escaping @Sendable (Registration) -> [String]
    ) async throws -> APIResponse {
        let first = try await service.registrations(of: eventID, filter, page: PageRequest(limit: pageSize), by: principal)
        return APIResponse(status: .ok, headers: headers(filename), body: .stream { body in
            var csv = CSVWriter()
            csv.appendRow(header)
            var page = first
            while true {
                for registration in page.items { csv.appendRow(row(registration)) }
                try await body.write(csv.takeBytes())
                guard let after = page.nextCursor.flatMap(PageCursor.init(encoded:)) else { break }
                page = try await service.registrations(of: eventID, filter, page: PageRequest(limit: pageSize, after: after), by: principal)
            }
        })
    }
}
