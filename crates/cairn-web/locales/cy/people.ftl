## Pobl.

people-title = Pobl
# person (m): 2 berson (soft after dau), 3 pherson and 6 pherson (aspirate after tri, chwe).
people-count = { $count ->
    [zero] Dim pobl
    [one] { $count } person
    [two] { $count } berson
    [few] { $count } pherson
    [many] { $count } pherson
   *[other] { $count } person
}
people-add = Ychwanegu person
people-none = Nid oes neb yn cyfateb.
people-back = Yn ôl i'r bobl
people-filter-title = Hidlo'r rhestr
people-search = Mae'r enw'n cynnwys
people-new-title = Ychwanegu person
people-edit-title = Newid manylion: { $name }
people-edit = Newid y manylion
people-form-intro = Cofnodwch dim ond yr hyn sydd ei angen. Peidiwch byth â chofnodi manylion clinigol yma.
people-chosen-name = Enw dewisol
people-chosen-name-hint = Yr enw maen nhw'n hoffi cael eu galw
people-constituency = Sut maen nhw'n cymryd rhan
people-discipline = Disgyblaeth
people-discipline-optional = Disgyblaeth (dewisol, ar gyfer staff)
people-discipline-hint = Er enghraifft nyrs, therapydd galwedigaethol, seicolegydd
people-units = Unedau
people-units-hint = Dewiswch bob uned maen nhw'n rhan ohoni
people-status = Statws
people-status-since = Statws ers
people-status-since-optional = Statws ers (dewisol)
people-language = Iaith ar gyfer llythyrau ac e-byst
people-email = Cyfeiriad e-bost
people-email-optional = Cyfeiriad e-bost (dewisol)
people-email-hint = Dim ond os ydyn nhw eisiau cael eu cysylltu drwy e-bost
people-access-needs = Anghenion mynediad
people-access-needs-optional = Anghenion mynediad (dewisol)
people-access-needs-hint = Er enghraifft print bras, ystafell dawel, cyfieithydd, mynediad heb risiau
people-consent-on = Cydsyniad wedi'i roi ar
people-consent-on-optional = Y dyddiad y cytunon nhw i gadw eu manylion (dewisol)
people-save = Cadw'r person
people-history-title = Newidiadau i'r cofnod hwn
people-history-none = Dim newidiadau wedi'u cofnodi eto.
people-history-on-behalf = { $who }, ar ran y person hwn
people-account-title = Cyfrif
people-account-none = Nid oes gan y person hwn gyfrif. Nid oes angen un arnyn nhw: gall staff gofnodi pethau ar eu rhan.
people-account-has = Cyfrif: { $email } ({ $role })
people-account-email-hint = Mae'r gwahoddiad i ddewis cyfrinair yn mynd i'r cyfeiriad hwn
people-account-role = Rôl
people-account-units = Unedau (ar gyfer staff uned)
people-account-units-hint = Dim ond yr unedau hyn y mae staff uned yn eu gweld
people-account-create = Rhoi cyfrif
people-account-link-intro = Mae e-bost wedi'i ddiffodd, felly rhowch y ddolen hon i'r person eich hun. Mae'n gweithio unwaith, am 7 diwrnod.
people-error-chosen-name-required = Rhowch yr enw maen nhw'n hoffi cael eu galw
people-error-chosen-name-too-long = Rhowch enw o 80 nod neu lai
people-error-constituency-required = Dewiswch sut maen nhw'n cymryd rhan
people-error-discipline-too-long = Rhowch ddisgyblaeth o 80 nod neu lai
people-error-status-required = Dewiswch statws
people-error-language-required = Dewiswch iaith ar gyfer llythyrau ac e-byst
people-error-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com
people-error-access-needs-too-long = Rhowch anghenion mynediad o 1,000 nod neu lai
people-error-units = Dewiswch unedau o'r rhestr y gallwch eu cyrraedd

constituency-service-user = Defnyddiwr gwasanaeth
constituency-carer = Gofalwr neu aelod o'r teulu
constituency-staff = Staff
constituency-third-sector = Trydydd sector
constituency-manager = Rheolwr

person-status-active = Gweithredol
person-status-paused = Yn cymryd seibiant
person-status-moved-on = Wedi symud ymlaen
person-status-left = Wedi gadael
