## Cyfeillion: newydd-ddyfodiaid gyda chyfaill, cyfarfodydd dilynol, a thudalen yr aelod ei hun.

buddies-title = Cyfeillion
buddies-intro = Dylai pob newydd-ddyfodiad gael cyfaill cyn pen pythefnos ar ôl ymuno. Newydd-ddyfodiaid yw defnyddwyr gwasanaeth a gofalwyr a ymunodd yn ystod y 6 mis diwethaf.
buddies-back-to-people = Yn ôl i restr y bobl
buddies-pair-button = Paru newydd-ddyfodiad â chyfaill
buddies-filter-title = Hidlo
buddies-unit = Uned
buddies-waiting-title = Newydd-ddyfodiaid heb gyfaill
buddies-waiting-on = Newydd-ddyfodiaid heb gyfaill. Uned: { $unit }
buddies-col-newcomer = Newydd-ddyfodiad
buddies-col-joined = Wedi ymuno
buddies-col-due = Angen cyfaill erbyn
buddies-col-status = Statws
buddies-col-action = Cam gweithredu
buddies-overdue = Mwy na phythefnos
buddies-in-time = O fewn pythefnos
buddies-find-for = Dod o hyd i gyfaill: { $name }
buddies-current-title = Parau presennol
buddies-current-none = Nid oes unrhyw barau ar hyn o bryd.
buddies-col-buddy = Cyfaill
buddies-col-since = Ers
buddies-no-unit = Heb uned

buddies-new-title = Paru newydd-ddyfodiad â chyfaill
buddies-new-intro = Dewiswch y newydd-ddyfodiad a'i gyfaill. Cyfaill yw rhywun sydd â rôl cyfaill ar hyn o bryd.
buddies-no-holders-title = Nid oes neb â rôl cyfaill
buddies-no-holders = Nid oes neb yn eich unedau â rôl cyfaill ar hyn o bryd. Penodwch rywun i rôl cyfaill yn gyntaf.
buddies-field-newcomer = Newydd-ddyfodiad
buddies-field-buddy = Cyfaill
buddies-field-start = Dyddiad dechrau
buddies-pair-submit = Paru

buddies-back = Yn ôl i'r cyfeillion
buddies-show-title = Pâr cyfeillio. Newydd-ddyfodiad: { $name }
buddies-started = Dechreuodd
buddies-ended = Daeth i ben
buddies-still-paired = Heb ddod i ben
buddies-recorded-by = Cofnodwyd gan
buddies-checkins-title = Cyfarfodydd dilynol
buddies-checkins-none = Dim cyfarfodydd dilynol eto.
buddies-col-date = Dyddiad
buddies-col-note = Nodyn
buddies-checkin-add-title = Ychwanegu cyfarfod dilynol
buddies-field-checkin-date = Dyddiad y cyfarfod dilynol
buddies-field-note = Nodyn (dewisol)
buddies-field-note-hint = Beth fuoch chi'n siarad amdano, mewn ychydig eiriau. Gall y newydd-ddyfodiad a'r cyfaill ddarllen hwn.
buddies-checkin-submit = Ychwanegu cyfarfod dilynol
buddies-end-title = Dod â'r pâr hwn i ben
buddies-field-end = Dyddiad gorffen
buddies-end-submit = Dod â'r pâr i ben

buddies-mine-title = Fy nghyfaill
buddies-mine-intro = Mae cyfaill yn rhywun sydd wedi bod yma ers tro ac sy'n eich helpu i setlo.
buddies-mine-none = Nid oes gennych gyfaill ar hyn o bryd. Gall staff eich uned ddod o hyd i un i chi.
buddies-mine-your-buddy = Eich cyfaill yw { $name }
buddies-mine-you-are-buddy = Chi yw cyfaill { $name }
buddies-mine-since = Dyddiad dechrau: { $date }
buddies-mine-checkins = Pryd y gwnaethoch gyfarfod
buddies-mine-checkins-none = Nid oes dim wedi'i ysgrifennu eto.
buddies-home-link = Fy nghyfaill

buddies-note-title = Newydd-ddyfodiaid
buddies-note-waiting = { $count ->
    [zero] Nid oes unrhyw newydd-ddyfodiaid yn aros am gyfaill.
    [one] Mae { $count } newydd-ddyfodiad heb gyfaill eto.
    [two] Mae { $count } newydd-ddyfodiad heb gyfaill eto.
    [few] Mae { $count } newydd-ddyfodiad heb gyfaill eto.
    [many] Mae { $count } newydd-ddyfodiad heb gyfaill eto.
   *[other] Mae { $count } o newydd-ddyfodiaid heb gyfaill eto.
}
buddies-note-overdue = { $count ->
    [zero] Nid oes neb wedi aros mwy na phythefnos.
    [one] Mae { $count } ohonynt wedi aros mwy na phythefnos.
    [two] Mae { $count } ohonynt wedi aros mwy na phythefnos.
    [few] Mae { $count } ohonynt wedi aros mwy na phythefnos.
    [many] Mae { $count } ohonynt wedi aros mwy na phythefnos.
   *[other] Mae { $count } ohonynt wedi aros mwy na phythefnos.
}
buddies-note-buddies-link = Cyfeillion
buddies-note-welcome-link = Cyfarfodydd croeso

buddies-error-newcomer = Dewiswch y newydd-ddyfodiad
buddies-error-buddy = Dewiswch gyfaill
buddies-error-same = Dewiswch gyfaill sy'n wahanol i'r newydd-ddyfodiad
buddies-error-start = Rhowch y dyddiad dechrau
buddies-error-newcomer-has-buddy = Mae gan y newydd-ddyfodiad hwn gyfaill yn barod. Dewch â'r pâr hwnnw i ben yn gyntaf.
buddies-error-buddy-not-holder = Dewiswch rywun sydd â rôl cyfaill nawr
buddies-error-checkin-date = Rhowch ddyddiad y cyfarfod dilynol
buddies-error-checkin-before-start = Ni all y cyfarfod dilynol fod cyn i'r pâr ddechrau
buddies-error-checkin-after-end = Ni all y cyfarfod dilynol fod ar ôl i'r pâr ddod i ben
buddies-error-note-too-long = Rhaid i'r nodyn fod yn 2,000 o nodau neu lai
buddies-error-end-date = Rhowch y dyddiad gorffen
buddies-error-end-before-start = Ni all y dyddiad gorffen fod cyn y dyddiad dechrau
buddies-error-already-ended = Mae'r pâr hwn eisoes wedi dod i ben.
