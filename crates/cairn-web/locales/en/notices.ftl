## The home page, in-app notices and emails.

home-title = Home
home-intro = What is new for you, and where to go next.
home-notices-title = Messages for you
home-no-notices = You have no messages.
home-new = New
home-next-title = Go to

notice-welcome = Welcome to Cairn at { $organisation }.
notice-record-updated = { $by } updated your record for you.

email-invitation-subject = Your Cairn account at { $organisation }
email-invitation-body =
    Hello { $name },

    { $organisation } has given you an account on Cairn, where you can see what is happening and take part.

    Choose your password here (the link works once, for 7 days):
    { $link }

    If you did not expect this email, you can ignore it.
