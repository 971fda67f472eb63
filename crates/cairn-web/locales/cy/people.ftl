## Pobl.

people-title = Pobl
# person (m): 2 berson (soft after dau), 3 pherson and 6 pherson (aspirate after tri, chwe).
people-count = { $count ->
    [zero] Dim pobl
    [one] { $count } person
    [two] { $count } berson
    [few] { $count } pherson
    [many] { $count } pherson
   *[other] { $count } person
}
people-add = Ychwanegu person
people-none = Nid oes neb yn cyfateb.
people-back = Yn ôl i'r bobl
people-filter-title = Hidlo'r rhestr
people-search = Mae'r enw'n cynnwys
people-new-title = Ychwanegu person
people-edit-title = Newid manylion: { $name }
people-edit = Newid y manylion
people-form-intro = Cofnodwch yr hyn sydd ei angen yn unig. Peidiwch byth â chofnodi manylion clinigol yma.
people-chosen-name = Enw dewisol
people-chosen-name-hint = Yr enw y maen nhw'n hoffi cael eu galw wrtho
people-constituency = Sut maen nhw'n cymryd rhan
people-discipline = Disgyblaeth
people-discipline-optional = Disgyblaeth (dewisol, ar gyfer staff)
people-discipline-hint = Er enghraifft nyrs, therapydd galwedigaethol, seicolegydd
people-units = Unedau
people-units-hint = Dewiswch bob uned maen nhw'n rhan ohoni
people-status = Statws
people-status-since = Statws ers
people-status-since-optional = Statws ers (dewisol)
people-language = Iaith ar gyfer llythyrau ac e-byst
people-email = Cyfeiriad e-bost
people-email-optional = Cyfeiriad e-bost (dewisol)
people-email-hint = Dim ond os ydyn nhw eisiau cael eu cysylltu drwy e-bost
people-access-needs = Anghenion mynediad
people-access-needs-optional = Anghenion mynediad (dewisol)
people-access-needs-hint = Er enghraifft print bras, ystafell dawel, cyfieithydd, mynediad heb risiau
people-consent-on = Cydsyniad wedi'i roi ar
people-consent-on-optional = Y dyddiad y gwnaethant gytuno i ni gadw eu manylion (dewisol)
people-save = Cadw'r person
people-history-title = Newidiadau i'r cofnod hwn
people-history-none = Dim newidiadau wedi'u cofnodi eto.
people-history-on-behalf = { $who }, ar ran y person hwn
people-account-title = Cyfrif
people-account-none = Nid oes gan y person hwn gyfrif. Nid oes angen un arnyn nhw: gall staff gofnodi pethau ar eu rhan.
people-account-has = Cyfrif: { $email } ({ $role })
people-account-email-hint = Mae'r gwahoddiad i ddewis cyfrinair yn mynd i'r cyfeiriad hwn
people-account-role = Rôl
people-account-units = Unedau (ar gyfer staff uned)
people-account-units-hint = Dim ond yr unedau hyn y mae staff uned yn eu gweld
people-account-create = Rhoi cyfrif
people-account-link-intro = Mae e-bost wedi'i ddiffodd, felly rhowch y ddolen hon i'r person eich hun. Mae'n gweithio unwaith, am 7 niwrnod.
people-error-chosen-name-required = Rhowch yr enw y maen nhw'n hoffi cael eu galw wrtho
people-error-chosen-name-too-long = Rhowch enw o 80 nod neu lai
people-error-constituency-required = Dewiswch sut maen nhw'n cymryd rhan
people-error-discipline-too-long = Rhowch ddisgyblaeth o 80 nod neu lai
people-error-status-required = Dewiswch statws
people-error-language-required = Dewiswch iaith ar gyfer llythyrau ac e-byst
people-error-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com
people-error-access-needs-too-long = Rhowch anghenion mynediad o 1,000 nod neu lai
people-error-units = Dewiswch unedau o'r rhestr y gallwch eu cyrraedd

constituency-service-user = Defnyddiwr gwasanaeth
constituency-carer = Gofalwr neu aelod o'r teulu
constituency-staff = Staff
constituency-third-sector = Trydydd sector
constituency-manager = Rheolwr

