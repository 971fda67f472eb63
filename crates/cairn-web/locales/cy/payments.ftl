## Taliadau a threuliau
# hawliad (m), taliad (m), derbynneb (f), cyfradd (f), taleb (f), rhediad talu (m), cyflogres (f).
# Values come after a label ("Cyfanswm: { $total }"), never straight after a word that mutates.

nav-my-claims = Fy hawliadau
nav-payments = Taliadau
nav-payment-report = Taliadau

payments-title = Taliadau
payments-intro = Hawliadau am amser a threuliau, o wneud hawliad hyd at ei dalu. Mae dau berson gwahanol bob amser yn cymeradwyo ac yn awdurdodi.
payments-waiting = Hawliadau'n aros ar bob cam
payments-claims = Hawliadau
payments-my-claims = Fy hawliadau
payments-new-claim = Gwneud hawliad
payments-back = Yn ôl i'r hawliadau
payments-back-home = Yn ôl i'r taliadau
payments-no-claims = Nid oes hawliadau'n cyfateb.
payments-none-yet = Dim eto.
payments-choose = Dewiswch
payments-choose-person = Dewiswch berson
payments-claim-title = Hawliad { $id }
payments-example = Enghraifft – gwiriwch y ffigur presennol

payments-activity-meeting = Cyfarfod
payments-activity-interview-panel = Panel cyfweld
payments-activity-training-delivery = Cyflwyno hyfforddiant
payments-activity-consultation = Ymgynghoriad
payments-activity-other = Rhywbeth arall

payments-basis-hour = Fesul awr
payments-basis-session = Fesul sesiwn (hanner diwrnod neu ddiwrnod)

payments-expense-mileage-car = Milltiroedd car
payments-expense-mileage-passenger = Milltiroedd teithiwr
payments-expense-mileage-bicycle = Milltiroedd beic
payments-expense-public-transport = Trafnidiaeth gyhoeddus
payments-expense-parking = Parcio
payments-expense-meal = Pryd o fwyd
payments-expense-care-cover = Gofal neu ofal plant yn eich lle
payments-expense-online-allowance = Lwfans cyfarfod ar-lein

payments-status-draft = Heb ei anfon eto
payments-status-submitted = Yn aros i gael ei gymeradwyo
payments-status-approved = Wedi'i gymeradwyo, yn aros am y tîm cyllid
payments-status-authorised = Wedi'i awdurdodi, yn aros i gael ei dalu
payments-status-in-run = Mewn rhediad talu
payments-status-paid = Wedi'i dalu
payments-status-rejected = Heb ei dalu

payments-choice-bank = Taliad i'm cyfrif banc
payments-choice-payroll = Taliad drwy'r gyflogres
payments-choice-voucher = Talebau
payments-choice-lower = Swm is
payments-choice-expenses-only = Treuliau'n unig
payments-choice-nothing = Dim taliad

payments-period-week = Wythnos
payments-period-month = Mis

payments-run-open = Ar agor
payments-run-locked = Wedi'i gloi
payments-run-paid = Wedi'i dalu

payments-event-made = Hawliad wedi'i wneud
payments-event-made-for = Hawliad wedi'i wneud gyda'r person
payments-event-submitted = Wedi'i anfon i'w gymeradwyo
payments-event-approved = Wedi'i gymeradwyo
payments-event-authorised = Wedi'i awdurdodi
payments-event-rejected = Heb ei dalu
payments-event-paid = Wedi'i dalu
payments-event-paid-less = Wedi'i gymeradwyo ar ffi is
payments-event-corrected = Wedi'i gywiro

## Colofnau
payments-col-person = Person
payments-col-activity = Gweithgaredd
# The claim form's question (review E7); the column and the claim's summary use payments-col-activity.
payments-activity-legend = Beth oedd y gweithgaredd?
payments-col-date = Dyddiad y gweithgaredd
payments-col-time = Amser a roddwyd
payments-col-description = Disgrifiad
payments-col-choice = Sut maen nhw'n cael eu talu
payments-col-made-by = Wedi'i wneud gan
payments-col-status = Statws
payments-col-line = Llinell
payments-col-detail = Manylion
payments-col-amount = Swm
payments-col-amount-pence = Swm (ceiniogau)
payments-col-income = Yn cyfrif fel incwm
payments-col-category = Traul
payments-col-what = Beth
payments-col-rate = Cyfradd
payments-col-valid = Pryd mae'n berthnasol
payments-col-claim = Hawliad
payments-col-cost-centre = Canolfan gost
payments-col-period = Cyfnod
payments-col-paid = Wedi'i dalu
payments-col-authorised = Wedi'i awdurdodi
payments-col-pending = Yn aros
payments-col-fees = Cyfanswm y ffioedd
payments-col-breakdown = Dadansoddiad
payments-col-row = Rhes
payments-col-claims = Hawliadau

