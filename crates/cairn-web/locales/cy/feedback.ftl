## Y ddolen adborth: awgrymiadau, "dywedoch chi, gwnaethom ni", y ciosg.

nav-feedback = Awgrymiadau
nav-suggest = Gwneud awgrym

feedback-title = Awgrymiadau
# diwrnod (m): 2 ddiwrnod (soft after dau); niwrnod (nasal) after pum, saith, wyth, naw, deng, deuddeng,
# pymtheng, deunaw, ugain and can (5, 7, 8, 9, 10, 12, 15, 18, 20, 100); tri and chwe leave d unchanged.
feedback-intro = Mae pob awgrym yn cael ymateb cyntaf o fewn { $days ->
    [zero] { $days } diwrnod
    [one] { $days } diwrnod
    [two] { $days } ddiwrnod
    [few] { $days } diwrnod
    [many] { $days } diwrnod
    [5] { $days } niwrnod
    [7] { $days } niwrnod
    [8] { $days } niwrnod
    [9] { $days } niwrnod
    [10] { $days } niwrnod
    [12] { $days } niwrnod
    [15] { $days } niwrnod
    [18] { $days } niwrnod
    [20] { $days } niwrnod
    [100] { $days } niwrnod
   *[other] { $days } diwrnod
} ac, ar ôl ei gau, ateb cyhoeddus: beth wnaethom ni, neu pam na allwn ni.
feedback-new-title = Ychwanegu awgrym
feedback-new-intro = Teipiwch awgrym o slip papur, cyfarfod neu sylw mewn arolwg, neu un y gofynnodd rhywun i chi ei ysgrifennu. Mae Cairn yn cofnodi mai chi a'i rhoddodd i mewn.
feedback-back = Yn ôl i'r awgrymiadau
feedback-none = Nid oes awgrymiadau'n cyfateb.
feedback-download = Lawrlwytho fel CSV (yn agor yn Excel)
feedback-search = Geiriau yn yr awgrym
feedback-only-overdue = Dim ond y rhai sydd wedi aros yn rhy hir am ymateb cyntaf
feedback-overdue = Wedi aros yn rhy hir
feedback-whole-service = Y gwasanaeth cyfan
feedback-col-id = Rhif
feedback-col-text = Awgrym
feedback-col-public-text = Geiriad cyhoeddus
feedback-col-unit = Uned
feedback-col-channel = Sut daeth i mewn
feedback-col-status = Statws
feedback-col-rag = Coch, Ambr neu Wyrdd
feedback-col-received = Wedi dod i law
feedback-col-first-response = Ymateb cyntaf
feedback-col-closed = Wedi'i gau
feedback-col-response = Ymateb cyhoeddus
feedback-col-owner = Perchennog
feedback-col-visibility = Pwy all ei weld
feedback-col-who = Pwy a'i gadawodd
feedback-col-contact = Cyswllt ar gyfer ateb
feedback-col-practices = Arferion y model y mae'n eu gwasanaethu
feedback-col-forum = Penderfyniad y fforwm
feedback-col-month = Mis
feedback-col-arrived = Wedi cyrraedd
feedback-col-closed-count = Wedi'u cau
feedback-chart-title = Awgrymiadau a gyrhaeddodd ac a gaewyd, fesul mis
feedback-chart-summary = Ar gyfer pob un o'r 12 mis diwethaf, faint o awgrymiadau a gyrhaeddodd a faint a gaewyd gydag ymateb cyhoeddus.
feedback-text = Yr awgrym
feedback-text-hint = Ysgrifennwch ef fel y dywedodd y person. Hyd at 2,000 o nodau.
feedback-found-on = Wedi'i ganfod yn y blwch ar
feedback-found-on-optional = Y diwrnod y cafodd y slip ei ganfod (ar gyfer y blwch awgrymiadau)
feedback-anonymous-label = Mae'r person eisiau aros yn ddienw
feedback-contact = Sut i ateb (dewisol)
feedback-contact-hint = Cyfeiriad e-bost, neu sut gall staff ddod o hyd i'r person. Gadewch yn wag os nad oes angen ateb.
feedback-save = Cadw'r awgrym
feedback-show-title = Awgrym { $id }
feedback-original = Beth a ysgrifennwyd
feedback-anonymous = Dienw
feedback-entered-by = Wedi'i roi i mewn gan { $who } ar ran rhywun arall
feedback-left-themselves = Wedi'i adael gan y person ei hun
feedback-no-owner = Dim perchennog eto
feedback-review-title = Gwirio cyn ei wneud yn gyhoeddus
feedback-review-intro = Tynnwch enwau a manylion personol allan cyn cyhoeddi. Mae'r geiriad gwreiddiol bob amser yn cael ei gadw yma.
feedback-published-as = Ar y byrddau cyhoeddus fel:
feedback-is-private = Wedi'i gadw'n breifat: nid yw ar unrhyw fwrdd.
feedback-public-text = Geiriad cyhoeddus
feedback-public-text-hint = Beth fydd y bwrdd cyhoeddus yn ei ddangos o dan "Beth ddywedoch chi".
feedback-publish = Cyhoeddi ar y byrddau
feedback-private-reason = Pam na fydd yn cael ei gyhoeddi
feedback-private-reason-hint = Bydd y person a adawodd gyswllt yn cael gwybod hyn.
feedback-keep-private = Cadw'n breifat a dweud wrth y person
feedback-move-title = Symud ymlaen
feedback-new-status = Statws newydd
feedback-public-response = Ymateb cyhoeddus
feedback-public-response-hint = Mae ei angen i'w gau: "Rydym wedi …" neu "Ni allwn wneud hyn oherwydd …". Mae'n mynd ar y byrddau ac at y person.
feedback-note = Nodyn i staff (dewisol)
feedback-move = Cadw'r statws
feedback-update-title = Diweddariad ar y cynnydd
feedback-update = Beth sydd wedi digwydd
feedback-update-hint = Nodyn dyddiedig. Mae'r un cyntaf yn cyfrif fel yr ymateb cyntaf.
feedback-add-update = Ychwanegu'r diweddariad
feedback-response-title = Ymateb cyhoeddus
feedback-owner-title = Perchennog
feedback-set-owner = Cadw'r perchennog
feedback-forum-title = Fforwm defnyddwyr gwasanaeth a gofalwyr
feedback-needs-forum = Mae angen penderfyniad fforwm ar y datblygiad hwn
feedback-forum-decision = Penderfyniad
feedback-forum-none-yet = Dim penderfyniad eto
feedback-forum-date = Dyddiad y penderfyniad
feedback-forum-meeting = Y cyfarfod lle cafodd ei benderfynu
feedback-forum-meeting-hint = Er enghraifft "Fforwm, 12 Mawrth 2026"
feedback-save-forum = Cadw penderfyniad y fforwm
feedback-forum-decided = { $decision }, { $date } ({ $meeting })
feedback-forum-waiting = Yn aros am benderfyniad y fforwm
feedback-forum-not-needed = Dim angen
feedback-practices-title = Arferion y model
feedback-practices = Codau'r arferion
feedback-practices-hint = Rhowch goma rhwng y codau, er enghraifft L1.02, L1.03
feedback-save-practices = Cadw'r arferion
feedback-history-title = Beth sydd wedi digwydd
feedback-event-received = Wedi dod i law
feedback-event-status = Statws newydd: "{ $status }"
feedback-event-update = Diweddariad ar y cynnydd
feedback-event-published = Wedi'i gyhoeddi ar y byrddau
feedback-event-kept-private = Wedi'i gadw'n breifat
feedback-event-owner = Perchennog wedi newid
feedback-event-forum = Penderfyniad fforwm wedi'i gofnodi
feedback-event-practices = Arferion wedi'u cysylltu

