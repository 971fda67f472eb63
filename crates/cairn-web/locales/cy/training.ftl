nav-training = Hyfforddiant
training-title = Hyfforddiant
training-intro = Cyrsiau y gallwch eu gwneud, wedi'u llunio a'u cyflwyno gan bobl â phrofiad bywyd a staff gyda'i gilydd. Maen nhw'n agored i ddefnyddwyr gwasanaeth, gofalwyr a staff.
training-none = Nid oes cyrsiau eto.
training-back = Yn ôl i hyfforddiant
course-back = Yn ôl i'r cwrs
course-new-title = Ychwanegu cwrs
course-new-intro = Ysgrifennwch y cwrs yn Gymraeg ac yn Saesneg. Gallwch ei gadw mewn un iaith ac ychwanegu'r llall yn nes ymlaen.
course-level = Lefel { $level }
course-level-1-heading = Lefel 1: Gosod y sylfaen
course-level-2-heading = Lefel 2: Nodi a meithrin sgiliau
course-level-3-heading = Lefel 3: Gweithio mewn partneriaeth
# sesiwn (f) and awr (f) never mutate after a numeral.
course-length = { $count ->
    [zero] { $count } sesiwn
    [one] { $count } sesiwn
    [two] { $count } sesiwn
    [few] { $count } sesiwn
    [many] { $count } sesiwn
   *[other] { $count } sesiwn
}, { $hours ->
    [zero] { $hours } awr o ddysgu
    [one] { $hours } awr o ddysgu
    [two] { $hours } awr o ddysgu
    [few] { $hours } awr o ddysgu
    [many] { $hours } awr o ddysgu
   *[other] { $hours } awr o ddysgu
}
course-credits = { $count ->
    [zero] Dim credydau
    [one] 1 credyd
    [two] 2 gredyd
    [few] 3 chredyd
    [many] 6 chredyd
   *[other] { $count } credyd
} ({ $level })
course-completion-sessions = Dod i o leiaf { $min } o'r { $count } sesiwn
course-completion-assessed = Drwy asesiad
course-asked-done = Diolch. Mae gennym eich enw a byddwn yn cysylltu â chi am le.
course-for = I bwy mae e
course-length-label = Hyd
course-completion-label = I'w gwblhau
course-credits-label = Credydau
course-practices-label = Arferion y mae'n eu cefnogi
course-asked = Rydych chi wedi gofyn am wneud y cwrs hwn
course-ask = Hoffwn i wneud y cwrs hwn
course-sessions = Sesiynau
course-sessions-none = Nid oes sesiynau wedi'u trefnu eto.
course-requests = Pobl a hoffai ei wneud
course-requests-none = Nid oes neb wedi gofyn eto.
course-request-by-staff = gofynnwyd gyda staff
course-title-en = Teitl yn Saesneg
course-title-cy = Teitl yn Gymraeg
course-summary-en = Beth fyddwch chi'n ei ddysgu, yn Saesneg
course-summary-hint = Dwy neu dair brawddeg mewn geiriau syml.
course-summary-cy = Beth fyddwch chi'n ei ddysgu, yn Gymraeg
course-audience = I bwy mae e
course-audience-hint = Dewiswch bob un sy'n berthnasol.
course-level-legend = Pa lefel o'r model y mae'n arwain ati
course-practices = Arferion y mae'n eu cefnogi
course-practices-hint = Codau o'r model, wedi'u gwahanu gan atalnodau. Er enghraifft, L1.13 ar gyfer ymwybyddiaeth o'r lefelau neu L2.02 ar gyfer siarad allan.
course-sessions-count = Nifer y sesiynau
course-sessions-suffix = sesiwn
course-hours = Oriau dysgu
course-hours-hint = Gan gynnwys amser y tu allan i'r sesiynau. Mae un credyd yn 10 awr.
course-hours-suffix = awr
course-credits-field = Credydau (dewisol)
course-credits-hint = Dim ond os yw'r cwrs wedi'i achredu.
course-credits-suffix = credyd
course-cqfw = Lefel y Fframwaith Credydau a Chymwysterau Cymru
course-cqfw-none = Heb ei achredu
course-agored = Cod uned y corff dyfarnu (dewisol)
course-agored-hint = Er enghraifft, cod uned Agored Cymru.
course-rule = Sut mae rhywun yn ei gwblhau
course-rule-sessions = Drwy ddod i ddigon o sesiynau
course-rule-assessed = Drwy asesiad
course-min-sessions = Nifer y sesiynau sydd eu hangen i'w gwblhau
course-min-sessions-hint = Dim ond os caiff ei gwblhau drwy ddod i sesiynau.
course-save = Cadw'r cwrs
course-error-title = Nodwch deitl yn Gymraeg neu yn Saesneg
course-error-title-long = Nodwch deitl o 120 nod neu lai
course-error-summary = Nodwch beth fydd pobl yn ei ddysgu, yn Gymraeg neu yn Saesneg
course-error-summary-long = Nodwch ddisgrifiad o 2,000 nod neu lai
course-error-audience = Dewiswch i bwy mae'r cwrs
course-error-level = Dewiswch lefel
course-error-practice = Nodwch godau arfer o'r model, fel L1.13
course-error-sessions = Nodwch nifer o sesiynau rhwng 1 a 100
course-error-hours = Nodwch yr oriau dysgu fel rhif cyfan rhwng 1 a 2,000
course-error-credits = Nodwch gredydau fel rhif cyfan, neu gadewch y blwch yn wag
course-error-credits-hours = Mae angen 10 awr o ddysgu ar gyfer pob credyd: ychwanegwch oriau neu leihewch y credydau
course-error-cqfw = Dewiswch lefel fframwaith o'r rhestr
course-error-cqfw-needed = Dewiswch lefel fframwaith y credydau
course-error-agored-long = Nodwch god uned o 40 nod neu lai
course-error-min-sessions = Nodwch faint o sesiynau sydd eu hangen, dim mwy nag sydd gan y cwrs
course-error-completion = Dewiswch sut mae rhywun yn cwblhau'r cwrs
session-when = { $start } i { $end }
session-full = Llawn: gallwch ymuno â'r rhestr aros
session-places-left = { $count ->
    [zero] Dim lleoedd ar ôl
    [one] 1 lle ar ôl
    [two] 2 le ar ôl
    [few] 3 lle ar ôl
    [many] 6 lle ar ôl
   *[other] { $count } lle ar ôl
}
session-online = Ar-lein
session-trainers = Hyfforddwyr
session-co-delivered = Wedi'i chyd-gyflwyno
session-joint = Ar y cyd
session-new-title = Ychwanegu sesiwn
session-date = Dyddiad
session-date-hint = Er enghraifft, 14 4 2026
session-starts = Amser dechrau
session-ends = Amser gorffen
session-time-hint = Cloc 24 awr, er enghraifft 10:00 neu 14:30
session-place = Lle
session-place-hint = Lle mae pobl yn dod, os yn bersonol.
session-online-url = Dolen ar-lein
session-online-url-hint = Os ar-lein. Rhaid iddi ddechrau gyda https://
session-capacity = Lleoedd
session-capacity-suffix = lle
session-trainers-hint = Mae sesiwn wedi'i chyd-gyflwyno pan fydd hyfforddwr cymheiriaid a hyfforddwr proffesiynol yn ei chyflwyno gyda'i gilydd.
session-trainer-n = Hyfforddwr { $n }
session-trainer-person = Person
session-trainer-none = Neb
session-trainer-part = Eu rhan
session-trainer-part-none = Dewiswch ran
session-save = Cadw'r sesiwn
session-error-starts = Nodwch amser dechrau, er enghraifft 10:00
session-error-ends = Nodwch amser gorffen ar ôl y dechrau, ar yr un diwrnod
session-error-place-long = Nodwch le o 200 nod neu lai
session-error-url = Nodwch ddolen ar-lein sy'n dechrau gyda https://
session-error-where = Nodwch le, dolen ar-lein, neu'r ddau
session-error-capacity = Nodwch nifer o leoedd rhwng 1 a 500
session-error-trainer = Dewiswch bob hyfforddwr unwaith, gyda'u rhan
register-title = Cofrestr
register-open = Agor y gofrestr
register-entered-by = Wedi'i nodi gan { $by }
register-saved = Mae'r gofrestr wedi'i chadw.
register-empty = Nid oes neb ar y gofrestr eto.
register-add = Ychwanegu rhywun
register-add-hint = Er enghraifft, rhywun a lofnododd y gofrestr bapur ond nad oedd wedi archebu lle.
register-add-person = Person
register-add-none = Neb
register-add-status = Eu presenoldeb
register-save = Cadw'r gofrestr
training-error-person = Dewiswch rywun rydych chi'n gweithio gyda nhw
training-error-attendance = Dewiswch wedi archebu, rhestr aros, yn bresennol, ymddiheuriadau neu yn absennol
trainer-part-peer-trainer = Hyfforddwr cymheiriaid
trainer-part-professional-trainer = Hyfforddwr proffesiynol
trainer-part-co-facilitator = Cyd-hwylusydd
attendance-booked = Wedi archebu lle
attendance-waiting = Rhestr aros
attendance-attended = Yn bresennol
attendance-apologies = Ymddiheuriadau
attendance-absent = Yn absennol
cqfw-entry-1 = Mynediad 1
cqfw-entry-2 = Mynediad 2
cqfw-entry-3 = Mynediad 3
cqfw-1 = Lefel 1
cqfw-2 = Lefel 2
cqfw-3 = Lefel 3
cqfw-4 = Lefel 4
cqfw-5 = Lefel 5
cqfw-6 = Lefel 6
cqfw-7 = Lefel 7
cqfw-8 = Lefel 8
model-measure-levels-trained = Pobl ar yr uned hon sydd wedi bod i hyfforddiant ymwybyddiaeth o'r lefelau: { $count }
model-measure-assertiveness-trained = Pobl ar yr uned hon sydd wedi bod i hyfforddiant siarad allan: { $count }
model-measure-joint-sessions = Sesiynau hyfforddi yn ystod y chwarter diwethaf lle dysgodd defnyddwyr gwasanaeth, gofalwyr a staff gyda'i gilydd: { $count }
model-measure-co-delivered-sessions = Sesiynau hyfforddi yn ystod y chwarter diwethaf a gyflwynwyd gan hyfforddwr cymheiriaid gyda gweithiwr proffesiynol: { $count }
training-claim-description = Cyflwyno hyfforddiant: { $course }
training-error-not-trainer = Dim ond hyfforddwr cymheiriaid neu gyd-hwylusydd y sesiwn hon sy'n gallu hawlio am ei chyflwyno
training-error-minutes = Nodwch funudau fel rhif cyfan rhwng 0 a 480
training-error-claimed = Mae hawliad am gyflwyno'r sesiwn hon eisoes wedi'i wneud ar gyfer y person hwn.
delivery-title = Talu'r hyfforddwyr
delivery-intro = Mae hyfforddwyr cymheiriaid a chyd-hwyluswyr yn cael eu talu am y sesiwn, eu paratoi a'r sesiwn ôl-drafod, fel unrhyw gyfranogiad. Mae'r hawliad wedyn yn mynd drwy'r gwiriadau a'r cymeradwyaethau arferol.
delivery-prep = Amser paratoi
delivery-debrief = Amser ôl-drafod
delivery-minutes = munud
delivery-button = Gwneud hawliad ar gyfer { $name }
delivery-claimed = Hawliad wedi'i wneud
delivery-see-claim = Gweld yr hawliad
delivery-not-yet = Dim hawliad eto.
course-past-sessions = Sesiynau a fu
training-prospectus = Cyrsiau
learning-title = Eich dysgu
learning-none = Nid ydych chi wedi bod i gwrs eto.
learning-completed = Wedi'i gwblhau
learning-attended = { $count ->
    [zero] Dim sesiynau hyd yma
    [one] 1 sesiwn hyd yma
    [two] 2 sesiwn hyd yma
    [few] 3 sesiwn hyd yma
    [many] 6 sesiwn hyd yma
   *[other] { $count } sesiwn hyd yma
}
learning-credits = Eich credydau
learning-certificates = Eich tystysgrifau
certificate-kind-completion = Cwblhau { $course }
certificate-kind-delivery = Cyflwyno { $course }
certificate-completion-heading = Tystysgrif cwblhau
certificate-completion-body = Mae hyn yn tystio bod { $name } wedi cwblhau { $course }.
certificate-delivery-heading = Tystysgrif am gyflwyno hyfforddiant
certificate-delivery-body = Mae hyn yn tystio bod { $name } wedi cyflwyno { $course } ar { $date }, ynghyd â hyfforddwr proffesiynol.
certificate-issued = Dyddiad ei rhoi
certificate-reference = Cyfeirnod
certificate-replaced-title = Mae tystysgrif newydd yn lle'r un hon
certificate-replaced = Cafodd ei chywiro, ac mae tystysgrif newydd yn ei lle.
certificate-see-new = Gweld y dystysgrif newydd
certificate-reissue-intro = Os oes rhywbeth yn anghywir ar y dystysgrif hon, gellir ei chywiro o fewn 30 diwrnod i'w rhoi. Bydd gan yr un gywir gyfeirnod newydd.
certificate-reissue = Cywiro'r dystysgrif hon
certificate-error-replaced = Mae tystysgrif newydd eisoes yn lle'r un hon.
certificate-error-too-late = Dim ond o fewn 30 diwrnod i'w rhoi y gellir cywiro tystysgrif.
verify-title = Gwirio tystysgrif
verify-intro = Nodwch y cyfeirnod sydd ar dystysgrif i wirio mai ni a'i rhoddodd.
verify-reference = Cyfeirnod
verify-reference-hint = Er enghraifft, CRN-ABCDE-23456
verify-button = Gwirio
verify-found = Rhoddon ni'r dystysgrif hon i { $name }: { $what }.
verify-replaced = Ers hynny, mae tystysgrif gywir yn ei lle.
verify-open = Ei hagor
verify-not-found = Nid oes gennym dystysgrif gyda'r cyfeirnod hwn i unrhyw un rydych chi'n gweithio gyda nhw.
model-measure-training-topics = Pynciau hyfforddi a awgrymwyd gan ddefnyddwyr gwasanaeth a gofalwyr yr uned hon yn ystod y flwyddyn ddiwethaf: { $count }
topic-title = Awgrymu rhywbeth i'w ddysgu
topic-intro = Am beth hoffech chi gael cwrs? Gall unrhyw un awgrymu pwnc. Rydyn ni'n eu defnyddio i gynllunio'r hyfforddiant.
topic-field = Eich syniad am gwrs
topic-send = Anfon syniad
topic-sent = Diolch. Mae eich syniad ar y rhestr ar gyfer y cynllun hyfforddi nesaf.
topic-error-required = Nodwch eich syniad am gwrs
topic-error-long = Nodwch syniad o 300 nod neu lai
topics-title = Syniadau ar gyfer hyfforddiant
topics-intro = Beth hoffai pobl ei ddysgu, y mwyaf diweddar yn gyntaf. Dim ond pwy ydyn nhw (defnyddiwr gwasanaeth, gofalwr, staff) sy'n cael ei ddangos, nid eu henwau.
topics-none = Dim syniadau eto.
topics-by = Gan
topics-when = Wedi'i anfon
topics-course = Cwrs
topics-make-course = Gwneud cwrs ohono
topics-made-course = Wedi'i wneud yn gwrs
topics-link = Syniadau y mae pobl wedi'u hanfon ar gyfer hyfforddiant

