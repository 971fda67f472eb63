## Meetings and representation

nav-meetings = Meetings
nav-my-meetings = My meetings
nav-representation = Representation

meetings-title = Meetings
meetings-intro = Groups, their meetings, who is coming, and whether each meeting has the service users and carers it needs.
meetings-back = Back to meetings
meetings-back-to-group = Back to the group
meetings-back-to-meeting = Back to the meeting
meetings-upcoming = Coming up
meetings-past = Earlier meetings
meetings-none-upcoming = No meetings are planned yet.
meetings-groups = Groups
meetings-no-groups = There are no groups yet.
meetings-online = Online
meetings-service-wide = Whole service
meetings-when = { $start } to { $end }
meetings-when-next-day = { $start } to { $end } the next day
meetings-open-meeting = Open the meeting
meetings-due = Due: { $date }
meetings-owner-is = Owner: { $name }
meetings-my-overdue = Your actions that are overdue
meetings-overdue = Overdue actions
meetings-overdue-all = All overdue actions ({ $total })
meetings-overdue-intro = Actions from meetings that are still open after the date they were due, the longest overdue first.
meetings-overdue-total = Overdue in all: { $total }
meetings-overdue-none = No actions are overdue.
meetings-overdue-more = More overdue actions
meetings-overdue-first = Back to the first page
meetings-group-number = Group { $id }

meetings-col-group = Group
meetings-col-kind = Kind of group
meetings-col-unit = Unit
meetings-col-rule = Representation rule
meetings-col-person = Person
meetings-col-constituency = Takes part as
meetings-col-reply = Reply
meetings-col-reply-for = Reply for them
meetings-col-breakdown = Breakdown
meetings-col-row = Row
meetings-col-meetings = Meetings held
meetings-col-met = Met the rule
meetings-col-met-percent = Met the rule (%)
meetings-col-others = Others present
meetings-col-carer-percent = Carers' share of those named (%)

meetings-kind-strategy = Strategy group
meetings-kind-forum = Service-user and carer forum
meetings-kind-community = Community or mutual-help meeting
meetings-kind-team-building = Team-building session
meetings-kind-other = Other group

meetings-reply-confirmed = Coming
meetings-reply-apologies = Sent apologies
meetings-reply-none = No reply yet
meetings-reply-by = Recorded by { $by }
meetings-presence-attended = Attended
meetings-presence-apologies = Apologies
meetings-presence-absent = Absent

meetings-arrangement-refreshments = Refreshments
meetings-arrangement-breaks = Breaks
meetings-arrangement-quiet-space = A quiet space
meetings-arrangement-easy-read = Easy Read papers
meetings-arrangement-interpreter = An interpreter

meetings-action-status-open = Open
meetings-action-status-done = Done
meetings-action-status-dropped = Dropped

meetings-standing-representation = Meeting representation
meetings-standing-su-carer-issues = Service-user and carer issues
meetings-standing-item = standing item

meetings-rule-none = No rule: any attendance counts
meetings-rule-part = { $who }: at least { $count }
meetings-rule-and = {", "}
meetings-short-part = { $who }: { $count } more needed
meetings-rule-met = Rule met
meetings-rule-not-met = Rule not met
meetings-not-recorded = Attendance not recorded yet

## Group form and page
meetings-group-new-title = Add a group
meetings-group-edit-title = Change this group
meetings-group-save = Save the group
meetings-name-en = Name in English
meetings-name-cy = Name in Welsh
meetings-usual-place = Usual place
meetings-usual-time = Usual time
meetings-usual-time-hint = For example, every Tuesday at 14:00
meetings-tor-title = Terms of reference
meetings-tor-intro = The four Rs. Write each one in English and in Welsh, or leave both for later.
meetings-tor-role = Role
meetings-tor-role-hint = Why the group exists.
meetings-tor-remit = Remit
meetings-tor-remit-hint = What the group looks at and can decide.
meetings-tor-relationships = Relationships
meetings-tor-relationships-hint = Who the group reports to and works with.
meetings-tor-responsibility = Responsibility
meetings-tor-responsibility-hint = What members agree to do.
meetings-tor-missing = Not written yet
meetings-in-english = In English
meetings-in-welsh = In Welsh
meetings-rule-title = Representation rule
meetings-rule-intro = The fewest people of each kind a meeting needs. Leave a box empty or put 0 when nobody of that kind is required.
meetings-standing-title = Standing items
meetings-standing-label = This group's own standing items
meetings-standing-hint = One per line. Every meeting starts with meeting representation and always includes service-user and carer issues.
meetings-members = Members
meetings-no-members = Nobody is on this list yet.
meetings-add-member = Add a member
meetings-add-member-button = Add to the group
meetings-choose-person = Choose a person
meetings-remove-member = Take { $name } off the group

