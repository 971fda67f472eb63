## Signing staff in through the organisation's identity provider (OpenID Connect).

identity-settings-link = Sign-in with your organisation's identity provider
identity-settings-title = Sign-in with your organisation's identity provider
identity-settings-intro = Staff can sign in with the account your organisation already gives them, such as NHS Wales or Microsoft Entra ID, instead of a Cairn password. Cairn only signs in people who already have a Cairn account: it never makes one. Members always sign in with their password or invitation.
identity-settings-redirect = Register this address with your identity provider as Cairn's redirect address:
identity-settings-saved = Saved. Cairn checked the provider's address and it answered.
identity-issuer = Issuer address
identity-issuer-hint = The address your provider calls the issuer, for example https://login.microsoftonline.com/your-tenant-id/v2.0. Cairn checks it when you save.
identity-client-id = Client ID
identity-client-secret = Client secret
identity-client-secret-keep = Leave this blank to keep the secret that is saved. Cairn never shows it again.
identity-display-name = Name of the provider in English
identity-display-name-hint = Shown on the sign-in button on pages in English, for example NHS Wales.
identity-display-name-cy = Name of the provider in Welsh
identity-display-name-cy-hint = Shown on the sign-in button on pages in Welsh, for example GIG Cymru.
identity-staff-required = Staff must sign in with the provider
identity-staff-required-hint = Staff will not be able to sign in with a password. Members are never required to: they keep their password and invitation.
identity-emails-verified = Treat the provider's e-mail addresses as verified
identity-emails-verified-hint = Switch this on only for a provider your organisation runs itself, such as a single-tenant Microsoft Entra ID, which does not say whether an address has been checked. Otherwise anyone who can set their own e-mail address at the provider could take over a Cairn account the first time they sign in. An address the provider says is not verified is never used.
identity-save = Save and check
identity-back-to-settings = Back to the organisation's settings

identity-disconnected = The identity provider has been disconnected. Staff now sign in with their e-mail address and password.
identity-disconnect-heading = Disconnect the identity provider
identity-disconnect-summary = Staff will sign in with their e-mail address and password instead. You will be asked to confirm.
identity-disconnect-link = Disconnect the identity provider
identity-disconnect-title = Disconnect the identity provider
identity-disconnect-back = Back to the identity provider's settings
identity-disconnect-intro = If you disconnect { $name }:
identity-disconnect-goes-button = the “Sign in with” button goes from the sign-in page, and sign-ins already started with the provider will not finish
identity-disconnect-goes-rule = staff will no longer have to sign in with the provider
identity-disconnect-passwords = staff sign in with their e-mail address and password, and anyone without a password can choose one with “Forgotten your password?” on the sign-in page
identity-disconnect-links-kept = Cairn keeps which account is which person at the provider, so if you connect the same provider again, staff can sign in with it straight away
identity-disconnect-button = Disconnect { $name }
identity-disconnect-cancel = Keep the provider connected and go back

identity-error-issuer-required = Enter the issuer address
identity-error-issuer-https = Enter an address that starts with https://, with no query or fragment
identity-error-issuer-unreachable = Cairn could not read the provider's settings from this address. Check the address and that the provider can be reached, then try again
identity-error-issuer-mismatch = The provider at this address calls itself by a different issuer address. Enter the issuer address exactly as the provider gives it
identity-error-client-id-required = Enter the client ID
identity-error-secret-required = Enter the client secret
identity-error-name-required = Enter the provider's name in English
identity-error-name-cy-required = Enter the provider's name in Welsh
identity-error-too-long = Enter fewer characters
identity-error-use-provider = Your organisation asks staff to sign in with its identity provider. Use the “Sign in with” button on this page

identity-sign-in-with = Sign in with { $name }
identity-or-password = Or sign in with your e-mail address and password.

identity-refused-title = You are not signed in
identity-refused-back = Go back to the sign-in page
identity-refused-expired = This sign-in has already been used or was started more than 10 minutes ago. Go back to the sign-in page and start again.
identity-refused-provider = Cairn could not finish signing you in with your organisation's account. Try again. If it keeps happening, tell your organisation's Cairn administrator.
identity-refused-token = Cairn could not confirm the answer from your organisation's sign-in service, so you have not been signed in. Try again. If it keeps happening, tell your organisation's Cairn administrator.
identity-refused-unknown = Cairn could not find an account for you. Signing in does not make a Cairn account: ask your organisation's Cairn administrator to give you one, with the e-mail address your organisation knows you by.
identity-refused-disabled = Your Cairn account has been switched off, so you cannot sign in. If you think this is wrong, speak to your organisation's Cairn administrator.
identity-refused-member = Members sign in to Cairn with their e-mail address and password, or with the link in their invitation. Go back to the sign-in page and use the form there.

audit-entity-identity-link = Link to an identity at the provider
audit-entity-identity-provider = Identity provider
audit-entity-identity-sign-in = Sign-in through the identity provider
