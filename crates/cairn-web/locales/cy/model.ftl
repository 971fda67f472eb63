## Y model cydgynhyrchu a'r hunanasesiad.

nav-model = Y model
nav-assessment = Asesiad
common-important = Pwysig

model-title = Y model cydgynhyrchu
model-intro = Mae tair lefel yn mynd â gwasanaeth o wneud pethau i bobl, drwy wneud pethau ar eu cyfer, i wneud pethau gyda nhw. Mae pob lefel yn set o arferion. Nid oes rhaid i uned orffen un lefel cyn dechrau'r nesaf.
model-credit = Mae model adeiledig Cairn yn rhoi yn ei eiriau ei hun y model tair lefel o'r papur hwn:
model-version = Fersiwn { $version } o'r model
model-add-practice = Ychwanegu arfer
model-back = Yn ôl i'r model
model-col-code = Cod
model-col-practice = Arfer
model-col-shows = Beth all ei ddangos
model-col-change = Newid
model-reword = Aileirio
model-retire = Tynnu'n ôl
model-retired = Wedi'i dynnu'n ôl
model-reword-title = Aileirio arfer { $code }
model-title-en = Geiriad yn Saesneg
model-title-cy = Geiriad yn Gymraeg
model-save-practice = Cadw'r arfer
model-supports-title = Beth sy'n cynnal y model
model-support-principles = Egwyddorion arweiniol: ethos ysgrifenedig y mae'r gwasanaeth yn ymrwymo iddo.
model-support-payment = Polisi talu ac ad-dalu: tâl teg am amser, ad-dalu treuliau, a dim niwed i fudd-daliadau neb.
model-support-training = Rhaglen hyfforddi y mae pobl yn symud drwyddi wrth iddyn nhw symud i fyny'r lefelau.
model-settings-title = Gosodiadau'r model
model-threshold = Cyfran yr arferion perthnasol sydd ar waith i gyrraedd lefel (canran)
model-threshold-hint = 80 fel arfer. Nid yw arferion sydd wedi'u marcio "nid yw'n berthnasol" yn cael eu cyfrif.
model-publish = Gall aelodau weld hunanasesiadau eu hunedau
model-settings-save = Cadw'r gosodiadau
model-changes-title = Newidiadau i'r model
model-change-template = Fersiwn { $version }: copïwyd y model adeiledig gan { $who }, { $when }.
model-change-add = Fersiwn { $version }: ychwanegwyd { $code } gan { $who }, { $when }.
model-change-reword = Fersiwn { $version }: aileiriwyd { $code } gan { $who }, { $when }.
model-change-retire = Fersiwn { $version }: tynnwyd { $code } yn ôl gan { $who }, { $when }.

model-level-1 = Lefel 1 – Gosod y sylfaen
model-level-2 = Lefel 2 – Nodi a meithrin sgiliau
model-level-3 = Lefel 3 – Gweithio mewn partneriaeth
model-level-short-1 = Lefel 1
model-level-short-2 = Lefel 2
model-level-short-3 = Lefel 3
model-level-1-intro = Mae'r gwasanaeth yn dangos ei fod eisiau gwrando: "rydym yn gwerthfawrogi'r hyn sydd gennych i'w ddweud". Ar y dechrau, gwaith y gweithwyr proffesiynol yw hyn.
model-level-2-intro = Mae pobl yn profi ac yn meithrin eu hyder. Mae staff yn chwilio am gyfleoedd i ddefnyddwyr gwasanaeth a gofalwyr ddefnyddio eu cryfderau, ac mae anghydbwysedd grym yn cael ei enwi.
model-level-3-intro = "Dim byd amdanom ni hebom ni": mae defnyddwyr gwasanaeth, gofalwyr a staff yn rhannu'r gwaith cynllunio a darparu, ac mae'r drws yn aros ar agor i bobl sydd wedi symud ymlaen.

model-status-not-started = Heb ddechrau
model-status-planned = Wedi'i gynllunio
model-status-in-progress = Ar y gweill
model-status-in-place = Ar waith
model-status-not-applicable = Nid yw'n berthnasol
model-rag-red = Coch
model-rag-amber = Ambr
model-rag-green = Gwyrdd
model-rag-not-applicable = Heb ei gyfrif
model-ladder-doing-to = Gwneud i bobl
model-ladder-doing-for = Gwneud ar gyfer pobl
model-ladder-doing-with = Gwneud gyda phobl
model-ladder-doing-to-hint = Nid yw lefel 1 wedi'i chyrraedd eto: mae'r gwasanaeth yn dal i wneud pethau i bobl yn bennaf.
model-ladder-doing-for-hint = Mae'r sylfaen yn ei lle: mae'r gwasanaeth yn gwneud pethau ar gyfer pobl ac yn meithrin y sgiliau i'w gwneud gyda phobl.
model-ladder-doing-with-hint = Mae lefel 3 wedi'i chyrraedd: mae'r gwasanaeth yn gwneud pethau gyda phobl, mewn partneriaeth.
model-ladder-position = Lle mae'r uned hon: { $position }
model-reached-yes = Wedi'i chyrraedd
model-reached-no = Heb ei chyrraedd eto