person-status-active = Yn cymryd rhan
person-status-paused = Yn cymryd seibiant
person-status-moved-on = Wedi symud ymlaen
person-status-left = Wedi gadael

## Proffiliau, lluniau, llwybr, lefel, "beth mae Cairn yn ei gadw amdanaf i", allforio a Pwy yw pwy.

nav-whos-who = Pwy yw pwy
nav-about-me = Amdanaf i

profile-heading = Proffil
profile-change = Newid y proffil
profile-mine-title = Eich proffil
profile-mine-intro = Dywedwch wrthym amdanoch chi'ch hun, yn eich geiriau eich hun. Gallwch adael unrhyw beth yn wag a'i newid unrhyw bryd.
profile-for-title = Proffil: { $name }
profile-on-behalf = Rydych yn cofnodi hyn ar ran { $name } ({ $constituency }). Llenwch ef gyda nhw.
profile-about-heading = Amdanoch chi
profile-skills = Sgiliau
profile-skills-optional = Pethau rydych yn dda am eu gwneud (dewisol)
profile-skills-hint = Er enghraifft coginio, gwrando, celf, cyfrifiaduron
profile-interests = Diddordebau
profile-interests-optional = Pethau rydych yn eu mwynhau neu sy'n bwysig i chi (dewisol)
profile-interests-hint = Er enghraifft cerddoriaeth, yr ardd, gwneud y ward yn well
profile-grow-areas = Pethau i wella arnynt
profile-grow-areas-optional = Pethau yr hoffech eu dysgu neu wella arnynt (dewisol)
profile-grow-areas-hint = Er enghraifft siarad mewn cyfarfodydd, hyfforddi pobl eraill
profile-ask-me-about = Gofynnwch i mi am
profile-ask-me-about-optional = Beth gall pobl ofyn i chi amdano (dewisol)
profile-ask-me-about-hint = Bydd hyn yn ymddangos ar y rhestr Pwy yw pwy os ydych yn cytuno i hynny isod
profile-contact-heading = Cysylltu â chi
profile-contact-by = Sut i gysylltu
profile-contact-by-optional = Sut hoffech i ni gysylltu â chi? (dewisol)
profile-contact-note-optional = Unrhyw beth arall am gysylltu (dewisol)
profile-contact-note-hint = Er enghraifft yr amser gorau i ffonio
profile-access-needs = Anghenion mynediad
profile-access-needs-optional = Beth sy'n eich helpu i gymryd rhan (dewisol)
profile-access-needs-hint = Er enghraifft print bras, ystafell dawel, cyfieithydd, mynediad heb risiau
profile-consent-heading = Beth rydych yn cytuno iddo
profile-consent-intro = Eich dewis chi yw pob ateb. Gallwch newid eich meddwl unrhyw bryd.
profile-consent-whos-who = A gawn ni eich rhoi ar y rhestr Pwy yw pwy?
profile-consent-whos-who-hint = Mae'r rhestr Pwy yw pwy yn rhestr y gall pawb sydd â chyfrif Cairn yma ei gweld, a gellir ei hargraffu ar gyfer y ward. Mae'n dangos eich enw dewisol, eich rolau a'r hyn y gall pobl ofyn i chi amdano.
profile-consent-whos-who-yes = Cewch
profile-consent-whos-who-no = Na chewch
profile-consent-whos-who-short = Ar y rhestr Pwy yw pwy
profile-consent-photo = A gawn ni gadw llun ohonoch chi?
profile-consent-photo-hint = Bydd y staff sy'n gweithio gyda chi yn ei weld. Os ydych ar y rhestr Pwy yw pwy, bydd pawb sy'n gallu gweld y rhestr yn ei weld hefyd. Os atebwch "Na chewch", byddwn yn dileu unrhyw lun sydd gennym.
profile-consent-photo-yes = Cewch
profile-consent-photo-no = Na chewch
profile-consent-photo-short = Llun
profile-consent-opportunities = A gawn ni gysylltu â chi am ffyrdd o gymryd rhan?
profile-consent-opportunities-hint = Efallai y bydd y staff sy'n gofalu am rolau cymryd rhan yn cysylltu â chi, yn y ffordd a ddewisoch uchod.
profile-consent-opportunities-yes = Cewch
profile-consent-opportunities-no = Na chewch
profile-consent-opportunities-short = Clywed am ffyrdd o gymryd rhan
profile-save = Cadw'r proffil
profile-level = Lefel
profile-joined-on = Dyddiad ymuno
profile-photo-heading = Llun
profile-photo-alt = Llun: { $name }
profile-photo-label = Dewiswch lun
profile-photo-hint = Llun JPEG neu PNG, hyd at 2 MB
profile-photo-upload = Ychwanegu'r llun
profile-photo-needs-consent = I ychwanegu llun, atebwch "Cewch" i gadw llun yn gyntaf, yna cadwch y proffil.
profile-error-too-long = Rhowch 1,000 o nodau neu lai
profile-error-contact-by = Dewiswch sut hoffech i ni gysylltu â chi
profile-error-consent = Dewiswch ateb
profile-error-photo-consent = Atebwch "Cewch" i gadw llun cyn ychwanegu un
profile-error-photo-empty = Dewiswch lun i'w ychwanegu
profile-error-photo-size = Rhaid i'r llun fod yn 2 MB neu'n llai
profile-error-photo-type = Rhaid i'r llun fod yn llun JPEG neu PNG