## Scheduling
meetings-schedule-title = Plan a meeting
meetings-schedule-button = Plan the meeting
meetings-date = Date
meetings-date-hint = For example, 15 7 2026
meetings-starts = Starts at
meetings-ends = Ends at
meetings-time-hint = 24-hour clock, for example 14:00
meetings-ends-hint = 24-hour clock, for example 16:00. An end time earlier than the start time means the meeting ends the next day.
meetings-which-starts = The clocks go back on { $date }, so { $time } happens twice. Which { $time } does the meeting start at?
meetings-which-ends = The clocks go back on { $date }, so { $time } happens twice. Which { $time } does the meeting end at?
meetings-which-first = The first { $time } ({ $zone }, before the clocks go back)
meetings-which-second = The second { $time } ({ $zone }, after the clocks go back)
meetings-place = Place
meetings-place-hint = Leave empty if the meeting is only online.
meetings-online-link = Online link
meetings-online-link-hint = A link starting with https://
meetings-arrangements = Arrangements
meetings-arrangements-hint = Tick everything that will be offered.
meetings-arrangements-none = None listed

## One meeting
meetings-claims = Claims for this meeting
meetings-claims-intro = Each person who attended can be paid for their time. Start a claim with them from their attendance.
meetings-claim-for = Start a claim: { $name }
meetings-cancel = Cancel this meeting
meetings-forum-decision = Forum decision: { $decision }
meetings-error-cancel-held = This meeting has already been held, so it cannot be cancelled
meetings-cancelled = Cancelled
meetings-warning-title = Representation
meetings-warning = The people who have said they are coming would not meet the rule. { $short }
meetings-warning-short = Representation not met yet
meetings-download-ics = Add to your calendar (.ics file)
meetings-name-cards = Name cards
meetings-name-cards-hint = Print on A4: two cards to a page. Fold each card along the middle.
meetings-email-invites = E-mail the invitation to members
meetings-first-timers = Coming for the first time: { $names }. Meet them before and after the meeting.
meetings-first-time = First time
meetings-agenda = Agenda
meetings-item-title = Add an item
meetings-item-suggestion = Suggestion number (optional)
meetings-item-suggestion-hint = Link this item to a suggestion from the feedback list.
meetings-item-add = Add the item
meetings-linked-suggestion = Suggestion { $id }
meetings-replies = Who is coming
meetings-confirm-for = Coming: { $name }
meetings-apologies-for = Apologies: { $name }
meetings-attendance = Attendance
meetings-others-count = Other people present
meetings-others-count-hint = People who came but are not members, as a number.
meetings-attendance-save = Save attendance
meetings-minutes = Minutes
meetings-minutes-save = Save the minutes
meetings-no-minutes = No minutes yet.
meetings-decisions = Decisions
meetings-no-decisions = No decisions recorded.
meetings-decision-add = Record a decision
meetings-decision-save = Save the decision
meetings-actions = Actions
meetings-no-actions = No actions.
meetings-action-text = New action
meetings-action-owner = Who will do it
meetings-action-due = Due date
meetings-action-save = Save the action
meetings-mark-done = Mark as done: { $action }

## A member's meetings
meetings-mine-title = My meetings
meetings-mine-intro = Meetings of the groups you belong to. Let us know if you are coming.
meetings-mine-none = There are no meetings coming up for your groups.
meetings-your-reply = Your reply: { $reply }
meetings-your-reply-none = You have not replied yet.
meetings-i-will-come = I'm coming
meetings-i-cannot-come = I can't come
meetings-open-agenda = Read the agenda
meetings-mine-earlier = Meetings already held
meetings-minutes-written = Minutes written
meetings-back-to-mine = Back to my meetings
meetings-your-attendance = Your attendance
meetings-your-actions = Your actions from this meeting
meetings-your-actions-none = You have no actions from this meeting.