model-unit-title = Hunanasesiad. Uned: { $unit }
model-back-to-unit = Yn ôl i'r uned
model-unit-intro = Mae lefel wedi'i chyrraedd pan fydd { $threshold }% o'i harferion perthnasol ar waith. Mae'r asesiad hwn yn defnyddio fersiwn { $version } o'r model.
model-levels-title = Cynnydd fesul lefel
model-level-count = { $in_place } o { $applicable } ar waith
model-col-level = Lefel
model-col-in-place = Ar waith
model-col-applicable = Perthnasol
model-col-percent = Canran
model-col-reached = Lefel wedi'i chyrraedd
model-col-at = Adeg: { $name }
model-col-baseline-percent = Adeg y llinell sylfaen
model-col-last-round = Adeg y rownd ddiwethaf
model-col-status = Statws
model-col-rag = Coch, Ambr neu Wyrdd
model-col-evidence = Tystiolaeth
model-col-owner = Perchennog
model-col-dates = Dyddiadau
model-col-target = Dyddiad targed
model-col-review = Dyddiad adolygu
model-col-baseline = Adeg y llinell sylfaen
model-col-round = Rownd
model-col-unit = Uned
model-col-ladder = Lle mae'r uned
model-target-on = Targed: { $date }
model-review-on = Adolygu: { $date }
model-changed-since-baseline = Adeg y llinell sylfaen: { $status }
model-measure-label = Beth mae cofnodion Cairn ei hun yn ei ddangos
model-measure-disagrees = Gwiriwch hyn: nid yw'r cofnodion yn cefnogi'r statws hwn
model-measure-moved-on = Pobl sydd wedi symud ymlaen ac sy'n dal i gymryd rhan (mewn rôl neu fel cyfaill): { $count }
model-measure-buddies = Roedd gan { $count }% o'r bobl newydd y mae eu 14 diwrnod cyntaf ar ben gyfaill o fewn y 14 diwrnod hynny
model-measure-welcome = Cafodd { $count }% o'r rhai a gyrhaeddodd yn ystod y 90 diwrnod diwethaf gynnig cyfarfod croeso neu gyfarfod cyswllt teulu
# cyfle (m): 2 gyfle (soft after dau), 3 chyfle and 6 chyfle (aspirate after tri, chwe).
model-measure-opportunities = { $count ->
    [zero] Dim cyfleoedd agored i bobl yr uned hon
    [one] { $count } cyfle agored i bobl yr uned hon
    [two] { $count } gyfle agored i bobl yr uned hon
    [few] { $count } chyfle agored i bobl yr uned hon
    [many] { $count } chyfle agored i bobl yr uned hon
   *[other] { $count } cyfle agored i bobl yr uned hon
}
model-measure-level-one-steps = Mae { $count }% o'r bobl newydd wedi cael pob cam lefel 1 (cyfaill, croeso a gwybodaeth)
model-measure-level-two-steps = Mae { $count }% o'r bobl newydd wedi cael pob cam lefel 1 a cham lefel 2
model-measure-interests = Defnyddwyr gwasanaeth a gofalwyr sydd wedi nodi eu diddordebau: { $count }
model-measure-role-descriptions = Rolau â disgrifiad rôl wedi'i gyhoeddi: { $count }
model-measure-practice = Ymarfer a chysgodi yn ystod y 90 diwrnod diwethaf: { $count }
model-measure-coordinator = Pobl sydd yn rôl cydgysylltydd defnyddwyr gwasanaeth a gofalwyr: { $count }
model-measure-recruitment = Roedd defnyddwyr gwasanaeth neu ofalwyr yn rhan o { $count }% o recriwtio'r uned hon, o'r disgrifiad swydd ymlaen
model-measure-leaders = Defnyddwyr gwasanaeth a gofalwyr mewn rolau arwain: { $count }
model-download-unit = Lawrlwytho'r asesiad hwn fel CSV
model-print-hint = Argraffwch o'ch porwr i gael copi A4 ar gyfer cyfarfod tîm.
model-printed = Argraffwyd: { $when }
model-chart-progress-title = Cynnydd y lefelau dros amser
model-chart-progress-summary = Cyfran yr arferion perthnasol sydd ar waith ar bob lefel, ym mhob llinell sylfaen a rownd.
model-progress-recent = Mae'r siart a'r tabl yn dangos y { $shown } rownd ddiweddaraf o { $total }. Mae pob rownd yn y ffeil CSV isod.

