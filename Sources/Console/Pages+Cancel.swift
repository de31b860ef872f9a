import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// The page behind the signed cancellation link in participants' messages (issue 15). Opening the link
/// changes nothing (mail scanners open links); the page names the event and asks to confirm, and only
/// the form's POST (with the link's signature and a double-submit CSRF token) cancels. A wrong
/// signature is the 404 page, as for a registration that does not exist.
extension Console {
    var cancelPages: [Page] {
        [
            Page(.get, "/registrations/{id}/cancel", operations: [], signedIn: false) { console, request in
                let t = request.language
                let id = try request.pathUUID("id")
                let signature = request.query("s") ?? ""
                let (registration, event) = try await console.services.conventions.registrationForSignedLink(id, signature: signature)
                let title = GuestPages.title(of: event, in: t)
                var content: [HTML] = [GuestPages.summary(of: event, in: t, seats: false)]
                switch registration.status {
                case .cancelled:
                    // Cancelled before (by this link, or by the organizers, who mailed the person): no message is
                    // sent now, and a registration made again since is another one, which stands.
                    content.append(el("p", [attr("class", "notice")], t(.cancelLinkAlready, title)))
                    return Layout.page(request, title: t(.cancelTitle), section: nil, content)
                case .attended, .noShow:
                    // ux13: a no-show was never checked in; the event being over is why it cannot be cancelled.
                    content.append(el("p", [attr("class", "notice warning")], t(registration.status == .attended ? .cancelTooLate : .cancelEventOver)))
                    return Layout.page(request, title: t(.cancelTitle), section: nil, content)
                case .registered, .waitlisted:
                    break
                }
                let token = console.publicFormToken(request)
                content += [
                    // ux13: a person on the waitlist has no door code nor seat to give up; say what cancelling does for them.
                    el("p", [], t(registration.status == .waitlisted ? .cancelQuestionWaitlisted : .cancelQuestion, Self.name(registration.participant), title)),
                    el("form", [attr("method", "post"), attr("action", "/registrations/\(id.uuidString.lowercased())/cancel")], [
                        .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", token)]),
                        .void("input", [attr("type", "hidden"), attr("name", "s"), attr("value", signature)]),
                        el("button", [attr("type", "submit")], t(.cancelConfirm)),
                    ]),
                ]
                return Layout.page(request, title: t(.cancelTitle), section: nil,
                                   cookies: [Cookies.set(Cookies.publicCSRF, token, secure: request.secure)], content)
            },
            Page(.post, "/registrations/{id}/cancel", operations: [], signedIn: false) { console, request in
                let t = request.language
                try console.checkPublicFormToken(request)
                let id = try request.pathUUID("id")
                let signature = String((request.formValue("s") ?? "").prefix(64))
                // Confirmed twice (a double click, a second tab) or after the organizers cancelled it: nothing
                // is cancelled and nobody is mailed, so the page must not say a confirmation is on its way.
                let (before, _) = try await console.services.conventions.registrationForSignedLink(id, signature: signature)
                let cancellation = try await console.services.conventions.cancelBySignedLink(id, signature: signature)
                let event = try await console.services.conventions.publicEvent(cancellation.cancelled.eventId)
                let title = GuestPages.title(of: event, in: t)
                return Layout.page(request, title: t(.cancelTitle), section: nil, [
                    before.status == .cancelled
                        ? el("p", [attr("class", "notice")], t(.cancelLinkAlready, title))
                        : el("p", [attr("class", "notice success")], t(.cancelDone, title)),
                ])
            },
        ]
    }
}
