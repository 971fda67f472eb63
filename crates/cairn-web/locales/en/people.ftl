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

## Profiles, photos, pathway, level, "what Cairn holds about me", export and who's who.

nav-whos-who = Who's who
nav-about-me = About me

profile-heading = Profile
profile-change = Change profile
profile-mine-title = Your profile
profile-mine-intro = Tell us about yourself, in your own words. You can leave anything blank and change it at any time.
profile-for-title = { $name }'s profile
profile-on-behalf = You are recording this for { $name } ({ $constituency }). Fill it in with them.
profile-about-heading = About you
profile-skills = Skills
profile-skills-optional = Things you are good at (optional)
profile-skills-hint = For example cooking, listening, art, computers
profile-interests = Interests
profile-interests-optional = Things you enjoy or care about (optional)
profile-interests-hint = For example music, the garden, making the ward better
profile-grow-areas = Things to get better at
profile-grow-areas-optional = Things you would like to learn or get better at (optional)
profile-grow-areas-hint = For example speaking in meetings, training others
profile-ask-me-about = Ask me about
profile-ask-me-about-optional = What people can ask you about (optional)
profile-ask-me-about-hint = This shows on the who's who if you say yes to it below
profile-contact-heading = Getting in touch
profile-contact-by = How to get in touch
profile-contact-by-optional = How do you like us to get in touch? (optional)
profile-contact-note-optional = Anything else about getting in touch (optional)
profile-contact-note-hint = For example the best time to call
profile-access-needs = Access needs
profile-access-needs-optional = What helps you take part (optional)
profile-access-needs-hint = For example large print, a quiet room, an interpreter, step-free access
profile-consent-heading = What you agree to
profile-consent-intro = Each answer is your choice. You can change your mind at any time.
profile-consent-whos-who = Can we put you on the who's who?
profile-consent-whos-who-hint = The who's who is a list that everyone with a Cairn account here can see, and it may be printed for the ward. It shows your chosen name, your roles and what people can ask you about.
profile-consent-whos-who-yes = Yes
profile-consent-whos-who-no = No
profile-consent-whos-who-short = On the who's who
profile-consent-photo = Can we keep a photo of you?
profile-consent-photo-hint = Staff who work with you will see it. If you are on the who's who, everyone who can see the who's who will see it too. If you say no, we delete any photo we have.
profile-consent-photo-yes = Yes
profile-consent-photo-no = No
profile-consent-photo-short = A photo
profile-consent-opportunities = Can we get in touch with you about ways to get involved?
profile-consent-opportunities-hint = Staff who look after involvement roles may get in touch, in the way you chose above.
profile-consent-opportunities-yes = Yes
profile-consent-opportunities-no = No
profile-consent-opportunities-short = Told about ways to get involved
profile-save = Save profile
profile-level = Level
profile-joined-on = Joined on
profile-photo-heading = Photo
profile-photo-alt = Photo of { $name }
profile-photo-label = Choose a photo
profile-photo-hint = A JPEG or PNG picture, up to 2 MB
profile-photo-upload = Add the photo
profile-photo-needs-consent = To add a photo, first say yes to keeping a photo, then save.
profile-error-too-long = Enter 1,000 characters or fewer
profile-error-contact-by = Choose how you like us to get in touch
profile-error-consent = Choose yes or no
profile-error-photo-consent = Say yes to keeping a photo before adding one
profile-error-photo-empty = Choose a photo to add
profile-error-photo-size = The photo must be 2 MB or smaller
profile-error-photo-type = The photo must be a JPEG or PNG picture

contact-by-email = Email
contact-by-phone = Phone
contact-by-letter = Letter
contact-by-in-person = In person
contact-by-through-staff = Through staff on the ward

pathway-open = Pathway and level
pathway-title-for = { $name }'s pathway
pathway-back = Back to { $name }
pathway-level-now = Level { $level }
pathway-joined = Joined on { $date }
pathway-level-choice = Level { $level }
pathway-level-1 = Level 1: getting started
pathway-level-2 = Level 2: building skills
pathway-level-3 = Level 3: roles held
pathway-step-welcome = A welcome
pathway-step-buddy = A buddy
pathway-step-information = Information given
pathway-step-training = Training
pathway-step-practice = Practising skills
pathway-step-shadowing = Shadowing someone in a role
pathway-done-on = Done on { $date }
pathway-not-yet = Not yet
pathway-no-roles = No roles yet.
pathway-role-since = { $role }, since { $date }
pathway-history-title = Level decisions
pathway-history-none = No decisions yet. Everyone starts at level 1.
pathway-col-date = Date
pathway-col-change = Change
pathway-col-who = Who recorded it
pathway-col-note = What was agreed
pathway-level-change = From level { $from } to level { $to }
pathway-recorded-title = Steps recorded
pathway-recorded = { $step }: { $date } (recorded by { $who })
pathway-add-step-title = Record a step
pathway-step-label = Step
pathway-done-on-label = Date it was done
pathway-note-optional = Note (optional)
pathway-add-step = Record the step
pathway-error-step = Choose a step
pathway-error-date = Enter the date it was done
pathway-error-note-too-long = Enter a note of 2,000 characters or fewer