contact-by-email = E-bost
contact-by-phone = Ffôn
contact-by-letter = Llythyr
contact-by-in-person = Wyneb yn wyneb
contact-by-through-staff = Drwy'r staff ar y ward

pathway-open = Llwybr a lefel
pathway-title-for = Llwybr: { $name }
pathway-back = Yn ôl i'r cofnod: { $name }
pathway-level-now = Lefel { $level }
pathway-joined = Dyddiad ymuno: { $date }
pathway-level-choice = Lefel { $level }
pathway-level-1 = Lefel 1: dechrau arni
pathway-level-2 = Lefel 2: meithrin sgiliau
pathway-level-3 = Lefel 3: rolau
pathway-step-welcome = Croeso
pathway-step-buddy = Cyfaill
pathway-step-information = Gwybodaeth wedi'i rhoi
pathway-step-training = Hyfforddiant
pathway-step-practice = Ymarfer sgiliau
pathway-step-shadowing = Cysgodi rhywun mewn rôl
pathway-done-on = Wedi'i wneud: { $date }
pathway-not-yet = Heb ei wneud eto
pathway-no-roles = Dim rolau eto.
pathway-role-since = { $role }, ers { $date }
pathway-history-title = Penderfyniadau am lefel
pathway-history-none = Dim penderfyniadau eto. Mae pawb yn dechrau ar lefel 1.
pathway-col-date = Dyddiad
pathway-col-change = Newid
pathway-col-who = Pwy a'i cofnododd
pathway-col-note = Beth a gytunwyd
pathway-level-change = O lefel { $from } i lefel { $to }
pathway-recorded-title = Camau wedi'u cofnodi
pathway-recorded = { $step }: { $date } (cofnodwyd gan: { $who })
pathway-add-step-title = Cofnodi cam
pathway-step-label = Cam
pathway-done-on-label = Y dyddiad y cafodd ei wneud
pathway-note-optional = Nodyn (dewisol)
pathway-add-step = Cofnodi'r cam
pathway-error-step = Dewiswch gam
pathway-error-date = Rhowch y dyddiad y cafodd ei wneud
pathway-error-note-too-long = Rhowch nodyn o 2,000 o nodau neu lai

level-title = Cofnodi penderfyniad am lefel
level-intro = Dim ond pan fyddwch chi a'r person yn penderfynu gyda'ch gilydd y mae lefel yn newid. Cofnodwch yr hyn a gytunwyd.
level-to = Lefel newydd
level-decided-on = Y dyddiad y gwnaethoch benderfynu gyda'ch gilydd
level-note = Beth a gytunwyd gyda nhw
level-note-hint = Er enghraifft beth maen nhw wedi'i wneud a beth sy'n dod nesaf
level-decided-by = Cofnodwyd gan: { $who }
level-save = Cofnodi'r penderfyniad
level-error-level = Dewiswch y lefel newydd
level-error-same = Dewiswch lefel wahanol i'r un y maen nhw arni nawr
level-error-date = Rhowch y dyddiad y gwnaethoch benderfynu gyda'ch gilydd
level-error-note = Rhowch yr hyn a gytunwyd gyda nhw
level-error-note-too-long = Rhowch nodyn o 2,000 o nodau neu lai
level-error-changed = Mae rhywun arall newydd newid lefel y person hwn. Edrychwch eto cyn cofnodi penderfyniad.