## Gwneud hawliad
payments-claim-intro = Hawliwch am yr amser a roesoch chi ac am yr hyn a gostiodd i chi. Daw'r ffi o'r gyfradd ar gyfer y gweithgaredd ar y dyddiad hwnnw.
payments-date-hint = Er enghraifft, 15 7 2026
payments-time-hint = Oriau a munudau, er enghraifft 2 a 30
payments-hours = Oriau
payments-minutes = Munudau
payments-description-hint = Er enghraifft, enw'r cyfarfod, neu beth wnaethoch chi
payments-expenses = Treuliau
payments-expenses-hint = Gadewch y rhain yn wag os nad oes gennych chi dreuliau. Rhowch y pellter mewn milltiroedd ar gyfer lwfans milltiroedd, a phopeth arall mewn punnoedd.
payments-expense-n = Traul { $n }
payments-no-expense = Dim traul
payments-miles-label = Nifer y milltiroedd (ar gyfer lwfans milltiroedd)
payments-miles-hint = Er enghraifft, 12.5
payments-amount-label = Swm mewn punnoedd (ar gyfer treuliau eraill)
payments-amount-hint = Er enghraifft, 4.80
payments-save-claim = Cadw'r hawliad
# awr (f) begins with a vowel and never mutates; munud: 2 funud (soft after dau, dwy).
payments-duration = { $hours } awr { $minutes ->
    [zero] { $minutes } munud
    [one] { $minutes } munud
    [two] { $minutes } funud
    [few] { $minutes } munud
    [many] { $minutes } munud
   *[other] { $minutes } munud
}
payments-miles = Milltiroedd: { $miles }

## Un hawliad
payments-money = Arian
payments-line-fee = Ffi am yr amser a roddwyd
payments-line-adjustment = Ffi is y tro hwn
payments-line-reversal = Cywiriad
payments-income-yes = Ydy
payments-income-no = Nac ydy
payments-fee = Ffi
payments-total = Cyfanswm
payments-rejected-because = Pam na chafodd ei dalu: { $reason }
payments-guard-title = Ffioedd a'r terfyn enillion
payments-guard-week = Wythnos yn dechrau: { $date }. { $parts }
payments-guard-month = Mis yn dechrau: { $date }. { $parts }
payments-guard-parts = Wedi'i dalu: { $paid }; wedi'i awdurdodi: { $authorised }; yn aros: { $pending }
payments-guard-warning-title = Byddai hyn yn mynd dros y terfyn
payments-guard-warning = Mae'r hawliad hwn yn cyfrif fel incwm o { $this }. Person: { $name }. Byddai'n mynd â nhw dros eu terfyn eu hunain. Mae talu hyd at { $room } y tro hwn yn eu cadw o fewn y terfyn.
payments-own-limit = Terfyn personol: { $limit }
payments-no-limit = Nid oes terfyn wedi'i gofnodi.
payments-limit-week = { $amount } yr wythnos
payments-limit-month = { $amount } y mis
payments-advice-signpost = Nid yw Cairn yn rhoi cyngor ar fudd-daliadau. I gael cyngor am fudd-daliadau a thaliadau am gymryd rhan, siaradwch â chynghorydd annibynnol fel Cyngor ar Bopeth.
payments-receipts = Derbynebau
payments-receipt-missing = Mae angen derbynneb cyn y gellir anfon yr hawliad hwn
payments-no-receipts = Dim derbynebau ynghlwm.
payments-receipt-label = Atodi derbynneb
payments-receipt-hint = Llun (JPEG neu PNG) neu PDF, hyd at 5 MB.
payments-receipt-add = Atodi'r dderbynneb
payments-receipt-name = Derbynneb { $id } ({ $kind }, { $size } KB)
payments-next-step = Y cam nesaf
payments-submit = Anfon yr hawliad i'w gymeradwyo
payments-pay-less = Talu ffi is y tro hwn (dewisol)
payments-pay-less-hint = Mewn punnoedd. Gadewch yn wag i dalu'r ffi a hawliwyd.
payments-pay-less-reason = Y rheswm dros y ffi is
payments-approve = Cymeradwyo'r hawliad
payments-authorise = Awdurdodi'r hawliad i'w dalu
payments-reject-reason = Pam na ellir ei dalu
payments-reject-hint = Bydd y person yn darllen hwn, felly ysgrifennwch yn garedig ac yn glir.
payments-reject = Peidio â thalu'r hawliad hwn
payments-correct = Cywiro llinell
payments-reverse-reason = Rheswm dros gywiro: { $line }, { $amount }
payments-reverse = Cywiro'r llinell hon
payments-history = Hanes

