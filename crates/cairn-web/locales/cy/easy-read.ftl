# Hawdd ei Ddeall: tudalennau pwysicaf yr aelod, mewn print mawr, un syniad i bob brawddeg fer,
# gyda llun wrth ymyl pob un. Cadwch bob brawddeg yn fyr ac yn syml.

nav-easy-read = Hawdd ei Ddeall
# Geiriau'r log archwilio pan fydd aelod yn troi Hawdd ei Ddeall ymlaen neu i ffwrdd.
audit-entity-user-easy-read = Dewis Hawdd ei Ddeall

## Tudalen gartref Hawdd ei Ddeall a'r switsh

easy-read-title = Hawdd ei Ddeall
easy-read-intro = Mae'r tudalennau hyn yn hawdd eu deall.
easy-read-is-on = Mae Hawdd ei Ddeall ymlaen.
easy-read-is-off = Mae Hawdd ei Ddeall i ffwrdd.
easy-read-on-means = Pan fydd Hawdd ei Ddeall ymlaen, byddwch bob amser yn gweld fersiwn Hawdd ei Ddeall y tudalennau hyn.
easy-read-remembered = Byddwn yn cofio eich dewis y tro nesaf y byddwch yn mewngofnodi.
easy-read-turn-on = Troi Hawdd ei Ddeall ymlaen
easy-read-turn-off = Diffodd Hawdd ei Ddeall
easy-read-pages-heading = Tudalennau hawdd eu deall
easy-read-link-pages = Tudalennau hawdd eu deall
easy-read-link-suggest = Gwneud awgrym
easy-read-link-opportunities = Ffyrdd o gymryd rhan
easy-read-link-claims = Hawliadau ac arian
easy-read-link-me = Beth mae Cairn yn ei gadw amdanoch chi
easy-read-standard = Mynd i'r dudalen arferol
easy-read-all-pages = Pob tudalen hawdd ei deall

## Gwneud awgrym

easy-read-suggest-title = Gwneud awgrym
easy-read-suggest-what = Syniad i wneud pethau'n well yw awgrym.
easy-read-suggest-write = Ysgrifennwch eich syniad yn y blwch.
easy-read-suggest-read = Mae staff yn darllen pob awgrym.
easy-read-suggest-name = Nid oes rhaid i chi roi eich enw.
easy-read-suggest-board = Mae rhai syniadau'n mynd ar y bwrdd “Dywedoch chi, gwnaethom ni”.
easy-read-suggest-names-off = Rydym yn tynnu enwau i ffwrdd yn gyntaf.
easy-read-field-text = Eich syniad
easy-read-field-text-hint = Defnyddiwch eich geiriau eich hun.
easy-read-field-unit = Am ba ward neu dîm mae'ch syniad?
easy-read-field-unit-all = Y gwasanaeth cyfan
easy-read-field-anonymous = Peidiwch â dangos fy enw i neb
easy-read-field-contact = Sut gallwn ni ddweud wrthych chi beth sy'n digwydd?
easy-read-field-contact-hint = Eich e-bost neu eich rhif ffôn. Gallwch adael hwn yn wag.
easy-read-suggest-send = Anfon fy syniad
easy-read-thanks-title = Diolch
easy-read-thanks-got = Mae eich syniad gyda ni.
easy-read-thanks-read = Bydd staff yn ei ddarllen.
easy-read-thanks-board = Maen nhw'n ateb ar y bwrdd “Dywedoch chi, gwnaethom ni”.
easy-read-thanks-tell = Wnaethoch chi ddweud sut i gysylltu â chi? Yna byddwn yn dweud wrthych chi beth sy'n digwydd.
easy-read-thanks-another = Gwneud awgrym arall

## Cyfleoedd a "Mae gen i ddiddordeb"

