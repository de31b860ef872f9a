import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// The check-in desk (issue 15): type the door code or scan the QR code with the camera where the
/// browser has BarcodeDetector. Without JavaScript the form posts and the page answers; with it, the
/// same endpoint answers JSON, the page stays open between people, and a banner says when the
/// connection is lost. Every check-in goes through `ConventionService.checkIn`, as the API's does.
extension Console {
    var deskPages: [Page] {
        [
            Page(.get, "/conventions/events/{id}/desk", operations: ["getEvent", "checkIn"]) { console, request in
                try await console.deskPage(request, result: nil)
            },
            Page(.post, "/conventions/events/{id}/desk", operations: ["getEvent", "checkIn"], repeated: .runsEachTime) { console, request in
                var result = try await console.deskCheckIn(request)
                guard request.http.headers["accept"]?.contains("application/json") == true else {
                    return try await console.deskPage(request, result: result, status: HTTPStatus(code: result.state == "refused" ? result.status : 200))
                }
                // The page stays open with the script: the answer carries the count it shows.
                let desk = try await console.services.conventions.desk(
                    of: try request.pathUUID("id"), sessionID: try Self.deskSessionID(request), search: "", by: try request.principal)
                result.arrivals = Self.arrivals(desk, in: request.language)
                // Always 200: the answer is in the body, and a 4xx would read as a failed load in the browser.
                return result.json
            },
            // Undo a mistaken check-in: from the answer to a check-in, or from a guest in the search's list.
            Page(.post, "/conventions/events/{id}/desk/undo", operations: ["getEvent", "undoCheckIn"]) { console, request in
                try await console.deskPage(request, result: try await console.deskUndo(request))
            },
            // The desk's heartbeat: answers while the server, the database and the session are there.
            Page(.get, "/conventions/events/{id}/desk/ping", operations: ["getEvent", "checkIn"]) { console, request in
                _ = try await console.services.conventions.managedEvent(try request.pathUUID("id"), by: try request.principal)
                return HTTPResponse(status: .noContent, headers: ["Cache-Control": "no-store"])
            },
        ]
    }

    func deskPage(_ request: ConsoleRequest, result: DeskResult?, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let search = (request.query("q") ?? request.formValue("q") ?? "").trimmed
        // Read after the check-in this request may have made, so the count includes it.
        let desk = try await services.conventions.desk(of: id, sessionID: try Self.deskSessionID(request), search: search, by: try request.principal)
        let (event, session, matches) = (desk.event, desk.session, desk.matches)
        let arrivals = Self.arrivals(desk, in: t)
        let path = "/conventions/events/\(id.uuidString.lowercased())/desk"
        let title = session.map { t(.deskSessionTitle, GuestPages.title(of: event, in: t), t.pick(ja: $0.titleJa, en: $0.titleEn).text) }
            ?? t(.deskTitle, GuestPages.title(of: event, in: t))
        return Layout.page(request, status: status, title: title, section: .conventions, [
            session.map { el("p", [attr("class", "notice")], t(.deskSessionIntro, Self.sessionWhen($0, t))) } ?? .fragment([]),
            el("p", [attr("id", "desk-arrivals"), attr("class", "desk-arrivals")], arrivals),
            el("p", [attr("id", "desk-offline"), attr("class", "desk-offline"), attr("role", "alert"), flag("hidden")], t(.deskOffline)),
            el("p", [attr("id", "desk-signed-out"), attr("class", "desk-offline"), attr("role", "alert"), flag("hidden")], [
                .text(t(.deskSignedOut) + " "), el("a", [attr("href", "/login")], t(.signIn)),
            ]),
            el("form", [attr("method", "post"), attr("action", path), attr("id", "desk-form"), attr("class", "inline-form"),
                        attr("data-ping", path + "/ping"), attr("data-undo", t(.deskUndo))], [
                Layout.csrfField(request),
                Self.sessionField(session),
                Form.textField(request, name: "code", label: t(.doorCode), value: nil, hint: t(.deskCodeHint), autocomplete: "off", required: true),
                el("button", [attr("type", "submit")], t(.deskCheckIn)),
            ]),
            el("div", [attr("id", "desk-camera"), attr("class", "desk-camera"), flag("hidden")], [
                el("button", [attr("type", "button"), attr("id", "desk-camera-start"), attr("class", "secondary")], t(.deskCamera)),
                el("p", [attr("id", "desk-camera-error"), attr("class", "field-error"), flag("hidden")], t(.deskCameraRefused)),
                el("video", [attr("id", "desk-video"), flag("muted"), flag("playsinline"), flag("hidden"), attr("aria-label", t(.deskCamera))], []),
            ]),
            result.map { $0.html(undo: $0.checkInId.map { deskUndoForm(request, path: path, session: session, checkInID: $0, search: search) }) }
                ?? el("div", [attr("id", "desk-result"), attr("class", "desk-result"), attr("role", "status"), attr("aria-live", "assertive"), flag("hidden")], []),
            deskSearchSection(request, path: path, session: session, search: search, matches: matches),
            el("p", [], [el("a", [attr("href", "/conventions/events/\(id.uuidString.lowercased())")], t(.deskBack))]),
            el("script", [attr("src", Asset.deskScript.path), flag("defer")], []),
        ])
    }

