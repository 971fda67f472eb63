## The home page, in-app notices and emails.

home-title = Home
home-intro = What is new for you, and where to go next.
home-notices-title = Messages for you
home-no-notices = You have no messages.
home-new = New
home-next-title = Go to

notice-welcome = Welcome to Cairn at { $organisation }.
notice-record-updated = { $by } updated your record for you.
notice-buddy-paired-newcomer = You have a buddy: { $name }, from { $date }. You can see them on your "My buddy" page.
notice-buddy-paired-buddy = You are now the buddy of { $name }, from { $date }. You can see them on your "My buddy" page.
notice-profile-updated = { $by } changed your profile for you.
notice-pathway-step = { $by } added a step to your pathway.
notice-level-decided = { $by } recorded the decision you made together about your level.
notice-interest-recorded = Your interest in the role "{ $role }" has been recorded for you. Open Opportunities to see it.
notice-interest-moved = There is news about your interest in the role "{ $role }". Open Opportunities to see it.
notice-stepped-down = Your stepping down from the role "{ $role }" has been recorded for you.
notice-left-recorded = Your leaving has been recorded for you. Thank you for all you have done.

email-invitation-subject = Your Cairn account at { $organisation }
email-invitation-body =
    Hello { $name },

    { $organisation } has given you an account on Cairn, where you can see what is happening and take part.

    Choose your password here (the link works once, for 7 days):
    { $link }

    If you did not expect this email, you can ignore it.

email-password-reset-subject = Choose a new password for Cairn at { $organisation }
email-password-reset-body =
    Hello,

    Someone asked to choose a new password for your Cairn account at { $organisation }.

    Choose it here (the link works once, for one hour):
    { $link }

    If this was not you, you can ignore this email: your password stays as it is.

home-surveys-title = Surveys for you
home-survey-answered = answered, thank you
home-survey-closes = closes { $date }
