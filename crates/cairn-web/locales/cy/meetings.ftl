## Cyfarfodydd a chynrychiolaeth
# cyfarfod (m), agenda (f), eitem (f), cynrychiolaeth (f), cylch gorchwyl (m), cam gweithredu (m).
# Values come after a label ("Perchennog: { $name }"), never straight after a word that mutates.

nav-meetings = Cyfarfodydd
nav-my-meetings = Fy nghyfarfodydd
nav-representation = Cynrychiolaeth

meetings-title = Cyfarfodydd
meetings-intro = Grwpiau, eu cyfarfodydd, pwy sy'n dod, ac a oes gan bob cyfarfod y defnyddwyr gwasanaeth a'r gofalwyr sydd eu hangen arno.
meetings-back = Yn ôl i'r cyfarfodydd
meetings-back-to-group = Yn ôl i'r grŵp
meetings-back-to-meeting = Yn ôl i'r cyfarfod
meetings-upcoming = I ddod
meetings-past = Cyfarfodydd cynharach
meetings-none-upcoming = Nid oes cyfarfodydd wedi'u trefnu eto.
meetings-groups = Grwpiau
meetings-no-groups = Nid oes grwpiau eto.
meetings-online = Ar-lein
meetings-service-wide = Y gwasanaeth cyfan
meetings-when = { $start } tan { $end }
meetings-when-next-day = { $start } tan { $end } y diwrnod wedyn
meetings-open-meeting = Agor y cyfarfod
meetings-due = Erbyn: { $date }
meetings-owner-is = Perchennog: { $name }
meetings-my-overdue = Eich camau gweithredu sy'n hwyr
meetings-overdue = Camau gweithredu sy'n hwyr
meetings-overdue-all = Pob cam gweithredu sy'n hwyr ({ $total })
meetings-overdue-intro = Camau gweithredu o gyfarfodydd sy'n dal ar agor ar ôl y dyddiad a osodwyd ar eu cyfer, gyda'r rhai sydd wedi bod yn hwyr am yr amser hiraf yn gyntaf.
meetings-overdue-total = Cyfanswm sy'n hwyr: { $total }
meetings-overdue-none = Nid oes unrhyw gamau gweithredu'n hwyr.
meetings-overdue-more = Rhagor o gamau gweithredu sy'n hwyr
meetings-overdue-first = Yn ôl i'r dudalen gyntaf
meetings-group-number = Grŵp { $id }

meetings-col-group = Grŵp
meetings-col-kind = Math o grŵp
meetings-col-unit = Uned
meetings-col-rule = Rheol cynrychiolaeth
meetings-col-person = Person
meetings-col-constituency = Yn cymryd rhan fel
meetings-col-reply = Ateb
meetings-col-reply-for = Ateb ar eu rhan
meetings-col-breakdown = Dadansoddiad
meetings-col-row = Rhes
meetings-col-meetings = Cyfarfodydd a gynhaliwyd
meetings-col-met = Wedi bodloni'r rheol
meetings-col-met-percent = Wedi bodloni'r rheol (%)
meetings-col-others = Eraill a oedd yn bresennol
meetings-col-carer-percent = Cyfran y gofalwyr o'r rhai a enwyd (%)

meetings-kind-strategy = Grŵp strategaeth
meetings-kind-forum = Fforwm defnyddwyr gwasanaeth a gofalwyr
meetings-kind-community = Cyfarfod cymunedol neu gyd-gymorth
meetings-kind-team-building = Sesiwn meithrin tîm
meetings-kind-other = Grŵp arall

meetings-reply-confirmed = Yn dod
meetings-reply-apologies = Wedi anfon ymddiheuriadau
meetings-reply-none = Dim ateb eto
meetings-reply-by = Cofnodwyd gan: { $by }
meetings-presence-attended = Yn bresennol
meetings-presence-apologies = Ymddiheuriadau
meetings-presence-absent = Yn absennol

meetings-arrangement-refreshments = Lluniaeth
meetings-arrangement-breaks = Egwyliau
meetings-arrangement-quiet-space = Lle tawel
meetings-arrangement-easy-read = Papurau Hawdd ei Ddeall
meetings-arrangement-interpreter = Cyfieithydd ar y pryd