    /// Checks the code in for today (Japan time on the programme clock) and says what happened in the
    /// reader's language: the person's name and sector, and "already checked in" on a second scan.
    func deskCheckIn(_ request: ConsoleRequest) async throws -> DeskResult {
        let t = request.language
        let principal = try request.principal
        let eventID = try request.pathUUID("id")
        let code = String((request.formValue("code") ?? "").trimmed.prefix(40))
        let session = try await deskSession(request, eventID: eventID)
        if let picked = request.formValue("registrationId") {
            return try await deskCheckIn(request, registration: picked, eventID: eventID, session: session)
        }
        let outcome: CheckInOutcome
        do {
            outcome = try await services.conventions.checkIn(CheckInRequest(code: code, sessionId: session?.id), eventID: eventID, by: principal)
        } catch let error as any ProblemConvertible {
            let problem = error.problem
            let message: Message = switch problem.status {
            case 404: .deskUnknownCode
            case 409: .deskNoSeat
            case 422 where problem.errors?.contains { $0.field == "day" } == true: session == nil ? .deskNotToday : .deskSessionNotToday
            case 422: .deskBadCode
            default: throw error
            }
            return DeskResult(state: "refused", status: problem.status, headline: t(message), name: nil, detail: code.uppercased())
        }
        // The check-in answers with ids; the person comes from the registration list, as the desk's search does.
        let found = try await services.conventions.registrations(
            of: eventID, RegistrationFilter(text: code), page: PageRequest(limit: 10), by: principal).items
        return Self.deskResult(t, outcome: outcome, person: found.first { $0.id == outcome.checkIn.registrationId }?.participant)
    }

    /// The desk's answer to a check-in in the reader's language: the person's name and sector, and
    /// "already checked in" when they had been.
    static func deskResult(_ t: Language, outcome: CheckInOutcome, person: Participant?) -> DeskResult {
        let who = person.map { t(GuestPages.sectorMessage($0.sector)) + "・" + t(GuestPages.roleMessage($0.role)) }
        let id = outcome.checkIn.id.uuidString.lowercased()
        if outcome.created {
            return DeskResult(state: "ok", status: 201, headline: t(.deskCheckedIn), name: person.map(Self.name), detail: who, checkInId: id)
        }
        return DeskResult(state: "again", status: 200, headline: t(.deskAlready, GuestPages.clock(outcome.checkIn.checkedInAt)),
                          name: person.map(Self.name), detail: who, checkInId: id)
    }
}

extension Console {
    /// The session a desk or an attendance import is for (`?session=` on the page, `sessionId` in its
    /// forms); nil for the event's day. A session of another event, or none, is the 404 page.
    func deskSession(_ request: ConsoleRequest, eventID: UUID) async throws -> EventSession? {
        guard let id = try Self.deskSessionID(request) else { return nil }
        guard let session = try await services.conventions.sessions(of: eventID, by: try request.principal).first(where: { $0.id == id }) else {
            throw ConsoleError.notFound
        }
        return session
    }

