import Accounts
import App
import Cities
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What probing last session's changes from outside found (probe12), each through the real server.
@Suite("Console: probe12's fixes")
struct ConsoleProbe12Tests {
    @Test("an organizer listed beside a coordinator only gets no leave button: the page says they stay")
    func organizerKeptBesideCoordinator() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (_, coordinator) = try await ConsoleBrowser.user(application, .coordinator)
            let event = try await ConventionPagesTests.event(application, organizer: owner.id)
            let listed = try await application.conventions.updateEvent(event.id, ifVersion: 1, by: ConventionPagesTests.admin) {
                $0.organizerUserIds = [owner.id, coordinator.id]
            }
            #expect(listed.organizerUserIds == [owner.id, coordinator.id])
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            _ = try await browser.get("/language?to=en&back=%2F")
            let page = try await browser.get(ConsoleEventOrganizerTests.path(event))
            #expect(page.status == 200)
            #expect(!page.text.contains("\(owner.id.uuidString.lowercased())/remove") && page.text.contains("Stays: the only organizer"),
                    "no leave button that the service refuses")
            #expect(page.text.contains("\(coordinator.id.uuidString.lowercased())/remove"), "the coordinator may be taken off")
        }
    }

    @Test("an event whose only organizer an admin disabled says, on its page and its organizers' page, that admins alone manage it; others are asked to ask one")
    func eventWithoutEnabledOrganizerSaysSo() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (_, owner) = try await ConsoleBrowser.user(application, .organizer)
            let (adminEmail, admin) = try await ConsoleBrowser.user(application, .admin)
            let event = try await ConventionPagesTests.event(application, organizer: owner.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(adminEmail)
            _ = try await browser.get("/language?to=en&back=%2F")
            let notice = "No one listed can organize this event"
            let eventPath = "/conventions/events/\(event.id.uuidString.lowercased())"
            let before = try await browser.get(eventPath)
            #expect(before.status == 200 && !before.text.contains(notice))
            _ = try await application.accounts.updateUser(
                owner.id, expectedVersion: owner.version, disabled: true, actor: Principal(userID: admin.id, role: .admin))
            for path in [eventPath, ConsoleEventOrganizerTests.path(event)] {
                let page = try await browser.get(path)
                #expect(page.status == 200 && page.text.contains(notice) && page.text.contains("Add an organizer."), "\(path)")
            }
            // A coordinator reads the event but cannot add organizers: the notice asks them to ask an administrator.
            let (coordinatorEmail, _) = try await ConsoleBrowser.user(application, .coordinator)
            var coordinator = ConsoleBrowser(port: port)
            _ = try await coordinator.signIn(coordinatorEmail)
            _ = try await coordinator.get("/language?to=en&back=%2F")
            let read = try await coordinator.get(eventPath)
            #expect(read.status == 200 && read.text.contains(notice), "\(read.text)")
            #expect(read.text.contains("Ask an administrator to add one.") && !read.text.contains("Add an organizer."), "\(read.text)")
        }
    }

    @Test("an edited liaison base names its city even when the city is archived (the form's list leaves archived cities out)")
    func baseOfArchivedCityNamesIt() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            _ = try await application.pool.execute("UPDATE overseas_cities SET archived = true WHERE id = \(places.cityA)")
            var browser = world.browsers[.admin]!
            let form = try await browser.get("/liaison-bases/\(places.baseA.uuidString.lowercased())/edit")
            #expect(form.status == 200 && form.text.contains("<strong>都市</strong> ダナン"), "\(form.text)")
        }
    }
}
