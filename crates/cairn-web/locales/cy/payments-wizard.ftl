## Hawliad aelod ei hun, un cwestiwn ar bob tudalen, yna Gwirio eich atebion a chadarnhad.

payments-wizard-start-title = Hawlio am eich amser a'ch treuliau
payments-wizard-start-intro = Dywedwch wrthym beth wnaethoch chi, pryd, faint o amser a gymerodd a beth oedd y gost i chi. Mae'n cymryd tua 5 munud.
payments-wizard-start-saved = Caiff eich atebion eu cadw ar ôl pob tudalen, felly gallwch stopio a dod yn ôl yn nes ymlaen.
payments-wizard-start-who = Bydd y bobl sy'n gwirio ac yn talu hawliadau yn gweld beth rydych chi'n ei ddweud wrthym.
payments-wizard-start-button = Dechrau nawr
payments-wizard-resume-title = Mae gennych hawliad nad ydych wedi'i anfon eto
payments-wizard-resume-saved = Cadwyd ddiwethaf: { $date }.
payments-wizard-resume-carry-on = Parhau â'm hawliad
payments-wizard-resume-again = Dechrau eto
payments-wizard-resume-again-hint = Mae dechrau eto yn dileu'r atebion a gadwoch.
payments-wizard-back = Yn ôl
payments-wizard-continue = Parhau
payments-wizard-expense-caption = Traul { $n }

payments-wizard-what-title = Ar gyfer beth oedd hyn?
payments-wizard-what-kind = Pa fath o weithgaredd oedd hwn?
payments-wizard-what-description = Dywedwch wrthym mewn ychydig eiriau beth wnaethoch chi
payments-wizard-what-description-hint = Er enghraifft: Cyfarfod cyngor cleifion Ward 3.
payments-wizard-when-title = Pryd oedd hyn?
payments-wizard-when-hint = Er enghraifft, 27 3 2026
payments-wizard-time-title = Faint o amser a gymerodd?
payments-wizard-time-hint = Cyfrwch yr amser a roesoch, nid yr amser yn teithio. Er enghraifft, 2 awr 30 munud.
payments-wizard-hours = Oriau
payments-wizard-minutes = Munudau
payments-wizard-has-expenses-title = Oes gennych chi dreuliau i'w hawlio?
payments-wizard-has-expenses-hint = Er enghraifft, teithio, parcio, pryd o fwyd, neu ofal i rywun tra oeddech chi yno.
payments-wizard-has-expenses-yes = Oes
payments-wizard-has-expenses-no = Nac oes
payments-wizard-category-title = Ar gyfer beth oedd y gost?
payments-wizard-amount-title = Faint oedd y gost?
payments-wizard-amount-hint = Mewn punnoedd a cheiniogau, er enghraifft 4.80
payments-wizard-miles-title = Sawl milltir wnaethoch chi deithio?
payments-wizard-miles-hint = Yno ac yn ôl. Er enghraifft, 12.5
payments-wizard-miles-suffix = milltir
payments-wizard-more-title = Ydych chi eisiau ychwanegu traul arall?
payments-wizard-more-added = Treuliau rydych wedi'u hychwanegu
payments-wizard-more-yes = Ydw
payments-wizard-more-no = Nac ydw
payments-wizard-more-full = Gall un hawliad gynnwys hyd at 12 traul. Rhowch unrhyw rai eraill ar hawliad newydd.
payments-wizard-paid-title = Sut hoffech chi gael eich talu?
payments-wizard-paid-hint = Byddwn yn cofio hyn ar gyfer eich hawliadau nesaf. Gallwch ei newid unrhyw bryd ar dudalen eich gosodiadau talu.
payments-wizard-lower-label = Os dewisoch swm is: yr uchafswm rydych chi ei eisiau am un gweithgaredd
payments-wizard-lower-hint = Mewn punnoedd, er enghraifft 20