feedback-channel-online = Ar-lein
feedback-channel-kiosk = Ciosg y ward
feedback-channel-box = Blwch awgrymiadau
feedback-channel-meeting = Cyfarfod
feedback-channel-survey = Sylw mewn arolwg
feedback-forum-approved = Wedi'i gymeradwyo
feedback-forum-not-approved = Heb ei gymeradwyo
feedback-forum-deferred = Wedi'i ohirio
feedback-visibility-pending = Yn aros i gael ei wirio
feedback-visibility-published = Ar y byrddau cyhoeddus
feedback-visibility-private = Wedi'i gadw'n breifat

feedback-kiosks-title = Ciosgau'r wardiau
feedback-kiosks-intro = Mae dolen ciosg yn agor ar dabled ward heb fewngofnodi. Dim ond "Gwneud awgrym" a "Dywedoch chi, gwnaethom ni" ar gyfer ei huned y mae'n eu cynnig. Ataliwch ddolen os bydd tabled yn mynd ar goll.
feedback-kiosk-new = Gwneud dolen ciosg
feedback-kiosk-label = Enw'r dabled
feedback-kiosk-label-hint = Er enghraifft "Tabled yr ystafell ddydd"
feedback-kiosk-create = Gwneud y ddolen
feedback-kiosk-link-once = Agorwch y ddolen hon ar y dabled nawr. Dim ond unwaith y caiff ei dangos.
feedback-statuses-title = Statwsau
feedback-statuses-intro = Mae pob statws yn cael ei ddangos mewn geiriau gyda'i liw. Mae angen ymateb cyhoeddus ar statws sy'n cau.
feedback-status-open = ar agor
feedback-status-closed = yn cau'r awgrym
feedback-status-add = Ychwanegu statws
feedback-status-label-en = Enw yn Saesneg
feedback-status-label-cy = Enw yn Gymraeg
feedback-status-closes = Mae'r statws hwn yn cau'r awgrym
feedback-status-save = Cadw'r statws

