import Conventions
import HTTPServer

/// Where a guest's registration put them, carried from the form to its thank-you page (ux15): a seat or
/// the waitlist, and the way of attending. The page then says which, and what happens next, in the
/// language the person registered in. The query is no secret and no proof: it only chooses the words
/// of a page that person reads; the mail is the confirmation.
struct GuestPlace: Sendable, Equatable {
    var waitlisted: Bool
    var attendance: AttendanceMode

    init(_ registration: Registration) {
        waitlisted = registration.status == .waitlisted
        attendance = registration.attendance
    }

    /// The place a new registration would be given now (a seat while one of the kind is free, as the
    /// service decides): for an address already registered and for the honeypot, whose page must read as a
    /// stranger's first registration would. It depends only on the seats the public page shows anyway.
    init(wouldGet event: Event, attendance chosen: AttendanceMode?) {
        let mode = chosen ?? (event.inPersonSeats != nil ? .inPerson : .online)
        let seats = mode == .inPerson ? event.inPersonSeats : event.onlineSeats
        attendance = mode
        waitlisted = seats.map { $0.taken >= $0.capacity } ?? false
    }

    init?(_ request: ConsoleRequest) {
        guard let mode = request.query("attendance").flatMap(AttendanceMode.init(rawValue:)) else { return nil }
        switch request.query("place") {
        case "seat": waitlisted = false
        case "waitlist": waitlisted = true
        default: return nil
        }
        attendance = mode
    }

    var query: String { "place=\(waitlisted ? "waitlist" : "seat")&attendance=\(attendance.rawValue)" }
}

extension GuestPages {
    /// The thank-you page: a seat or the waitlist and what comes next; without a place (an old link, a
    /// typed address) the general sentence of before.
    static func thanks(_ request: ConsoleRequest, event: Event) -> HTTPResponse {
        let t = request.language
        let title = title(of: event, in: t)
        guard let place = GuestPlace(request) else {
            return Layout.page(request, title: t(.guestThanksTitle), section: nil, [
                el("p", [attr("class", "notice success")], t(.guestThanksBody, title)),
                el("p", [], t(.guestThanksNoMail)),
            ])
        }
        let mode = t(place.attendance == .inPerson ? .attendInPerson : .attendOnline)
        let content: [HTML] = place.waitlisted
            ? [el("p", [attr("class", "notice warning"), attr("role", "status")], t(.guestThanksWaitlisted, title, mode)),
               el("h2", [], t(.guestThanksNextTitle)), el("p", [], t(.guestThanksWaitlistedNext))]
            : [el("p", [attr("class", "notice success"), attr("role", "status")], t(.guestThanksSeat, title, mode)),
               el("h2", [], t(.guestThanksNextTitle)),
               el("p", [], t(place.attendance == .inPerson ? .guestThanksSeatNextInPerson : .guestThanksSeatNextOnline))]
        return Layout.page(request, title: t(place.waitlisted ? .guestThanksWaitlistedTitle : .guestThanksTitle), section: nil,
                           content + [summary(of: event, in: t, seats: false), el("p", [], t(.guestThanksNoMail))])
    }
}
