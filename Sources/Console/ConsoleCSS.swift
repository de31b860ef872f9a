/// The console's one stylesheet (CONSOLE.md): a system font stack that reaches Japanese fonts, line
/// height 1.7, kinsoku-safe breaking between phrases, one blue scale, 44 px targets, a visible focus ring, phones
/// first (375 px), and print rules for the KPI report on A4. Colours meet 4.5:1 on white.
enum ConsoleCSS {
    static let text = #"""
    :root {
      --blue-900: #00118f; --blue-700: #0031d8; --blue-50: #e8f1fe;
      --grey-900: #1a1a1a; --grey-700: #414141; --grey-300: #b4b4b4; --grey-100: #f2f2f2;
      --red: #b3261e; --green: #1b6e2d; --amber: #7a4d00; --focus: #ffd43d;
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body {
      margin: 0; color: var(--grey-900); background: #fff;
      font-family: "Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", "Meiryo", system-ui, sans-serif;
      font-size: 1rem; line-height: 1.7; line-break: strict; word-break: normal; overflow-wrap: anywhere;
    }
    /* Japanese breaks between phrases (自社の / プロフィールと / 技術を), kinsoku held, where the browser can
       find them. keep-all without that made a sentence one word, broken only where it overflowed, and such a
       break ignores kinsoku (「確認できます」 then 「。」 alone at 375 px); browsers without phrases break
       between characters under line-break: strict, as Japanese print does. */
    @supports (word-break: auto-phrase) { body { word-break: auto-phrase; } }
    a { color: var(--blue-700); text-underline-offset: 0.2em; }
    a:visited { color: var(--blue-900); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
    summary:focus-visible {
      outline: 3px solid var(--grey-900); outline-offset: 0; box-shadow: 0 0 0 6px var(--focus);
    }
    .skip-link { position: absolute; left: -9999px; top: 0; padding: 0.75rem 1rem; background: var(--focus); color: var(--grey-900); z-index: 10; }
    .skip-link:focus { left: 0.5rem; top: 0.5rem; }
    .site-header { background: var(--blue-900); color: #fff; }
    .site-header .bar { max-width: 72rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
    .site-header a, .site-header a:visited { color: #fff; }
    .brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; display: inline-flex; align-items: center; min-height: 44px; }
    .header-tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .header-tools .who { font-size: 0.875rem; display: inline-flex; align-items: center; min-height: 44px; }
    .language-switch { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; padding: 0 0.5rem; }
    .site-nav { background: var(--blue-50); border-bottom: 1px solid var(--grey-300); }
    .site-nav ul { max-width: 72rem; margin: 0 auto; padding: 0 0.5rem; list-style: none; display: flex; flex-wrap: wrap; }
    .site-nav a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.75rem; font-weight: 600; }
    .site-nav a[aria-current="page"] { color: var(--grey-900); text-decoration-thickness: 3px; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
    h1 { font-size: 1.75rem; line-height: 1.4; margin: 0.5rem 0 1rem; }
    h2 { font-size: 1.375rem; line-height: 1.4; margin: 2rem 0 0.75rem; }
    h3 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; }
    p, ul, ol, dl { margin: 0 0 1rem; }
    .lead-text { font-size: 1.125rem; color: var(--grey-700); }
    .button, button {
      display: inline-flex; align-items: center; justify-content: center; min-height: 44px; min-width: 44px;
      padding: 0.5rem 1.25rem; border: 2px solid var(--blue-700); border-radius: 6px; background: var(--blue-700);
      color: #fff; font: inherit; font-weight: 700; cursor: pointer; text-decoration: none;
    }
    .button:visited { color: #fff; }
    .button.secondary, button.secondary { background: #fff; color: var(--blue-700); }
    .button:hover, button:hover { background: var(--blue-900); border-color: var(--blue-900); color: #fff; }
    button.danger { background: var(--red); border-color: var(--red); }
    button.danger:hover { background: #7f1b15; border-color: #7f1b15; }
    .row-actions { display: flex; flex-wrap: wrap; gap: 0 1rem; }
    .row-actions a { display: inline-flex; align-items: center; min-height: 44px; }
    .link-button { background: none; border: none; color: inherit; text-decoration: underline; padding: 0 0.5rem; font-weight: 400; }
    .link-button:hover { background: none; color: inherit; }
    .field { margin: 0 0 1.25rem; }
    label, legend { display: block; font-weight: 700; margin-bottom: 0.25rem; }
    .hint { display: block; color: var(--grey-700); font-size: 0.875rem; margin-bottom: 0.25rem; }
    input[type=text], input[type=email], input[type=password], input[type=search], input[type=number], input[type=date],
    input[type=datetime-local], input[type=url], select, textarea {
      display: block; width: 100%; max-width: 36rem; min-height: 44px; padding: 0.5rem; border: 2px solid var(--grey-700);
      border-radius: 4px; font: inherit; background: #fff; color: var(--grey-900);
    }
    textarea { min-height: 7rem; }
    fieldset { border: 1px solid var(--grey-300); border-radius: 6px; padding: 0.75rem 1rem; margin: 0 0 1.25rem; min-width: 0; }
    .checks { list-style: none; padding: 0; margin: 0; max-height: 20rem; overflow-y: auto; }
    .checks li { display: flex; align-items: center; gap: 0.5rem; min-height: 44px; }
    .checks input { width: 24px; height: 24px; margin: 0; flex: none; }
    .checks label { font-weight: 400; margin: 0; }
    /* conventions (issue 15): the public registration form and the check-in desk */
    .field.check { display: flex; align-items: flex-start; gap: 0.5rem; min-height: 44px; }
    .field.check input { width: 24px; height: 24px; margin: 0.2rem 0 0; flex: none; }
    .field.check label { font-weight: 400; margin: 0; }
    .consent-text { background: #f5f5f5; padding: 0.75rem 1rem; border-radius: 4px; margin-bottom: 1rem; }
    .summary-list { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
    .summary-list dt { font-weight: 700; }
    .summary-list dd { margin: 0; }
    .desk-result { border: 4px solid var(--grey-700); border-radius: 6px; padding: 1rem; margin: 1rem 0; font-size: 1.25rem; }
    .desk-result.ok { border-color: var(--green); background: #e9f6ec; }
    .desk-result.again { border-color: var(--amber); background: #fff6e0; }
    .desk-result.refused { border-color: var(--red); background: #fdecea; }
    .desk-result .desk-name { font-size: 1.75rem; font-weight: 700; display: block; }
    .desk-result .desk-detail { display: block; }
    .desk-offline { border: 4px solid var(--red); background: #fdecea; padding: 0.75rem 1rem; font-weight: 700; }
    .desk-undo { margin-top: 0.75rem; }
    .desk-arrivals { font-size: 1.25rem; font-weight: 700; }
    .desk-matches { list-style: none; padding: 0; }
    .desk-matches li { border-top: 1px solid var(--grey-700); padding: 0.75rem 0; overflow-wrap: anywhere; }
    .desk-matches strong, .desk-matches .desk-detail { display: block; }
    .desk-matches form { margin-top: 0.5rem; }
    .desk-camera video { width: 100%; max-width: 24rem; border-radius: 6px; background: #000; }
    /* end conventions */
    .error-summary { border: 4px solid var(--red); padding: 1rem; margin-bottom: 1.5rem; }
    .error-summary h2 { margin-top: 0; color: var(--red); }
    .field-error { color: var(--red); font-weight: 700; display: block; }
    .notice { border-left: 6px solid var(--blue-700); background: var(--blue-50); padding: 0.75rem 1rem; margin-bottom: 1.5rem; }
    .notice.warning { border-color: var(--amber); background: #fff6e0; }
    .notice.success { border-color: var(--green); background: #e9f6ec; }
    .fallback { font-size: 0.75rem; color: var(--grey-700); border: 1px solid var(--grey-300); border-radius: 4px; padding: 0 0.25rem; margin-left: 0.25rem; white-space: nowrap; }
    .table-wrap { max-width: 100%; overflow-x: auto; margin-bottom: 1.5rem; }
    table { border-collapse: collapse; width: 100%; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
    th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--grey-300); }
    /* In cells, Japanese may break between characters (kinsoku still holds through line-break: strict):
       keep-all would make a long title one unbreakable line, and anywhere lets the table squeeze every
       column to one character. */
    td, th { word-break: normal; overflow-wrap: break-word; }
    td.nowrap, th.nowrap { white-space: nowrap; }
    th { background: var(--grey-100); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .stat-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 8rem), 1fr)); gap: 0.75rem; padding: 0; list-style: none; }
    .stat-grid li { border: 1px solid var(--grey-300); border-radius: 6px; padding: 0.75rem; }
    .stat-grid .value { display: block; font-size: 1.75rem; font-weight: 700; }
    .summary-list { display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: 0.25rem 1rem; }
    .summary-list dt { font-weight: 700; }
    .summary-list dd { margin: 0; }
    .tag { display: inline-block; border: 1px solid var(--grey-700); border-radius: 4px; padding: 0 0.375rem; margin: 0 0.25rem 0.25rem 0; font-size: 0.875rem; }
    .target-link { display: inline-flex; align-items: center; min-height: 44px; margin-right: 1rem; }
    .stars { color: var(--amber); letter-spacing: 0; white-space: nowrap; }
    .chart { display: block; width: 100%; max-width: 40rem; height: auto; }
    .chart .target { fill: none; stroke: var(--grey-700); stroke-width: 2; stroke-dasharray: 6 4; }
    .chart .actual { fill: var(--blue-700); }
    .chart .axis { stroke: var(--grey-700); stroke-width: 1; }
    .chart text { font-size: 12px; fill: var(--grey-900); }
    .kpi-block { border-top: 2px solid var(--grey-300); padding-top: 0.5rem; }
    .kpi-pair { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
    .inline-form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    .inline-form .field { margin: 0; flex: 0 1 28rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1rem 0; }
    .explain { font-size: 0.875rem; color: var(--grey-700); }
    .site-footer { border-top: 1px solid var(--grey-300); color: var(--grey-700); font-size: 0.875rem; }
    .site-footer p { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    [hidden] { display: none !important; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
      clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
    @media (min-width: 48rem) {
      h1 { font-size: 2rem; }
      .kpi-pair { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
    }
    main > form { margin-bottom: 1.5rem; }
    .inline-form { margin-bottom: 1rem; }
    td form button { white-space: nowrap; }
    .decision-form { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .panel { border: 1px solid var(--grey-300); border-radius: 6px; padding: 0.75rem 1rem; margin: 1rem 0; }
    button.warning { background: var(--red); border-color: var(--red); }
    .tag.warning { border-color: var(--amber); color: var(--amber); font-weight: 700; margin-left: 0.5rem; }
    .secret { display: block; padding: 0.5rem; background: var(--grey-100); word-break: break-all; font-size: 0.875rem; }
    .note { border-bottom: 1px solid var(--grey-300); padding-bottom: 0.5rem; }
    .note-body { white-space: pre-line; }
    /* console15: an audit entry's changes get the room; long values and ids break anywhere. */
    ul.changes { min-width: 16rem; margin: 0; padding-left: 1rem; overflow-wrap: anywhere; }
    /* Why a value offers no restore (ux19): set apart from the value it follows, not a colour alone. */
    .restore-refused { display: inline-block; margin-left: 0.25rem; padding: 0 0.375rem; border: 1px solid var(--grey-300); border-radius: 4px; color: var(--grey-700); font-size: 0.875rem; }
    /* polish28: a long id breaks where it offers to (after a "/") and, only when a part is wider than the column, inside it;
       "anywhere" squeezed the column to one letter's width, and yokohama_students/2026 broke between any two letters. */
    .record-id { overflow-wrap: break-word; }
    /* polish26: an audited record's short id (eight digits and …) stays on one line. */
    .record-id code { white-space: nowrap; }
    /* A list's pager (Layout.pager): its links, next and first page side by side, are 44 px touch targets apart. */
    .pager a { display: inline-block; min-height: 44px; line-height: 44px; margin-right: 1.25rem; }
    /* polish24: an audit action's code after its label, small, for the administrator who searches for it. */
    .audit-actor { word-break: keep-all; }
    .audit-action { font-size: 0.8125rem; color: var(--grey-700); overflow-wrap: anywhere; }
    /* console13: a merge's two records side by side from a tablet up; lists of links without bullets. */
    .merge-pair { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
    .merge-pair section { border: 1px solid var(--grey-300); border-radius: 6px; padding: 0 1rem 0.75rem; }
    @media (min-width: 48rem) { .merge-pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
    .filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1rem; align-items: end; }
    .filters .field { margin-bottom: 0.75rem; }
    .filters button { justify-self: start; margin-bottom: 0.75rem; }
    /* The directory's cards on a phone: each label beside its value, so a company takes four short lines. */
    @media (max-width: 37.5rem) {
      .directory .stack td[data-label]::before { display: inline; margin-right: 0.5rem; }
      .directory .stack td.nowrap { display: inline-block; width: auto; margin-right: 1rem; }
    }
    ul.plain { list-style: none; padding: 0; margin: 0; }
    ul.plain li { margin: 0.25rem 0; }
    /* Stacked tables (the need's ranking, a company's opportunities): on a narrow phone each row
       becomes a card and each cell says its column, instead of five squeezed columns. */
    @media (max-width: 37.5rem) {
      .stack table, .stack tbody, .stack tr, .stack td { display: block; width: 100%; }
      .stack caption { display: block; text-align: left; }
      .stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); }
      .stack tr { border-bottom: 2px solid var(--grey-300); padding: 0.5rem 0; }
      .stack td { border-bottom: none; padding: 0.125rem 0; }
      .stack td.num { text-align: left; }
      .stack td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem; font-weight: 700; color: var(--grey-700); }
      .stack td ul.explain { padding-left: 1.25rem; margin: 0.25rem 0; }
    }
    @media (max-width: 30rem) {
      .summary-list { grid-template-columns: 1fr; }
      .summary-list dd { margin-bottom: 0.5rem; }
      th, td { padding: 0.375rem 0.25rem; }
    }
    @media print {
      @page { size: A4; margin: 15mm; }
      .site-nav, .skip-link, .header-tools, .no-print, form, .site-footer { display: none !important; }
      .site-header { background: none; color: #000; border-bottom: 2px solid #000; }
      .site-header a { color: #000; }
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      a { color: #000; text-decoration: none; }
      .kpi-block { break-inside: avoid; }
      .table-wrap { overflow: visible; }
      th { background: none; border-bottom: 2px solid #000; }
    }
    """#
}
