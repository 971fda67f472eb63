## Adroddiadau: catalog y mesurau, siartiau rheoli prosesau ystadegol (SPC), dangosfyrddau a phecynnau'r bwrdd.
# mesur (m, ll. mesurau), targed (m), terfyn (m, ll. terfynau), siart (m), pwyllgor (m), pecyn (m).

nav-reports = Adroddiadau

reports-scope-service = Y gwasanaeth cyfan
reports-dashboard-title = Dangosfwrdd: { $scope }
reports-dashboard-intro = Pob mesur fesul mis, gyda'r hyn y mae'r siart yn ei ddangos. Agorwch fesur i weld ei siart, ei ffigurau a sut y caiff ei gyfrifo.
reports-catalogue-link = Pob mesur a sut y caiff ei ddiffinio
reports-packs-link = Pecynnau'r bwrdd
reports-back-service = Yn ôl i'r gwasanaeth cyfan
reports-unit-dashboards = Dangosfwrdd pob uned
reports-icons-caption = Mesurau dros y 24 mis diwethaf
reports-progress-title = Cynnydd y lefelau dros amser
reports-progress-summary = Cyfran arferion perthnasol pob lefel sydd ar waith ym mhob cylch a gaewyd ac yn awr (ar gyfer y gwasanaeth, ar draws pob uned).
reports-progress-now = Nawr
reports-model-view-link = Agor golwg y model
reports-units-title = Pob uned yn erbyn y tair lefel
reports-no-baseline = Dim llinell sylfaen eto

reports-col-measure = Mesur
reports-col-latest = Y mis diweddaraf
reports-col-target = Targed
reports-col-variation = Beth mae'r siart yn ei ddangos
reports-col-month = Mis
reports-col-numerator = Wedi'u cyfrif
reports-col-denominator = Allan o
reports-col-value = Ffigur
reports-col-mean = Cymedr
reports-col-limits = Terfynau
reports-col-upper = Terfyn uchaf
reports-col-lower = Terfyn isaf
reports-col-verdict = Dyfarniad
reports-col-assurance = A yw'r targed yn cael ei gyrraedd?
reports-col-summary = Mewn brawddeg
reports-summary-csv = Lawrlwytho'r crynodeb hwn (CSV)
reports-col-unit = Uned
reports-col-when = Pryd
reports-col-levels-now = Lefelau 1 · 2 · 3 nawr
reports-col-levels-baseline = Yn y llinell sylfaen
reports-col-key = Allwedd
reports-col-name = Enw
reports-col-definition = Diffiniad
reports-col-numerator-of = Beth sy'n cael ei gyfrif
reports-col-denominator-of = Allan o beth
reports-col-source = O ble daw'r ffigurau
reports-col-better = Mae'n well pan fydd yn
reports-col-small-numbers = Niferoedd bach
reports-col-practice = Arfer y model
reports-col-baseline-months = Y misoedd y daw'r terfynau ohonynt
reports-col-reason = Rheswm
reports-col-recorded = Cofnodwyd
reports-col-reached = Y lefel uchaf a gyrhaeddwyd
reports-col-change = Newid ers y llinell sylfaen
reports-col-title = Teitl
reports-col-committee = Pwyllgor
reports-col-period = Cyfnod
reports-col-status = Statws

reports-latest-none = Dim ffigurau eto
reports-target-none = Dim targed wedi'i osod
reports-better-higher = Uwch
reports-better-lower = Is
reports-denominator-none = Nid cyfran: nifer bob mis
reports-small-none = Bob amser yn cael ei ddangos: mae'n cyfrif pethau, nid pobl
reports-small-people = Ni chaiff mis â llai na { $count } o bobl ei ddangos
reports-small-responses = Ni chaiff mis â llai na { $count } o ymatebion ei ddangos
reports-source-feedback = Awgrymiadau
reports-source-meetings = Cyfarfodydd a phresenoldeb
reports-source-people = Pobl, cyfeillion a phobl sy'n cyrraedd
reports-source-training = Sesiynau hyfforddi
reports-source-payments = Hawliadau a thaliadau
reports-source-surveys = Arolygon