## Cyfraddau
payments-rates-title = Cerdyn cyfraddau
payments-rates-intro = Beth sy'n cael ei dalu am gymryd rhan a pha dreuliau sy'n cael eu had-dalu, gyda'r dyddiadau y mae pob cyfradd yn berthnasol. Rhaid gwirio ffigurau sydd wedi'u nodi fel enghreifftiau cyn eu defnyddio.
payments-fee-rates = Ffioedd
payments-expense-rates = Milltiroedd a threuliau
payments-presets = Terfynau enillion y gall pobl eu dewis
payments-example-col = Enghraifft
payments-per-hour = { $amount } yr awr
payments-per-session = { $half } am lai na 4 awr, { $day } am 4 awr neu fwy
payments-per-mile = { $pence }c y filltir
payments-after-band = { $pence }c y filltir ar ôl y nifer hwn o filltiroedd mewn blwyddyn dreth: { $miles }
payments-up-to = hyd at { $amount }
payments-needs-receipt = Angen derbynneb
payments-needs-preapproval = Gofyn cyn y gweithgaredd
payments-counts-as-income = Yn cyfrif fel incwm
payments-valid-from = O: { $from }
payments-valid-between = { $from } tan { $to }
payments-add-fee-rate = Ychwanegu cyfradd ffi
payments-add-expense-rate = Ychwanegu cyfradd traul
payments-basis = Sut mae'n cael ei gyfrif
payments-hour-rate = Cyfradd yr awr
payments-half-day-rate = Cyfradd am lai na 4 awr
payments-day-rate = Cyfradd am 4 awr neu fwy
payments-pounds-hint = Mewn punnoedd, er enghraifft 20.00
payments-valid-from-label = Yn berthnasol o
payments-valid-to-label = Yn berthnasol tan (dewisol)
payments-valid-to-hint = Y diwrnod olaf y mae'n berthnasol. Gadewch yn wag tra bo'n gyfredol.
payments-source = Ffynhonnell
payments-source-hint = O ble daw'r ffigur, er enghraifft polisi neu ganllawiau
payments-per-mile-label = Cyfradd y filltir (milltiroedd)
payments-after-band-label = Cyfradd y filltir ar ôl y terfyn blynyddol (car)
payments-band-label = Milltiroedd mewn blwyddyn dreth ar y gyfradd gyntaf (car)
payments-limit-label = Y mwyaf y gellir ei hawlio ar y tro
payments-save-rate = Cadw'r gyfradd

## Rhediadau talu
payments-runs-title = Rhediadau talu
payments-runs-intro = Casglwch hawliadau wedi'u hawdurdodi mewn rhediad, clowch ef, allforiwch ef ar gyfer y gyflogres neu'r cyfrifon, ac yna nodwch ei fod wedi'i dalu. Ni all hawliad fod mewn mwy nag un rhediad byth.
payments-ready = Hawliadau wedi'u hawdurdodi sy'n barod i'w talu
payments-none-ready = Nid oes hawliadau wedi'u hawdurdodi yn aros.
payments-choose-claims = Hawliadau i'w cynnwys
payments-make-run = Creu rhediad talu
payments-runs = Rhediadau
payments-run-title = Rhediad talu { $id }
payments-run-claims = Hawliadau: { $n }
payments-run-status = Statws: { $status }
payments-run-total = Cyfanswm: { $total }
payments-reconciled = Mae'r llinellau, yr hawliadau a chyfanswm y rhediad yn cytuno
payments-not-reconciled = Nid yw'r cyfansymiau'n cytuno
payments-lock = Cloi'r rhediad
payments-export-payroll = Lawrlwytho ar gyfer y gyflogres (CSV)
payments-export-accounts = Lawrlwytho ar gyfer y cyfrifon (CSV)
payments-mark-paid = Nodi bod y rhediad wedi'i dalu