level-title = Record a level decision
level-intro = A level changes only when you and the person decide it together. Record what you agreed.
level-to = New level
level-decided-on = Date you decided together
level-note = What you agreed with them
level-note-hint = For example what they have done and what comes next
level-decided-by = Recorded by: { $who }
level-save = Record the decision
level-error-level = Choose the new level
level-error-same = Choose a level different from the one they are at now
level-error-date = Enter the date you decided together
level-error-note = Enter what you agreed with them
level-error-note-too-long = Enter a note of 2,000 characters or fewer
level-error-changed = Someone else changed this person's level just now. Look again before recording a decision.

me-title = What Cairn holds about me
me-intro = This is everything Cairn keeps about you, in one place.
me-no-record = Your account is not linked to a person's record, so Cairn holds nothing about you here other than your account and what it has done.
me-nothing-yet = Nothing yet
me-record-heading = Your record
me-record-change = If something here is wrong, tell a member of staff and they will put it right.
me-name = Your chosen name
me-taking-part = How you take part
me-units = Your wards and teams
me-units-count = { $count ->
    [zero] None
    [one] { $count } ward or team
   *[other] { $count } wards or teams
}
me-status = Where you are with us
me-language = Language for letters and emails
me-email = Email address
me-consent-on = You agreed to us keeping your details on
me-profile-heading = Your profile
me-consents-heading = What you agreed to
me-consent-yes = Yes
me-consent-no = No
me-change-profile = Change your profile
me-pathway-heading = Your level and pathway
me-interests-heading = Things you said you were interested in
me-interests-none = You have not said you are interested in anything yet.
me-interest-received = We have it
me-interest-talked = We have talked
me-interest-offered = You have been offered it
me-interest-appointed = You have the role
me-interest-not-this-time = Not this time
me-feedback = What we said:
me-roles-heading = Your roles
me-roles-none = You do not have a role yet.
me-role-ended = { $role }, from { $from } to { $to }
me-exits-heading = When you stepped down or left
me-exit = Left on { $date }. Reasons: { $reasons }
me-buddies-heading = Buddies
me-buddies-none = No buddies yet.
me-buddy-is = Your buddy: { $name }, since { $date }
me-buddy-for = You are a buddy for { $name }, since { $date }
me-groups-heading = Meeting groups you belong to
me-groups-none = You are not in any meeting group.
me-claims-heading = Your claims
me-claims-count = { $count ->
    [zero] You have no claims.
    [one] You have { $count } claim.
   *[other] You have { $count } claims.
}
me-claims-link = See your claims
me-who-sees = Staff who work with you can see your record. Every time someone looks at it, Cairn writes it down.

export-heading = Everything held about this person
export-intro = For a subject access request: one file with everything Cairn holds about them. Making it is recorded.
export-button = Download everything (JSON)
export-button-zip = Download everything with receipts (zip)

whos-who-title = Who's who
whos-who-unit-title = Who's who: { $unit }
whos-who-intro = People here who said yes to being on the who's who.
whos-who-print-hint = To print this page for the ward or a meeting room, use your browser's Print option (Ctrl and P).
whos-who-printed = { $organisation }. Printed on { $date }.
whos-who-back = Back to who's who
whos-who-units = Wards and teams
whos-who-none = Nobody is on this who's who yet.
whos-who-ask-me-about-label = Ask me about:

## Erasing a person (the right to erasure)
people-erase-link = Erase this person
erase-title = Erase { $name }
erase-back = Back to the person
erase-intro = Erasing removes this person from Cairn for good, as the right to erasure asks. It cannot be undone.
erase-goes-title = What goes
erase-goes-name = Their name: from now on they are { $pseudonym }.
erase-goes-details = Their contact details, profile, photo, consents and access needs.
erase-goes-words = Notes about them and words they wrote: on their pathway and level decisions, interests, exit feedback and buddy check-ins.
erase-goes-account = Their account: it can never sign in again, and its email address is removed from every record.
erase-stays-title = What stays
erase-stays-money = Their claims and payments, with amounts, dates and approvals, for as long as payment records must be kept, under the pseudonym { $pseudonym }.
erase-stays-suggestions = Suggestions they sent, without their name or contact details.
erase-stays-audit = The audit log's record that they were erased, with the pseudonym, not the name.
erase-final-title = This cannot be undone
erase-final = Check that this is the right person and that nothing of theirs is still being worked on.
erase-reason = Why is this person being erased?
erase-reason-hint = For example, "They asked us to erase their data". Do not write their name.
erase-button = Erase { $name }
erase-wait-title = Not yet
erase-wait = { $count ->
    [one] A claim of theirs is not yet paid or rejected. Erasure waits until it is, so that the books still balance.
   *[other] { $count } claims of theirs are not yet paid or rejected. Erasure waits until they are, so that the books still balance.
}
erase-wait-link = See their claims
erase-error-reason = Say why this person is being erased
erase-error-reason-long = Keep the reason to 500 characters or fewer
erase-error-open-claims = A claim of theirs is not yet paid or rejected. Erasure waits until it is.
erase-error-own = You cannot erase your own record. Ask another administrator.

people-named-answers = Answers to named surveys
people-named-answers-intro = They agreed to give these answers with their name. Answers to anonymous and confidential surveys never show here.
people-named-answers-when = { $round }, week beginning { $week }