reports-chart-title = { $measure }: { $scope }
reports-chart-caption = { $measure }, { $period }. Ffynhonnell: { $source }.
reports-table-caption = Ffigurau'r siart { $chart }
reports-legend-mean = Cymedr
reports-legend-mean-run = Cyfartaledd hyd yma
reports-legend-limits = Terfynau'r broses
reports-legend-limits-trial = Terfynau'r broses dros dro
reports-legend-target = Targed
reports-legend-improvement = Gwelliant achos arbennig
reports-legend-concern = Pryder achos arbennig
reports-legend-common = Achos cyffredin
reports-legend-rebased = Sylfaen newydd

reports-summary-empty = Dim ffigurau ar gyfer y cyfnod hwn eto.
reports-summary-run = Dim digon o fisoedd ar gyfer terfynau'r broses ({ $count } hyd yma): { $direction ->
    [up] i fyny o { $first } i { $last }
    [down] i lawr o { $first } i { $last }
   *[same] dim newid o { $first }
} ers { $since }.
reports-summary-improvement = Gwelliant achos arbennig ers { $since }.
reports-summary-concern = Pryder achos arbennig ers { $since }.
reports-summary-common = Amrywiad achos cyffredin: dim arwydd o newid go iawn.
reports-summary-target-pass = Bydd y targed o { $target } yn cael ei gyrraedd bob mis os na fydd dim yn newid.
reports-summary-target-fail = Ni fydd y targed o { $target } yn cael ei gyrraedd oni bai bod rhywbeth yn newid.
reports-summary-target-variable = Bydd y targed o { $target } yn cael ei gyrraedd mewn rhai misoedd ac nid mewn eraill.

reports-variation-common-cause = Amrywiad achos cyffredin
reports-variation-improvement-high = Gwelliant: ffigurau uwch
reports-variation-improvement-low = Gwelliant: ffigurau is
reports-variation-concern-high = Pryder: ffigurau uwch
reports-variation-concern-low = Pryder: ffigurau is
reports-variation-none = Dim digon o fisoedd ar gyfer siart
reports-assurance-pass = Mae'r targed yn cael ei gyrraedd bob mis
reports-assurance-fail = Nid yw'r targed yn cael ei gyrraedd
reports-assurance-hit-and-miss = Dim ond mewn rhai misoedd y mae'r targed yn cael ei gyrraedd
reports-assurance-none = Dim targed i'w wirio

reports-rule-outside-limits = mis y tu hwnt i derfynau'r broses
reports-rule-shift = 7 mis yn olynol ar un ochr i'r cymedr
reports-rule-trend = 7 mis yn olynol yn codi neu'n gostwng
reports-rule-two-of-three = 2 o 3 mis yn agos at derfyn
reports-row-improvement = Gwelliant: { $rule }
reports-row-concern = Pryder: { $rule }
reports-row-common = Achos cyffredin
reports-row-none = Dim i'w gyfrif y mis hwn
reports-row-hidden = Heb ei ddangos: llai na { $count }
reports-hidden-count = llai na { $count }

reports-note-xmr = Siart XmR: y terfynau yw'r cymedr plws a minws 2.66 gwaith y newid cyfartalog o un mis i'r nesaf.
reports-note-p-chart = Siart p: mae rhai misoedd yn cyfrif llai na { $count }, felly caiff terfynau pob mis eu cyfrifo o faint y mae'n ei gyfrif.
# mis (m): 2 fis (soft after dau); tri and chwe leave m unchanged.
reports-note-run = Siart rhediad: mae angen o leiaf { $count ->
    [zero] { $count } mis
    [one] { $count } mis
    [two] { $count } fis
    [few] { $count } mis
    [many] { $count } mis
   *[other] { $count } mis
} ar gyfer terfynau'r broses.
reports-note-trial = Terfynau dros dro yw'r rhain: maent yn seiliedig ar lai na { $count ->
    [zero] { $count } mis
    [one] { $count } mis
    [two] { $count } fis
    [few] { $count } mis
    [many] { $count } mis
   *[other] { $count } mis
}.
reports-note-hidden = Nid yw misoedd a allai ddatgelu pwy yw pobl (llai na { $count }) yn cael eu dangos, ac maent wedi'u gadael allan o'r siart.