## Representation report
meetings-report-title = Representation
meetings-report-intro = For meetings whose attendance has been recorded: how many met their representation rule, who came, and carers' share.
meetings-report-period = Show by
meetings-report-by-month = Month
meetings-report-by-quarter = Quarter
meetings-report-by-period = By period
meetings-report-by-group = By group
meetings-report-by-unit = By unit
meetings-report-total = All meetings
meetings-report-span = Covering
meetings-report-months = { $count ->
    [one] the last month
   *[other] the last { $count } months
}
meetings-report-download = Download these figures (CSV)
meetings-report-headline = Meetings held: { $meetings }. Met the rule: { $percent }%. Carers' share: { $carers }%.
meetings-report-empty = No meetings with recorded attendance match these filters.
meetings-report-chart-title = Meetings that met the representation rule
meetings-report-chart-summary = Meetings held: { $meetings }. Met the rule: { $percent }%. Carers' share of those named: { $carers }%. The table below gives every figure.

## E-mail and notices
meetings-email-subject = Invitation: { $group }
meetings-email-body = You are invited to a meeting.

    Group: { $group }
    When: { $when }
    Where: { $place }

    The calendar invitation is attached. Please let us know if you are coming.
notice-meeting-reply = { $by } recorded your reply to a meeting invitation.

## Measures on the model
model-measure-community-meetings = Community meetings held in the last month: { $count }
model-measure-agenda-item = Meetings in the last quarter with service-user and carer issues on the agenda: { $count }%
model-measure-team-building = Team-building sessions in the last quarter: { $count }
model-measure-representation = Meetings in the last quarter that met their representation rule: { $count }%

## Errors
meetings-error-name-en = Enter the group's name in English
meetings-error-name-cy = Enter the group's name in Welsh
meetings-error-kind = Choose the kind of group
meetings-error-unit = Choose a unit from the list
meetings-error-too-long = This is too long
meetings-error-tor-en = Write this in English too, or leave both empty
meetings-error-tor-cy = Write this in Welsh too, or leave both empty
meetings-error-minimum = Enter a whole number from 0 to 50
meetings-error-standing = Enter up to 12 standing items, one per line, each under 200 characters
meetings-error-date = Enter the date of the meeting
meetings-error-time = Enter a time on the 24-hour clock, like 14:00
meetings-error-ends = The end time must be after the start time
meetings-error-same-time = The end time cannot be the same as the start time
meetings-error-too-long-meeting = A meeting can last up to 12 hours
meetings-error-no-such-time = There is no { $time } on { $date } because the clocks go forward. Choose another time.
meetings-error-which = Choose which { $time } on { $date } you mean
meetings-error-link = Enter a link starting with https://
meetings-error-place = Enter a place or an online link
meetings-error-arrangement = Choose arrangements from the list
meetings-error-person = Choose a person from the list
meetings-error-not-member = This person is not a member of the group
meetings-error-reply = Choose whether they are coming
meetings-error-reply-past = This meeting has already happened, so replies are closed
meetings-error-others = Enter the number of other people present, from 0 to 1000
meetings-error-attendance-size = The list is too long
meetings-error-attendance-twice = Each person can be listed only once
meetings-error-presence = Use attended, apologies or absent for each person
meetings-error-cancelled = This meeting was cancelled
meetings-error-not-started = Attendance can be recorded once the meeting has started
meetings-error-item = Enter the agenda item
meetings-error-suggestion = Enter the number of a suggestion you can see
meetings-error-decision = Enter the decision
meetings-error-action = Enter the action
meetings-error-owner = Choose who will do it
meetings-error-due = Enter the due date
meetings-error-action-status = Choose open, done or dropped
meetings-error-email-off = E-mail is switched off for this organisation, so invitations cannot be sent. Download the calendar file instead.
meetings-error-group = Choose a group
meetings-error-instant = Enter a date and time like 2026-07-15T14:00:00+01:00
meetings-error-month = Enter a month like 2026-07 or a date like 2026-07-01
meetings-error-period = Use month or quarter

## The representation report for those who may not see people
meetings-report-headline-no-carers = Meetings held: { $meetings }. Met the rule: { $percent }%. Carers' share: not shown, as too few carers attended.
meetings-report-share-hidden = Not shown
meetings-report-small-numbers = Attendance counts of fewer than { $count } are not shown, so nobody can be picked out; where a hidden count could be worked out from the others, another is hidden too.