payments-wizard-check-title = Gwiriwch eich atebion cyn anfon eich hawliad
payments-wizard-check-activity = Ar gyfer beth oedd hyn
payments-wizard-check-description = Beth wnaethoch chi
payments-wizard-check-date = Pryd
payments-wizard-check-time = Faint o amser
payments-wizard-check-expenses = Treuliau
payments-wizard-check-no-expenses = Dim treuliau
payments-wizard-check-expense = Traul { $n }
payments-wizard-check-paid = Sut hoffech chi gael eich talu
payments-wizard-change = Newid
payments-wizard-remove = Tynnu
payments-wizard-add-expense = Ychwanegu traul arall
payments-wizard-receipts-title = Bydd angen derbynneb arnoch
payments-wizard-receipts = Ar ôl i chi anfon eich hawliad, gofynnir i chi am lun neu sgan o'ch derbynneb ar gyfer: { $what }.
payments-wizard-send-title = Nawr anfonwch eich hawliad
payments-wizard-send-text = Drwy anfon yr hawliad hwn rydych chi'n dweud bod yr hyn a ddywedoch wrthym yn wir.
payments-wizard-send = Anfon fy hawliad
payments-wizard-duration-hours = { $hours ->
    [zero] { $hours } awr
    [one] { $hours } awr
    [two] { $hours } awr
    [few] { $hours } awr
    [many] { $hours } awr
   *[other] { $hours } awr
}
payments-wizard-duration-minutes = { $minutes ->
    [zero] { $minutes } munud
    [one] { $minutes } munud
    [two] { $minutes } funud
    [few] { $minutes } munud
    [many] { $minutes } munud
   *[other] { $minutes } munud
}
payments-wizard-duration-both = { $hours } awr { $minutes ->
    [zero] { $minutes } munud
    [one] { $minutes } munud
    [two] { $minutes } funud
    [few] { $minutes } munud
    [many] { $minutes } munud
   *[other] { $minutes } munud
}
payments-wizard-miles-count = { $miles } milltir

payments-wizard-error-has-expenses = Dewiswch oes os oes gennych chi dreuliau i'w hawlio
payments-wizard-error-more = Dewiswch ydw os ydych chi eisiau ychwanegu traul arall

payments-wizard-sent-title = Hawliad wedi'i anfon
payments-wizard-sent-number = Rhif eich hawliad yw { $id }
payments-wizard-next-title = Beth sy'n digwydd nesaf
payments-wizard-next-approve = Mae arweinydd cydgynhyrchu neu aelod o staff yn gwirio eich hawliad ac yn ei gymeradwyo.
payments-wizard-next-authorise = Yna mae rhywun yn y tîm cyllid yn ei wirio eto. Mae dau berson gwahanol bob amser yn gwirio hawliad.
payments-wizard-next-paid = Caiff ei dalu yn y rhediad talu nesaf, yn y ffordd a ddewisoch.
payments-wizard-next-target = Ein nod yw talu hawliadau o fewn { $days } o ddiwrnodau i'w hanfon.
payments-wizard-next-told = Os na allwn dalu eich hawliad i gyd neu ran ohono, byddwn yn dweud wrthych pam.
payments-wizard-next-see = Gallwch weld ble mae eich hawliad unrhyw bryd yn Fy hawliadau.
payments-wizard-see-claim = Gweld eich hawliad
payments-wizard-receipt-title = Ychwanegwch eich derbynneb i anfon eich hawliad
payments-wizard-receipt-text = Mae eich hawliad wedi'i gadw fel hawliad { $id }. Caiff ei anfon pan fyddwch yn ychwanegu llun neu sgan o'ch derbynneb.
payments-wizard-receipt-send = Ychwanegu'r dderbynneb ac anfon fy hawliad

payments-wizard-claim-by = Ar gyfer pwy
payments-wizard-claim-you = Chi
payments-wizard-own-choice = Sut rydych chi'n cael eich talu
payments-wizard-own-guard-warning = Mae'r hawliad hwn yn cyfrif { $this } fel incwm, a fyddai'n mynd â chi dros eich terfyn eich hun. Mae cael eich talu hyd at { $room } y tro hwn yn eich cadw o fewn y terfyn.
payments-wizard-own-next-draft = Nid yw'r hawliad hwn wedi'i anfon eto.
payments-wizard-own-next-submitted = Mae eich hawliad yn aros i gael ei wirio. Mae arweinydd cydgynhyrchu neu aelod o staff yn ei gymeradwyo, yna mae'r tîm cyllid yn ei awdurdodi, a chaiff ei dalu yn y rhediad talu nesaf.
payments-wizard-own-next-approved = Mae eich hawliad wedi'i gymeradwyo. Mae'r tîm cyllid yn ei awdurdodi nesaf, yna caiff ei dalu yn y rhediad talu nesaf.
payments-wizard-own-next-authorised = Mae eich hawliad wedi'i awdurdodi. Caiff ei dalu yn y rhediad talu nesaf.
payments-wizard-own-next-in-run = Mae eich hawliad mewn rhediad talu a chaiff ei dalu cyn bo hir.
payments-wizard-own-next-paid = Mae eich hawliad wedi'i dalu.
payments-wizard-own-next-rejected = Ni fydd yr hawliad hwn yn cael ei dalu. Mae'r rheswm ar frig y dudalen hon.
