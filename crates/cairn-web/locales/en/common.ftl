## Shared words, page frame, navigation and error pages.

common-skip-link = Skip to main content
common-error-prefix = Error:
common-error-summary-title = There is a problem
common-information = Information
common-back = Back
common-choose = Choose one
common-any = Any
common-none = None
common-not-recorded = Not recorded
common-apply-filters = Apply filters
common-next-page = Next page
common-day = Day
common-month = Month
common-year = Year
common-date-hint = For example, 27 3 2026

header-who = { $email } ({ $role })
header-sign-out = Sign out
nav-label = Main menu
nav-home = Home
nav-units = Units
nav-people = People
nav-audit = Audit log
nav-settings = Settings
nav-organisations = Organisations
nav-account = Your account
nav-accounts = Accounts
footer-text = Cairn helps services work with the people who use them. Your information is only seen by people who need it, and every look at a person's record is logged.

error-not-found-title = Page not found
error-not-found-body = If you typed the web address, check it is correct. The page may have moved, or you may not have access to it.
error-forbidden-title = You cannot see this page
error-forbidden-body = Your role does not include this. Ask your co-production lead or organisation administrator if you think it should.
error-conflict-title = That could not be done
error-conflict = This clashes with something already recorded. Check the details and try again.
error-invalid = Some of the details are not right. Go back and check them.
error-throttled-title = Too many tries
error-throttled-body = Wait 15 minutes, then try again.
error-internal-title = Sorry, there is a problem with the service
error-internal-body = Try again later. If it happens again, tell your co-production lead and give them the reference below.
error-reference = Reference: { $reference }
error-control-character = This has a hidden character in it that cannot be saved, often left by copying and pasting. Remove it and try again.
error-control-character-form = Something you typed has a hidden character in it that cannot be saved, often left by copying and pasting. Go back, type it again and try once more.
error-bad-query = Part of the web address could not be read. Go back and try again.
error-too-large = What you sent is too long to accept. Go back, make it shorter and send it again.
error-go-home = Go to the start page
error-cross-site = This form was sent from another website, so it was not accepted. Go back to Cairn and try again.
error-bad-form = The form could not be read. Go back and try again.
error-bad-next = The link you followed has characters in it that a web address cannot hold. Go back and try again.

date-error-day = Enter the day as a number, for example 27
date-error-month = Enter the month as a number, for example 3
date-error-year = Enter the year as 4 numbers, for example 2026
date-error-real = Enter a real date, for example 27 3 2026
date-error-future = The date must be today or in the past

role-platform-admin = Platform administrator
role-org-admin = Organisation administrator
role-lead = Co-production lead
role-unit-staff = Unit staff
role-finance = Finance
role-member = Member
role-viewer = Viewer (board)

language-en = English
language-cy = Welsh (Cymraeg)