easy-read-opps-title = Ffyrdd o gymryd rhan
easy-read-opps-what = Dyma ffyrdd o gymryd rhan.
easy-read-opps-press = Ydych chi'n hoffi un? Pwyswch “Mae gen i ddiddordeb”.
easy-read-opps-talk = Byddwn yn siarad â chi amdano.
easy-read-opps-no-wrong = Nid oes ateb anghywir.
easy-read-opps-none = Nid oes cyfleoedd ar hyn o bryd.
easy-read-opps-open-heading = Ar agor nawr
easy-read-opps-where = Ble: { $place }
easy-read-opps-by = Dywedwch wrthym erbyn { $date }.
easy-read-interested = Mae gen i ddiddordeb
easy-read-opps-already = Rydych wedi dweud bod gennych ddiddordeb.
easy-read-opps-sent = Diolch. Rydym yn gwybod bod gennych ddiddordeb yn hwn: { $title }.
easy-read-opps-sent-before = Rydych wedi dweud wrthym o'r blaen. Mae gennych ddiddordeb yn hwn: { $title }.
easy-read-opps-mine-heading = Pethau y dywedoch fod gennych ddiddordeb ynddynt
easy-read-interest-received = Mae wedi dod i law. Byddwn yn cysylltu â chi.
easy-read-interest-talked = Rydym wedi siarad â chi.
easy-read-interest-offered = Rydym wedi cynnig y rôl i chi.
easy-read-interest-appointed = Mae'r rôl gennych chi.
easy-read-interest-not-this-time = Nid y tro hwn.
easy-read-interest-feedback = Beth ddywedom ni: { $words }

## Hawliadau ac arian

easy-read-claims-title = Hawliadau ac arian
easy-read-claim-how-heading = Gwneud hawliad
easy-read-claim-time = Gallwch hawlio am eich amser. Er enghraifft, cyfarfod.
easy-read-claim-when = Dywedwch wrthym y dyddiad a faint o amser a gymerodd.
easy-read-claim-travel = Gallwch hawlio cost mynd yno. Er enghraifft, tocyn bws.
easy-read-claim-receipts = Cadwch eich tocynnau a'ch derbynebau.
easy-read-claim-check = Mae staff yn gwirio eich hawliad.
easy-read-claim-pay = Yna rydym yn eich talu.
easy-read-claim-start = Dechrau hawliad
easy-read-owed-heading = Beth sy'n ddyledus i chi
easy-read-owed = Mae arnom { $amount } i chi.
easy-read-owed-none = Nid oes arian yn ddyledus i chi ar hyn o bryd.
easy-read-owed-claims = { $count ->
    [zero] Mae hyn am { $count } hawliad.
    [one] Mae hyn am { $count } hawliad.
    [two] Mae hyn am { $count } hawliad.
    [few] Mae hyn am { $count } hawliad.
    [many] Mae hyn am { $count } hawliad.
   *[other] Mae hyn am { $count } hawliad.
}
easy-read-owed-wait = Mae'n cymryd amser i wirio a thalu hawliad.
easy-read-paid = Rydym wedi talu { $amount } i chi hyd yma.
easy-read-paid-none = Nid ydym wedi eich talu eto.
easy-read-not-sent = { $count ->
    [zero] Mae gennych { $count } hawliad heb eu hanfon.
    [one] Mae gennych { $count } hawliad heb ei anfon.
    [two] Mae gennych { $count } hawliad heb eu hanfon.
    [few] Mae gennych { $count } hawliad heb eu hanfon.
    [many] Mae gennych { $count } hawliad heb eu hanfon.
   *[other] Mae gennych { $count } hawliad heb eu hanfon.
}
easy-read-not-sent-send = Dim ond hawliad rydych wedi'i anfon y gallwn ei dalu.
easy-read-not-paid = { $count ->
    [zero] Ni thalwyd { $count } hawliad.
    [one] Ni thalwyd { $count } hawliad.
    [two] Ni thalwyd { $count } hawliad.
    [few] Ni thalwyd { $count } hawliad.
    [many] Ni thalwyd { $count } hawliad.
   *[other] Ni thalwyd { $count } hawliad.
}
easy-read-not-paid-why = Agorwch yr hawliad i weld pam.
easy-read-your-claims = Eich hawliadau
easy-read-claims-none = Nid ydych wedi gwneud hawliad eto.
easy-read-claim-line = { $activity } ar { $date }
easy-read-claim-amount = Swm: { $amount }
easy-read-claim-taken-back = Rydym wedi talu { $amount } yn ormod i chi. Byddwn yn ei dynnu o'ch taliad nesaf.
easy-read-claim-correction = Mae hyn yn cywiro taliad a wnaethom o'r blaen.
easy-read-claim-status-draft = Heb ei anfon eto.
easy-read-claim-status-submitted = Mae staff yn ei wirio.
easy-read-claim-status-approved = Wedi'i wirio. Bydd y tîm cyllid yn ei dalu.
easy-read-claim-status-authorised = Yn barod i'w dalu.
easy-read-claim-status-in-run = Bydd yn cael ei dalu cyn bo hir.
easy-read-claim-status-paid = Wedi'i dalu.
easy-read-claim-status-rejected = Heb ei dalu.
easy-read-claims-more = Gweld eich holl hawliadau