me-title = Beth mae Cairn yn ei gadw amdanaf i
me-intro = Dyma bopeth y mae Cairn yn ei gadw amdanoch chi, mewn un lle.
me-no-record = Nid yw eich cyfrif wedi'i gysylltu â chofnod person, felly nid yw Cairn yn cadw dim amdanoch chi yma heblaw am eich cyfrif a'r hyn y mae wedi'i wneud.
me-nothing-yet = Dim byd eto
me-record-heading = Eich cofnod
me-record-change = Os oes rhywbeth yma yn anghywir, dywedwch wrth aelod o staff a byddan nhw'n ei gywiro.
me-name = Eich enw dewisol
me-taking-part = Sut rydych yn cymryd rhan
me-units = Eich wardiau a'ch timau
me-units-count = { $count ->
    [zero] Dim
    [one] Wardiau neu dimau: { $count }
    [two] Wardiau neu dimau: { $count }
    [few] Wardiau neu dimau: { $count }
    [many] Wardiau neu dimau: { $count }
   *[other] Wardiau neu dimau: { $count }
}
me-status = Eich statws gyda ni
me-language = Iaith ar gyfer llythyrau ac e-byst
me-email = Cyfeiriad e-bost
me-consent-on = Y dyddiad y gwnaethoch gytuno i ni gadw eich manylion
me-profile-heading = Eich proffil
me-consents-heading = Beth rydych wedi cytuno iddo
# The answers shown on "Amdanaf i" (you agreed / you did not). The form's own answers stay "Cewch" / "Na chewch".
me-consent-yes = Do
me-consent-no = Naddo
me-change-profile = Newid eich proffil
me-pathway-heading = Eich lefel a'ch llwybr
me-interests-heading = Pethau y dywedoch fod gennych ddiddordeb ynddynt
me-interests-none = Nid ydych wedi mynegi diddordeb mewn dim byd eto.
me-interest-received = Wedi dod i law
me-interest-talked = Rydym wedi siarad
me-interest-offered = Mae wedi'i gynnig i chi
me-interest-appointed = Mae'r rôl gennych
me-interest-not-this-time = Nid y tro hwn
me-feedback = Beth ddywedom ni:
me-roles-heading = Eich rolau
me-roles-none = Nid oes gennych rôl eto.
me-role-ended = { $role }, o { $from } i { $to }
me-exits-heading = Pan wnaethoch gamu i lawr neu adael
me-exit = Gadael: { $date }. Rhesymau: { $reasons }
me-buddies-heading = Cyfeillion
me-buddies-none = Dim cyfeillion eto.
me-buddy-is = Eich cyfaill: { $name }, ers { $date }
me-buddy-for = Rydych yn gyfaill i: { $name }, ers { $date }
me-groups-heading = Grwpiau cyfarfod rydych yn perthyn iddynt
me-groups-none = Nid ydych mewn unrhyw grŵp cyfarfod.
me-claims-heading = Eich hawliadau
# hawliad (m) begins with h, which no numeral mutates.
me-claims-count = { $count ->
    [zero] Nid oes gennych unrhyw hawliadau.
    [one] Mae gennych { $count } hawliad.
    [two] Mae gennych { $count } hawliad.
    [few] Mae gennych { $count } hawliad.
    [many] Mae gennych { $count } hawliad.
   *[other] Mae gennych { $count } hawliad.
}
me-claims-link = Gweld eich hawliadau
me-who-sees = Gall y staff sy'n gweithio gyda chi weld eich cofnod. Bob tro mae rhywun yn edrych arno, mae Cairn yn ei nodi.

export-heading = Popeth a gedwir am y person hwn
export-intro = Ar gyfer cais gwrthrych am wybodaeth: un ffeil gyda phopeth y mae Cairn yn ei gadw amdanynt. Caiff hyn ei gofnodi.
export-button = Lawrlwytho popeth (JSON)
export-button-zip = Lawrlwytho popeth gyda'r derbynebau (zip)

