nav-training = Training
training-title = Training
training-intro = Courses you can do, designed and delivered by people with lived experience and staff together. Open to service users, carers and staff.
training-none = There are no courses yet.
training-back = Back to training
course-back = Back to the course
course-new-title = Add a course
course-new-intro = Write the course in English and Welsh. You can save it with one language and add the other later.
course-level = Level { $level }
course-level-1-heading = Level 1: Laying the foundation
course-level-2-heading = Level 2: Identifying and building skills
course-level-3-heading = Level 3: Working in partnership
course-length = { $count ->
    [one] 1 session
   *[other] { $count } sessions
}, { $hours ->
    [one] 1 hour of learning
   *[other] { $hours } hours of learning
}
course-credits = { $count ->
    [one] 1 credit
   *[other] { $count } credits
} at { $level }
course-completion-sessions = Come to at least { $min } of the { $count } sessions
course-completion-assessed = Assessed
course-asked-done = Thank you. We have your name and will be in touch about a place.
course-for = Who it is for
course-length-label = Length
course-completion-label = To complete it
course-credits-label = Credits
course-practices-label = Practices it supports
course-asked = You have asked to do this course
course-ask = I'd like to do this course
course-sessions = Sessions
course-sessions-none = No sessions are planned yet.
course-requests = People who would like to do it
course-requests-none = No one has asked yet.
course-request-by-staff = asked with staff
course-title-en = Title in English
course-title-cy = Title in Welsh
course-summary-en = What you will learn, in English
course-summary-hint = Two or three sentences in plain words.
course-summary-cy = What you will learn, in Welsh
course-audience = Who it is for
course-audience-hint = Select all that apply.
course-level-legend = Which level of the model it builds toward
course-practices = Practices it supports
course-practices-hint = Codes from the model, separated by commas. For example, L1.13 for levels awareness or L2.02 for speaking out.
course-sessions-count = Number of sessions
course-sessions-suffix = sessions
course-hours = Hours of learning
course-hours-hint = Including time outside the sessions. One credit is 10 hours.
course-hours-suffix = hours
course-credits-field = Credits (optional)
course-credits-hint = Only if the course is accredited.
course-credits-suffix = credits
course-cqfw = Credit and Qualifications Framework for Wales level
course-cqfw-none = Not accredited
course-agored = Awarding body unit code (optional)
course-agored-hint = For example, the Agored Cymru unit code.
course-rule = How someone completes it
course-rule-sessions = By coming to enough sessions
course-rule-assessed = By an assessment
course-min-sessions = Sessions needed to complete it
course-min-sessions-hint = Only if completed by coming to sessions.
course-save = Save course
course-error-title = Enter a title in English or Welsh
course-error-title-long = Enter a title of 120 characters or fewer
course-error-summary = Enter what people will learn, in English or Welsh
course-error-summary-long = Enter a description of 2,000 characters or fewer
course-error-audience = Select who the course is for
course-error-level = Select a level
course-error-practice = Enter practice codes from the model, such as L1.13
course-error-sessions = Enter a number of sessions from 1 to 100
course-error-hours = Enter the hours of learning as a whole number from 1 to 2,000
course-error-credits = Enter credits as a whole number, or leave it empty
course-error-credits-hours = Each credit needs 10 hours of learning: add hours or lower the credits
course-error-cqfw = Select a framework level from the list
course-error-cqfw-needed = Select the framework level the credits are at
course-error-agored-long = Enter a unit code of 40 characters or fewer
course-error-min-sessions = Enter how many sessions are needed, no more than the course has
course-error-completion = Select how someone completes the course
session-when = { $start } to { $end }
session-full = Full: you can join the waiting list
session-places-left = { $count ->
    [one] 1 place left
   *[other] { $count } places left
}
session-online = Online
session-trainers = Trainers
session-co-delivered = Co-delivered
session-joint = Joint
session-new-title = Add a session
session-date = Date
session-date-hint = For example, 14 4 2026
session-starts = Start time
session-ends = End time
session-time-hint = 24-hour clock, for example 10:00 or 14:30
session-place = Place
session-place-hint = Where people come to, if in person.
session-online-url = Online link
session-online-url-hint = If online. It must start with https://
session-capacity = Places
session-capacity-suffix = places
session-trainers-hint = A session is co-delivered when a peer trainer and a professional trainer deliver it together.
session-trainer-n = Trainer { $n }
session-trainer-person = Person
session-trainer-none = No one
session-trainer-part = Their part
session-trainer-part-none = Choose a part
session-save = Save session
session-error-starts = Enter a start time, for example 10:00
session-error-ends = Enter an end time after the start, on the same day
session-error-place-long = Enter a place of 200 characters or fewer
session-error-url = Enter an online link that starts with https://
session-error-where = Enter a place, an online link, or both
session-error-capacity = Enter a number of places from 1 to 500
session-error-trainer = Choose each trainer once, with their part
register-title = Register
register-open = Open the register
register-entered-by = Entered by { $by }
register-saved = The register is saved.
register-empty = No one is on the register yet.
register-add = Add someone
register-add-hint = For example, someone who signed the paper register but had not booked.
register-add-person = Person
register-add-none = No one
register-add-status = Their attendance
register-save = Save register
training-error-person = Choose someone you work with
training-error-attendance = Choose booked, waiting, attended, apologies or absent
trainer-part-peer-trainer = Peer trainer
trainer-part-professional-trainer = Professional trainer
trainer-part-co-facilitator = Co-facilitator
attendance-booked = Booked
attendance-waiting = Waiting list
attendance-attended = Attended
attendance-apologies = Apologies
attendance-absent = Absent
cqfw-entry-1 = Entry 1
cqfw-entry-2 = Entry 2
cqfw-entry-3 = Entry 3
cqfw-1 = Level 1
cqfw-2 = Level 2
cqfw-3 = Level 3
cqfw-4 = Level 4
cqfw-5 = Level 5
cqfw-6 = Level 6
cqfw-7 = Level 7
cqfw-8 = Level 8
model-measure-levels-trained = People on this unit who have been to levels-awareness training: { $count }
model-measure-assertiveness-trained = People on this unit who have been to speaking-out training: { $count }
model-measure-joint-sessions = Training sessions in the last quarter where service users, carers and staff learned together: { $count }
model-measure-co-delivered-sessions = Training sessions in the last quarter delivered by a peer trainer with a professional: { $count }
training-claim-description = Training delivery: { $course }
training-error-not-trainer = Only a peer trainer or co-facilitator of this session can claim for delivering it
training-error-minutes = Enter minutes as a whole number from 0 to 480
training-error-claimed = A claim for delivering this session has already been made for this person.
delivery-title = Paying the trainers
delivery-intro = Peer trainers and co-facilitators are paid for the session, their preparation and the debrief, like any involvement. The claim then goes through the usual checks and approvals.
delivery-prep = Preparation time
delivery-debrief = Debrief time
delivery-minutes = minutes
delivery-button = Make a claim for { $name }
delivery-claimed = Claim made
delivery-see-claim = See the claim
delivery-not-yet = No claim yet.
course-past-sessions = Past sessions
training-prospectus = Courses
learning-title = Your learning
learning-none = You have not been to a course yet.
learning-completed = Completed
learning-attended = { $count ->
    [one] 1 session so far
   *[other] { $count } sessions so far
}
learning-credits = Your credits
learning-certificates = Your certificates
certificate-kind-completion = Completing { $course }
certificate-kind-delivery = Delivering { $course }
certificate-completion-heading = Certificate of completion
certificate-completion-body = This is to certify that { $name } has completed { $course }.
certificate-delivery-heading = Certificate for delivering training
certificate-delivery-body = This is to certify that { $name } delivered { $course } on { $date }, together with a professional trainer.
certificate-issued = Issued
certificate-reference = Reference
certificate-replaced-title = This certificate has been replaced
certificate-replaced = It was corrected, and a new certificate replaces it.
certificate-see-new = See the new certificate
certificate-reissue-intro = If something on this certificate is wrong, it can be corrected within 30 days of being issued. The corrected one gets a new reference.
certificate-reissue = Correct this certificate
certificate-error-replaced = This certificate has already been replaced.
certificate-error-too-late = A certificate can only be corrected within 30 days of being issued.
verify-title = Check a certificate
verify-intro = Enter the reference printed on a certificate to check that we issued it.
verify-reference = Reference
verify-reference-hint = For example, CRN-ABCDE-23456
verify-button = Check
verify-found = We issued this certificate to { $name }: { $what }.
verify-replaced = It has since been replaced by a corrected one.
verify-open = Open it
verify-not-found = We have no certificate with this reference for anyone you work with.
model-measure-training-topics = Training topics suggested by this unit's service users and carers in the last year: { $count }
topic-title = Suggest something to learn
topic-intro = What would you like a course about? Anyone can suggest a topic. We use them to plan the training.
topic-field = Your idea for a course
topic-send = Send idea
topic-sent = Thank you. Your idea is on the list for the next training plan.
topic-error-required = Enter your idea for a course
topic-error-long = Enter an idea of 300 characters or fewer
topics-title = Ideas for training
topics-intro = What people would like to learn, newest first. Only who they are (service user, carer, staff) is shown, not their names.
topics-none = No ideas yet.
topics-by = From
topics-when = Sent
topics-course = Course
topics-make-course = Make a course of it
topics-made-course = Made into a course
topics-link = Ideas people have sent for training

