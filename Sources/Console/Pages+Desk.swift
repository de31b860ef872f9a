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
                let result = try await console.deskCheckIn(request)
                guard request.http.headers["accept"]?.contains("application/json") == true else {
                    return try await console.deskPage(request, result: result, status: HTTPStatus(code: result.state == "refused" ? result.status : 200))
                }
                // Always 200: the answer is in the body, and a 4xx would read as a failed load in the browser.
                return result.json
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
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        let session = try await deskSession(request, eventID: id)
        let path = "/conventions/events/\(id.uuidString.lowercased())/desk"
        let title = session.map { t(.deskSessionTitle, GuestPages.title(of: event, in: t), t.pick(ja: $0.titleJa, en: $0.titleEn).text) }
            ?? t(.deskTitle, GuestPages.title(of: event, in: t))
        return Layout.page(request, status: status, title: title, section: .conventions, [
            session.map { el("p", [attr("class", "notice")], t(.deskSessionIntro, Self.sessionWhen($0, t))) } ?? .fragment([]),
            el("p", [attr("id", "desk-offline"), attr("class", "desk-offline"), attr("role", "alert"), flag("hidden")], t(.deskOffline)),
            el("p", [attr("id", "desk-signed-out"), attr("class", "desk-offline"), attr("role", "alert"), flag("hidden")], [
                .text(t(.deskSignedOut) + " "), el("a", [attr("href", "/login")], t(.signIn)),
            ]),
            el("form", [attr("method", "post"), attr("action", path), attr("id", "desk-form"), attr("class", "inline-form"),
                        attr("data-ping", path + "/ping")], [
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
            result?.html ?? el("div", [attr("id", "desk-result"), attr("class", "desk-result"), attr("role", "status"), attr("aria-live", "assertive"), flag("hidden")], []),
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
        let person = found.first { $0.id == outcome.checkIn.registrationId }?.participant
        let who = person.map { t(GuestPages.sectorMessage($0.sector)) + "・" + t(GuestPages.roleMessage($0.role)) }
        if outcome.created {
            return DeskResult(state: "ok", status: 201, headline: t(.deskCheckedIn), name: person.map(Self.name), detail: who)
        }
        return DeskResult(state: "again", status: 200, headline: t(.deskAlready, GuestPages.clock(outcome.checkIn.checkedInAt)),
                          name: person.map(Self.name), detail: who)
    }
}

extension Console {
    /// The session a desk or an attendance import is for (`?session=` on the page, `sessionId` in its
    /// forms); nil for the event's day. A session of another event, or none, is the 404 page.
    func deskSession(_ request: ConsoleRequest, eventID: UUID) async throws -> EventSession? {
        guard let text = request.query("session") ?? request.formValue("sessionId"), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text),
              let session = try await services.conventions.sessions(of: eventID, by: try request.principal).first(where: { $0.id == id }) else {
            throw ConsoleError.notFound
        }
        return session
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

/// What the desk shows after a code: a state for the colour (`ok`, `again`, `refused`), a headline,
/// and the person. The same words as HTML (without JavaScript) and as JSON (for the page's script).
struct DeskResult: Sendable, Encodable {
    let state: String
    let status: Int
    let headline: String
    let name: String?
    let detail: String?

    var html: HTML {
        el("div", [attr("id", "desk-result"), attr("class", "desk-result \(state)"), attr("role", "status"), attr("aria-live", "assertive")], [
            el("strong", [attr("class", "desk-headline")], headline),
            name.map { el("span", [attr("class", "desk-name")], $0) } ?? .fragment([]),
            detail.map { el("span", [attr("class", "desk-detail")], $0) } ?? .fragment([]),
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
        result.hidden = false;
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