    /// The id in `?session=` or a form's `sessionId`; nil for the event's day, the 404 page for text that is no id.
    static func deskSessionID(_ request: ConsoleRequest) throws -> UUID? {
        guard let text = request.query("session") ?? request.formValue("sessionId"), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw ConsoleError.notFound }
        return id
    }

    /// The query that keeps a page on its session ("?session=…"; nothing for the event's day).
    static func sessionQuery(_ session: EventSession?) -> String {
        session.map { "?session=" + $0.id.uuidString.lowercased() } ?? ""
    }

    /// The session a form is for, carried from step to step (nothing for the event's day).
    static func sessionField(_ session: EventSession?) -> HTML {
        session.map { .void("input", [attr("type", "hidden"), attr("name", "sessionId"), attr("value", $0.id.uuidString.lowercased())]) } ?? .fragment([])
    }
}

extension Console {
    /// A guest picked from the desk's search: the same check-in as the code's (`ConventionService.checkIn`
    /// by registration id, the same rules), refused in the same words.
    func deskCheckIn(_ request: ConsoleRequest, registration text: String, eventID: UUID, session: EventSession?) async throws -> DeskResult {
        let t = request.language
        let principal = try request.principal
        guard let registrationID = UUID(uuidString: text) else { throw ConsoleError.notFound }
        let outcome: CheckInOutcome
        do {
            outcome = try await services.conventions.checkIn(
                CheckInRequest(registrationId: registrationID, sessionId: session?.id), eventID: eventID, by: principal)
        } catch let error as any ProblemConvertible {
            let problem = error.problem
            let message: Message
            switch problem.status {
            case 404: throw ConsoleError.notFound
            case 409: message = .deskNoSeat
            case 422 where problem.errors?.contains { $0.field == "day" } == true: message = session == nil ? .deskNotToday : .deskSessionNotToday
            default: throw error
            }
            return DeskResult(state: "refused", status: problem.status, headline: t(message), name: nil, detail: nil)
        }
        let person = try await services.conventions.managedRegistration(registrationID, eventID: eventID, by: principal).participant
        return Self.deskResult(t, outcome: outcome, person: person)
    }

    /// Removes a check-in the desk made by mistake (`ConventionService.undoCheckIn`, audited) and says whose.
    func deskUndo(_ request: ConsoleRequest) async throws -> DeskResult {
        let t = request.language
        let principal = try request.principal
        let eventID = try request.pathUUID("id")
        _ = try await deskSession(request, eventID: eventID)
        guard let checkInID = request.formValue("checkInId").flatMap(UUID.init(uuidString:)) else { throw ConsoleError.notFound }
        let removed: CheckIn
        do {
            removed = try await services.conventions.undoCheckIn(checkInID, eventID: eventID, by: principal)
        } catch let error as any ProblemConvertible where error.problem.status == 404 {
            throw ConsoleError.notFound
        }
        let person = try await services.conventions.managedRegistration(removed.registrationId, eventID: eventID, by: principal).participant
        return DeskResult(state: "undone", status: 200, headline: t(.deskUndone), name: Self.name(person), detail: nil)
    }

    /// The button that undoes one check-in, keeping the desk on its session and its search.
    func deskUndoForm(_ request: ConsoleRequest, path: String, session: EventSession?, checkInID: String, search: String, name: String? = nil) -> HTML {
        let t = request.language
        return el("form", [attr("method", "post"), attr("action", path + "/undo"), attr("class", "desk-undo")], [
            Layout.csrfField(request),
            Self.sessionField(session),
            .void("input", [attr("type", "hidden"), attr("name", "checkInId"), attr("value", checkInID)]),
            search.isEmpty ? .fragment([]) : .void("input", [attr("type", "hidden"), attr("name", "q"), attr("value", search)]),
            el("button", [attr("type", "submit"), attr("class", "secondary")] + (name.map { [attr("aria-label", t(.deskUndoNamed, $0))] } ?? []),
               t(.deskUndo)),
        ])
    }

    /// "N of M registered have arrived" (today, or at this session's desk), counted when the page is shown.
    static func arrivals(_ desk: Desk, in t: Language) -> String {
        t(desk.session == nil ? .deskArrivalsToday : .deskArrivalsSession, t.number(desk.arrivals.arrived), t.number(desk.arrivals.registered))
    }