## A course's learners, assessment, credits and the awarding body's deadlines
learners-title = Learners
learners-open = See learners, assessments and credits
learners-none = No one is on a register for this course yet.
learners-col-name = Name
learners-col-attended = Sessions attended
learners-col-assessment = Assessment
learners-col-credits = Credits
learners-passed = Passed
learners-mark-passed = Mark as passed
learners-on-credits = Working toward credits
learners-no-uln = no learner number
learners-remove-credits = Stop working toward credits
learners-not-on-credits = Not working toward credits
learners-saved-assessed = Saved. The learner has completed the course and has their certificate.
learners-saved-credits = Saved. The learner's details are in the registration file.
learners-saved-removed = Done. Their details for credits have been deleted.
deadline-heading = Deadline
deadline-register-by = Register learners with the awarding body by { $date }.
deadline-register-soon = { $count ->
    [0] Today, { $date }, is the last day to register learners with the awarding body.
    [one] Register learners with the awarding body by { $date }: 1 working day left.
   *[other] Register learners with the awarding body by { $date }: { $count } working days left.
}
deadline-register-passed = The last day to register learners with the awarding body was { $date }.
deadline-claim-by = Claim credits from the awarding body by { $date }.
deadline-claim-soon = { $count ->
    [0] Today, { $date }, is the last day to claim credits from the awarding body.
    [one] Claim credits from the awarding body by { $date }: 1 working day left.
   *[other] Claim credits from the awarding body by { $date }: { $count } working days left.
}
deadline-claim-passed = The last day to claim credits from the awarding body was { $date }.
credits-form-title = Add a learner working toward credits
credits-form-intro = Only for someone who has chosen to work toward the credits. The awarding body needs these details to register them. They go only into the registration file and are shown on no page.
credits-form-nobody = Add people to a session's register first.
credits-person = Learner
credits-given-names = First names
credits-legal-hint = As on the learner's official documents.
credits-family-name = Last name
credits-birth = Date of birth
credits-birth-hint = For example, 27 3 1985
credits-uln = Unique learner number (optional)
credits-uln-hint = 10 digits, if the learner has one.
credits-save = Save details
credits-download = Download the registration file (CSV)
credit-error-person = Select a learner from this course's registers
credit-error-given-names = Enter the learner's first names
credit-error-family-name = Enter the learner's last name
credit-error-name-long = Enter a name of 100 characters or fewer
credit-error-birth = Enter the learner's date of birth
credit-error-birth-young = Enter a date of birth at least 14 years ago
credit-error-uln = Enter a unique learner number of 10 digits, or leave it empty
credit-error-no-credits = This course has no credits, so no one can work toward them.
assessment-error-not-assessed = This course is completed by coming to sessions, not by an assessment.
assessment-error-not-attended = The learner must come to at least one session before they are assessed
accreditation-col-unit = Unit code
accreditation-col-course = Course
accreditation-col-family-name = Last name
accreditation-col-given-names = First names
accreditation-col-birth = Date of birth
accreditation-col-uln = Unique learner number
accreditation-col-credits = Credits
accreditation-col-level = Level
accreditation-col-start = Start date
accreditation-col-end = End date
accreditation-col-reference = Centre learner reference

