## The feedback loop: suggestions, "you said, we did", the kiosk.

nav-feedback = Suggestions
nav-suggest = Make a suggestion

feedback-title = Suggestions
feedback-intro = Every suggestion gets a first response within { $days ->
    [one] { $days } day
   *[other] { $days } days
} and, when it is closed, a public answer: what we did, or why we can't.
feedback-new-title = Add a suggestion
feedback-new-intro = Type in a suggestion from a paper slip, a meeting or a survey comment, or one someone asked you to write down. Cairn records that you entered it.
feedback-back = Back to suggestions
feedback-none = No suggestions match.
feedback-download = Download as CSV (opens in Excel)
feedback-search = Words in the suggestion
feedback-only-overdue = Only those waiting too long for a first response
feedback-overdue = Waiting too long
feedback-whole-service = The whole service
feedback-col-id = Number
feedback-col-text = Suggestion
feedback-col-public-text = Public wording
feedback-col-unit = Unit
feedback-col-channel = How it came in
feedback-col-status = Status
feedback-col-rag = Red, Amber or Green
feedback-col-received = Received
feedback-col-first-response = First response
feedback-col-closed = Closed
feedback-col-response = Public response
feedback-col-owner = Owner
feedback-col-visibility = Who can see it
feedback-col-who = Who left it
feedback-col-contact = Contact for a reply
feedback-col-practices = Model practices it serves
feedback-col-forum = Forum decision
feedback-col-month = Month
feedback-col-arrived = Arrived
feedback-col-closed-count = Closed
feedback-chart-title = Suggestions arriving and closed, by month
feedback-chart-summary = For each of the last 12 months, how many suggestions arrived and how many were closed with a public response.
feedback-text = The suggestion
feedback-text-hint = Write it as the person put it. Up to 2,000 characters.
feedback-found-on = Found in the box on
feedback-found-on-optional = The day the slip was found (for the suggestion box)
feedback-anonymous-label = The person wants to stay anonymous
feedback-contact = How to reply (optional)
feedback-contact-hint = An email address, or how staff can find the person. Leave empty if no reply is wanted.
feedback-save = Save suggestion
feedback-show-title = Suggestion { $id }
feedback-original = What was written
feedback-anonymous = Anonymous
feedback-entered-by = Entered by { $who } for someone else
feedback-left-themselves = Left by the person themselves
feedback-no-owner = No owner yet
feedback-review-title = Check before it is public
feedback-review-intro = Take out names and personal details before publishing. The original wording is always kept here.
feedback-published-as = On the public boards as:
feedback-is-private = Kept private: it is not on any board.
feedback-public-text = Public wording
feedback-public-text-hint = What the public board will show under "You said".
feedback-publish = Publish on the boards
feedback-private-reason = Why it will not be published
feedback-private-reason-hint = The person who left a contact will be told this.
feedback-keep-private = Keep private and tell the person
feedback-move-title = Move it on
feedback-new-status = New status
feedback-public-response = Public response
feedback-public-response-hint = Needed to close it: "We did …" or "We can't, because …". It goes on the boards and to the person.
feedback-note = Note for staff (optional)
feedback-move = Save the status
feedback-update-title = Progress update
feedback-update = What has happened
feedback-update-hint = A dated note. The first one counts as the first response.
feedback-add-update = Add the update
feedback-response-title = Public response
feedback-owner-title = Owner
feedback-set-owner = Save the owner
feedback-forum-title = Service-user and carer forum
feedback-needs-forum = This development needs a forum decision
feedback-forum-decision = Decision
feedback-forum-none-yet = No decision yet
feedback-forum-date = Date of the decision
feedback-forum-meeting = Meeting where it was decided
feedback-forum-meeting-hint = For example "Forum, 12 March 2026"
feedback-save-forum = Save the forum decision
feedback-forum-decided = { $decision } on { $date } ({ $meeting })
feedback-forum-waiting = Waiting for a forum decision
feedback-forum-not-needed = Not needed
feedback-practices-title = Model practices
feedback-practices = Practice codes
feedback-practices-hint = Separate codes with commas, for example L1.02, L1.03
feedback-save-practices = Save the practices
feedback-history-title = What has happened
feedback-event-received = Received
feedback-event-status = Moved to "{ $status }"
feedback-event-update = Progress update
feedback-event-published = Published on the boards
feedback-event-kept-private = Kept private
feedback-event-owner = Owner changed
feedback-event-forum = Forum decision recorded
feedback-event-practices = Practices linked

feedback-channel-online = Online
feedback-channel-kiosk = Ward kiosk
feedback-channel-box = Suggestion box
feedback-channel-meeting = Meeting
feedback-channel-survey = Survey comment
feedback-forum-approved = Approved
feedback-forum-not-approved = Not approved
feedback-forum-deferred = Deferred
feedback-visibility-pending = Waiting for review
feedback-visibility-published = On the public boards
feedback-visibility-private = Kept private

feedback-kiosks-title = Ward kiosks
feedback-kiosks-intro = A kiosk link opens on a ward tablet with no sign-in. It offers only "Make a suggestion" and "You said, we did" for its unit. Stop a link when a tablet is lost.
feedback-kiosk-new = Make a kiosk link
feedback-kiosk-label = Name of the tablet
feedback-kiosk-label-hint = For example "Day room tablet"
feedback-kiosk-create = Make the link
feedback-kiosk-link-once = Open this link on the tablet now. It is shown only once.
feedback-statuses-title = Statuses
feedback-statuses-intro = Each status is shown in words with its colour. A closed status needs a public response.
feedback-status-open = open
feedback-status-closed = closes the suggestion
feedback-status-add = Add a status
feedback-status-label-en = Name in English
feedback-status-label-cy = Name in Welsh
feedback-status-closes = This status closes the suggestion
feedback-status-save = Save status

