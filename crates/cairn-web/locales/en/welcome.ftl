## Welcome and family-liaison meetings for new arrivals on a unit (dates only, no names).

welcome-title = Welcome meetings
welcome-intro = Log each new arrival on a unit, and whether a welcome or family-liaison meeting was offered, accepted and held.
welcome-no-names = No names or clinical details are recorded here: only the unit and the dates.
welcome-back-to-people = Back to people
welcome-log-button = Log an arrival
welcome-filter-title = Filter
welcome-unit = Unit
welcome-share-title = Offered a meeting in the last { $days } days
welcome-share-summary = From { $from } to { $to }: { $offered } of { $arrivals } arrivals were offered a meeting.
welcome-col-arrivals = Arrivals
welcome-col-offered-count = Offered a meeting
welcome-col-share = Share
welcome-percent = { $percent }%
welcome-arrivals-title = Arrivals
welcome-arrivals-none = No arrivals logged yet.
welcome-col-arrived = Arrived
welcome-col-offered = Meeting offered
welcome-col-answer = Answer
welcome-col-held = Meeting held
welcome-col-action = Action
welcome-record-link = Record the meeting (arrival on { $date })
welcome-accepted-on = Accepted on { $date }
welcome-declined-on = Declined on { $date }
welcome-no-answer = No answer yet
welcome-dash = Not yet
welcome-not-offered = Not offered

welcome-new-title = Log an arrival
welcome-field-arrived = Date of arrival
welcome-field-offered-now = Date a meeting was offered (optional)
welcome-field-offered-now-hint = If a welcome or family-liaison meeting has been offered already. For example, 27 3 2026
welcome-log-submit = Log the arrival

welcome-show-title = Arrival on { $date }
welcome-record-intro = Record the welcome or family-liaison meeting. Leave a date blank if it has not happened.
welcome-field-offered = Date the meeting was offered
welcome-field-accepted = Date it was accepted (optional)
welcome-field-declined = Date it was declined (optional)
welcome-field-answer-hint = Fill in accepted or declined, not both. For example, 27 3 2026
welcome-field-held = Date the meeting was held (optional)
welcome-record-submit = Save

welcome-error-arrived = Enter the date of arrival
welcome-error-before-arrival = The date cannot be before the arrival
welcome-error-needs-offered = Enter the date the meeting was offered first
welcome-error-before-offered = The date cannot be before the meeting was offered
welcome-error-accepted-and-declined = A meeting is either accepted or declined: leave one of the dates blank
welcome-error-held-declined = A declined meeting was not held: remove one of the dates
welcome-error-offered-required = Enter the date the meeting was offered
welcome-error-unit = Choose one of your units