    /// The search for a guest without their code: a GET form (the page's address keeps it), and the
    /// matches, each with whether they have arrived, or a button that checks them in.
    func deskSearchSection(_ request: ConsoleRequest, path: String, session: EventSession?, search: String, matches: [DeskMatch]) -> HTML {
        let t = request.language
        var content: [HTML] = [
            el("h2", [], t(.deskSearchHeading)),
            el("form", [attr("method", "get"), attr("action", path), attr("class", "inline-form"), attr("role", "search")], [
                session.map { .void("input", [attr("type", "hidden"), attr("name", "session"), attr("value", $0.id.uuidString.lowercased())]) }
                    ?? .fragment([]),
                Form.textField(request, name: "q", label: t(.deskSearchLabel), value: search.isEmpty ? nil : search, type: "search",
                               hint: t(.deskSearchHint), autocomplete: "off", maxLength: ConventionService.deskSearchLength),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.deskSearchButton)),
            ]),
        ]
        guard !search.isEmpty else { return el("section", [attr("class", "desk-search")], content) }
        guard !matches.isEmpty else {
            content.append(el("p", [], t(.deskSearchNone, search)))
            return el("section", [attr("class", "desk-search")], content)
        }
        if matches.count == ConventionService.deskSearchLimit {
            content.append(el("p", [attr("class", "hint")], t(.deskSearchMore, String(ConventionService.deskSearchLimit))))
        }
        content.append(el("ul", [attr("class", "desk-matches")], matches.map { match in
            let person = match.registration.participant
            let about = [person.organisation, person.email].compactMap { $0 }.joined(separator: "・")
            let action: HTML = match.checkIn.map { checkIn in
                .fragment([
                    el("span", [attr("class", "tag")], t(.deskArrivedAt, GuestPages.clock(checkIn.checkedInAt))),
                    deskUndoForm(request, path: path, session: session, checkInID: checkIn.id.uuidString.lowercased(), search: search,
                                 name: Self.name(person)),
                ])
            } ?? el("form", [attr("method", "post"), attr("action", path)], [
                    Layout.csrfField(request),
                    Self.sessionField(session),
                    .void("input", [attr("type", "hidden"), attr("name", "registrationId"), attr("value", match.registration.id.uuidString.lowercased())]),
                    .void("input", [attr("type", "hidden"), attr("name", "q"), attr("value", search)]),
                    el("button", [attr("type", "submit"), attr("aria-label", t(.deskCheckInNamed, Self.name(person)))], t(.deskCheckIn)),
                ])
            return el("li", [], [
                el("strong", [], Self.name(person)),
                person.nameReading.map { el("span", [attr("class", "desk-detail"), attr("lang", "ja")], $0) } ?? .fragment([]),
                about.isEmpty ? .fragment([]) : el("span", [attr("class", "desk-detail")], about),
                action,
            ])
        }))
        return el("section", [attr("class", "desk-search")], content)
    }
}

/// What the desk shows after a code: a state for the colour (`ok`, `again`, `refused`), a headline,
/// and the person. The same words as HTML (without JavaScript) and as JSON (for the page's script).
struct DeskResult: Sendable, Encodable {
    let state: String
    let status: Int
    let headline: String
    let name: String?
    let detail: String?
    /// The check-in the answer is about, which its undo button removes (none when refused or undone).
    var checkInId: String? = nil
    /// The desk's count after this check-in, for the script to show (the JSON answer only).
    var arrivals: String? = nil

    func html(undo: HTML?) -> HTML {
        el("div", [attr("id", "desk-result"), attr("class", "desk-result \(state)"), attr("role", "status"), attr("aria-live", "assertive")], [
            el("strong", [attr("class", "desk-headline")], headline),
            name.map { el("span", [attr("class", "desk-name")], $0) } ?? .fragment([]),
            detail.map { el("span", [attr("class", "desk-detail")], $0) } ?? .fragment([]),
            undo ?? .fragment([]),
        ])
    }

    var json: HTTPResponse {
        let body = (try? JSONEncoder().encode(self)).map(Array.init) ?? Array("{}".utf8)
        return HTTPResponse(status: .ok, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: body)
    }
}

extension Asset {
    static let deskScript = Asset(name: "desk", extension: "js", contentType: "text/javascript; charset=utf-8", content: DeskJS.text)
}

