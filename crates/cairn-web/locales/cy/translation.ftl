## Testun y mae'r sefydliad yn ei ysgrifennu, yn y ddwy iaith, a'r rhestr gyfieithu.

translation-both-hint = Ysgrifennwch ef yn Saesneg, yn Gymraeg neu yn y ddwy. Os byddwch yn llenwi un, bydd yn mynd ar y rhestr gyfieithu nes bydd rhywun yn ychwanegu'r llall.
translation-english = Saesneg
translation-welsh = Cymraeg
translation-not-yet-cy = Nid yw ar gael yn Gymraeg eto
translation-not-yet-en = Nid yw ar gael yn Saesneg eto

translation-field-suggestion-public-text = Awgrym: beth ddywedoch chi
translation-field-suggestion-response = Awgrym: beth wnaethom ni
translation-field-group-place = Grŵp: y lleoliad arferol
translation-field-meeting-place = Cyfarfod: lleoliad
translation-field-meeting-minutes = Cyfarfod: cofnodion
translation-field-agenda-item = Cyfarfod: eitem ar yr agenda
translation-field-meeting-decision = Cyfarfod: penderfyniad
translation-field-meeting-action = Cyfarfod: cam gweithredu
translation-field-fee-rate-source = Cerdyn cyfraddau: o ble y daw'r ffi
translation-field-expense-rate-source = Cerdyn cyfraddau: o ble y daw'r gyfradd treuliau
translation-field-limit-preset-source = Terfyn enillion: o ble y daw
translation-field-round-name = Rownd hunanasesu: enw
translation-field-course-title = Cwrs: teitl
translation-field-course-summary = Cwrs: crynodeb
translation-field-survey-title = Arolwg: teitl
translation-field-opportunity-note = Cyfle: nodyn

translation-title = Rhestr gyfieithu
translation-intro = Testun a ysgrifennodd eich sefydliad mewn un iaith yn unig. Nes bydd rhywun yn ychwanegu'r iaith arall, yma neu yn ei ffurflen ei hun, mae pobl sy'n darllen yn yr iaith honno yn gweld y testun fel y cafodd ei ysgrifennu, wedi'i nodi fel testun heb ei gyfieithu eto.
translation-needs-cy = Angen Cymraeg
translation-needs-en = Angen Saesneg
translation-none = Nid oes dim yn aros i gael ei gyfieithu.
translation-count = { $count ->
    [zero] Nid oes testun yn aros
    [one] Mae { $count } testun yn aros
    [two] Mae { $count } destun yn aros
    [few] Mae { $count } thestun yn aros
    [many] Mae { $count } thestun yn aros
   *[other] Mae { $count } testun yn aros
}
translation-col-has = Y testun a ysgrifennwyd
translation-col-add = Cyfieithiad
translation-open = Agor lle mae'n cael ei ddefnyddio
translation-add-label-cy = Ychwanegwch y Gymraeg
translation-add-label-en = Ychwanegwch y Saesneg
translation-save = Cadw'r cyfieithiad
translation-saved = Mae'r cyfieithiad wedi'i gadw.
translation-download = Lawrlwytho'r rhestr ar gyfer y gwasanaeth cyfieithu (CSV)
translation-upload-title = Dod â chyfieithiadau yn ôl
translation-upload-hint = Llwythwch y ffeil CSV y mae'r gwasanaeth cyfieithu yn ei hanfon yn ôl, gyda'r golofn olaf wedi'i llenwi. Caiff llinellau gwag eu hepgor, felly gall ffeil sydd wedi'i chwblhau'n rhannol ddod yn ôl fwy nag unwaith.
translation-upload-file = Ffeil CSV
translation-upload = Llwytho cyfieithiadau
translation-uploaded = { $count ->
    [zero] Ni ychwanegwyd unrhyw gyfieithiad.
    [one] Ychwanegwyd { $count } cyfieithiad.
    [two] Ychwanegwyd { $count } gyfieithiad.
    [few] Ychwanegwyd { $count } chyfieithiad.
    [many] Ychwanegwyd { $count } chyfieithiad.
   *[other] Ychwanegwyd { $count } cyfieithiad.
}
translation-skipped = { $count ->
    [zero] Ni hepgorwyd unrhyw linell.
    [one] Hepgorwyd { $count } llinell am fod y testun yno'n barod.
    [two] Hepgorwyd { $count } linell am fod y testun yno'n barod.
    [few] Hepgorwyd { $count } llinell am fod y testun yno'n barod.
    [many] Hepgorwyd { $count } llinell am fod y testun yno'n barod.
   *[other] Hepgorwyd { $count } llinell am fod y testun yno'n barod.
}
translation-csv-field = maes
translation-csv-id = rhif
translation-csv-what = beth ydyw
translation-csv-language = yr iaith sydd ei hangen
translation-csv-source = y testun a ysgrifennwyd
translation-csv-translation = cyfieithiad
translation-settings-title = Cyhoeddi yn y ddwy iaith
translation-board-both = Dangos awgrymiadau ar y bwrdd cyhoeddus, y poster a'r ciosg dim ond pan fydd y ddwy iaith wedi'u hysgrifennu
translation-board-both-hint = Tan hynny, ni fydd yr eitem ar y tudalennau cyhoeddus. Gadewch hwn heb ei dicio i'w dangos ar unwaith, gyda'r iaith sydd ar goll wedi'i nodi.
translation-settings-save = Cadw'r gosodiad
translation-settings-saved = Mae'r gosodiad wedi'i gadw.

translation-error-text = Rhowch y cyfieithiad
translation-error-long = Mae'r cyfieithiad yn rhy hir i'r maes hwn
translation-error-field = Llinell { $line }: nid yw'r golofn gyntaf yn faes y mae'r rhestr hon yn ei adnabod
translation-error-id = Llinell { $line }: nid yw'r rhif yn un a roddodd y rhestr hon
translation-error-language = Llinell { $line }: rhaid i'r iaith fod yn en neu'n cy
translation-error-file = Dewiswch y ffeil CSV a anfonodd y gwasanaeth cyfieithu yn ôl
translation-error-csv = Nid oedd modd darllen y ffeil fel CSV. Llwythwch y ffeil fel y daeth o'r dudalen hon, gyda'r un colofnau.
translation-error-line-long = Llinell { $line }: mae'r cyfieithiad yn rhy hir i'r maes hwn
translation-error-already = Mae rhywun eisoes wedi ychwanegu'r iaith hon, felly ni chafodd eich testun chi ei gadw. Gwiriwch y testun lle mae'n cael ei ddefnyddio.
nav-translations = Cyfieithu
