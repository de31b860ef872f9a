import FoundationEssentials
import Mail

/// The messages a registration causes, in Japanese then English (docs/conventions.md "E-mail"). Built
/// here, where the words belong; sent through Mail's public API only.
enum RegistrationMail {
    enum Occasion {
        /// Just registered: a seat (door code and QR code) or a place on the waitlist.
        case registered
        /// Moved up from the waitlist because someone cancelled or seats were added.
        case promoted
        /// The day before the event, to everyone holding a seat.
        case reminder
        /// The person cancelled through the signed link in an earlier message.
        case cancelled
        /// An organizer (or administrator) cancelled the registration, by hand or through the API.
        case cancelledByOrganizer

        /// A message saying the registration is gone: no door code, no QR code, no link to cancel.
        var isCancellation: Bool { self == .cancelled || self == .cancelledByOrganizer }
    }

    /// The message for `registration`, or nil when there is no one to write to: the participant's
    /// address was erased, or is one SMTP cannot carry without SMTPUTF8 (non-ASCII), which Domino does
    /// not ask of the relay. The registration stands either way; the door desk still finds the person.
    static func message(_ occasion: Occasion, registration: Registration, event: Event, cancelLink: String? = nil) -> MailMessage? {
        guard let email = registration.participant.email, let address = try? MailAddress(email), let code = registration.code else { return nil }
        let seat = registration.status == .registered && !occasion.isCancellation
        let id = UUID()
        let titleJa = event.titleJa ?? event.titleEn ?? "イベント"
        let titleEn = event.titleEn ?? event.titleJa ?? "the event"
        let name = registration.participant.nameJa ?? registration.participant.nameEn ?? email
        let nameEn = registration.participant.nameEn ?? registration.participant.nameJa ?? email
        let (whenJa, whenEn) = times(event)
        let placeJa = registration.attendance == .online ? "オンライン（参加方法は別途お知らせします）" : (event.venue ?? "会場は別途お知らせします")
        let placeEn = registration.attendance == .online ? "Online (joining details will follow)" : (event.venue ?? "Venue to be announced")

        let (subjectJa, subjectEn, leadJa, leadEn): (String, String, String, String) = switch (occasion, seat) {
        case (.promoted, _):
            ("【参加確定】\(titleJa)", "Your seat is confirmed: \(titleEn)",
             "キャンセル待ちから繰り上がり、参加が確定しました。", "A seat became free and it is yours: you are registered.")
        case (.registered, true):
            ("【受付完了】\(titleJa)", "Registration confirmed: \(titleEn)",
             "ご登録ありがとうございます。参加登録を受け付けました。", "Thank you for registering. Your place is confirmed.")
        case (.registered, false):
            ("【キャンセル待ち】\(titleJa)", "You are on the waitlist: \(titleEn)",
             "満席のため、キャンセル待ちとして受け付けました。席が空き次第、メールでお知らせします。",
             "The event is full, so you are on the waitlist. We will e-mail you when a seat becomes free.")
        case (.reminder, _):
            ("【明日開催】\(titleJa)", "Tomorrow: \(titleEn)",
             "明日のご参加をお待ちしております。受付でこのメールのコードまたはQRコードをご提示ください。",
             "We look forward to seeing you tomorrow. At the door, show the code or the QR code in this message.")
        case (.cancelled, _):
            ("【登録取消】\(titleJa)", "Registration cancelled: \(titleEn)",
             "ご依頼により、参加登録を取り消しました。受付コードは無効になりました。",
             "As you asked, your registration is cancelled. Your door code is no longer valid.")
        case (.cancelledByOrganizer, _):
            ("【登録取消】\(titleJa)", "Registration cancelled: \(titleEn)",
             "主催者が参加登録を取り消しました。受付コードは無効になりました。お心当たりのない場合は、主催者にお問い合わせください。",
             "The organizers have cancelled your registration. Your door code is no longer valid. If you did not expect this, please contact the organizers.")
        }
        var ja = ["\(name) 様", "", leadJa, "", "イベント: \(titleJa)", "日時: \(whenJa)", "場所: \(placeJa)"]
        var en = ["Dear \(nameEn),", "", leadEn, "", "Event: \(titleEn)", "When: \(whenEn)", "Where: \(placeEn)"]
        if seat {
            ja += ["受付コード: \(code)", "", "当日は受付でこのコード、またはHTMLメールのQRコードをご提示ください。"]
            en += ["Door code: \(code)", "", "At the door, show this code or the QR code in the HTML version of this message."]
        }
        if let cancelLink, !occasion.isCancellation {
            ja += ["", "参加できなくなった場合は、こちらから登録を取り消してください（確認画面が開きます）: \(cancelLink)"]
            en += ["", "If you cannot come, cancel here (a page asks you to confirm first): \(cancelLink)"]
        }
        let footerJa = "このメールは横浜市 脱炭素ビジネスマッチング事務局（Domino）から自動送信しています。"
        let footerEn = "This message was sent automatically by the Yokohama decarbonization business-matching office (Domino)."
        let text = (ja + ["", footerJa, "", "----", ""] + en + ["", footerEn]).joined(separator: "\n")

        var images: [InlineImage] = []
        var qr: [MailHTML] = []
        if seat {
            // The QR code is drawn at delivery, outside this transaction and its event lock.
            images.append(InlineImage(name: "door-code", filename: "door-code-\(code).png", qrCode: code))
            qr = [.element("p", [:], [.void("img", ["src": InlineImage.source(name: "door-code", messageID: id), "alt": code])])]
        }
        func section(_ lang: StaticString, _ lines: [String], heading: String) -> MailHTML {
            .element("div", ["lang": lang.description], [.element("h1", [:], [.text(heading)])]
                     + lines.filter { !$0.isEmpty }.map { .element("p", [:], [.text($0)]) })
        }
        let html = MailHTML.document(lang: "ja", title: subjectJa, body: [
            section("ja", ja, heading: subjectJa), .sequence(qr), .void("hr"), section("en", en, heading: subjectEn),
            .element("p", [:], [.element("small", [:], [.text(footerJa + " " + footerEn)])]),
        ])
        let kind: MailKind = switch occasion {
        case .registered: .registrationConfirmation
        case .promoted: .waitlistPromotion
        case .reminder: .eventReminder
        case .cancelled, .cancelledByOrganizer: .registrationCancelled
        }
        return MailMessage(id: id, kind: kind, to: address,
                           subject: "\(subjectJa) / \(subjectEn)", text: text, html: html, images: images,
                           reference: registration.id.uuidString.lowercased())
    }

    /// Start and end in Japan time; the end date is written only when it differs from the start's.
    static func times(_ event: Event) -> (String, String) {
        let start = JapanTime(event.startsAt)
        let end = JapanTime(event.endsAt)
        let sameDay = start.sameDay == end.sameDay
        return ("\(start.japanese)〜\(sameDay ? end.clock : end.japanese)（日本時間）",
                "\(start.english)–\(sameDay ? end.clock : end.english) (Japan time, UTC+9)")
    }
}
