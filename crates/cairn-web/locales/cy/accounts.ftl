## Mewngofnodi, sefydlu, gwahoddiadau a thudalen y cyfrif.

sign-in-title = Mewngofnodi
sign-in-email = Cyfeiriad e-bost
sign-in-password = Cyfrinair
sign-in-button = Mewngofnodi

accounts-password-hint = O leiaf 10 nod. Mae ychydig o eiriau y byddwch yn eu cofio yn gwneud cyfrinair da.
accounts-error-email-required = Rhowch gyfeiriad e-bost
accounts-error-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com
accounts-error-email-taken = Mae gan y cyfeiriad e-bost hwn gyfrif yn barod
accounts-error-password-short = Rhowch gyfrinair o 10 nod o leiaf
accounts-error-password-long = Rhowch gyfrinair byrrach
accounts-error-password-mismatch = Nid yw'r cyfrineiriau yr un fath
accounts-error-sign-in = Mae'r cyfeiriad e-bost neu'r cyfrinair yn anghywir
accounts-error-throttled = Gormod o gyfrineiriau anghywir. Arhoswch ychydig funudau, yna rhowch gynnig arall arni, neu dewiswch gyfrinair newydd
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

sign-in-forgot = Wedi anghofio eich cyfrinair?
reset-done = Mae eich cyfrinair newydd wedi'i gadw. Mewngofnodwch gydag ef.
account-password-changed = Mae eich cyfrinair wedi'i newid. Rydych wedi cael eich allgofnodi ym mhob man arall.
account-token-expires = Yn dod i ben
account-token-expired = Wedi dod i ben
account-token-days = Am sawl diwrnod y bydd yn gweithio
# diwrnod (m): 2 ddiwrnod (soft after dau); niwrnod (nasal) after pum, saith, wyth, naw, deng, deuddeng,
# pymtheng, deunaw, ugain and can (5, 7, 8, 9, 10, 12, 15, 18, 20, 100); tri and chwe leave d unchanged.
account-token-days-hint = Rhwng 1 a { $max ->
    [zero] { $max } diwrnod
    [one] { $max } diwrnod
    [two] { $max } ddiwrnod
    [few] { $max } diwrnod
    [many] { $max } diwrnod
    [5] { $max } niwrnod
    [7] { $max } niwrnod
    [8] { $max } niwrnod
    [9] { $max } niwrnod
    [10] { $max } niwrnod
    [12] { $max } niwrnod
    [15] { $max } niwrnod
    [18] { $max } niwrnod
    [20] { $max } niwrnod
    [100] { $max } niwrnod
   *[other] { $max } diwrnod
}. Gadewch yn wag am { $default ->
    [zero] { $default } diwrnod
    [one] { $default } diwrnod
    [two] { $default } ddiwrnod
    [few] { $default } diwrnod
    [many] { $default } diwrnod
    [5] { $default } niwrnod
    [7] { $default } niwrnod
    [8] { $default } niwrnod
    [9] { $default } niwrnod
    [10] { $default } niwrnod
    [12] { $default } niwrnod
    [15] { $default } niwrnod
    [18] { $default } niwrnod
    [20] { $default } niwrnod
    [100] { $default } niwrnod
   *[other] { $default } diwrnod
}.
accounts-error-token-days = Rhowch nifer o ddiwrnodau rhwng 1 a 365
account-password-title = Newid eich cyfrinair
account-password-current = Eich cyfrinair presennol
account-password-new = Cyfrinair newydd
account-password-ends-sessions = Bydd newid eich cyfrinair yn eich allgofnodi ar bob dyfais arall.
account-password-change = Newid y cyfrinair
accounts-error-current-required = Rhowch eich cyfrinair presennol
accounts-error-current-wrong = Nid yw eich cyfrinair presennol yn iawn
accounts-error-own-account = Ni allwch wneud hyn i'ch cyfrif eich hun. Gofynnwch i weinyddwr arall.
accounts-error-disabled = Mae'r cyfrif hwn wedi'i analluogi. Galluogwch ef yn gyntaf.

