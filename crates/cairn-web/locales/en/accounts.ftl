## Signing in, set-up, invitations and the account page.

sign-in-title = Sign in
sign-in-email = Email address
sign-in-password = Password
sign-in-button = Sign in
sign-in-help = If you have forgotten your password, ask your co-production lead or organisation administrator to send you a new link.

accounts-password-hint = At least 10 characters. A few words you will remember make a good password.
accounts-error-email-required = Enter an email address
accounts-error-email-invalid = Enter an email address in the right format, like name@example.com
accounts-error-email-taken = This email address already has an account
accounts-error-password-short = Enter a password of at least 10 characters
accounts-error-password-long = Enter a shorter password
accounts-error-password-mismatch = The passwords do not match
accounts-error-sign-in = The email address or password is not right
accounts-error-throttled = Too many tries. Wait 15 minutes, then try again
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
