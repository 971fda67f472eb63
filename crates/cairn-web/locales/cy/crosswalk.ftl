## Y croesgyfeiriad: meini prawf offerynnau eraill y mae arfer hefyd yn dystiolaeth ar eu cyfer

crosswalk-triangle-of-care = Triongl Gofal
crosswalk-four-pi = Safonau Cyfranogiad Cenedlaethol 4Pi
crosswalk-imroc = Heriau sefydliadol ImROC
crosswalk-toc-1 = Caiff gofalwyr a'u rôl hanfodol eu hadnabod yn y cyswllt cyntaf, neu cyn gynted â phosibl wedyn
crosswalk-toc-2 = Mae staff yn ymwybodol o ofalwyr ac wedi'u hyfforddi i weithio gyda gofalwyr
crosswalk-toc-3 = Mae polisi ac arfer ar gyfrinachedd a rhannu gwybodaeth â gofalwyr ar waith
crosswalk-toc-4 = Mae swyddi penodol yn gyfrifol am ofalwyr
crosswalk-toc-5 = Caiff gofalwyr eu cyflwyno i'r gwasanaeth a'i staff, gyda gwybodaeth ar draws y llwybr gofal
crosswalk-toc-6 = Mae amrywiaeth o gymorth ar gael i ofalwyr
crosswalk-4pi-principles = Egwyddorion: mae cyfranogiad yn seiliedig ar werthoedd a pharch a rennir
crosswalk-4pi-purpose = Diben: mae pobl yn gwybod pam eu bod yn cymryd rhan ac i beth
crosswalk-4pi-presence = Presenoldeb: mae'r bobl iawn, o bob grŵp, yn cymryd rhan
crosswalk-4pi-process = Proses: mae cyfranogiad yn hygyrch, yn cael ei gefnogi ac yn cael ei dalu'n deg
crosswalk-4pi-impact = Effaith: mae cyfranogiad yn gwneud gwahaniaeth, a dywedir wrth bobl beth oedd hwnnw
crosswalk-imroc-1 = Newid rhyngweithio o ddydd i ddydd ac ansawdd profiad pobl
crosswalk-imroc-2 = Addysg a hyfforddiant wedi'u harwain a'u cyflwyno gyda phobl sy'n defnyddio gwasanaethau
crosswalk-imroc-3 = Coleg adfer
crosswalk-imroc-4 = Ymrwymiad ar draws y sefydliad: diwylliant adfer
crosswalk-imroc-5 = Mwy o ddewis a rheolaeth bersonol
crosswalk-imroc-6 = Dull newydd o ymdrin â risg, wedi'i gynllunio gyda'r person
crosswalk-imroc-7 = Ailddiffinio sut mae pobl sy'n defnyddio gwasanaethau yn cymryd rhan
crosswalk-imroc-8 = Gweithwyr cymheiriaid yn y gweithlu
crosswalk-imroc-9 = Cefnogi staff yn eu llesiant a'u hadferiad eu hunain
crosswalk-imroc-10 = Bywyd y tu hwnt i salwch: cyfleoedd yn y gymuned

crosswalk-practice-title = Tystiolaeth hefyd ar gyfer adolygiadau eraill
crosswalk-note = Dyma ddehongliad Cairn o bob offeryn: gwiriwch ef yn erbyn yr offeryn ei hun cyn adolygiad.
crosswalk-service-title = Tystiolaeth ar gyfer adolygiadau eraill
crosswalk-service-intro = Dewiswch adolygiad i weld ei feini prawf, arferion y model sy'n rhoi tystiolaeth ar gyfer pob un, a faint o unedau sydd â phob arfer ar waith.
crosswalk-choose = Adolygiad
crosswalk-choose-blank = Dewiswch adolygiad
crosswalk-show = Dangos
crosswalk-col-criterion = Maen prawf
crosswalk-col-practices = Arferion sy'n rhoi tystiolaeth ar ei gyfer
# uned (f) begins with a vowel and never mutates after a numeral.
crosswalk-in-place = ar waith mewn { $in_place } o { $units ->
    [zero] { $units } uned
    [one] { $units } uned
    [two] { $units } uned
    [few] { $units } uned
    [many] { $units } uned
   *[other] { $units } uned
}