meetings-action-status-open = Ar agor
meetings-action-status-done = Wedi'i wneud
meetings-action-status-dropped = Wedi'i ollwng

meetings-standing-representation = Cynrychiolaeth yn y cyfarfod
meetings-standing-su-carer-issues = Materion defnyddwyr gwasanaeth a gofalwyr
meetings-standing-item = eitem sefydlog

meetings-rule-none = Dim rheol: mae unrhyw bresenoldeb yn cyfrif
meetings-rule-part = { $who }: o leiaf { $count }
meetings-rule-and = {", "}
meetings-short-part = { $who }: angen { $count } arall
meetings-rule-met = Wedi bodloni'r rheol
meetings-rule-not-met = Heb fodloni'r rheol
meetings-not-recorded = Presenoldeb heb ei gofnodi eto

## Ffurflen a thudalen y grŵp
meetings-group-new-title = Ychwanegu grŵp
meetings-group-edit-title = Newid y grŵp hwn
meetings-group-save = Cadw'r grŵp
meetings-name-en = Enw yn Saesneg
meetings-name-cy = Enw yn Gymraeg
meetings-usual-place = Lleoliad arferol
meetings-usual-time = Amser arferol
meetings-usual-time-hint = Er enghraifft, bob dydd Mawrth am 14:00
meetings-tor-title = Cylch gorchwyl
meetings-tor-intro = Y pedair R. Ysgrifennwch bob un yn Saesneg ac yn Gymraeg, neu gadewch y ddwy tan yn nes ymlaen.
meetings-tor-role = Rôl
meetings-tor-role-hint = Pam mae'r grŵp yn bodoli.
meetings-tor-remit = Cylch gwaith
meetings-tor-remit-hint = Beth mae'r grŵp yn edrych arno ac yn gallu ei benderfynu.
meetings-tor-relationships = Perthnasoedd
meetings-tor-relationships-hint = I bwy mae'r grŵp yn adrodd, a gyda phwy mae'n gweithio.
meetings-tor-responsibility = Cyfrifoldeb
meetings-tor-responsibility-hint = Beth mae'r aelodau'n cytuno i'w wneud.
meetings-tor-missing = Heb ei ysgrifennu eto
meetings-in-english = Yn Saesneg
meetings-in-welsh = Yn Gymraeg
meetings-rule-title = Rheol cynrychiolaeth
meetings-rule-intro = Y nifer lleiaf o bob math o bobl sydd eu hangen ar gyfarfod. Gadewch flwch yn wag neu rhowch 0 os nad oes angen neb o'r math hwnnw.
meetings-standing-title = Eitemau sefydlog
meetings-standing-label = Eitemau sefydlog y grŵp hwn
meetings-standing-hint = Un ar bob llinell. Mae pob cyfarfod yn dechrau gyda chynrychiolaeth yn y cyfarfod ac mae bob amser yn cynnwys materion defnyddwyr gwasanaeth a gofalwyr.
meetings-members = Aelodau
meetings-no-members = Nid oes neb ar y rhestr hon eto.
meetings-add-member = Ychwanegu aelod
meetings-add-member-button = Ychwanegu at y grŵp
meetings-choose-person = Dewiswch berson
meetings-remove-member = Tynnu oddi ar y grŵp: { $name }