forgot-title = Wedi anghofio eich cyfrinair
forgot-intro = Rhowch y cyfeiriad e-bost rydych yn mewngofnodi ag ef. Os oes cyfrif ganddo, byddwn yn anfon dolen ato i ddewis cyfrinair newydd. Mae'r ddolen yn gweithio unwaith, am awr.
forgot-button = Anfonwch ddolen ataf
forgot-sent-title = Edrychwch ar eich e-bost
forgot-sent-body = Os oes cyfrif gan y cyfeiriad hwnnw, mae dolen i ddewis cyfrinair newydd ar ei ffordd. Mae'n gweithio unwaith, am awr.
forgot-no-email = Os nad yw eich sefydliad yn anfon e-bost, gofynnwch i'ch arweinydd cydgynhyrchu neu'ch gweinyddwr wneud dolen i chi.
forgot-back = Yn ôl i fewngofnodi
reset-title = Dewiswch gyfrinair newydd
reset-intro = Dewiswch gyfrinair newydd i'ch cyfrif. Byddwch yn cael eich allgofnodi ym mhob man, yna gallwch fewngofnodi ag ef.
reset-button = Cadw fy nghyfrinair newydd
reset-error-spent = Mae'r ddolen hon wedi'i defnyddio neu wedi dod i ben. Gofynnwch am un newydd.

accounts-title = Cyfrifon
accounts-intro = Pawb sy'n gallu mewngofnodi i Cairn yn eich sefydliad. Agorwch gyfrif i'w analluogi, newid ei rôl, neu ddod â'i sesiynau a'i docynnau i ben.
accounts-none = Nid oes cyfrifon eto.
accounts-status = Statws
accounts-status-active = Gweithredol
accounts-status-disabled = Wedi'i analluogi
accounts-status-invited = Wedi'i wahodd, dim cyfrinair eto
accounts-last-sign-in = Mewngofnodi diwethaf
accounts-never = Byth
accounts-back = Pob cyfrif
accounts-person = Person
accounts-person-link = Gweld eu cofnod
accounts-access-title = Mynediad
accounts-own-account = Dyma eich cyfrif eich hun. Gall gweinyddwr arall ei analluogi neu newid ei rôl.
accounts-disable-intro = Mae analluogi'r cyfrif yn ei atal rhag mewngofnodi, yn dod â phob sesiwn i ben ac yn atal pob tocyn ar unwaith. Gallwch ei alluogi eto yn nes ymlaen.
accounts-disable = Analluogi'r cyfrif hwn
accounts-disabled-intro = Mae'r cyfrif hwn wedi'i analluogi: ni all fewngofnodi ac nid yw ei docynnau'n gweithio.
accounts-enable = Galluogi'r cyfrif hwn
accounts-lock-title = Clo mewngofnodi
accounts-lock-locked = Cyfrineiriau anghywir: { $failures }. Mae mewngofnodi wedi'i oedi tan { $until }.
accounts-lock-failures = Cyfrineiriau anghywir yn ddiweddar: { $failures }.
accounts-unlock = Codi'r clo
accounts-role-title = Rôl
accounts-role-save = Newid y rôl
accounts-sessions-title = Sesiynau
accounts-sessions-none = Heb fewngofnodi yn unman.
accounts-session-started = Wedi mewngofnodi
accounts-session-last-seen = Defnyddiwyd ddiwethaf
accounts-session-ends = Yn dod i ben
accounts-session-end = Dod â'r sesiwn hon i ben
accounts-tokens-none = Dim tocynnau.
accounts-password-title = Cyfrinair
accounts-password-intro = Gwnewch ddolen y gall y person ei defnyddio unwaith, o fewn awr, i ddewis cyfrinair newydd. Rhowch hi iddyn nhw eich hun.
accounts-password-make-link = Gwneud dolen i ddewis cyfrinair newydd
accounts-reset-link-intro = Rhowch y ddolen hon i'r person. Mae'n gweithio unwaith, am awr. Ni fydd yn cael ei dangos eto.

## The warning before a session ends (cairn.js shows it 5 minutes before; sessions last at most 12 hours)
session-warning-title = Byddwch yn cael eich allgofnodi cyn hir
session-warning-idle = Nid ydych wedi defnyddio Cairn ers tro. Er mwyn cadw gwybodaeth pobl yn ddiogel, byddwch yn cael eich allgofnodi ymhen 5 munud.
session-warning-end = Er mwyn cadw gwybodaeth pobl yn ddiogel, mae pawb yn cael eu hallgofnodi 12 awr ar ôl mewngofnodi. Byddwch yn cael eich allgofnodi ymhen 5 munud: cadwch yr hyn rydych chi'n ei wneud.
session-warning-stay = Aros wedi mewngofnodi
session-warning-kept = Rydych chi'n dal wedi mewngofnodi.
session-draft-restored = Rydym wedi cadw'r hyn roeddech chi wedi'i deipio cyn i chi gael eich allgofnodi. Gwiriwch ef a'i anfon eto.
