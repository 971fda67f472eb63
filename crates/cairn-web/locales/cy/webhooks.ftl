## Bachau gwe: dweud wrth systemau eraill y sefydliad beth sy'n newid yn Cairn.

settings-webhooks-link = Bachau gwe: rhoi gwybod i'ch systemau eraill pan fydd pethau'n newid
webhooks-title = Bachau gwe
webhooks-intro = Mae bachyn gwe yn rhoi gwybod i system arall, fel system achosion eich bwrdd iechyd neu ddangosfwrdd, pan fydd rhywbeth yn newid yn Cairn. Caiff pob neges ei llofnodi â chyfrinach er mwyn i'r system allu gwirio mai o Cairn y daeth.
webhooks-intro-privacy = Mae negeseuon yn cynnwys rhifau cofnodion a dolenni, nid enwau na'r hyn a ysgrifennodd pobl, oni bai eich bod yn dewis yn wahanol ar gyfer pwynt terfyn.
webhooks-add = Ychwanegu pwynt terfyn
webhooks-none = Dim pwyntiau terfyn eto.
webhooks-list-caption = Pwyntiau terfyn sy'n cael negeseuon
webhooks-col-url = Cyfeiriad
webhooks-col-events = Digwyddiadau
webhooks-col-personal = Enwau a geiriau
webhooks-personal-yes = Wedi'u cynnwys
webhooks-personal-no = Wedi'u gadael allan
webhooks-deleted = Cafodd y pwynt terfyn ei ddileu. Ni fydd dim rhagor yn cael ei anfon ato.
webhooks-back = Yn ôl i'r bachau gwe
webhooks-back-settings = Yn ôl i'r gosodiadau
webhooks-back-endpoint = Yn ôl i'r pwynt terfyn

webhooks-new-title = Ychwanegu pwynt terfyn
webhooks-new-intro = Rhowch gyfeiriad y system a fydd yn cael y negeseuon, a dewiswch am ba newidiadau y bydd yn clywed.
webhooks-url = Cyfeiriad (URL)
webhooks-url-hint = Rhaid iddo ddechrau gydag https://, er enghraifft https://systems.example.nhs.wales/cairn
webhooks-events = Digwyddiadau i'w hanfon
webhooks-events-hint = Dewiswch bob un sy'n berthnasol.
webhooks-personal-title = Enwau a'r hyn a ysgrifennodd pobl
webhooks-personal-warning = Os ticiwch y blwch hwn, bydd negeseuon hefyd yn cynnwys enwau pobl a'r geiriau a ysgrifennon nhw, fel testun awgrym neu ar gyfer beth roedd hawliad. Gall y rhain ddweud rhywbeth am iechyd person. Ticiwch ef dim ond os oes ar y system sy'n eu cael eu hangen a bod ganddi hawl i'w cadw.
webhooks-personal-warning-erasure = Pan gaiff person ei ddileu, caiff negeseuon sy'n ei enwi eu tynnu o Cairn, ond ni all Cairn dynnu'r hyn y mae'r system arall eisoes wedi'i gael.
webhooks-personal-label = Cynnwys enwau a'r hyn a ysgrifennodd pobl
webhooks-save = Ychwanegu'r pwynt terfyn

webhooks-event-suggestion-received = Daw awgrym i law, ar unrhyw lwybr
webhooks-event-suggestion-published = Caiff geiriad cyhoeddus awgrym ei gyhoeddi
webhooks-event-suggestion-closed = Caiff awgrym ei gau gydag ymateb
webhooks-event-meeting-planned = Caiff cyfarfod ei drefnu
webhooks-event-meeting-attendance-recorded = Caiff presenoldeb mewn cyfarfod ei gofnodi
webhooks-event-claim-submitted = Caiff hawliad am daliad ei anfon i'w gymeradwyo
webhooks-event-claim-authorised = Caiff hawliad am daliad ei awdurdodi gan y tîm cyllid
webhooks-event-claim-paid = Caiff hawliad am daliad ei dalu
webhooks-event-payment-run-locked = Caiff rhediad talu ei gloi er mwyn talu
webhooks-event-person-left = Mae rhywun yn gadael
webhooks-event-interest-moved = Mae mynegiant o ddiddordeb yn symud gam ymlaen

webhooks-show-title = Pwynt terfyn bachyn gwe
webhooks-secret-title = Copïwch y gyfrinach hon nawr
webhooks-secret-once = Dyma'r unig dro y caiff y gyfrinach ei dangos. Rhowch hi yn y system sy'n cael y negeseuon, a fydd yn ei defnyddio i wirio mai o Cairn y daeth pob neges.
webhooks-rotate-title = Newid y gyfrinach
webhooks-rotate-intro = Gwnewch gyfrinach newydd os gallai rhywun arall fod wedi gweld yr hen un. Am ddiwrnod, caiff negeseuon eu llofnodi â'r hen gyfrinach a'r un newydd, fel bod y system sy'n eu cael yn dal i weithio tra byddwch yn ei newid.
webhooks-rotate-overlap = Bydd yr hen gyfrinach yn dal i lofnodi negeseuon tan { $until }.
webhooks-rotate-button = Gwneud cyfrinach newydd
webhooks-delete-link = Dileu'r pwynt terfyn hwn

webhooks-log-title = Cofnod anfon
webhooks-log-intro = Pob neges, pob cynnig i'w hanfon a'r hyn a atebodd y system sy'n ei chael. Caiff neges nad yw'n cael ei derbyn ei hanfon eto am ddiwrnod. Caiff negeseuon gorffenedig eu cadw am 30 diwrnod.
webhooks-log-none = Dim negeseuon eto.
webhooks-col-event = Digwyddiad
webhooks-col-queued = Mewn ciw
webhooks-col-attempts = Cynigion
webhooks-col-state = Canlyniad
webhooks-attempts-none = Heb ei chynnig eto
webhooks-attempt-status = atebodd { $code }
webhooks-attempt-failed = dim ateb
webhooks-state-delivered = Wedi'i hanfon
webhooks-state-given-up = Rhoddwyd y gorau iddi ar ôl diwrnod
webhooks-state-pending = Yn aros i'w chynnig eto
webhooks-next = Y cynnig nesaf: { $when }

webhooks-delete-title = Dileu'r pwynt terfyn hwn?
webhooks-delete-intro = Ni fydd negeseuon sy'n aros amdano yn cael eu hanfon, a chaiff ei gofnod anfon ei ddileu. Allwch chi ddim dadwneud hyn.
webhooks-delete-button = Dileu'r pwynt terfyn

webhooks-error-url-missing = Rhowch gyfeiriad y system sy'n cael y negeseuon
webhooks-error-url-long = Rhowch gyfeiriad sydd â 2,000 o nodau neu lai
webhooks-error-url = Rhowch gyfeiriad llawn, fel https://systems.example.nhs.wales/cairn
webhooks-error-url-https = Rhowch gyfeiriad sy'n dechrau gydag https://
webhooks-error-url-credentials = Rhowch y cyfeiriad heb enw defnyddiwr na chyfrinair ynddo
webhooks-error-events-none = Dewiswch o leiaf un digwyddiad
webhooks-error-events-unknown = Dewiswch ddigwyddiadau o'r rhestr