feedback-suggest-title = Gwneud awgrym
feedback-suggest-intro = Dywedwch wrthym beth fyddai'n gwneud pethau'n well. Mae staff yn darllen pob awgrym. Cyn i unrhyw beth fynd ar y bwrdd 'Dywedoch chi, gwnaethom ni', maen nhw'n tynnu enwau ohono.
feedback-your-suggestion = Eich awgrym
feedback-your-suggestion-hint = Defnyddiwch eich geiriau eich hun. Hyd at 2,000 o nodau.
feedback-which-unit = Am ba uned mae'r awgrym?
feedback-stay-anonymous = Peidiwch â dangos fy enw i neb
feedback-send = Anfon fy awgrym
feedback-thanks-title = Diolch
feedback-thanks-body = Mae eich awgrym wedi dod i law. Bydd staff yn edrych arno ac yn ateb ar y bwrdd "Dywedoch chi, gwnaethom ni". Os gwnaethoch adael cyswllt, byddwn yn dweud wrthych beth sy'n digwydd.
feedback-another = Gwneud awgrym arall

feedback-you-said-we-did = Dywedoch chi, gwnaethom ni
feedback-you-said = Beth ddywedoch chi
feedback-we-did = Beth wnaethom ni
feedback-board-org = Dywedoch chi, gwnaethom ni – { $organisation }
feedback-board-unit = Dywedoch chi, gwnaethom ni – { $unit }
feedback-board-intro = Beth awgrymodd pobl a beth ddigwyddodd. Nid yw enwau byth yn cael eu dangos.
feedback-board-none = Nid oes dim yma eto.
feedback-board-older = Atebion hŷn
feedback-board-newest = Yn ôl i'r atebion diweddaraf
feedback-poster-link = Argraffu poster o'r 8 wythnos diwethaf

feedback-kiosk-title = Dweud eich dweud
feedback-kiosk-intro = Dywedwch wrthym beth fyddai'n gwneud pethau'n well yma, neu gwelwch beth rydym wedi'i wneud.
feedback-kiosk-suggest = Gwneud awgrym
feedback-kiosk-who-sees = Mae staff yn ei ddarllen. Nid oes rhaid i chi roi eich enw.
feedback-kiosk-idle = Ydych chi'n dal yno? I gadw hyn yn breifat, bydd y dudalen hon yn clirio cyn bo hir os nad oes neb yn teipio.
feedback-kiosk-start-again = Dechrau eto
feedback-kiosk-busy-title = Arhoswch ychydig, os gwelwch yn dda
feedback-kiosk-busy = Mae llawer o awgrymiadau wedi'u hanfon o'r dabled hon yn ddiweddar. Rhowch gynnig arall arni ymhen ychydig funudau, neu dywedwch wrth aelod o staff.

feedback-error-text-required = Ysgrifennwch eich awgrym
feedback-error-text-long = Ysgrifennwch 2,000 o nodau neu lai
feedback-error-channel = Dewiswch sut daeth yr awgrym i mewn
feedback-error-contact-long = Ysgrifennwch gyswllt o 200 nod neu lai
feedback-error-found-on = Nodwch y diwrnod y cafodd y slip ei ganfod, er enghraifft 27 3 2026
feedback-error-unit = Dewiswch uned o'r rhestr
feedback-error-status = Dewiswch statws
feedback-error-response-required = Ysgrifennwch yr ymateb cyhoeddus: beth a wnaed, neu pam nad oes modd ei wneud
feedback-error-closed = Mae'r awgrym hwn wedi'i gau ac ni all symud
feedback-error-same-status = Mae ganddo'r statws hwnnw'n barod
feedback-error-moved = Mae rhywun arall newydd ei newid. Edrychwch eto a rhowch gynnig arall arni
feedback-error-note-long = Ysgrifennwch 2,000 o nodau neu lai
feedback-error-note-required = Ysgrifennwch beth sydd wedi digwydd
feedback-error-public-text = Ysgrifennwch y geiriad ar gyfer y bwrdd cyhoeddus
feedback-error-private-reason = Dywedwch pam na fydd yn cael ei gyhoeddi
feedback-error-owner = Dewiswch berchennog o'r rhestr
feedback-error-forum-decision = Dewiswch benderfyniad o'r rhestr
feedback-error-forum-date = Nodwch ddyddiad y penderfyniad
feedback-error-practice = Defnyddiwch godau arferion o'r model, er enghraifft L1.02
feedback-error-kiosk-label = Rhowch enw i'r dabled
feedback-error-label-en = Rhowch yr enw yn Saesneg
feedback-error-label-cy = Rhowch yr enw yn Gymraeg
feedback-error-label-long = Rhowch 60 nod neu lai
feedback-error-label-taken = Mae statws o'r enw hwnnw'n bodoli'n barod
feedback-error-rag = Dewiswch Goch, Ambr neu Wyrdd

