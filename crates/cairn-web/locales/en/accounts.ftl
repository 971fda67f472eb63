## Signing in, set-up, invitations and the account page.

sign-in-title = Sign in
sign-in-email = Email address
sign-in-password = Password
sign-in-button = Sign in

accounts-password-hint = At least 10 characters. A few words you will remember make a good password.
accounts-error-email-required = Enter an email address
accounts-error-email-invalid = Enter an email address in the right format, like name@example.com
accounts-error-email-taken = This email address already has an account
accounts-error-password-short = Enter a password of at least 10 characters
accounts-error-password-long = Enter a shorter password
accounts-error-password-mismatch = The passwords do not match
accounts-error-sign-in = The email address or password is not right
accounts-error-throttled = Too many wrong passwords. Wait a few minutes, then try again, or choose a new password
accounts-error-role-required = Choose a role
accounts-error-units-required = Choose at least one unit for unit staff
accounts-error-person-has-account = This person already has an account
accounts-error-token-name-required = Enter a name for the token
accounts-error-token-name-long = Enter a name of 80 characters or fewer

setup-title = Set up Cairn
setup-intro = Nobody has used Cairn here yet. Set up your organisation and its first administrator. You need the set-up code printed where Cairn was started.
setup-code = Set-up code
setup-code-hint = The 12 letters and numbers shown when Cairn started
setup-organisation = Name of your organisation
setup-email = Your email address
setup-password = Choose a password
setup-button = Set up Cairn
setup-error-code = The set-up code is not right. Check the code printed where Cairn was started
setup-error-already-done = Cairn has already been set up. Sign in instead.

invitation-title = Choose your password
invitation-intro = You have been given an account on Cairn. Choose a password to finish.
invitation-password = Password
invitation-confirm = Type the password again
invitation-button = Save my password

account-title = Your account
account-email = Email address
account-role = Role
account-tokens-title = Access tokens
account-tokens-intro = Tokens let other systems use Cairn's API as you, with your role. Keep them secret. You can stop a token at any time.
account-token-name = Token name
account-token-name-hint = So you know what it is for, for example "Monthly report"
account-token-create = Create a token
account-token-created = Created
account-token-last-used = Last used
account-token-action = Action
account-token-never-used = Never
account-token-revoke = Stop this token
account-token-revoked = Stopped
account-token-shown-once = Copy this token now. It will not be shown again.

sign-in-forgot = Forgotten your password?
reset-done = Your new password is saved. Sign in with it.
account-password-changed = Your password has been changed. You have been signed out everywhere else.
account-token-expires = Expires
account-token-expired = Expired
account-token-days = How many days it works
account-token-days-hint = From 1 to { $max ->
    [one] { $max } day
   *[other] { $max } days
}. Leave it empty for { $default ->
    [one] { $default } day
   *[other] { $default } days
}.
accounts-error-token-days = Enter a number of days from 1 to 365
account-password-title = Change your password
account-password-current = Your current password
account-password-new = New password
account-password-ends-sessions = Changing your password signs you out on every other device.
account-password-change = Change password
accounts-error-current-required = Enter your current password
accounts-error-current-wrong = Your current password is not right
accounts-error-own-account = You cannot do this to your own account. Ask another administrator.
accounts-error-disabled = This account is disabled. Enable it first.

forgot-title = Forgotten your password
forgot-intro = Enter the email address you sign in with. If it has an account, we will send it a link to choose a new password. The link works once, for one hour.
forgot-button = Send me a link
forgot-sent-title = Check your email
forgot-sent-body = If that address has an account, a link to choose a new password is on its way. It works once, for one hour.
forgot-no-email = If your organisation does not send email, ask your co-production lead or administrator to make you a link.
forgot-back = Back to sign in
reset-title = Choose a new password
reset-intro = Choose a new password for your account. You will be signed out everywhere, then you can sign in with it.
reset-button = Save my new password
reset-error-spent = This link has been used or has expired. Ask for a new one.

accounts-title = Accounts
accounts-intro = Everyone who can sign in to Cairn in your organisation. Open an account to disable it, change its role, or end its sessions and tokens.
accounts-none = There are no accounts yet.
accounts-status = Status
accounts-status-active = Active
accounts-status-disabled = Disabled
accounts-status-invited = Invited, no password yet
accounts-last-sign-in = Last signed in
accounts-never = Never
accounts-back = All accounts
accounts-person = Person
accounts-person-link = See their record
accounts-access-title = Access
accounts-own-account = This is your own account. Another administrator can disable it or change its role.
accounts-disable-intro = Disabling the account stops it signing in, ends every session and stops every token straight away. You can enable it again later.
accounts-disable = Disable this account
accounts-disabled-intro = This account is disabled: it cannot sign in and its tokens do not work.
accounts-enable = Enable this account
accounts-lock-title = Sign-in lock
accounts-lock-locked = Wrong passwords: { $failures }. Signing in is paused until { $until }.
accounts-lock-failures = Wrong passwords recently: { $failures }.
accounts-unlock = Lift the lock
accounts-role-title = Role
accounts-role-save = Change role
accounts-sessions-title = Sessions
accounts-sessions-none = Not signed in anywhere.
accounts-session-started = Signed in
accounts-session-last-seen = Last used
accounts-session-ends = Ends
accounts-session-end = End this session
accounts-tokens-none = No tokens.
accounts-password-title = Password
accounts-password-intro = Make a link the person can use once, within an hour, to choose a new password. Give it to them yourself.
accounts-password-make-link = Make a link to choose a new password
accounts-reset-link-intro = Give this link to the person. It works once, for one hour. It will not be shown again.

## The warning before a session ends (cairn.js shows it 5 minutes before; sessions last at most 12 hours)
session-warning-title = You will be signed out soon
session-warning-idle = You have not used Cairn for a while. To keep people's information safe, you will be signed out in 5 minutes.
session-warning-end = To keep people's information safe, everyone is signed out 12 hours after signing in. You will be signed out in 5 minutes: save what you are doing.
session-warning-stay = Stay signed in
session-warning-kept = You are still signed in.
session-draft-restored = We kept what you had typed before you were signed out. Check it and send it again.