reports-catalogue-title = Mesurau
reports-catalogue-intro = Caiff pob mesur y mae Cairn yn adrodd arno dros amser ei ddiffinio unwaith yma. Mae'r dangosfyrddau, pecynnau'r bwrdd, y taenlenni a'r API i gyd yn defnyddio'r diffiniadau hyn.
reports-catalogue-csv = Lawrlwytho'r mesurau (CSV)
reports-live-title = Mesurau byw ar y model
reports-live-intro = Caiff y rhain eu cymryd heddiw, ar gyfer un uned ar y tro, wrth ymyl barn yr uned ei hun am bob arfer ar ei thudalen asesu.

reports-filter-scope = Uned neu wasanaeth
reports-filter-from = O
reports-filter-to = Hyd at
reports-filter-show = Dangos
reports-month-hint = Blwyddyn a mis, er enghraifft 2026-07
reports-csv = Lawrlwytho'r ffigurau hyn (CSV)
reports-about-title = Am y mesur hwn
reports-saved = Wedi'i gadw.
reports-baselines-title = Llinellau sylfaen a sylfaen newydd
reports-baselines-none = Dim wedi'u cofnodi: daw'r terfynau o bob mis a ddangosir.
reports-baseline-form-title = Gosod y misoedd y daw'r terfynau ohonynt
reports-baseline-form-intro = Dewiswch y misoedd sy'n dangos sut mae pethau fel arfer. Ar ôl newid parhaol, dechreuwch linell sylfaen newydd o'r mis y dechreuodd, a dywedwch pam.
reports-baseline-from = Y mis cyntaf
reports-baseline-to = Y mis olaf
reports-baseline-reason = Pam
reports-baseline-reason-hint = Er enghraifft: blwch awgrymiadau newydd ar y ward o fis Mawrth
reports-baseline-save = Cadw'r llinell sylfaen
reports-target-form-title = Targed
reports-target-label = Targed y sefydliad
reports-target-hint = Gadewch yn wag os nad oes targed.
reports-target-save = Cadw'r targed

reports-error-required = Rhowch hwn
reports-error-too-long = Mae hwn yn rhy hir
reports-error-month = Rhowch flwyddyn a mis fel 2026-07
reports-error-period-order = Ni ddylai'r mis olaf fod cyn y mis cyntaf
reports-error-period-too-long = Dewiswch 60 mis ar y mwyaf
reports-error-choose = Dewiswch un o'r opsiynau
reports-error-story-agreed = Ticiwch i gadarnhau bod y person wedi cytuno i rannu ei stori, neu gadewch y stori'n wag
reports-error-reason = Dywedwch pam y misoedd hyn
reports-error-unit = Rhowch yr uned fel rhif cyfan
reports-error-target-percent = Rhowch rif cyfan o 0 i 100
reports-error-target-count = Rhowch rif cyfan o 0 i 100000

reports-month-short-1 = Ion
reports-month-short-2 = Chwe
reports-month-short-3 = Maw
reports-month-short-4 = Ebr
reports-month-short-5 = Mai
reports-month-short-6 = Meh
reports-month-short-7 = Gor
reports-month-short-8 = Aws
reports-month-short-9 = Med
reports-month-short-10 = Hyd
reports-month-short-11 = Tach
reports-month-short-12 = Rhag
reports-period = { $from } – { $to }

## Pecynnau'r bwrdd