notice-feedback-private = Ni fydd eich awgrym "{ $suggestion }" yn mynd ar y bwrdd cyhoeddus. Y rheswm: { $reason }
notice-feedback-closed = Mae ateb i'ch awgrym "{ $suggestion }": { $reason }
email-feedback-private-subject = Ynglŷn â'ch awgrym
email-feedback-private-body =
    Diolch am eich awgrym:
    "{ $suggestion }"

    Ni fyddwn yn ei roi ar y bwrdd cyhoeddus. Y rheswm:
    { $reason }
email-feedback-closed-subject = Ateb i'ch awgrym
email-feedback-closed-body =
    Diolch am eich awgrym:
    "{ $suggestion }"

    Ein hateb:
    { $reason }

# awgrym is vowel-initial, so it never mutates after a numeral.
model-measure-suggestions = { $count ->
    [zero] Dim awgrymiadau yn ystod y mis diwethaf
    [one] { $count } awgrym yn ystod y mis diwethaf
    [two] { $count } awgrym yn ystod y mis diwethaf
    [few] { $count } awgrym yn ystod y mis diwethaf
    [many] { $count } awgrym yn ystod y mis diwethaf
   *[other] { $count } awgrym yn ystod y mis diwethaf
}
model-measure-responses = { $count ->
    [zero] Nid oes unrhyw awgrym sydd wedi'i gau ag ymateb cyhoeddus eto
    [one] Mae gan { $count } awgrym sydd wedi'i gau ymateb cyhoeddus
    [two] Mae gan { $count } awgrym sydd wedi'u cau ymateb cyhoeddus
    [few] Mae gan { $count } awgrym sydd wedi'u cau ymateb cyhoeddus
    [many] Mae gan { $count } awgrym sydd wedi'u cau ymateb cyhoeddus
   *[other] Mae gan { $count } awgrym sydd wedi'u cau ymateb cyhoeddus
}
# datblygiad (m): 2 ddatblygiad (soft after dau); tri and chwe leave d unchanged.
model-measure-forum = { $count ->
    [zero] Nid oes unrhyw ddatblygiad â phenderfyniad fforwm eto
    [one] Mae gan { $count } datblygiad benderfyniad fforwm
    [two] Mae gan { $count } ddatblygiad benderfyniad fforwm
    [few] Mae gan { $count } datblygiad benderfyniad fforwm
    [many] Mae gan { $count } datblygiad benderfyniad fforwm
   *[other] Mae gan { $count } datblygiad benderfyniad fforwm
}
feedback-see-board = Gweld bwrdd cyhoeddus "Dywedoch chi, gwnaethom ni" yr uned hon
feedback-contact-hint-self = Eich cyfeiriad e-bost neu rif ffôn, os hoffech glywed beth sy'n digwydd. Gadewch yn wag os na hoffech.
feedback-download-by-month = Lawrlwytho awgrymiadau fesul mis (CSV)

feedback-poster-weeks = { $count ->
    [zero] Yr wythnosau diwethaf
    [one] Yr wythnos ddiwethaf
    [two] Y pythefnos diwethaf
    [few] Y { $count } wythnos diwethaf
    [many] Y { $count } wythnos diwethaf
   *[other] Y { $count } wythnos diwethaf
}
feedback-poster-none = Dim byd eto.

feedback-we-cannot = Ni allwn wneud hyn oherwydd…
feedback-by-cairn = Cairn
feedback-text-limit = Hyd at 2,000 o nodau.
feedback-kiosk-anonymous = Cadw fy awgrym yn ddienw
feedback-kiosk-anonymous-hint = Nid yw'r dabled hon byth yn gofyn am eich enw. Os byddwch yn ticio hwn, bydd staff yn gweld bod eich awgrym yn ddienw. Os byddwch yn gadael ffordd o gysylltu â chi isod, dim ond i ddweud wrthych beth sy'n digwydd y byddwn yn ei defnyddio.
# ateb (m): the singular follows a numeral; it starts with a vowel, so nothing mutates.
feedback-poster-count = { $count ->
    [zero] Dim atebion
    [one] { $count } ateb
    [two] { $count } ateb
    [few] { $count } ateb
    [many] { $count } ateb
   *[other] { $count } ateb
}
feedback-poster-newest = { $count } ateb, y rhai diweddaraf o { $total }