## Dewis a therfyn
payments-settings-title = Sut rydw i'n cael fy nhalu
payments-explain-vouchers = Mae talebau'n cyfrif fel incwm, yn union fel arian.
payments-explain-expenses = Nid yw treuliau y mae gennych chi dderbynebau ar eu cyfer yn incwm: maen nhw'n talu'n ôl yr hyn a gostiodd i chi.
payments-choice-question = Sut hoffech chi gael eich cydnabod?
payments-lower-label = Y ffi fwyaf yr hoffech chi ei chael am un gweithgaredd
payments-lower-hint = Mewn punnoedd. Dim ond os byddwch chi'n dewis swm is y caiff ei ddefnyddio.
payments-limit-title = Eich terfyn eich hun
payments-limit-intro = Os oes rhaid i'ch incwm aros o dan derfyn, cofnodwch ef yma. Nid oes angen i chi ddweud pam. Bydd Cairn yn eich rhybuddio cyn i hawliad fynd â chi dros y terfyn.
payments-limit-question = Oes gennych chi derfyn?
payments-limit-kind-none = Dim terfyn
payments-limit-kind-preset = Dewis o restr
payments-limit-kind-own = Teipio fy un fy hun
payments-preset-label = Terfyn o'r rhestr
payments-period-label = Bob
payments-limit-amount = Swm eich terfyn
payments-settings-saved = Wedi'i gadw. Bydd Cairn yn defnyddio hyn o'ch hawliad nesaf.
payments-save-settings = Cadw

## Datganiad
payments-statement-title = Datganiad ffioedd a threuliau
payments-statement-for = Datganiad ar gyfer: { $name }
payments-statement-period = Dangos y cyfnod hwn
payments-statement-print = Argraffwch y dudalen hon o'ch porwr i fynd â hi at gynghorydd.
payments-by-week = Fesul wythnos
payments-by-month = Fesul mis
payments-week-of = Wythnos yn dechrau: { $date }
payments-over-limit = Dros y terfyn

## Adroddiad
payments-report-title = Adroddiad taliadau
payments-report-summary = Hawliadau a dalwyd yn ystod y 12 mis diwethaf: { $paid }. Wedi'u talu o fewn y nifer hwn o ddiwrnodau ar ôl eu hanfon ({ $days }): { $within }.
payments-median-days = Yr amser arferol o anfon i dalu (canolrif, diwrnodau): { $days }
payments-report-download = Lawrlwytho'r ffigurau (CSV)
payments-report-chart-title = Wedi'i dalu bob mis, mewn punnoedd
payments-report-pounds = Punnoedd a dalwyd
payments-report-by-month = Fesul mis
payments-report-by-unit = Fesul uned
payments-report-by-constituency = Fesul sut mae pobl yn cymryd rhan
payments-report-by-activity = Fesul gweithgaredd
payments-no-unit = Dim uned

## Hysbysiadau
notice-claim-made-for = Mae hawliad wedi'i wneud gyda chi. Gallwch ei weld o dan Fy hawliadau. Wedi'i wneud gan: { $by }
notice-claim-paid-less = Cafodd un o'ch hawliadau ei gymeradwyo ar ffi is: { $amount }. Mae'r rheswm ar yr hawliad.
notice-claim-rejected = Ni ellir talu un o'ch hawliadau. Mae'r rheswm ar yr hawliad.

## Cymorth y model
model-measure-rate-card-yes = Cerdyn cyfraddau: mae cerdyn cyfraddau cyfredol ar waith
model-measure-rate-card-no = Cerdyn cyfraddau: nid oes cerdyn cyfraddau cyfredol
model-measure-paid-in-time = Hawliadau a dalwyd o fewn y targed yn ystod y chwarter diwethaf: { $count }%