whos-who-title = Pwy yw pwy
whos-who-unit-title = Pwy yw pwy: { $unit }
whos-who-intro = Pobl yma sydd wedi cytuno i fod ar y rhestr Pwy yw pwy.
whos-who-print-hint = I argraffu'r dudalen hon ar gyfer y ward neu ystafell gyfarfod, defnyddiwch yr opsiwn Argraffu yn eich porwr (Ctrl a P).
whos-who-printed = { $organisation }. Argraffwyd: { $date }.
whos-who-back = Yn ôl i'r rhestr Pwy yw pwy
whos-who-units = Wardiau a thimau
whos-who-none = Nid oes neb ar y rhestr Pwy yw pwy hon eto.
whos-who-ask-me-about-label = Gofynnwch i mi am:

## Dileu person (yr hawl i ddileu)
people-erase-link = Dileu'r person hwn
erase-title = Dileu { $name }
erase-back = Yn ôl at y person
erase-intro = Mae dileu yn tynnu'r person hwn o Cairn am byth, fel y mae'r hawl i ddileu yn ei ofyn. Nid oes modd ei ddadwneud.
erase-goes-title = Beth sy'n mynd
erase-goes-name = Eu henw: y ffugenw { $pseudonym } o hyn ymlaen.
erase-goes-details = Eu manylion cyswllt, eu proffil, eu llun, eu cydsyniadau a'u hanghenion mynediad.
erase-goes-words = Nodiadau amdanyn nhw a geiriau a ysgrifennon nhw: ar eu llwybr a'u penderfyniadau lefel, eu diddordebau, eu hadborth wrth adael a nodiadau eu cyfaill.
erase-goes-account = Eu cyfrif: ni fydd byth yn gallu mewngofnodi eto, ac mae ei gyfeiriad e-bost yn cael ei dynnu o bob cofnod.
erase-stays-title = Beth sy'n aros
erase-stays-money = Eu hawliadau a'u taliadau, gyda'r symiau, y dyddiadau a'r cymeradwyaethau, cyhyd ag y mae'n rhaid cadw cofnodion taliadau, gyda'r ffugenw { $pseudonym }.
erase-stays-suggestions = Awgrymiadau a anfonon nhw, heb eu henw na'u manylion cyswllt.
erase-stays-audit = Cofnod yn y log archwilio eu bod wedi cael eu dileu, gyda'r ffugenw, nid yr enw.
erase-final-title = Nid oes modd dadwneud hyn
erase-final = Gwiriwch mai dyma'r person cywir ac nad oes dim o'u pethau'n dal ar y gweill.
erase-reason = Pam mae'r person hwn yn cael ei ddileu?
erase-reason-hint = Er enghraifft, "Gofynnon nhw i ni ddileu eu data". Peidiwch ag ysgrifennu eu henw.
erase-button = Dileu { $name }
erase-wait-title = Dim eto
erase-wait = { $count ->
    [one] Mae un o'u hawliadau heb ei dalu na'i wrthod eto. Mae'r dileu'n aros tan hynny, fel bod y cyfrifon yn dal i gysoni.
    [two] Mae dau o'u hawliadau heb eu talu na'u gwrthod eto. Mae'r dileu'n aros tan hynny, fel bod y cyfrifon yn dal i gysoni.
   *[other] Mae { $count } o'u hawliadau heb eu talu na'u gwrthod eto. Mae'r dileu'n aros tan hynny, fel bod y cyfrifon yn dal i gysoni.
}
erase-wait-link = Gweld eu hawliadau
erase-error-reason = Dywedwch pam mae'r person hwn yn cael ei ddileu
erase-error-reason-long = Cadwch y rheswm i 500 nod neu lai
erase-error-open-claims = Mae un o'u hawliadau heb ei dalu na'i wrthod eto. Mae'r dileu'n aros tan hynny.
erase-error-own = Ni allwch ddileu eich cofnod eich hun. Gofynnwch i weinyddwr arall.

people-named-answers = Atebion i arolygon a enwir
people-named-answers-intro = Cytunon nhw i roi'r atebion hyn gyda'u henw. Nid yw atebion i arolygon dienw a chyfrinachol byth yn ymddangos yma.
people-named-answers-when = { $round }, yr wythnos yn dechrau { $week }