## A course's learners, assessment, credits and the awarding body's deadlines
learners-title = Dysgwyr
learners-open = Gweld dysgwyr, asesiadau a chredydau
learners-none = Nid oes neb ar gofrestr ar gyfer y cwrs hwn eto.
learners-col-name = Enw
learners-col-attended = Sesiynau a fynychwyd
learners-col-assessment = Asesiad
learners-col-credits = Credydau
learners-passed = Wedi llwyddo
learners-mark-passed = Cofnodi llwyddiant
learners-on-credits = Yn gweithio tuag at gredydau
learners-no-uln = dim rhif dysgwr
learners-remove-credits = Peidio â gweithio tuag at gredydau
learners-not-on-credits = Nid yw'n gweithio tuag at gredydau
learners-saved-assessed = Wedi'i gadw. Mae'r dysgwr wedi cwblhau'r cwrs, ac mae'r dystysgrif yn barod.
learners-saved-credits = Wedi'i gadw. Mae manylion y dysgwr yn y ffeil gofrestru.
learners-saved-removed = Wedi'i wneud. Mae'r manylion ar gyfer credydau wedi'u dileu.
deadline-heading = Dyddiad cau
deadline-register-by = Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }.
# diwrnod (m): 2 ddiwrnod (soft after dau); niwrnod (nasal) after pum, saith, wyth, naw, deng, deuddeng,
# pymtheng, deunaw, ugain and can (5, 7, 8, 9, 10, 12, 15, 18, 20, 100).
deadline-register-soon = { $count ->
    [0] Heddiw, { $date }, yw'r diwrnod olaf i gofrestru dysgwyr gyda'r corff dyfarnu.
    [zero] Heddiw, { $date }, yw'r diwrnod olaf i gofrestru dysgwyr gyda'r corff dyfarnu.
    [one] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 1 diwrnod gwaith ar ôl.
    [two] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 2 ddiwrnod gwaith ar ôl.
    [few] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 3 diwrnod gwaith ar ôl.
    [many] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 6 diwrnod gwaith ar ôl.
    [5] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 5 niwrnod gwaith ar ôl.
    [7] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 7 niwrnod gwaith ar ôl.
    [8] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 8 niwrnod gwaith ar ôl.
    [9] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 9 niwrnod gwaith ar ôl.
    [10] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 10 niwrnod gwaith ar ôl.
    [12] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 12 niwrnod gwaith ar ôl.
    [15] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 15 niwrnod gwaith ar ôl.
    [18] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 18 niwrnod gwaith ar ôl.
    [20] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 20 niwrnod gwaith ar ôl.
    [100] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: 100 niwrnod gwaith ar ôl.
   *[other] Cofrestrwch ddysgwyr gyda'r corff dyfarnu erbyn { $date }: { $count } diwrnod gwaith ar ôl.
}
deadline-register-passed = Y diwrnod olaf i gofrestru dysgwyr gyda'r corff dyfarnu oedd { $date }.
deadline-claim-by = Hawliwch gredydau gan y corff dyfarnu erbyn { $date }.
deadline-claim-soon = { $count ->
    [0] Heddiw, { $date }, yw'r diwrnod olaf i hawlio credydau gan y corff dyfarnu.
    [zero] Heddiw, { $date }, yw'r diwrnod olaf i hawlio credydau gan y corff dyfarnu.
    [one] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 1 diwrnod gwaith ar ôl.
    [two] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 2 ddiwrnod gwaith ar ôl.
    [few] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 3 diwrnod gwaith ar ôl.
    [many] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 6 diwrnod gwaith ar ôl.
    [5] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 5 niwrnod gwaith ar ôl.
    [7] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 7 niwrnod gwaith ar ôl.
    [8] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 8 niwrnod gwaith ar ôl.
    [9] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 9 niwrnod gwaith ar ôl.
    [10] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 10 niwrnod gwaith ar ôl.
    [12] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 12 niwrnod gwaith ar ôl.
    [15] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 15 niwrnod gwaith ar ôl.
    [18] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 18 niwrnod gwaith ar ôl.
    [20] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 20 niwrnod gwaith ar ôl.
    [100] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: 100 niwrnod gwaith ar ôl.
   *[other] Hawliwch gredydau gan y corff dyfarnu erbyn { $date }: { $count } diwrnod gwaith ar ôl.
}
deadline-claim-passed = Y diwrnod olaf i hawlio credydau gan y corff dyfarnu oedd { $date }.
credits-form-title = Ychwanegu dysgwr sy'n gweithio tuag at gredydau
credits-form-intro = Dim ond ar gyfer rhywun sydd wedi dewis gweithio tuag at y credydau. Mae angen y manylion hyn ar y corff dyfarnu er mwyn cofrestru'r dysgwr. Maen nhw'n mynd i'r ffeil gofrestru yn unig, ac nid ydynt yn cael eu dangos ar unrhyw dudalen.
credits-form-nobody = Ychwanegwch bobl at gofrestr sesiwn yn gyntaf.
credits-person = Dysgwr
credits-given-names = Enwau cyntaf
credits-legal-hint = Fel ar ddogfennau swyddogol y dysgwr.
credits-family-name = Cyfenw
credits-birth = Dyddiad geni
credits-birth-hint = Er enghraifft, 27 3 1985
credits-uln = Rhif dysgwr unigryw (dewisol)
credits-uln-hint = 10 digid, os oes gan y dysgwr un.
credits-save = Cadw'r manylion
credits-download = Lawrlwytho'r ffeil gofrestru (CSV)
credit-error-person = Dewiswch ddysgwr o gofrestrau'r cwrs hwn
credit-error-given-names = Nodwch enwau cyntaf y dysgwr
credit-error-family-name = Nodwch gyfenw'r dysgwr
credit-error-name-long = Nodwch enw sydd â 100 nod neu lai
credit-error-birth = Nodwch ddyddiad geni'r dysgwr
credit-error-birth-young = Nodwch ddyddiad geni sydd o leiaf 14 blynedd yn ôl
credit-error-uln = Nodwch rif dysgwr unigryw o 10 digid, neu gadewch y blwch yn wag
credit-error-no-credits = Nid oes credydau i'r cwrs hwn, felly ni all neb weithio tuag atynt.
assessment-error-not-assessed = Mae'r cwrs hwn yn cael ei gwblhau drwy ddod i sesiynau, nid drwy asesiad.
assessment-error-not-attended = Rhaid i'r dysgwr ddod i o leiaf un sesiwn cyn cael ei asesu
accreditation-col-unit = Cod uned
accreditation-col-course = Cwrs
accreditation-col-family-name = Cyfenw
accreditation-col-given-names = Enwau cyntaf
accreditation-col-birth = Dyddiad geni
accreditation-col-uln = Rhif dysgwr unigryw
accreditation-col-credits = Credydau
accreditation-col-level = Lefel
accreditation-col-start = Dyddiad dechrau
accreditation-col-end = Dyddiad gorffen
accreditation-col-reference = Cyfeirnod dysgwr y ganolfan

