import HTTPServer

/// The console's stylesheet and script, embedded in the binary (no build step, no CDN). Each is served
/// at a path that carries a hash of its content, so browsers may keep it for a year and a new binary's
/// assets are fetched at once under their new names.
struct Asset: Sendable {
    let name: String
    let contentType: String
    let bytes: [UInt8]
    let path: String

    init(name: String, extension fileExtension: String, contentType: String, content: String) {
        self.name = name
        self.contentType = contentType
        bytes = Array(content.utf8)
        path = "/assets/\(name)-\(Self.fingerprint(bytes)).\(fileExtension)"
    }

    /// FNV-1a (64 bit): a cache key, not a security property, so a short non-cryptographic hash does.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    var response: HTTPResponse {
        HTTPResponse(status: .ok, headers: [
            "Content-Type": contentType,
            // Immutable for a year (RFC 8246): the name changes whenever the content does.
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
        ], body: bytes)
    }

    static let stylesheet = Asset(name: "console", extension: "css", contentType: "text/css; charset=utf-8", content: ConsoleCSS.text)
    static let script = Asset(name: "console", extension: "js", contentType: "text/javascript; charset=utf-8", content: ConsoleJS.text)
    /// A favicon of our own, so the browser's automatic request finds one instead of a 404.
    static let icon = Asset(name: "icon", extension: "svg", contentType: "image/svg+xml", content: """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#00118f"/>\
        <rect x="4" y="3" width="8" height="10" rx="1" fill="#fff"/><circle cx="8" cy="6" r="1.2" fill="#00118f"/>\
        <circle cx="8" cy="10" r="1.2" fill="#00118f"/></svg>
        """)
    static let all = [stylesheet, script, icon, deskScript]
}

/// Progressive enhancement only: the pages work without it. It filters the taxonomy picker's
/// checkboxes as a person types, moves focus to a form's error summary (so a screen reader reads it
/// first, as GOV.UK does), and asks before a stage move to lost or on hold, disabling a user or
/// revoking an API key (forms with `data-confirm`), and carries what was typed into a form across the
/// language switch (ux12).
enum ConsoleJS {
    static let text = #"""
    "use strict";
    document.querySelectorAll("[data-filter-for]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("data-filter-for"));
      if (!list) { return; }
      input.parentNode.hidden = false;
      input.addEventListener("input", function () {
        var query = input.value.trim().toLowerCase();
        list.querySelectorAll("[data-filter-text]").forEach(function (item) {
          item.hidden = query !== "" && item.getAttribute("data-filter-text").indexOf(query) === -1;
        });
      });
    });
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var select = form.querySelector("select[name=to]");
        var risky = !select || select.value === "lost" || select.value === "on_hold";
        if (risky && !window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    (function () {
      // What was typed survives the language switch (docs/console.md, "Typed input and the language
      // switch"): the forms someone changed are kept for the one page load that follows, then dropped.
      var key = "domino-typed-input";
      var skipped = ["password", "file", "submit", "button", "reset", "image"];
      function typed(field) {
        if (!field.name || field.disabled || skipped.indexOf(field.type) !== -1) { return false; }
        return field.type !== "hidden" || field.name === "version";
      }
      function fields(form) { return Array.prototype.filter.call(form.elements, typed); }
      function changed(field) {
        if (field.type === "checkbox" || field.type === "radio") { return field.checked !== field.defaultChecked; }
        if (field.options) { return value(field).join("\n") !== field.servedChoice; }
        return field.type !== "hidden" && field.value !== field.defaultValue;
      }
      function value(field) {
        if (field.type === "checkbox" || field.type === "radio") { return field.checked; }
        if (field.options) { return Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; }); }
        return field.value;
      }
      function restore(field, saved) {
        if (field.type === "checkbox" || field.type === "radio") { field.checked = saved; return; }
        if (field.options) {
          Array.prototype.forEach.call(field.options, function (o) { o.selected = saved.indexOf(o.value) !== -1; });
          return;
        }
        field.value = saved;
      }
      // A field is known by its name, its value for boxes, and its place among fields of that name.
      function keys(form) {
        var seen = {};
        return fields(form).map(function (field) {
          var name = field.name + (field.type === "checkbox" || field.type === "radio" ? "=" + field.value : "");
          seen[name] = (seen[name] || 0) + 1;
          return { field: field, key: name + "#" + seen[name] };
        });
      }
      // What each list showed as served, read before anything is filled back: a list with no option marked
      // selected shows its first one, which no option's defaultSelected says, so it seemed always changed.
      Array.prototype.forEach.call(document.forms, function (form) {
        fields(form).forEach(function (field) { if (field.options) { field.servedChoice = value(field).join("\n"); } });
      });
      var carried = null;
      try {
        carried = JSON.parse(window.sessionStorage.getItem(key) || "null");
        window.sessionStorage.removeItem(key);
      } catch (error) { carried = null; }
      if (carried && carried.path === window.location.pathname && Date.now() - carried.at < 60000) {
        carried.forms.forEach(function (saved) {
          var form = Array.prototype.filter.call(document.forms, function (f) { return f.getAttribute("action") === saved.action; })[saved.index];
          if (!form) { return; }
          keys(form).forEach(function (entry) {
            if (Object.prototype.hasOwnProperty.call(saved.values, entry.key)) { restore(entry.field, saved.values[entry.key]); }
          });
        });
      }
      document.querySelectorAll("a.language-switch").forEach(function (link) {
        link.addEventListener("click", function () {
          var back = new URL(link.href, window.location.href).searchParams.get("back") || window.location.pathname;
          var path = new URL(back, window.location.href).pathname;
          // The answer to a form (a refused one) holds what was sent, changed since or not.
          var answer = document.body.hasAttribute("data-form-answer");
          var forms = [];
          var count = {};
          Array.prototype.forEach.call(document.forms, function (form) {
            var action = form.getAttribute("action");
            count[action] = (count[action] || 0) + 1;
            var list = fields(form);
            if (list.length === 0 || !(answer || list.some(changed))) { return; }
            var values = {};
            keys(form).forEach(function (entry) { values[entry.key] = value(entry.field); });
            forms.push({ action: action, index: count[action] - 1, values: values });
          });
          if (forms.length === 0) { return; }
          try {
            window.sessionStorage.setItem(key, JSON.stringify({ path: path, at: Date.now(), forms: forms }));
          } catch (error) { /* storage refused (private mode, full): the switch works as a plain link */ }
        });
      });
    }());
    """#
}