## Beth mae Cairn yn ei gadw amdanoch chi

easy-read-me-title = Beth mae Cairn yn ei gadw amdanoch chi
easy-read-me-intro = Mae Cairn yn cadw ffeithiau amdanoch chi. Gallwch eu gweld yma.
easy-read-me-name = Eich enw: { $name }
easy-read-me-taking-part = Rydych yn cymryd rhan fel: { $what }
easy-read-me-places = Eich wardiau a'ch timau: { $places }
easy-read-me-places-none = Nid ydych mewn ward na thîm eto.
easy-read-me-email = Eich e-bost: { $email }
easy-read-me-email-none = Nid oes gennym eich e-bost.
easy-read-me-interests = { $count ->
    [zero] Nid ydych wedi dweud bod gennych ddiddordeb mewn dim byd eto.
    [one] Rydych wedi dweud bod gennych ddiddordeb mewn { $count } peth.
    [two] Rydych wedi dweud bod gennych ddiddordeb mewn { $count } beth.
    [few] Rydych wedi dweud bod gennych ddiddordeb mewn { $count } pheth.
    [many] Rydych wedi dweud bod gennych ddiddordeb mewn { $count } pheth.
   *[other] Rydych wedi dweud bod gennych ddiddordeb mewn { $count } peth.
}
easy-read-me-roles = { $count ->
    [zero] Nid oes gennych rôl ar hyn o bryd.
    [one] Mae gennych { $count } rôl ar hyn o bryd.
    [two] Mae gennych { $count } rôl ar hyn o bryd.
    [few] Mae gennych { $count } rôl ar hyn o bryd.
    [many] Mae gennych { $count } rôl ar hyn o bryd.
   *[other] Mae gennych { $count } rôl ar hyn o bryd.
}
easy-read-me-groups = { $count ->
    [zero] Nid ydych mewn grŵp cyfarfod.
    [one] Rydych mewn { $count } grŵp cyfarfod.
    [two] Rydych mewn { $count } grŵp cyfarfod.
    [few] Rydych mewn { $count } grŵp cyfarfod.
    [many] Rydych mewn { $count } grŵp cyfarfod.
   *[other] Rydych mewn { $count } grŵp cyfarfod.
}
easy-read-me-claims = { $count ->
    [zero] Nid ydych wedi gwneud hawliad eto.
    [one] Rydych wedi gwneud { $count } hawliad.
    [two] Rydych wedi gwneud { $count } hawliad.
    [few] Rydych wedi gwneud { $count } hawliad.
    [many] Rydych wedi gwneud { $count } hawliad.
   *[other] Rydych wedi gwneud { $count } hawliad.
}
easy-read-me-who-sees = Gall y staff sy'n gweithio gyda chi weld y ffeithiau hyn.
easy-read-me-logged = Bob tro mae rhywun yn edrych, mae Cairn yn ei nodi.
easy-read-me-copy = Gallwch ofyn am gopi o bopeth.
easy-read-me-wrong = Oes rhywbeth yn anghywir? Dywedwch wrth aelod o staff.
easy-read-me-change = Newid eich proffil