reports-packs-title = Pecynnau'r bwrdd
reports-packs-intro = Papurau ar gyfer pwyllgor, wedi'u gwneud o ffigurau Cairn. Ar ôl ei gadarnhau, caiff pecyn ei gadw yn union fel y darllenodd y pwyllgor ef.
reports-packs-none = Dim pecynnau eto.
reports-pack-new-button = Llunio pecyn i'r bwrdd
reports-pack-new-title = Llunio pecyn i'r bwrdd
reports-pack-edit-title = Newid y pecyn
reports-pack-edit-button = Newid y pecyn
reports-pack-status-draft = Drafft
reports-pack-status-signed = Wedi'i gadarnhau { $when }
reports-pack-cover-title = Taflen glawr
reports-pack-field-title = Teitl
reports-pack-field-title-hint = Er enghraifft: Adroddiad cydgynhyrchu, chwarter 2
reports-pack-field-committee = Pwyllgor
reports-pack-field-committee-hint = Er enghraifft: Pwyllgor Ansawdd, Diogelwch a Phrofiad
reports-pack-field-from = Mis cyntaf y cyfnod
reports-pack-field-to = Mis olaf y cyfnod
reports-pack-field-ask = Gofynnir i'r pwyllgor
reports-pack-texts-title = Beth mae'r pecyn yn ei ddweud
reports-pack-summary-hint = Ychydig o baragraffau. Gadewch linell wag rhwng paragraffau.
reports-pack-story-hint = Dim ond geiriau y cytunodd y person i'w rhannu. Peidiwch â'i enwi oni bai ei fod wedi gofyn am gael ei enwi.
reports-pack-story-agreed-legend = Cytundeb
reports-pack-story-agreed = Cytunodd y person i rannu'r stori hon yn y papur hwn
reports-pack-risks-hint = Beth allai atal cynnydd, a beth y gofynnir i'r pwyllgor amdano.
reports-pack-contents-title = Beth mae'r pecyn yn ei ddangos
reports-pack-field-measures = Mesurau â siart
reports-pack-field-measures-hint = Mae pob mesur yn y tabl crynodeb; mae'r rhai a ddewisir hefyd yn cael tudalen â'u siart.
reports-pack-field-language = Argraffu yn
reports-pack-save = Cadw a rhagweld
reports-pack-purpose = Diben
reports-pack-period = Cyfnod
reports-pack-author = Awdur
reports-pack-executive-lead = Arweinydd gweithredol
reports-pack-figures-on = Ffigurau ar
reports-pack-status = Statws
reports-pack-not-given = Heb ei roi
reports-pack-signed-by = Wedi'i gadarnhau { $when } gan { $who }
reports-pack-draft-note = Drafft: bydd y ffigurau'n newid nes iddo gael ei gadarnhau
reports-pack-asked-note = Gofynnir i'r Pwyllgor nodi'r adroddiad hwn.
reports-pack-asked-approve = Gofynnir i'r Pwyllgor gymeradwyo'r adroddiad hwn.
reports-pack-summary = Crynodeb gweithredol
reports-pack-summary-empty = Dim crynodeb wedi'i ysgrifennu eto.
reports-pack-story = Stori un person
reports-pack-risks = Risgiau a cheisiadau
reports-pack-risks-empty = Dim wedi'u rhoi.
reports-pack-icons = Crynodeb o'r mesurau
reports-pack-icons-caption = Pob mesur ar gyfer y gwasanaeth cyfan dros y 24 mis diwethaf
reports-pack-units = Pob uned yn erbyn y tair lefel
reports-pack-reached-none = Dim eto
reports-pack-highlights = Dywedoch chi, gwnaethom ni
reports-pack-highlights-none = Dim ymatebion cyhoeddus yn y cyfnod hwn.
reports-pack-you-said = Dywedoch chi:
reports-pack-we-did = Gwnaethom ni:
reports-pack-preview-note = Rhagolwg o ddrafft. Caiff y ffigurau eu darllen eto bob tro nes i'r pecyn gael ei gadarnhau.
reports-pack-frozen-note = Wedi'i gadarnhau. Dyma'r pecyn yn union fel yr oedd pan gafodd ei gadarnhau; nid yw newidiadau diweddarach i'r data yn ei newid.
reports-pack-frozen = Mae'r pecyn hwn wedi'i gadarnhau ac ni ellir ei newid mwyach.
reports-pack-print-en = Argraffu yn Saesneg
reports-pack-print-cy = Argraffu yn Gymraeg
reports-pack-print-both = Argraffu yn Gymraeg ac yn Saesneg ochr yn ochr
reports-pack-sign-off-title = Cadarnhau
reports-pack-sign-off-warning = Mae cadarnhau yn cadw'r pecyn hwn yn union fel y mae nawr. Ni ellir ei newid wedyn.
reports-pack-sign-off-button = Cadarnhau'r pecyn
reports-pack-signed-done = Wedi'i gadarnhau. Mae'r pecyn bellach wedi'i rewi.
reports-print-back = Yn ôl i'r pecyn
reports-print-page = Tudalen
reports-print-of = o

