import Conventions
import DomainKit
import FoundationEssentials
import Postgres

/// The parts of the public registration page: the event's summary, the fields, their messages.
enum GuestPages {
    /// The honeypot's name: plausible enough that a robot fills it in.
    static let honeypot = "website"

    static func title(of event: Event, in t: Language) -> String {
        t.pick(ja: event.titleJa, en: event.titleEn).text
    }

    /// Open while the window is open and the event has not ended (the service enforces the same).
    static func isOpen(_ event: Event, now: Date) -> Bool {
        (event.registrationOpensAt.map { now >= $0 } ?? true) && (event.registrationClosesAt.map { now < $0 } ?? true) && now < event.endsAt
    }

    /// 2026年12月1日 09:00〜17:30 (日本時間) / 1 Dec 2026 09:00–17:30 (Japan time).
    static func when(_ event: Event, in t: Language) -> String {
        let sameDay = CalendarDate(inJapanAt: event.startsAt) == CalendarDate(inJapanAt: event.endsAt)
        let end = sameDay ? clock(event.endsAt) : t.date(event.endsAt) + " " + clock(event.endsAt)
        return t(.guestWhenValue, t.date(event.startsAt) + " " + clock(event.startsAt), end)
    }

    /// The time of day in Japan (UTC+9 all year; Japan has no daylight saving time).
    static func clock(_ instant: Date) -> String {
        let seconds = (Int(instant.timeIntervalSince1970.rounded(.down)) + 9 * 3600) % 86_400
        let (hour, minute) = ((seconds + 86_400) % 86_400 / 3600, (seconds + 86_400) % 3600 / 60)
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// When and where, and (with `seats`) the seats left or the waitlist: to the public, what registering now means
    /// for them; to staff (`staff`), what it means for whoever they register next (ux37: organizers read the public
    /// sentence 「ご登録いただくと…お知らせします」 on their own event page).
    static func summary(of event: Event, in t: Language, seats showSeats: Bool = true, staff: Bool = false) -> HTML {
        var rows: [(String, String)] = [(t(.guestWhen), when(event, in: t))]
        if let venue = event.venue, event.format != .online { rows.append((t(.guestWhere), venue)) }
        for (mode, seats) in [(AttendanceMode.inPerson, event.inPersonSeats), (.online, event.onlineSeats)] where showSeats {
            guard let seats else { continue }
            let free = seats.capacity - seats.taken
            rows.append((t(mode == .inPerson ? .attendInPerson : .attendOnline),
                         free > 1 ? t(.guestSeatsLeft, t.number(free)) : free == 1 ? t(.guestOneSeatLeft)
                             : staff ? t(.staffFull, t.number(seats.capacity)) : t(.guestFull)))
        }
        return el("dl", [attr("class", "summary-list")], rows.flatMap { [el("dt", [], $0.0), el("dd", [], $0.1)] })
    }

    static func fields(
        _ request: ConsoleRequest, event: Event, universities: [University], values: GuestForm, errors: [(field: String, message: String)],
        staff: Bool = false, correcting: Bool = false
    ) -> [HTML] {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var fields: [HTML] = [
            el("p", [attr("class", "hint")], t(.guestNameHint)),
            Form.textField(request, name: "nameJa", label: t(.guestNameJa), value: values.nameJa, autocomplete: "name", error: message("nameJa")),
            Form.textField(request, name: "nameEn", label: t(.guestNameEn), value: values.nameEn, error: message("nameEn")),
            Form.textField(request, name: "nameReading", label: t(.guestNameReading), value: values.nameReading, hint: t(.guestNameReadingHint),
                           error: message("nameReading")),
            Form.textField(request, name: "email", label: t(.email), value: values.email, type: "email", hint: t(.guestEmailHint),
                           autocomplete: "email", required: true, error: message("email")),
            Form.textField(request, name: "organisation", label: t(.guestOrganisation), value: values.organisation,
                           autocomplete: "organization", error: message("organisation")),
            Form.countrySelect(request, name: "country", label: t(.guestCountry), selected: values.country, none: t(.countryOptional), error: message("country")),
            Form.select(name: "sector", label: t(.guestSector), options: [("", t(.guestChoose))] + Sector.allCases.map { ($0.rawValue, t(sectorMessage($0))) },
                        selected: values.sector, error: message("sector")),
            Form.select(name: "role", label: t(.guestRole), options: [("", t(.guestChoose))] + ParticipantRole.allCases.map { ($0.rawValue, t(roleMessage($0))) },
                        selected: values.role, error: message("role")),
            Form.select(name: "campusId", label: t(.guestCampus), options: [("", t(.guestCampusNone))] + universities.flatMap { university in
                university.campuses.map { campus in
                    (campus.id, t.pick(ja: university.nameJa, en: university.nameEn).text + " — " + t.pick(ja: campus.nameJa, en: campus.nameEn).text)
                }
            }, selected: values.campusId, error: message("campusId")),
        ]
        if staff {
            // The API's `universityId`, for a person whose campus nobody knows (the public page asks the campus only).
            fields.append(Form.select(name: "universityId", label: t(.registerUniversity), options: [("", t(.guestCampusNone))] + universities.map {
                ($0.id, t.pick(ja: $0.nameJa, en: $0.nameEn).text)
            }, selected: values.universityId, error: message("universityId")))
        }
        // A correction (conv35) changes the person, not the registration: no way of attending, no consent to ask again.
        if event.format == .hybrid && !correcting {
            fields.append(Form.select(name: "attendance", label: t(.guestAttendance), options: [
                (AttendanceMode.inPerson.rawValue, t(.attendInPerson)), (AttendanceMode.online.rawValue, t(.attendOnline)),
            ], selected: values.attendance, error: message("attendance")))
        }
        fields.append(el("fieldset", [], [
            el("legend", [], t(.guestConsentLegend)),
            el("div", [attr("class", "consent-text"), attr("id", "consent-purpose")], [
                el("p", [], t(.guestConsentPurpose)),
                el("p", [], t(.guestConsentShared)),
                el("p", [], t(.guestConsentRetention)),
            ]),
            message("consent").map { el("span", [attr("class", "field-error"), attr("id", "consent-error")], $0) } ?? .fragment([]),
            correcting ? .fragment([]) : checkbox(name: "consent", label: t(.guestConsent), checked: values.consent, describedBy: "consent-purpose"),
            checkbox(name: "shareContact", label: t(.guestShareContact), checked: values.shareContact, describedBy: nil),
            checkbox(name: "stayInTouch", label: t(.guestStayInTouch), checked: values.stayInTouch, describedBy: "consent-purpose"),
        ]))
        guard !staff else { return fields }
        // Hidden from people (off screen, out of the tab order, hidden from assistive technology).
        fields.append(el("div", [attr("class", "visually-hidden"), attr("aria-hidden", "true")], [
            el("label", [attr("for", honeypot)], t(.guestHoneypot)),
            .void("input", [attr("type", "text"), attr("id", honeypot), attr("name", honeypot), attr("tabindex", "-1"), attr("autocomplete", "off")]),
        ]))
        return fields
    }

    private static func checkbox(name: String, label: String, checked: Bool, describedBy: String?) -> HTML {
        el("div", [attr("class", "field check")], [
            .void("input", [attr("type", "checkbox"), attr("id", name), attr("name", name), attr("value", "yes")]
                + (checked ? [flag("checked")] : []) + (describedBy.map { [attr("aria-describedby", $0)] } ?? [])),
            el("label", [attr("for", name)], label),
        ])
    }

    /// The message beside a field the form or the service refused, in the reader's language.
    static func error(for field: String, _ t: Language) -> (field: String, message: String) {
        let message: Message = switch field {
        case "nameJa", "nameEn": .guestNameMissing
        case "nameReading": .guestNameReadingInvalid
        case "email": .guestEmailInvalid
        case "country": .guestCountryInvalid
        case "sector", "role": .guestRoleInvalid
        case "campusId", "universityId": .guestCampusInvalid
        case "consent": .guestConsentMissing
        case "attendance": .guestAttendanceInvalid
        default: .guestFieldInvalid
        }
        return (field == "universityId" ? "campusId" : field, t(message))
    }

    static func sectorMessage(_ sector: Sector) -> Message {
        switch sector {
        case .industry: .sectorIndustry
        case .academia: .sectorAcademia
        case .government: .sectorGovernment
        }
    }

    static func roleMessage(_ role: ParticipantRole) -> Message {
        switch role {
        case .overseasCompany: .participantOverseasCompany
        case .facilityOwner: .participantFacilityOwner
        case .powerDistributor: .participantPowerDistributor
        case .localCompany: .participantLocalCompany
        case .student: .participantStudent
        case .researcher: .participantResearcher
        case .faculty: .participantFaculty
        case .cityOfficial: .participantCityOfficial
        case .nationalGovernment: .participantNationalGovernment
        case .internationalOrganisation: .participantInternationalOrganisation
        case .other: .participantOther
        }
    }
}