feedback-suggest-title = Make a suggestion
feedback-suggest-intro = Tell us what would make things better. Staff read every suggestion. Before anything goes on a board, they take out names.
feedback-your-suggestion = Your suggestion
feedback-your-suggestion-hint = Say it in your own words. Up to 2,000 characters.
feedback-which-unit = Which unit is it about?
feedback-stay-anonymous = Do not show my name to anyone
feedback-send = Send my suggestion
feedback-thanks-title = Thank you
feedback-thanks-body = We have your suggestion. Staff will look at it and answer on the "You said, we did" board. If you left a contact, we will tell you what happens.
feedback-another = Make another suggestion

feedback-you-said-we-did = You said, we did
feedback-you-said = You said
feedback-we-did = We did
feedback-board-org = You said, we did: { $organisation }
feedback-board-unit = You said, we did: { $unit }
feedback-board-intro = What people suggested and what happened. Names are never shown.
feedback-board-none = Nothing here yet.
feedback-board-older = Older answers
feedback-board-newest = Back to the newest answers
feedback-poster-link = Print a poster of the last 8 weeks

feedback-kiosk-title = Have your say
feedback-kiosk-intro = Tell us what would make things better here, or see what we have done.
feedback-kiosk-suggest = Make a suggestion
feedback-kiosk-who-sees = Staff read it. You do not need to give your name.
feedback-kiosk-idle = Still there? To keep this private, this page will clear soon if nobody types.
feedback-kiosk-start-again = Start again
feedback-kiosk-busy-title = Please wait a little
feedback-kiosk-busy = Lots of suggestions have been sent from this tablet just now. Please try again in a few minutes, or tell a member of staff.

feedback-error-text-required = Write your suggestion
feedback-error-text-long = Write 2,000 characters or fewer
feedback-error-channel = Choose how the suggestion came in
feedback-error-contact-long = Write a contact of 200 characters or fewer
feedback-error-found-on = Enter the day the slip was found, for example 27 3 2026
feedback-error-unit = Choose a unit from the list
feedback-error-status = Choose a status
feedback-error-response-required = Write the public response: what was done, or why it can't be done
feedback-error-closed = This suggestion is closed and cannot move
feedback-error-same-status = It already has that status
feedback-error-moved = Someone else changed it just now. Look again and try once more
feedback-error-note-long = Write 2,000 characters or fewer
feedback-error-note-required = Write what has happened
feedback-error-public-text = Write the wording for the public board
feedback-error-private-reason = Say why it will not be published
feedback-error-owner = Choose an owner from the list
feedback-error-forum-decision = Choose a decision from the list
feedback-error-forum-date = Enter the date of the decision
feedback-error-practice = Use practice codes from the model, for example L1.02
feedback-error-kiosk-label = Give the tablet a name
feedback-error-label-en = Enter the name in English
feedback-error-label-cy = Enter the name in Welsh
feedback-error-label-long = Enter 60 characters or fewer
feedback-error-label-taken = There is already a status with that name
feedback-error-rag = Choose Red, Amber or Green

notice-feedback-private = Your suggestion "{ $suggestion }" will not go on the public board. The reason: { $reason }
notice-feedback-closed = Your suggestion "{ $suggestion }" has an answer: { $reason }
email-feedback-private-subject = About your suggestion
email-feedback-private-body =
    Thank you for your suggestion:
    "{ $suggestion }"

    We will not put it on the public board. The reason:
    { $reason }
email-feedback-closed-subject = An answer to your suggestion
email-feedback-closed-body =
    Thank you for your suggestion:
    "{ $suggestion }"

    Our answer:
    { $reason }

model-measure-suggestions = { $count ->
    [zero] No suggestions in the last month
    [one] { $count } suggestion in the last month
   *[other] { $count } suggestions in the last month
}
model-measure-responses = { $count ->
    [zero] No closed suggestion has a public response yet
    [one] { $count } closed suggestion has a public response
   *[other] { $count } closed suggestions have a public response
}
model-measure-forum = { $count ->
    [zero] No development has a forum decision yet
    [one] { $count } development has a forum decision
   *[other] { $count } developments have a forum decision
}
feedback-see-board = See the public "You said, we did" board for this unit
feedback-contact-hint-self = Your email address or phone number, if you would like to hear what happens. Leave it empty if not.
feedback-download-by-month = Download suggestions by month (CSV)

feedback-poster-weeks = { $count ->
    [one] Last week
   *[other] Last { $count } weeks
}
feedback-poster-none = Nothing yet.

# Over a closed suggestion's public response when it could not be done (a closed Red status).
feedback-we-cannot = We can't do this, because…
# Who did something, when it was Cairn itself (demo data, a background task).
feedback-by-cairn = Cairn
feedback-text-limit = Up to 2,000 characters.
# The kiosk never asks a name: the box marks the suggestion anonymous for staff.
feedback-kiosk-anonymous = Keep my suggestion anonymous
feedback-kiosk-anonymous-hint = This tablet never asks your name. If you tick this, staff see your suggestion marked "anonymous". If you leave a contact below, we use it only to tell you what happens.
# How many answers the poster shows, after "Last 8 weeks: ".
feedback-poster-count = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
# When more answers closed in those weeks than fit on the sheet.
feedback-poster-newest = the newest { $count } of { $total } answers
