## Organisation, services and units.

units-title = Units
units-count = { $count ->
    [one] { $count } unit
   *[other] { $count } units
}
units-add = Add a unit
units-none = There are no units yet.
units-back = Back to units
units-name = Name
units-name-cy = Welsh name (optional)
units-name-cy-hint = Shown on Welsh pages. Leave empty if the name is the same.
units-service = Service
units-type = Type of unit
units-beds = Beds
units-beds-optional = Beds (optional)
units-beds-hint = Leave empty for a team without beds
units-beds-none = No beds
units-gender-mix = Who the unit is for
units-link-person = Link person
units-link-person-optional = Link person (optional)
units-link-person-none = No link person yet
units-link-person-hidden = Yes (names are shown to staff only)
units-people = People
units-people-title = People involved, by how they take part
units-see-people = See the people on this unit
units-edit = Change the unit's details
units-new-title = Add a unit
units-edit-title = Change { $name }
units-save = Save unit
units-error-name-required = Enter a name
units-error-name-too-long = Enter a name of 120 characters or fewer
units-error-service-required = Choose the service this unit belongs to
units-error-type-required = Choose the type of unit
units-error-beds-number = Enter beds as a whole number, like 18
units-error-beds-range = Enter a number of beds between 0 and 500
units-error-gender-mix-required = Choose who the unit is for
units-error-link-person = Choose a link person from the list

unit-type-low-secure = Low secure unit
unit-type-locked-rehab = Locked rehabilitation unit
unit-type-open-rehab = Open rehabilitation unit
unit-type-step-down = Step-down house
unit-type-community-team = Community team
unit-type-prison-in-reach = Prison in-reach
unit-type-ward = Ward
unit-type-other = Other

gender-mix-mixed = Everyone
gender-mix-male = Men
gender-mix-female = Women
gender-mix-not-applicable = Does not apply

services-title = Services
services-none = There are no services yet. Add one before adding units.
services-add = Add a service
services-name = Name of the service
services-save = Save service

settings-title = Organisation settings
settings-name = Name of the organisation
settings-name-cy = Welsh name (optional)
settings-time-zone = Time zone
settings-time-zone-hint = Times are shown in this zone. Most organisations use Europe/London.
settings-email-title = Email
settings-email-intro = Cairn can email people in their chosen language. Email is off until you turn it on here.
settings-smtp-enabled = Send email from Cairn
settings-smtp-host = Mail server
settings-smtp-port = Port (optional)
settings-smtp-tls = How to protect the connection
settings-tls-starttls = STARTTLS (usually port 587)
settings-tls-tls = TLS from the start (usually port 465)
settings-tls-none = None (only for a mail server on this machine)
settings-smtp-username = User name (optional)
settings-smtp-password = Password (optional)
settings-smtp-password-hint = Leave empty to keep the saved password
settings-smtp-from = Send from this address
settings-save = Save settings
settings-error-time-zone = Enter a time zone name, like Europe/London
settings-error-port = Enter a port number between 1 and 65535
settings-error-tls = Choose how to protect the connection
settings-error-host = Enter the mail server's name
settings-error-from = Enter the address to send from, like cairn@example.org

organisations-title = Organisations
organisations-intro = Each organisation's information is kept apart. Give an organisation its first administrator with the command "cairn admin create".
organisations-none = There are no organisations yet.
organisations-add = Add an organisation
organisations-save = Save organisation
units-see-assessment = See and update this unit's self-assessment
units-level-line = { $level }: { $percent }% in place ({ $reached })