## Trefnu cyfarfod
meetings-schedule-title = Trefnu cyfarfod
meetings-schedule-button = Trefnu'r cyfarfod
meetings-date = Dyddiad
meetings-date-hint = Er enghraifft, 15 7 2026
meetings-starts = Yn dechrau am
meetings-ends = Yn gorffen am
meetings-time-hint = Cloc 24 awr, er enghraifft 14:00
meetings-ends-hint = Cloc 24 awr, er enghraifft 16:00. Os yw'r amser gorffen yn gynharach na'r amser dechrau, mae'r cyfarfod yn gorffen y diwrnod wedyn.
meetings-which-starts = Mae'r clociau'n mynd yn ôl ar { $date }, felly mae { $time } yn digwydd ddwywaith. Pa { $time } mae'r cyfarfod yn dechrau?
meetings-which-ends = Mae'r clociau'n mynd yn ôl ar { $date }, felly mae { $time } yn digwydd ddwywaith. Pa { $time } mae'r cyfarfod yn gorffen?
meetings-which-first = { $time } y tro cyntaf ({ $zone }, cyn i'r clociau fynd yn ôl)
meetings-which-second = { $time } yr ail dro ({ $zone }, ar ôl i'r clociau fynd yn ôl)
meetings-place = Lleoliad
meetings-place-hint = Gadewch yn wag os yw'r cyfarfod ar-lein yn unig.
meetings-online-link = Dolen ar-lein
meetings-online-link-hint = Dolen sy'n dechrau gyda https://
meetings-arrangements = Trefniadau
meetings-arrangements-hint = Ticiwch bopeth a fydd yn cael ei gynnig.
meetings-arrangements-none = Dim wedi'u rhestru

## Un cyfarfod
meetings-claims = Hawliadau ar gyfer y cyfarfod hwn
meetings-claims-intro = Gellir talu pob person a oedd yn bresennol am ei amser. Dechreuwch hawliad gyda nhw o'u presenoldeb.
meetings-claim-for = Dechrau hawliad: { $name }
meetings-cancel = Canslo'r cyfarfod hwn
meetings-forum-decision = Penderfyniad y fforwm: { $decision }
meetings-error-cancel-held = Mae'r cyfarfod hwn wedi'i gynnal yn barod, felly ni ellir ei ganslo
meetings-cancelled = Wedi'i ganslo
meetings-warning-title = Cynrychiolaeth
meetings-warning = Ni fyddai'r bobl sydd wedi dweud eu bod yn dod yn bodloni'r rheol. { $short }
meetings-warning-short = Dim digon o gynrychiolaeth eto
meetings-download-ics = Ychwanegu at eich calendr (ffeil .ics)
meetings-name-cards = Cardiau enw
meetings-name-cards-hint = Argraffwch ar A4: dau gerdyn ar bob tudalen. Plygwch bob cerdyn ar hyd y canol.
meetings-email-invites = Anfon y gwahoddiad at yr aelodau drwy e-bost
meetings-first-timers = Yn dod am y tro cyntaf: { $names }. Cwrddwch â nhw cyn y cyfarfod ac ar ei ôl.
meetings-first-time = Tro cyntaf
meetings-agenda = Agenda
meetings-item-title = Ychwanegu eitem
meetings-item-suggestion = Rhif yr awgrym (dewisol)
meetings-item-suggestion-hint = Cysylltu'r eitem hon ag awgrym o'r rhestr adborth.
meetings-item-add = Ychwanegu'r eitem
meetings-linked-suggestion = Awgrym { $id }
meetings-replies = Pwy sy'n dod
meetings-confirm-for = Yn dod: { $name }
meetings-apologies-for = Ymddiheuriadau: { $name }
meetings-attendance = Presenoldeb
meetings-others-count = Pobl eraill a oedd yn bresennol
meetings-others-count-hint = Pobl a ddaeth ond nad ydynt yn aelodau, fel rhif.
meetings-attendance-save = Cadw'r presenoldeb
meetings-minutes = Cofnodion
meetings-minutes-save = Cadw'r cofnodion
meetings-no-minutes = Dim cofnodion eto.
meetings-decisions = Penderfyniadau
meetings-no-decisions = Dim penderfyniadau wedi'u cofnodi.
meetings-decision-add = Cofnodi penderfyniad
meetings-decision-save = Cadw'r penderfyniad
meetings-actions = Camau gweithredu
meetings-no-actions = Dim camau gweithredu.
meetings-action-text = Cam gweithredu newydd
meetings-action-owner = Pwy fydd yn ei wneud
meetings-action-due = Dyddiad cwblhau
meetings-action-save = Cadw'r cam gweithredu
meetings-mark-done = Nodi ei fod wedi'i wneud: { $action }

## Cyfarfodydd aelod
meetings-mine-title = Fy nghyfarfodydd
meetings-mine-intro = Cyfarfodydd y grwpiau rydych chi'n perthyn iddynt. Rhowch wybod i ni a ydych chi'n dod.
meetings-mine-none = Nid oes cyfarfodydd i ddod ar gyfer eich grwpiau.
meetings-your-reply = Eich ateb: { $reply }
meetings-your-reply-none = Nid ydych wedi ateb eto.
meetings-i-will-come = Rydw i'n dod
meetings-i-cannot-come = Ni allaf ddod
meetings-open-agenda = Darllen yr agenda
meetings-mine-earlier = Cyfarfodydd sydd wedi'u cynnal
meetings-minutes-written = Cofnodion wedi'u hysgrifennu
meetings-back-to-mine = Yn ôl i fy nghyfarfodydd
meetings-your-attendance = Eich presenoldeb
meetings-your-actions = Eich camau gweithredu o'r cyfarfod hwn
meetings-your-actions-none = Nid oes gennych gamau gweithredu o'r cyfarfod hwn.

## Adroddiad cynrychiolaeth
meetings-report-title = Cynrychiolaeth
meetings-report-intro = Ar gyfer cyfarfodydd y mae eu presenoldeb wedi'i gofnodi: faint a fodlonodd eu rheol cynrychiolaeth, pwy a ddaeth, a chyfran y gofalwyr.
meetings-report-period = Dangos fesul
meetings-report-by-month = Mis
meetings-report-by-quarter = Chwarter
meetings-report-by-period = Fesul cyfnod
meetings-report-by-group = Fesul grŵp
meetings-report-by-unit = Fesul uned
meetings-report-total = Pob cyfarfod
meetings-report-span = Yn cwmpasu
# mis (m): 2 fis (soft after dau), 3 mis, 6 mis (no aspirate for m).
meetings-report-months = { $count ->
    [zero] y { $count } mis diwethaf
    [one] y mis diwethaf
    [two] y { $count } fis diwethaf
    [few] y { $count } mis diwethaf
    [many] y { $count } mis diwethaf
   *[other] y { $count } mis diwethaf
}
meetings-report-download = Lawrlwytho'r ffigurau hyn (CSV)
meetings-report-headline = Cyfarfodydd a gynhaliwyd: { $meetings }. Wedi bodloni'r rheol: { $percent }%. Cyfran y gofalwyr: { $carers }%.
meetings-report-empty = Nid oes cyfarfodydd â phresenoldeb wedi'i gofnodi yn cyfateb i'r hidlyddion hyn.
meetings-report-chart-title = Cyfarfodydd a fodlonodd y rheol cynrychiolaeth
meetings-report-chart-summary = Cyfarfodydd a gynhaliwyd: { $meetings }. Wedi bodloni'r rheol: { $percent }%. Cyfran y gofalwyr o'r rhai a enwyd: { $carers }%. Mae'r tabl isod yn rhoi pob ffigur.

## E-bost a hysbysiadau
meetings-email-subject = Gwahoddiad: { $group }
meetings-email-body = Mae gwahoddiad i chi ddod i gyfarfod.

    Grŵp: { $group }
    Pryd: { $when }
    Ble: { $place }

    Mae'r gwahoddiad calendr ynghlwm. Rhowch wybod i ni a ydych chi'n dod.
notice-meeting-reply = Mae ateb i wahoddiad i gyfarfod wedi'i gofnodi ar eich rhan. Cofnodwyd gan: { $by }

## Mesurau ar y model
model-measure-community-meetings = Cyfarfodydd cymunedol a gynhaliwyd yn ystod y mis diwethaf: { $count }
model-measure-agenda-item = Cyfarfodydd yn ystod y chwarter diwethaf â materion defnyddwyr gwasanaeth a gofalwyr ar yr agenda: { $count }%
model-measure-team-building = Sesiynau meithrin tîm yn ystod y chwarter diwethaf: { $count }
model-measure-representation = Cyfarfodydd yn ystod y chwarter diwethaf a fodlonodd eu rheol cynrychiolaeth: { $count }%

## Gwallau
meetings-error-name-en = Rhowch enw'r grŵp yn Saesneg
meetings-error-name-cy = Rhowch enw'r grŵp yn Gymraeg
meetings-error-kind = Dewiswch y math o grŵp
meetings-error-unit = Dewiswch uned o'r rhestr
meetings-error-too-long = Mae hwn yn rhy hir
meetings-error-tor-en = Ysgrifennwch hwn yn Saesneg hefyd, neu gadewch y ddau'n wag
meetings-error-tor-cy = Ysgrifennwch hwn yn Gymraeg hefyd, neu gadewch y ddau'n wag
meetings-error-minimum = Rhowch rif cyfan rhwng 0 a 50
meetings-error-standing = Rhowch hyd at 12 eitem sefydlog, un ar bob llinell, pob un yn llai na 200 nod
meetings-error-date = Rhowch ddyddiad y cyfarfod
meetings-error-time = Rhowch amser ar y cloc 24 awr, fel 14:00
meetings-error-ends = Rhaid i'r amser gorffen fod ar ôl yr amser dechrau
meetings-error-same-time = Ni all yr amser gorffen fod yr un peth â'r amser dechrau
meetings-error-too-long-meeting = Gall cyfarfod bara hyd at 12 awr
meetings-error-no-such-time = Nid oes { $time } ar { $date } am fod y clociau'n mynd ymlaen. Dewiswch amser arall.
meetings-error-which = Dewiswch pa { $time } ar { $date } rydych chi'n ei olygu
meetings-error-link = Rhowch ddolen sy'n dechrau gyda https://
meetings-error-place = Rhowch leoliad neu ddolen ar-lein
meetings-error-arrangement = Dewiswch drefniadau o'r rhestr
meetings-error-person = Dewiswch berson o'r rhestr
meetings-error-not-member = Nid yw'r person hwn yn aelod o'r grŵp
meetings-error-reply = Dewiswch a ydyn nhw'n dod
meetings-error-reply-past = Mae'r cyfarfod hwn wedi digwydd yn barod, felly mae'r atebion wedi cau
meetings-error-others = Rhowch nifer y bobl eraill a oedd yn bresennol, rhwng 0 a 1000
meetings-error-attendance-size = Mae'r rhestr yn rhy hir
meetings-error-attendance-twice = Dim ond unwaith y gellir rhestru pob person
meetings-error-presence = Defnyddiwch yn bresennol, ymddiheuriadau neu yn absennol ar gyfer pob person
meetings-error-cancelled = Cafodd y cyfarfod hwn ei ganslo
meetings-error-not-started = Gellir cofnodi presenoldeb unwaith y bydd y cyfarfod wedi dechrau
meetings-error-item = Rhowch eitem yr agenda
meetings-error-suggestion = Rhowch rif awgrym y gallwch ei weld
meetings-error-decision = Rhowch y penderfyniad
meetings-error-action = Rhowch y cam gweithredu
meetings-error-owner = Dewiswch pwy fydd yn ei wneud
meetings-error-due = Rhowch y dyddiad cwblhau
meetings-error-action-status = Dewiswch ar agor, wedi'i wneud neu wedi'i ollwng
meetings-error-email-off = Mae e-bost wedi'i ddiffodd ar gyfer y sefydliad hwn, felly ni ellir anfon gwahoddiadau. Lawrlwythwch y ffeil calendr yn lle hynny.
meetings-error-group = Dewiswch grŵp
meetings-error-instant = Rhowch ddyddiad ac amser fel 2026-07-15T14:00:00+01:00
meetings-error-month = Rhowch fis fel 2026-07 neu ddyddiad fel 2026-07-01
meetings-error-period = Defnyddiwch y gwerth "month" i ddangos fesul mis, neu "quarter" i ddangos fesul chwarter

## Yr adroddiad cynrychiolaeth i'r rhai na chânt weld pobl
meetings-report-headline-no-carers = Cyfarfodydd a gynhaliwyd: { $meetings }. Wedi bodloni'r rheol: { $percent }%. Cyfran y gofalwyr: heb ei dangos, gan mai rhy ychydig o ofalwyr a fu'n bresennol.
meetings-report-share-hidden = Heb ei dangos
meetings-report-small-numbers = Ni ddangosir cyfrifon presenoldeb o lai na { $count }, fel na ellir adnabod neb; lle gellid cyfrifo cyfrif cudd o'r lleill, caiff un arall ei guddio hefyd.