## Gwallau
payments-error-activity = Dewiswch beth oedd yr amser ar ei gyfer
payments-error-date = Rhowch ddyddiad y gweithgaredd
payments-error-time = Rhowch yr amser a roddwyd mewn oriau a munudau, hyd at 24 awr
payments-error-description = Disgrifiwch y gweithgaredd
payments-error-too-long = Mae hwn yn rhy hir
payments-error-too-many = Rhowch hyd at 12 traul
payments-error-category = Dewiswch draul o'r rhestr
payments-error-miles = Rhowch y milltiroedd fel rhif, fel 12.5
payments-error-amount = Rhowch swm mewn punnoedd, fel 4.80
payments-error-no-rate = Nid oes cyfradd ar gyfer y gweithgaredd hwn ar y dyddiad hwnnw. Gofynnwch i'r arweinydd cydgynhyrchu neu'r tîm cyllid.
payments-error-no-expense-rate = Nid oes cyfradd ar gyfer y draul hon ar y dyddiad hwnnw
payments-error-over-limit = Mae hyn yn fwy nag y gellir ei hawlio ar gyfer y draul hon ar y tro
payments-error-person = Dewiswch berson o'r rhestr
payments-error-meeting = Dewiswch gyfarfod sy'n bodoli
payments-error-wrong-status = Mae'r hawliad wedi symud ymlaen yn barod. Ail-lwythwch y dudalen i weld ble mae arni nawr.
payments-error-own-claim = Ni all neb gymeradwyo, awdurdodi na chywiro ei hawliad ei hun
payments-error-same-person = Ni all y person a gymeradwyodd hawliad ei awdurdodi hefyd
payments-error-not-yet = Gellir awdurdodi hawliad unwaith y bydd y gweithgaredd wedi digwydd
payments-error-pay-less = Rhowch ffi nad yw'n uwch na'r ffi a hawliwyd
payments-error-reason = Rhowch reswm
payments-error-below-zero = Byddai'r cywiriad hwn yn gadael swm negyddol. Cywirwch y llinell ffi is yn gyntaf.
payments-error-reversed = Mae'r llinell honno wedi'i chywiro yn barod
payments-error-line = Dewiswch linell o'r hawliad hwn
payments-error-receipt-empty = Dewiswch ffeil i'w hatodi
payments-error-receipt-size = Rhaid i'r ffeil fod yn 5 MB neu'n llai
payments-error-receipt-type = Rhaid i'r ffeil fod yn JPEG, PNG neu PDF
payments-error-receipt-needed = Atodwch dderbynneb cyn anfon yr hawliad hwn
payments-error-run-empty = Dewiswch o leiaf un hawliad
payments-error-run-size = Gall rhediad ddal hyd at 20,000 o hawliadau
payments-error-run-request-size = Gall un cais gasglu hyd at 10,000 o hawliadau i mewn i rediad
payments-error-in-run = Mae un o'r hawliadau hyn mewn rhediad yn barod neu nid yw wedi'i awdurdodi mwyach. Ni newidiwyd dim.
payments-error-run-locked = Mae'r rhediad wedi'i gloi yn barod
payments-error-run-not-locked = Clowch y rhediad yn gyntaf
payments-error-basis = Dewiswch sut mae'r gyfradd yn cael ei chyfrif
payments-error-valid-from = Rhowch y dyddiad y mae'r gyfradd yn berthnasol ohono
payments-error-valid-to = Rhaid i'r dyddiad gorffen fod ar y dyddiad dechrau neu ar ei ôl
payments-error-source = Dywedwch o ble daw'r ffigur
payments-error-band = Rhowch nifer cyfan o filltiroedd
payments-error-choice = Dewiswch sut hoffech chi gael eich cydnabod
payments-error-preset = Dewiswch derfyn o'r rhestr
payments-error-period = Dewiswch wythnos neu fis
payments-error-limit-kind = Dewiswch a oes gennych chi derfyn
payments-error-range = Dewiswch gyfnod o hyd at ddwy flynedd, sy'n gorffen ar ôl iddo ddechrau
payments-error-format = Defnyddiwch y gwerth "payroll" i gael ffeil y gyflogres, neu "accounts" i gael ffeil y cyfrifon

## Yr adroddiad taliadau i'r rhai na chânt weld hawliadau
payments-report-small-numbers = Ni ddangosir uned, grŵp o bobl na math o weithgaredd sydd â llai na { $count } o hawliadau wedi'u talu, gan y gallai'r swm fod yn daliadau un person; lle gellid cyfrifo llinell gudd o'r cyfanswm, caiff un arall ei chuddio hefyd.

## Allforion rhediad talu (ffeiliau CSV y gyflogres a'r cyfrifon): penawdau, mathau o res, dulliau talu
payments-export-col-run = Rhif y rhediad
payments-export-col-row = Math o res
payments-export-col-claim = Rhif yr hawliad
payments-export-col-person = Rhif y person
payments-export-col-name = Enw
payments-export-col-cost-centre = Canolfan gost
payments-export-col-activity = Gweithgaredd
payments-export-col-activity-on = Dyddiad y gweithgaredd
payments-export-col-method = Dull talu
payments-export-col-claims = Nifer yr hawliadau
payments-export-col-fee-pence = Ffi (ceiniogau)
payments-export-col-taxable-pence = Ffioedd trethadwy (ceiniogau)
payments-export-col-expenses-pence = Treuliau (ceiniogau)
payments-export-col-total-pence = Cyfanswm (ceiniogau)
payments-export-col-total-pounds = Cyfanswm (punnoedd)
payments-export-row-claim = Hawliad
payments-export-row-person-total = Cyfanswm y person
payments-export-row-cost-centre-total = Cyfanswm y ganolfan gost
payments-export-row-run-total = Cyfanswm y rhediad
payments-export-method-bank = Trosglwyddiad banc
payments-export-method-payroll = Cyflogres
payments-export-method-voucher = Talebau
payments-export-method-lower = Swm is
payments-export-method-expenses-only = Treuliau'n unig
payments-export-method-nothing = Dim taliad
