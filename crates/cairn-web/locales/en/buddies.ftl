## Buddies: newcomers paired with a buddy, check-ins, and a member's own page.

buddies-title = Buddies
buddies-intro = Every newcomer should have a buddy within 14 days of joining. Newcomers are service users and carers who joined in the last 6 months.
buddies-back-to-people = Back to people
buddies-pair-button = Pair a newcomer with a buddy
buddies-filter-title = Filter
buddies-unit = Unit
buddies-waiting-title = Newcomers without a buddy
buddies-waiting-on = Newcomers without a buddy: { $unit }
buddies-col-newcomer = Newcomer
buddies-col-joined = Joined
buddies-col-due = Buddy due by
buddies-col-status = Status
buddies-col-action = Action
buddies-overdue = More than 14 days
buddies-in-time = Within 14 days
buddies-find-for = Find a buddy for { $name }
buddies-current-title = Current pairings
buddies-current-none = There are no current pairings.
buddies-col-buddy = Buddy
buddies-col-since = Since
buddies-no-unit = Not on a unit

buddies-new-title = Pair a newcomer with a buddy
buddies-new-intro = Choose the newcomer and their buddy. A buddy is someone who holds the buddy role now.
buddies-no-holders-title = Nobody holds the buddy role
buddies-no-holders = Nobody in your units holds the buddy role at the moment. Appoint someone to a buddy role first.
buddies-field-newcomer = Newcomer
buddies-field-buddy = Buddy
buddies-field-start = Start date
buddies-pair-submit = Pair them

buddies-back = Back to buddies
buddies-show-title = Buddy pairing for { $name }
buddies-started = Started
buddies-ended = Ended
buddies-still-paired = Not ended
buddies-recorded-by = Recorded by
buddies-checkins-title = Check-ins
buddies-checkins-none = No check-ins yet.
buddies-col-date = Date
buddies-col-note = Note
buddies-checkin-add-title = Add a check-in
buddies-field-checkin-date = Date of the check-in
buddies-field-note = Note (optional)
buddies-field-note-hint = What you talked about, in a few words. The newcomer and the buddy can read this.
buddies-checkin-submit = Add check-in
buddies-end-title = End this pairing
buddies-field-end = End date
buddies-end-submit = End pairing

buddies-mine-title = My buddy
buddies-mine-intro = A buddy is someone who has been here a while and helps you settle in.
buddies-mine-none = You do not have a buddy at the moment. Staff on your unit can find you one.
buddies-mine-your-buddy = Your buddy is { $name }
buddies-mine-you-are-buddy = You are the buddy of { $name }
buddies-mine-since = Since { $date }
buddies-mine-checkins = When you met
buddies-mine-checkins-none = Nothing written down yet.
buddies-home-link = My buddy

buddies-note-title = Newcomers
buddies-note-waiting = { $count ->
    [0] No newcomers are waiting for a buddy.
    [one] { $count } newcomer has no buddy yet.
   *[other] { $count } newcomers have no buddy yet.
}
buddies-note-overdue = { $count ->
    [one] { $count } of them has waited more than 14 days.
   *[other] { $count } of them have waited more than 14 days.
}
buddies-note-buddies-link = Buddies
buddies-note-welcome-link = Welcome meetings

buddies-error-newcomer = Choose the newcomer
buddies-error-buddy = Choose a buddy
buddies-error-same = Choose a buddy who is not the newcomer
buddies-error-start = Enter the start date
buddies-error-newcomer-has-buddy = This newcomer already has a buddy. End that pairing first.
buddies-error-buddy-not-holder = Choose someone who holds the buddy role now
buddies-error-checkin-date = Enter the date of the check-in
buddies-error-checkin-before-start = The check-in cannot be before the pairing started
buddies-error-checkin-after-end = The check-in cannot be after the pairing ended
buddies-error-note-too-long = The note must be 2,000 characters or fewer
buddies-error-end-date = Enter the end date
buddies-error-end-before-start = The end date cannot be before the start date
buddies-error-already-ended = This pairing has already ended.