/// The desk's script (progressive enhancement; CSP allows no inline script). It posts codes without
/// leaving the page, scans QR codes where the browser has BarcodeDetector (Shape Detection API), and
/// shows a banner while the server cannot be reached: offline events, failed requests, and a
/// heartbeat every 10 seconds.
enum DeskJS {
    static let text = #"""
    "use strict";
    (function () {
      var form = document.getElementById("desk-form");
      if (!form) { return; }
      var input = document.getElementById("code");
      var result = document.getElementById("desk-result");
      var offline = document.getElementById("desk-offline");
      var signedOut = document.getElementById("desk-signed-out");
      var arrivals = document.getElementById("desk-arrivals");
      var busy = false;
      function lost(isLost) { offline.hidden = !isLost; }
      // The last answer was about the previous code; left on screen it would read as this one's.
      function failed() { lost(true); result.hidden = true; }
      function show(answer) {
        result.className = "desk-result " + answer.state;
        result.replaceChildren();
        var headline = document.createElement("strong");
        headline.className = "desk-headline";
        headline.textContent = answer.headline;
        result.appendChild(headline);
        [["desk-name", answer.name], ["desk-detail", answer.detail]].forEach(function (part) {
          if (!part[1]) { return; }
          var span = document.createElement("span");
          span.className = part[0];
          span.textContent = part[1];
          result.appendChild(span);
        });
        if (answer.checkInId) { result.appendChild(undoForm(answer.checkInId)); }
        result.hidden = false;
        if (answer.arrivals) { arrivals.textContent = answer.arrivals; }
      }
      // The undo button of the answer: an ordinary form (the page answers), with the desk form's
      // hidden fields but not its submission id, which would replay the first undo for the next.
      function undoForm(checkInId) {
        var undo = document.createElement("form");
        undo.method = "post";
        undo.action = form.action + "/undo";
        undo.className = "desk-undo";
        form.querySelectorAll("input[type=hidden]").forEach(function (field) {
          if (field.name !== "_submission") { undo.appendChild(field.cloneNode()); }
        });
        var id = document.createElement("input");
        id.type = "hidden";
        id.name = "checkInId";
        id.value = checkInId;
        undo.appendChild(id);
        var button = document.createElement("button");
        button.type = "submit";
        button.className = "secondary";
        button.textContent = form.getAttribute("data-undo");
        undo.appendChild(button);
        return undo;
      }
      function send(code) {
        if (busy || !code) { return; }
        busy = true;
        var body = new URLSearchParams(new FormData(form));
        body.set("code", code);
        fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "manual",
                             headers: { "Accept": "application/json" } })
          .then(function (response) {
            lost(false);
            var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
            if (!json) { signedOut.hidden = false; return; }
            return response.json().then(function (answer) {
              show(answer);
              input.value = "";
              input.focus();
            });
          })
          .catch(failed)
          .finally(function () { busy = false; });
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(input.value.trim());
      });
      window.addEventListener("offline", function () { lost(true); });
      window.addEventListener("online", function () { lost(false); });
      setInterval(function () {
        fetch(form.getAttribute("data-ping"), { credentials: "same-origin", redirect: "manual", cache: "no-store" })
          .then(function (response) {
            lost(false);
            signedOut.hidden = response.status === 204;
          })
          .catch(function () { lost(true); });
      }, 10000);
      var camera = document.getElementById("desk-camera");
      if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
      camera.hidden = false;
      var video = document.getElementById("desk-video");
      document.getElementById("desk-camera-start").addEventListener("click", function () {
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
          var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          var last = "", lastAt = 0;
          video.srcObject = stream;
          video.hidden = false;
          video.play();
          function scan() {
            detector.detect(video).then(function (codes) {
              var now = Date.now();
              if (codes.length && (codes[0].rawValue !== last || now - lastAt > 4000)) {
                last = codes[0].rawValue;
                lastAt = now;
                input.value = last;
                send(last);
              }
            }).catch(function () {}).finally(function () { setTimeout(scan, 300); });
          }
          scan();
        }).catch(function () { document.getElementById("desk-camera-error").hidden = false; });
      });
    })();
    """#
}