## A register printed for paper sign-in (both languages on one sheet)
register-print-link = Print a register for signing in on paper
register-print-heading = Register
register-print-name = Name
register-print-sign = Signature
register-print-note = Note
register-print-waiting = waiting list
register-print-entered = Typed into Cairn by ______________________ on ____ / ____ / ________

## Your learning
learning-next = Courses you could try next
learning-prospectus-link = See all courses

## The training report
training-report-title = Training report
training-report-period = From { $from } to { $to }
training-report-months = Period
training-report-months-option = { $count ->
    [one] The last month
   *[other] The last { $count } months
}
training-report-show = Show
training-report-download = Download these figures (CSV)
training-report-none = No sessions in this period.
training-report-explained = Co-delivered: a peer trainer and a professional trainer led it. Joint: the people who came were from at least two groups, such as service users and staff. Attendance counts each place taken at a session.
training-report-chart-title = Attendance at sessions by month and group
training-report-summary = Sessions: { $sessions }. Places taken: { $attendances }. Courses completed: { $completions }. The table below gives every figure.
training-report-by-month = By month
training-report-by-unit = By unit
training-report-total = Total
training-report-col-breakdown = Breakdown
training-report-col-row = Row
training-report-col-sessions = Sessions
training-report-col-co-delivered = Co-delivered
training-report-col-joint = Joint
training-report-col-co-delivered-count = Sessions co-delivered
training-report-col-joint-count = Joint sessions
training-report-col-learners = Learners
training-report-col-completions = Completions
training-report-col-credits = Credits awarded
training-report-fewer = fewer than { $count }
training-report-small-numbers = On a unit's line, counts of fewer than { $count } people (learners, completions, credits) are not shown, so nobody can be picked out.