pack-purpose-assurance = Sicrwydd
pack-purpose-information = Gwybodaeth
pack-purpose-decision = Penderfyniad
pack-ask-note = Nodi
pack-ask-approve = Cymeradwyo
pack-language-en = Saesneg
pack-language-cy = Cymraeg
pack-language-both = Cymraeg a Saesneg ochr yn ochr

## Y mesurau

measure-suggestions-received = Awgrymiadau a ddaeth i law
measure-suggestions-received-definition = Awgrymiadau a ddaeth i law bob mis, o bob sianel: ar-lein, ciosg y ward, y blwch, cyfarfodydd ac arolygon.
measure-suggestions-received-numerator = Awgrymiadau a ddaeth i law yn ystod y mis
measure-suggestions-received-denominator = Nid cyfran
measure-suggestions-answered-in-target = Awgrymiadau a atebwyd o fewn y targed
measure-suggestions-answered-in-target-definition = O awgrymiadau'r mis, y gyfran a gafodd ymateb cyntaf o fewn targed ymateb y sefydliad. Mae awgrym yn cyfrif ar ôl i'w darged fynd heibio neu ar ôl iddo gael ei ateb.
measure-suggestions-answered-in-target-numerator = Awgrymiadau ag ymateb cyntaf o fewn y targed
measure-suggestions-answered-in-target-denominator = Awgrymiadau a ddaeth i law yn ystod y mis sy'n ddyledus neu wedi'u hateb
measure-meetings-representation-met = Cyfarfodydd a fodlonodd y rheol cynrychiolaeth
measure-meetings-representation-met-definition = O'r cyfarfodydd a gynhaliwyd yn ystod y mis, y gyfran lle'r oedd y rhai a oedd yn bresennol yn bodloni rheol cynrychiolaeth y grŵp.
measure-meetings-representation-met-numerator = Cyfarfodydd a fodlonodd eu rheol cynrychiolaeth
measure-meetings-representation-met-denominator = Cyfarfodydd a gynhaliwyd (presenoldeb wedi'i gofnodi)
measure-meetings-with-issues-item = Cyfarfodydd â materion defnyddwyr gwasanaeth a gofalwyr ar yr agenda
measure-meetings-with-issues-item-definition = O'r cyfarfodydd a gynhaliwyd yn ystod y mis, y gyfran yr oedd eu hagenda'n cynnwys yr eitem materion defnyddwyr gwasanaeth a gofalwyr.
measure-meetings-with-issues-item-numerator = Cyfarfodydd â'r eitem ar yr agenda
measure-meetings-with-issues-item-denominator = Cyfarfodydd a gynhaliwyd (presenoldeb wedi'i gofnodi)
measure-carers-share-of-attendance = Cyfran y gofalwyr o'r presenoldeb
measure-carers-share-of-attendance-definition = O bawb a oedd yn bresennol yng nghyfarfodydd y mis, y gyfran a ddaeth fel gofalwyr.
measure-carers-share-of-attendance-numerator = Presenoldeb gan ofalwyr
measure-carers-share-of-attendance-denominator = Pob presenoldeb yn y cyfarfodydd a gynhaliwyd
measure-newcomers-with-buddy-in-time = Newydd-ddyfodiaid â chyfaill o fewn 14 diwrnod
measure-newcomers-with-buddy-in-time-definition = O'r defnyddwyr gwasanaeth a'r gofalwyr a ymunodd yn ystod y mis ac y mae eu 14 diwrnod cyntaf ar ben, y gyfran a gafodd eu paru â chyfaill o fewn y 14 diwrnod hynny.
measure-newcomers-with-buddy-in-time-numerator = Newydd-ddyfodiaid â chyfaill o fewn 14 diwrnod
measure-newcomers-with-buddy-in-time-denominator = Newydd-ddyfodiaid y mae eu 14 diwrnod cyntaf ar ben
measure-co-delivered-sessions = Sesiynau hyfforddi a gydgyflwynwyd
measure-co-delivered-sessions-definition = Sesiynau hyfforddi yn ystod y mis dan arweiniad hyfforddwr cymheiriaid ynghyd â hyfforddwr proffesiynol. Ar gyfer uned: sesiynau y bu ei phobl ynddynt.
measure-co-delivered-sessions-numerator = Sesiynau a gydgyflwynwyd yn ystod y mis
measure-co-delivered-sessions-denominator = Nid cyfran
measure-claims-paid-in-target = Hawliadau a dalwyd o fewn y targed
measure-claims-paid-in-target-definition = O'r hawliadau a dalwyd yn ystod y mis, y gyfran a dalwyd o fewn targed talu'r sefydliad, wedi'i gyfrif mewn diwrnodau cyfan o'r adeg yr anfonwyd yr hawliad.
measure-claims-paid-in-target-numerator = Hawliadau a dalwyd o fewn y targed
measure-claims-paid-in-target-denominator = Hawliadau a dalwyd yn ystod y mis
measure-survey-satisfaction = Boddhad (Prawf Ffrindiau a Theulu)
measure-survey-satisfaction-definition = O atebion y mis i gwestiwn y Prawf Ffrindiau a Theulu, y gyfran a atebodd "da iawn" neu "da". Caiff atebion eu cyfrif yn ôl yr wythnos y cawsant eu rhoi.
measure-survey-satisfaction-numerator = Atebion "da iawn" neu "da"
measure-survey-satisfaction-denominator = Pob ateb i'r cwestiwn

## Mesurau byw a gymerir heddiw ar dudalen asesu uned

reports-live-L1-01 = Cyfarfodydd cymunedol neu gyd-gymorth a gynhaliwyd ar yr uned yn ystod y mis diwethaf
reports-live-L1-02 = Awgrymiadau a ddaeth i law ar yr uned yn ystod y mis diwethaf
reports-live-L1-03 = Awgrymiadau wedi'u cau sydd ag ymateb cyhoeddus
reports-live-L1-04 = Atebion i arolygon boddhad ar yr uned yn ystod y chwarter diwethaf
reports-live-L1-05 = Cyfarfodydd y chwarter diwethaf â materion defnyddwyr gwasanaeth a gofalwyr ar yr agenda
reports-live-L1-08 = Newydd-ddyfodiaid y mae eu 14 diwrnod cyntaf ar ben ac a gafodd gyfaill o'u mewn
reports-live-L1-09 = Pobl a gyrhaeddodd yn ystod y 90 diwrnod diwethaf a gafodd gynnig cyfarfod croeso neu gyfarfod cyswllt teulu
reports-live-L1-10 = Cyfleoedd agored y gall pobl yr uned eu gweld heddiw
reports-live-L1-13 = Pobl yr uned sydd wedi'u hyfforddi i ddeall y lefelau
reports-live-L2-01 = Newydd-ddyfodiaid sydd wedi cael pob cam lefel 1
reports-live-L2-02 = Pobl yr uned sydd wedi'u hyfforddi i siarad drostynt eu hunain
reports-live-L2-03 = Pynciau ar gyfer yr agenda hyfforddi gan yr uned yn ystod y flwyddyn ddiwethaf
reports-live-L2-04 = Sesiynau hyfforddi ar y cyd y bu pobl yr uned ynddynt yn ystod y chwarter diwethaf
reports-live-L2-05 = Digwyddiadau meithrin tîm ar yr uned yn ystod y chwarter diwethaf
reports-live-L2-06 = Defnyddwyr gwasanaeth a gofalwyr sydd wedi ysgrifennu eu diddordebau
reports-live-L2-07 = Rolau â disgrifiad rôl wedi'i gyhoeddi
reports-live-L2-08 = Ymarfer a chysgodi yn ystod y 90 diwrnod diwethaf
reports-live-L3-01 = Newydd-ddyfodiaid sydd wedi cael pob cam lefel 1 ac un cam lefel 2
reports-live-L3-02 = Mae rhywun yn dal rôl cydgysylltydd defnyddwyr gwasanaeth a gofalwyr ar gyfer yr uned
reports-live-L3-04 = Recriwtio'r uned â defnyddwyr gwasanaeth neu ofalwyr o'r disgrifiad swydd ymlaen
reports-live-L3-05 = Cyfarfodydd y chwarter diwethaf a fodlonodd eu rheol cynrychiolaeth
reports-live-L3-06 = Datblygiadau sydd angen penderfyniad fforwm ac sydd wedi cael un
reports-live-L3-08 = Defnyddwyr gwasanaeth a gofalwyr ar yr uned mewn rolau arwain
reports-live-L3-09 = Sesiynau hyfforddi a gydgyflwynwyd y bu pobl yr uned ynddynt yn ystod y chwarter diwethaf
reports-live-L3-10 = Pobl sydd wedi symud ymlaen ac sy'n dal i gymryd rhan

## Gweddill y mesurau byw, a'r hyn y mae cyfran yn ei gyfrif

reports-live-L1-06 = Adroddiadau a phapurau'r flwyddyn ddiwethaf a gofnodwyd ac a oedd ag adran safbwynt defnyddwyr gwasanaeth a gofalwyr
reports-live-L1-07 = Yr hyn yr edrychodd archwiliadau'r flwyddyn ddiwethaf o'r arfer hwn arno ac a oedd yn ei fodloni
reports-live-L1-11 = Ymweliadau eiriolwyr a gofnodwyd ar yr uned yn ystod y 90 diwrnod diwethaf
reports-live-L2-09 = Yr hyn yr edrychodd archwiliadau'r flwyddyn ddiwethaf o'r arfer hwn arno ac a oedd yn ei fodloni
reports-live-L3-03 = Yr hyn yr edrychodd archwiliadau'r flwyddyn ddiwethaf o'r arfer hwn arno ac a oedd yn ei fodloni
reports-live-L3-07 = Digwyddiadau cymunedol a digwyddiadau lleihau stigma a gofnodwyd yn ystod y flwyddyn ddiwethaf
reports-live-L1-05-numerator = Cyfarfodydd â'r eitem ar yr agenda
reports-live-L1-05-denominator = Cyfarfodydd a gynhaliwyd yn ystod y chwarter diwethaf
reports-live-L1-06-numerator = Adroddiadau a phapurau ag adran safbwynt
reports-live-L1-06-denominator = Adroddiadau a phapurau a gofnodwyd yn ystod y flwyddyn ddiwethaf
reports-live-L1-07-numerator = Pethau yr edrychwyd arnynt ac a oedd yn bodloni'r arfer
reports-live-L1-07-denominator = Pethau yr edrychodd yr archwiliadau arnynt
reports-live-L1-08-numerator = Newydd-ddyfodiaid a gafodd gyfaill o fewn 14 diwrnod
reports-live-L1-08-denominator = Newydd-ddyfodiaid y mae eu 14 diwrnod cyntaf ar ben
reports-live-L1-09-numerator = Pobl a gyrhaeddodd ac a gafodd gynnig cyfarfod croeso neu gyfarfod cyswllt teulu
reports-live-L1-09-denominator = Pobl a gyrhaeddodd yn ystod y 90 diwrnod diwethaf
reports-live-L2-01-numerator = Newydd-ddyfodiaid sydd wedi cael pob cam lefel 1
reports-live-L2-01-denominator = Newydd-ddyfodiaid a ymunodd yn ystod y chwe mis diwethaf
reports-live-L2-09-numerator = Pethau yr edrychwyd arnynt ac a oedd yn bodloni'r arfer
reports-live-L2-09-denominator = Pethau yr edrychodd yr archwiliadau arnynt
reports-live-L3-01-numerator = Newydd-ddyfodiaid sydd wedi cael pob cam lefel 1 ac un cam lefel 2
reports-live-L3-01-denominator = Newydd-ddyfodiaid a ymunodd yn ystod y chwe mis diwethaf
reports-live-L3-03-numerator = Pethau yr edrychwyd arnynt ac a oedd yn bodloni'r arfer
reports-live-L3-03-denominator = Pethau yr edrychodd yr archwiliadau arnynt
reports-live-L3-04-numerator = Recriwtio â defnyddwyr gwasanaeth neu ofalwyr o'r disgrifiad swydd ymlaen
reports-live-L3-04-denominator = Recriwtio'r uned
reports-live-L3-05-numerator = Cyfarfodydd a fodlonodd eu rheol cynrychiolaeth
reports-live-L3-05-denominator = Cyfarfodydd a gynhaliwyd yn ystod y chwarter diwethaf
reports-live-numerator-count = Yr hyn y mae'r diffiniad yn ei gyfrif
reports-live-col-code = Arfer
reports-live-col-kind = Math
reports-live-col-check = Yn dangos "gwiriwch hyn" pan fo'r arfer wedi'i nodi ar waith a
reports-kind-count = Cyfrif
reports-kind-proportion = Cyfran (y cant)
reports-live-check-any = dim byd wedi'i gyfrif
reports-live-check-percent = y gyfran o dan { $percent }%, neu ddim byd i gymryd cyfran ohono
reports-live-check-closed = awgrym wedi'i gau heb ymateb cyhoeddus, neu ddim un wedi'i gau
reports-live-check-half = llai na hanner y datblygiadau sydd angen penderfyniad fforwm wedi cael un
reports-live-check-roles = rôl heb ddisgrifiad wedi'i gyhoeddi, neu ddim rolau
reports-live-check-round = dim cylch arolwg boddhad wedi'i gynnal yn y chwarter
reports-live-small-people = Yn cael ei ddangos fel "llai na { $count }" i'r rhai na chânt weld pobl yr uned, pan fydd yn cyfrif rhai pobl ond llai na { $count } (ar gyfer cyfran, pan gaiff ei chymryd o gyn lleied)
reports-live-intro-more = Mae'r diffiniad yn dweud dros ba gyfnod y caiff pob un ei gymryd. Mae'r rhai a gaiff weld pobl uned (ei staff a'r arweinydd cydgynhyrchu) yn gweld pob ffigur; mae'r bwrdd a'r aelodau'n gweld cyfrifon bach o bobl fel "llai na" rheol y sefydliad.
reports-signals-title = Arwyddion y llyfr chwarae
reports-signals-intro = Mae pob un yn ffigur ar gyfer un uned heddiw. Pan fydd yn cyrraedd ei drothwy mae'n codi ei her ar yr uned honno; gall y sefydliad newid y trothwy.
reports-live-L1-12 = Yr hyn yr edrychodd archwiliadau'r flwyddyn ddiwethaf o wybodaeth am gwynion a chanmoliaeth arno ac a oedd yn ei harddangos ac yn hawdd ei chyrraedd
reports-live-L1-12-numerator = Mannau a oedd yn arddangos y wybodaeth
reports-live-L1-12-denominator = Mannau yr edrychodd yr archwiliadau arnynt
