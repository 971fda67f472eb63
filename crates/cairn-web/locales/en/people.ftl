## People.

people-title = People
people-count = { $count ->
    [zero] No people
    [one] { $count } person
   *[other] { $count } people
}
people-add = Add a person
people-none = No people match.
people-back = Back to people
people-filter-title = Filter the list
people-search = Name contains
people-new-title = Add a person
people-edit-title = Change { $name }'s details
people-edit = Change details
people-form-intro = Record only what is needed. Never record clinical details here.
people-chosen-name = Chosen name
people-chosen-name-hint = The name they like to be called
people-constituency = How they take part
people-discipline = Discipline
people-discipline-optional = Discipline (optional, for staff)
people-discipline-hint = For example nurse, occupational therapist, psychologist
people-units = Units
people-units-hint = Choose every unit they are part of
people-status = Status
people-status-since = Status since
people-status-since-optional = Status since (optional)
people-language = Language for letters and emails
people-email = Email address
people-email-optional = Email address (optional)
people-email-hint = Only if they want to be contacted by email
people-access-needs = Access needs
people-access-needs-optional = Access needs (optional)
people-access-needs-hint = For example large print, a quiet room, an interpreter, step-free access
people-consent-on = Consent given on
people-consent-on-optional = Date they agreed to their details being kept (optional)
people-save = Save person
people-history-title = Changes to this record
people-history-none = No changes recorded yet.
people-history-on-behalf = { $who }, for this person
people-account-title = Account
people-account-none = This person does not have an account. They do not need one: staff can record things for them.
people-account-has = Account: { $email } ({ $role })
people-account-email-hint = The invitation to choose a password goes to this address
people-account-role = Role
people-account-units = Units (for unit staff)
people-account-units-hint = Unit staff only see these units
people-account-create = Give an account
people-account-link-intro = Email is off, so give this link to the person yourself. It works once, for 7 days.
people-error-chosen-name-required = Enter the name they like to be called
people-error-chosen-name-too-long = Enter a name of 80 characters or fewer
people-error-constituency-required = Choose how they take part
people-error-discipline-too-long = Enter a discipline of 80 characters or fewer
people-error-status-required = Choose a status
people-error-language-required = Choose a language for letters and emails
people-error-email-invalid = Enter an email address in the right format, like name@example.com
people-error-access-needs-too-long = Enter access needs of 1,000 characters or fewer
people-error-units = Choose units from the list that you can reach

constituency-service-user = Service user
constituency-carer = Carer or family member
constituency-staff = Staff
constituency-third-sector = Third sector
constituency-manager = Manager

person-status-active = Active
person-status-paused = Taking a break
person-status-moved-on = Moved on
person-status-left = Left