## A register printed for paper sign-in (both languages on one sheet)
register-print-link = Argraffu cofrestr i bobl ei llofnodi ar bapur
register-print-heading = Cofrestr
register-print-name = Enw
register-print-sign = Llofnod
register-print-note = Nodyn
register-print-waiting = rhestr aros
register-print-entered = Teipiwyd i Cairn gan ______________________ ar ____ / ____ / ________

## Your learning
learning-next = Cyrsiau y gallech roi cynnig arnynt nesaf
learning-prospectus-link = Gweld pob cwrs

## The training report
training-report-title = Adroddiad hyfforddiant
training-report-period = O { $from } i { $to }
training-report-months = Cyfnod
training-report-months-option = { $count ->
    [zero] Dim misoedd
    [one] Y mis diwethaf
    [two] Y 2 fis diwethaf
    [few] Y 3 mis diwethaf
    [many] Y 6 mis diwethaf
   *[other] Y { $count } mis diwethaf
}
training-report-show = Dangos
training-report-download = Lawrlwytho'r ffigurau hyn (CSV)
training-report-none = Dim sesiynau yn y cyfnod hwn.
training-report-explained = Wedi'i chyd-gyflwyno: arweiniwyd y sesiwn gan hyfforddwr cymheiriaid a hyfforddwr proffesiynol. Ar y cyd: roedd y bobl a ddaeth o ddau grŵp o leiaf, fel defnyddwyr gwasanaeth a staff. Mae presenoldeb yn cyfrif pob lle a gymerwyd mewn sesiwn.
training-report-chart-title = Presenoldeb mewn sesiynau fesul mis a grŵp
training-report-summary = Sesiynau: { $sessions }. Lleoedd a gymerwyd: { $attendances }. Cyrsiau a gwblhawyd: { $completions }. Mae'r tabl isod yn rhoi pob ffigur.
training-report-by-month = Fesul mis
training-report-by-unit = Fesul uned
training-report-total = Cyfanswm
training-report-col-breakdown = Dadansoddiad
training-report-col-row = Rhes
training-report-col-sessions = Sesiynau
training-report-col-co-delivered = Wedi'u cyd-gyflwyno
training-report-col-joint = Ar y cyd
training-report-col-co-delivered-count = Sesiynau wedi'u cyd-gyflwyno
training-report-col-joint-count = Sesiynau ar y cyd
training-report-col-learners = Dysgwyr
training-report-col-completions = Cyrsiau a gwblhawyd
training-report-col-credits = Credydau a ddyfarnwyd
training-report-fewer = llai na { $count }
training-report-small-numbers = Ar linell uned, nid yw niferoedd o lai na { $count } o bobl (dysgwyr, cyrsiau a gwblhawyd, credydau) yn cael eu dangos, fel na ellir adnabod neb.
