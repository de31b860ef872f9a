import App
import Accounts
import Conventions
import DomainKit
import Foundation
import TestSupport
import Testing

/// What probe15 found from outside in the console, on the real server.
@Suite("Console probe15")
struct ConsoleProbe15Tests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    @Test("a search that finds no one says so though the person or company the form keeps is still offered (it counted the kept one as found)")
    func keptChoiceIsNotFound() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            admin.cookies["domino_lang"] = "en"
            let kept = Self.id(world.coordinator.userID)
            let audit = try await admin.get("/audit?findPerson=nothing-like-it&actor=\(kept)")
            #expect(audit.status == 200 && audit.text.contains("<option value=\"\(kept)\" selected>"), "the person chosen stays chosen")
            #expect(audit.text.contains("No one matches “nothing-like-it”."))
            #expect(!audit.text.contains("People matching “nothing-like-it”"))
            _ = try await admin.get("/users/new")
            let refused = try await admin.post("/users/new", form: [
                ("findCompany", "nothing-like-it"), ("displayName", ""), ("email", ""), ("role", "company"),
                ("companyId", Self.id(world.companyA)), ("liaisonBaseId", ""), ("password", ""),
            ])
            #expect(refused.status == 422 && refused.text.contains("<option value=\"\(Self.id(world.companyA))\" selected>"), "the company chosen is kept")
            #expect(refused.text.contains("No company in the directory matches “nothing-like-it”."))
            #expect(!refused.text.contains("Companies matching “nothing-like-it”"))
        }
    }
}

extension ConsoleProbe15Tests {
    @Test("the event form names an organizer whose account was disabled by name, with the disabled mark, not by id")
    func disabledOrganizerNamedOnTheEventForm() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (_, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (adminEmail, admin) = try await ConsoleBrowser.user(application, .admin)
            let event = try await ConventionPagesTests.event(application, organizer: owner.id)
            _ = try await application.accounts.updateUser(
                owner.id, expectedVersion: owner.version, disabled: true, actor: Principal(userID: admin.id, role: .admin))
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(adminEmail)
            _ = try await browser.get("/language?to=en&back=%2F")
            let form = try await browser.get("/conventions/events/\(Self.id(event.id))/edit")
            #expect(form.status == 200)
            #expect(form.text.contains("\(owner.displayName) (account disabled) (\(owner.email))"), "named as the organizers page names them")
            #expect(!form.text.contains("> \(Self.id(owner.id))<") && !form.text.contains(">\(Self.id(owner.id))<"), "not by id")
        }
    }
}
