## Mewngofnodi, sefydlu, gwahoddiadau a thudalen y cyfrif.

sign-in-title = Mewngofnodi
sign-in-email = Cyfeiriad e-bost
sign-in-password = Cyfrinair
sign-in-button = Mewngofnodi
sign-in-help = Os ydych wedi anghofio eich cyfrinair, gofynnwch i'ch arweinydd cydgynhyrchu neu weinyddwr eich sefydliad anfon dolen newydd atoch.

accounts-password-hint = O leiaf 10 nod. Mae ychydig o eiriau y byddwch yn eu cofio yn gwneud cyfrinair da.
accounts-error-email-required = Rhowch gyfeiriad e-bost
accounts-error-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com
accounts-error-email-taken = Mae gan y cyfeiriad e-bost hwn gyfrif yn barod
accounts-error-password-short = Rhowch gyfrinair o 10 nod o leiaf
accounts-error-password-long = Rhowch gyfrinair byrrach
accounts-error-password-mismatch = Nid yw'r cyfrineiriau yr un fath
accounts-error-sign-in = Nid yw'r cyfeiriad e-bost na'r cyfrinair yn iawn
accounts-error-throttled = Gormod o ymdrechion. Arhoswch 15 munud, yna rhowch gynnig arall arni
accounts-error-role-required = Dewiswch rôl
accounts-error-units-required = Dewiswch o leiaf un uned ar gyfer staff uned
accounts-error-person-has-account = Mae gan y person hwn gyfrif yn barod
accounts-error-token-name-required = Rhowch enw ar gyfer y tocyn
accounts-error-token-name-long = Rhowch enw o 80 nod neu lai

setup-title = Sefydlu Cairn
setup-intro = Nid oes neb wedi defnyddio Cairn yma eto. Sefydlwch eich sefydliad a'i weinyddwr cyntaf. Mae angen y cod sefydlu a gafodd ei argraffu lle cafodd Cairn ei ddechrau.
setup-code = Cod sefydlu
setup-code-hint = Y 12 llythyren a rhif a ddangoswyd pan ddechreuodd Cairn
setup-organisation = Enw eich sefydliad
setup-email = Eich cyfeiriad e-bost
setup-password = Dewiswch gyfrinair
setup-button = Sefydlu Cairn
setup-error-code = Nid yw'r cod sefydlu yn iawn. Gwiriwch y cod a gafodd ei argraffu lle cafodd Cairn ei ddechrau
setup-error-already-done = Mae Cairn wedi'i sefydlu yn barod. Mewngofnodwch yn lle hynny.

invitation-title = Dewiswch eich cyfrinair
invitation-intro = Rydych wedi cael cyfrif Cairn. Dewiswch gyfrinair i orffen.
invitation-password = Cyfrinair
invitation-confirm = Teipiwch y cyfrinair eto
invitation-button = Cadw fy nghyfrinair

account-title = Eich cyfrif
account-email = Cyfeiriad e-bost
account-role = Rôl
account-tokens-title = Tocynnau mynediad
account-tokens-intro = Mae tocynnau'n gadael i systemau eraill ddefnyddio API Cairn fel chi, gyda'ch rôl chi. Cadwch nhw'n gyfrinachol. Gallwch atal tocyn unrhyw bryd.
account-token-name = Enw'r tocyn
account-token-name-hint = Er mwyn i chi wybod beth yw ei bwrpas, er enghraifft "Adroddiad misol"
account-token-create = Creu tocyn
account-token-created = Wedi'i greu
account-token-last-used = Defnyddiwyd ddiwethaf
account-token-action = Gweithred
account-token-never-used = Byth
account-token-revoke = Atal y tocyn hwn
account-token-revoked = Wedi'i atal
account-token-shown-once = Copïwch y tocyn hwn nawr. Ni fydd yn cael ei ddangos eto.