model-back-to-assessment = Yn ôl i'r asesiad. Uned: { $unit }
model-reason = Pam nad yw'n berthnasol (mae ei angen ar gyfer "nid yw'n berthnasol")
model-reason-hint = Er enghraifft: nid oes grŵp gofalwyr i gyfarfod ag ef ar yr uned
model-evidence = Tystiolaeth (dewisol)
model-evidence-hint = Beth sy'n dangos hyn, a ble mae modd dod o hyd iddo. Dim enwau na manylion clinigol.
model-owner = Perchennog (dewisol)
model-owner-none = Neb eto
model-target = Dyddiad targed (dewisol)
model-review = Dyddiad adolygu (dewisol)
model-save-status = Cadw
model-history-title = Hanes ar yr uned hon
model-history-none = Nid oes dim wedi'i gofnodi eto.

model-service-title = Asesiad ar draws y gwasanaeth
model-service-intro = Mae pob uned wedi'i rhestru yn ôl ei henw a'i chymharu â'i gorffennol ei hun, heb ei rhestru yn erbyn y lleill.
model-download-service = Lawrlwytho fel CSV
model-since-baseline = Mae newidiadau'n cael eu dangos ers y llinell sylfaen "{ $name }".
model-no-baseline = Nid oes llinell sylfaen wedi'i chymryd eto, felly nid oes modd dangos newidiadau.
model-units-levels = Unedau a lefelau
model-change-points = Newid ers y llinell sylfaen: { $points }
model-chart-rag-title = Coch, Ambr a Gwyrdd fesul lefel
model-chart-rag-summary = Faint o arferion ar draws pob uned sy'n goch (heb ddechrau), yn ambr (wedi'u cynllunio neu ar y gweill) neu'n wyrdd (ar waith) ar bob lefel.
model-due-title = Yn hwyr neu'n barod i'w hadolygu
model-due-none = Nid oes dim yn hwyr nac yn barod i'w adolygu yn ystod y 14 diwrnod nesaf.
model-due-overdue = Yn hwyr: y targed oedd { $date }
model-due-review = Adolygu erbyn { $date }
model-back-to-service = Yn ôl i'r asesiad
model-rounds-title = Llinellau sylfaen a rowndiau
model-rounds-intro = Ciplun dyddiedig o bob uned yw llinell sylfaen, wedi'i gymryd cyn i'r gwaith ddechrau. Mae rownd yn cael ei hagor am gyfnod a'i chau gan rywun nad yw'n aelod o staff yr uned ei hun; ar ôl ei chau, ni all newid. Pan fydd mwy nag un llinell sylfaen, y ddiweddaraf yw'r un y mae tudalennau'r uned a'r gwasanaeth yn cymharu â hi.
model-rounds-none = Dim llinell sylfaen na rownd eto.
model-round-name = Enw
model-round-name-hint = Er enghraifft "Llinell sylfaen Mawrth 2026" neu "Chwarter 2, 2026"
model-round-kind = Math
model-round-kind-baseline = Llinell sylfaen (yn cael ei chymryd nawr)
model-round-kind-round = Rownd asesu (yn cael ei chau yn nes ymlaen)
model-round-state = Wedi'i hagor a'i chau
model-round-opened = Agorwyd: { $when }, gan { $who }
model-round-closed = Caewyd: { $when }, gan { $who }
model-round-open = Ar agor
model-round-close = Cau'r rownd hon
model-round-new = Cymryd llinell sylfaen neu agor rownd
model-round-start = Dechrau

model-error-status = Dewiswch statws
model-error-reason-required = Dywedwch pam nad yw'r arfer hwn yn berthnasol i'r uned
model-error-reason-long = Rhowch reswm o 1,000 nod neu lai
model-error-evidence-long = Rhowch dystiolaeth o 4,000 nod neu lai
model-error-owner = Dewiswch berchennog o'r rhestr
model-error-level = Dewiswch lefel
model-error-title-en = Rhowch yr arfer yn Saesneg
model-error-title-cy = Rhowch yr arfer yn Gymraeg
model-error-title-long = Rhowch 300 nod neu lai
model-error-threshold = Rhowch rif cyfan rhwng 1 a 100
model-error-retired = Mae'r arfer hwn wedi'i dynnu'n ôl, felly nid oes modd ei newid
model-error-round-closed = Mae'r rownd hon wedi'i chau yn barod ac ni all newid
model-error-round-name = Rhowch enw ar gyfer y rownd
model-error-round-name-long = Rhowch enw o 120 nod neu lai
model-error-round-kind = Dewiswch linell sylfaen neu rownd
model-download-progress = Lawrlwytho cynnydd y lefelau dros amser (CSV)
model-download-levels = Lawrlwytho'r niferoedd Coch, Ambr a Gwyrdd (CSV)
model-measure-principles-read = Fersiwn { $version }: mae { $read } allan o { $active } o'r bobl sy'n cymryd rhan nawr wedi dweud eu bod wedi'i darllen

## Ffigur byw wedi'i guddio o dan y rheol niferoedd bach
model-measure-hidden = { $measure }: llai na { $count } o bobl, felly ni ddangosir y ffigur
