## Geiriau cyffredin, ffrâm y dudalen, y ddewislen a thudalennau gwall.

common-skip-link = Neidio i'r prif gynnwys
common-error-prefix = Gwall:
common-error-summary-title = Mae problem wedi codi
common-information = Gwybodaeth
common-back = Yn ôl
common-choose = Dewiswch un
common-any = Unrhyw un
common-none = Dim
common-not-recorded = Heb ei gofnodi
common-apply-filters = Gweithredu hidlyddion
common-next-page = Y dudalen nesaf
common-day = Diwrnod
common-month = Mis
common-year = Blwyddyn
common-date-hint = Er enghraifft, 27 3 2026

header-who = { $email } ({ $role })
header-sign-out = Allgofnodi
nav-label = Prif ddewislen
nav-home = Hafan
nav-units = Unedau
nav-people = Pobl
nav-audit = Log archwilio
nav-settings = Gosodiadau
nav-organisations = Sefydliadau
nav-account = Eich cyfrif
nav-accounts = Cyfrifon
footer-text = Mae Cairn yn helpu gwasanaethau i weithio gyda'r bobl sy'n eu defnyddio. Dim ond y bobl sydd ei hangen sy'n gweld eich gwybodaeth, ac mae Cairn yn cofnodi bob tro y bydd rhywun yn edrych ar gofnod person.

error-not-found-title = Heb ddod o hyd i'r dudalen
error-not-found-body = Os gwnaethoch deipio'r cyfeiriad gwe, gwiriwch ei fod yn gywir. Efallai fod y dudalen wedi symud, neu efallai nad oes gennych fynediad iddi.
error-forbidden-title = Ni allwch weld y dudalen hon
error-forbidden-body = Nid yw eich rôl yn cynnwys hyn. Gofynnwch i'ch arweinydd cydgynhyrchu neu weinyddwr eich sefydliad os ydych yn credu y dylai.
error-conflict-title = Nid oedd modd gwneud hynny
error-conflict = Mae hyn yn gwrthdaro â rhywbeth sydd eisoes wedi'i gofnodi. Gwiriwch y manylion a rhowch gynnig arall arni.
error-invalid = Nid yw rhai o'r manylion yn iawn. Ewch yn ôl a'u gwirio.
error-throttled-title = Rydych wedi ceisio gormod o weithiau
error-throttled-body = Arhoswch 15 munud, yna rhowch gynnig arall arni.
error-internal-title = Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth
error-internal-body = Rhowch gynnig arall arni yn nes ymlaen. Os bydd yn digwydd eto, dywedwch wrth eich arweinydd cydgynhyrchu a rhowch y cyfeirnod isod iddyn nhw.
error-reference = Cyfeirnod: { $reference }
error-control-character = Mae nod cudd yn hwn na ellir ei gadw, yn aml ar ôl copïo a gludo. Tynnwch ef a rhowch gynnig arall arni.
error-control-character-form = Mae nod cudd yn rhywbeth a deipioch na ellir ei gadw, yn aml ar ôl copïo a gludo. Ewch yn ôl, teipiwch ef eto a rhowch gynnig arall arni.
error-bad-query = Nid oedd modd darllen rhan o'r cyfeiriad gwe. Ewch yn ôl a rhowch gynnig arall arni.
error-too-large = Mae'r hyn a anfonoch yn rhy hir i'w dderbyn. Ewch yn ôl, gwnewch ef yn fyrrach a'i anfon eto.
error-go-home = Mynd i'r hafan
error-cross-site = Cafodd y ffurflen hon ei hanfon o wefan arall, felly ni chafodd ei derbyn. Ewch yn ôl i'r dudalen flaenorol a rhowch gynnig arall arni.
error-bad-form = Nid oedd modd darllen y ffurflen. Ewch yn ôl a rhowch gynnig arall arni.
error-bad-next = Mae nodau yn y ddolen a ddilynoch chi na all cyfeiriad gwe eu dal. Ewch yn ôl a rhowch gynnig arall arni.

date-error-day = Nodwch y diwrnod fel rhif, er enghraifft 27
date-error-month = Nodwch y mis fel rhif, er enghraifft 3
date-error-year = Nodwch y flwyddyn fel 4 rhif, er enghraifft 2026
date-error-real = Rhowch ddyddiad cywir, er enghraifft 27 3 2026
date-error-future = Rhaid i'r dyddiad fod heddiw neu yn y gorffennol

role-platform-admin = Gweinyddwr y platfform
role-org-admin = Gweinyddwr y sefydliad
role-lead = Arweinydd cydgynhyrchu
role-unit-staff = Staff uned
role-finance = Cyllid
role-member = Aelod
role-viewer = Gwyliwr (bwrdd)

language-en = Saesneg (English)
language-cy = Cymraeg
