## Sefydliad, gwasanaethau ac unedau.

units-title = Unedau
# uned is feminine: 1 uned, 2 uned (dwy uned), 3 uned (tair uned); vowel-initial, so no mutation.
units-count = { $count ->
    [zero] Dim unedau
    [one] { $count } uned
    [two] { $count } uned
    [few] { $count } uned
    [many] { $count } uned
   *[other] { $count } uned
}
units-add = Ychwanegu uned
units-none = Nid oes unedau eto.
units-back = Yn ôl i'r unedau
units-name = Enw
units-name-cy = Enw Cymraeg (dewisol)
units-name-cy-hint = Yn cael ei ddangos ar y tudalennau Cymraeg. Gadewch yn wag os yw'r enw yr un fath.
units-service = Gwasanaeth
units-type = Math o uned
units-beds = Gwelyau
units-beds-optional = Gwelyau (dewisol)
units-beds-hint = Gadewch yn wag ar gyfer tîm heb welyau
units-beds-none = Dim gwelyau
units-gender-mix = Ar gyfer pwy mae'r uned
units-link-person = Person cyswllt
units-link-person-optional = Person cyswllt (dewisol)
units-link-person-none = Dim person cyswllt eto
units-link-person-hidden = Oes (dim ond staff sy'n gweld enwau)
units-people = Pobl
units-people-title = Y bobl sy'n cymryd rhan, yn ôl sut maen nhw'n cymryd rhan
units-see-people = Gweld y bobl ar yr uned hon
units-edit = Newid manylion yr uned
units-new-title = Ychwanegu uned
units-edit-title = Newid manylion: { $name }
units-save = Cadw'r uned
units-error-name-required = Rhowch enw
units-error-name-too-long = Rhowch enw o 120 nod neu lai
units-error-service-required = Dewiswch y gwasanaeth y mae'r uned hon yn rhan ohono
units-error-type-required = Dewiswch y math o uned
units-error-beds-number = Rhowch nifer y gwelyau fel rhif cyfan, fel 18
units-error-beds-range = Rhowch nifer o welyau rhwng 0 a 500
units-error-gender-mix-required = Dewiswch ar gyfer pwy mae'r uned
units-error-link-person = Dewiswch berson cyswllt o'r rhestr

unit-type-low-secure = Uned diogelwch isel
unit-type-locked-rehab = Uned adsefydlu dan glo
unit-type-open-rehab = Uned adsefydlu agored
unit-type-step-down = Tŷ camu i lawr
unit-type-community-team = Tîm cymunedol
unit-type-prison-in-reach = Gwasanaeth mewngymorth i garchardai
unit-type-ward = Ward
unit-type-other = Arall

gender-mix-mixed = Pawb
gender-mix-male = Dynion
gender-mix-female = Menywod
gender-mix-not-applicable = Nid yw'n berthnasol

services-title = Gwasanaethau
services-none = Nid oes gwasanaethau eto. Ychwanegwch un cyn ychwanegu unedau.
services-add = Ychwanegu gwasanaeth
services-name = Enw'r gwasanaeth
services-save = Cadw'r gwasanaeth

settings-title = Gosodiadau'r sefydliad
settings-name = Enw'r sefydliad
settings-name-cy = Enw Cymraeg (dewisol)
settings-time-zone = Cylchfa amser
settings-time-zone-hint = Mae amseroedd yn cael eu dangos yn y gylchfa hon. Mae'r rhan fwyaf o sefydliadau'n defnyddio Europe/London.
settings-email-title = E-bost
settings-email-intro = Gall Cairn anfon e-bost at bobl yn eu dewis iaith. Mae e-bost wedi'i ddiffodd nes i chi ei droi ymlaen yma.
settings-smtp-enabled = Troi e-bost ymlaen
settings-smtp-host = Gweinydd post
settings-smtp-port = Porth (dewisol)
settings-smtp-tls = Sut i ddiogelu'r cysylltiad
settings-tls-starttls = STARTTLS (porth 587 fel arfer)
settings-tls-tls = TLS o'r dechrau (porth 465 fel arfer)
settings-tls-none = Dim (dim ond ar gyfer gweinydd post ar y peiriant hwn)
settings-smtp-username = Enw defnyddiwr (dewisol)
settings-smtp-password = Cyfrinair (dewisol)
settings-smtp-password-hint = Gadewch yn wag i gadw'r cyfrinair sydd wedi'i gadw
settings-smtp-from = Anfon o'r cyfeiriad hwn
settings-save = Cadw'r gosodiadau
settings-error-time-zone = Rhowch enw cylchfa amser, fel Europe/London
settings-error-port = Rhowch rif porth rhwng 1 a 65535
settings-error-tls = Dewiswch sut i ddiogelu'r cysylltiad
settings-error-host = Rhowch enw'r gweinydd post
settings-error-from = Rhowch y cyfeiriad i anfon ohono, fel cairn@enghraifft.org

organisations-title = Sefydliadau
organisations-intro = Mae gwybodaeth pob sefydliad yn cael ei chadw ar wahân. Rhowch ei weinyddwr cyntaf i sefydliad gyda'r gorchymyn "cairn admin create".
organisations-none = Nid oes sefydliadau eto.
organisations-add = Ychwanegu sefydliad
organisations-save = Cadw'r sefydliad
units-see-assessment = Gweld a diweddaru hunanasesiad yr uned hon
units-level-line = { $level }: { $percent }% ar waith ({ $reached })
