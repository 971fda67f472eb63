# Easy Read: the member's pages that matter most, in large type, one idea to a short sentence,
# a picture beside each. Keep every sentence short and plain: about 15 words or fewer, no jargon.

nav-easy-read = Easy Read
# The audit log's words for a member turning Easy Read on or off.
audit-entity-user-easy-read = Easy Read choice

## The Easy Read home page and the switch

easy-read-title = Easy Read
easy-read-intro = These pages are easy to understand.
easy-read-is-on = Easy Read is on.
easy-read-is-off = Easy Read is off.
easy-read-on-means = When it is on, these pages are always in Easy Read.
easy-read-remembered = We remember your choice next time you sign in.
easy-read-turn-on = Turn Easy Read on
easy-read-turn-off = Turn Easy Read off
easy-read-pages-heading = Easy Read pages
easy-read-link-pages = Easy Read pages
easy-read-link-suggest = Make a suggestion
easy-read-link-opportunities = Ways to get involved
easy-read-link-claims = Claims and money
easy-read-link-me = What Cairn keeps about you
easy-read-standard = Go to the standard page
easy-read-all-pages = All Easy Read pages

## Making a suggestion

easy-read-suggest-title = Make a suggestion
easy-read-suggest-what = A suggestion is an idea to make things better.
easy-read-suggest-write = Write your idea in the box.
easy-read-suggest-read = Staff read every suggestion.
easy-read-suggest-name = You do not have to give your name.
easy-read-suggest-board = Some ideas go on the “You said, we did” board.
easy-read-suggest-names-off = We take names off first.
easy-read-field-text = Your idea
easy-read-field-text-hint = Use your own words.
easy-read-field-unit = Which ward or team is it about?
easy-read-field-unit-all = The whole service
easy-read-field-anonymous = Do not show my name to anyone
easy-read-field-contact = How can we tell you what happens?
easy-read-field-contact-hint = Your email or phone number. You can leave this empty.
easy-read-suggest-send = Send my idea
easy-read-thanks-title = Thank you
easy-read-thanks-got = We have your idea.
easy-read-thanks-read = Staff will read it.
easy-read-thanks-board = They answer on the “You said, we did” board.
easy-read-thanks-tell = Did you say how to reach you? Then we will tell you what happens.
easy-read-thanks-another = Make another suggestion

## Opportunities and "I'm interested"

easy-read-opps-title = Ways to get involved
easy-read-opps-what = Here are ways to get involved.
easy-read-opps-press = Do you like one? Press “I'm interested”.
easy-read-opps-talk = We will talk with you about it.
easy-read-opps-no-wrong = There is no wrong answer.
easy-read-opps-none = There are no opportunities just now.
easy-read-opps-open-heading = Open now
easy-read-opps-where = Where: { $place }
easy-read-opps-by = Tell us by { $date }.
easy-read-interested = I'm interested
easy-read-opps-already = You said you are interested.
easy-read-opps-sent = Thank you. We know you are interested in: { $title }.
easy-read-opps-sent-before = You told us before. You are interested in: { $title }.
easy-read-opps-mine-heading = What you said you are interested in
easy-read-interest-received = We have it. We will be in touch.
easy-read-interest-talked = We have talked with you.
easy-read-interest-offered = We have offered you the role.
easy-read-interest-appointed = The role is yours.
easy-read-interest-not-this-time = Not this time.
easy-read-interest-feedback = What we said: { $words }

## Claims and money

easy-read-claims-title = Claims and money
easy-read-claim-how-heading = Making a claim
easy-read-claim-time = You can claim for your time. For example, a meeting.
easy-read-claim-when = Tell us the date and how long it took.
easy-read-claim-travel = You can claim what it cost to get there. For example, a bus fare.
easy-read-claim-receipts = Keep your tickets and receipts.
easy-read-claim-check = Staff check your claim.
easy-read-claim-pay = Then we pay you.
easy-read-claim-start = Start a claim
easy-read-owed-heading = What you are owed
easy-read-owed = We owe you { $amount }.
easy-read-owed-none = We do not owe you any money just now.
easy-read-owed-claims = { $count ->
    [one] This is for { $count } claim.
   *[other] This is for { $count } claims.
}
easy-read-owed-wait = It takes time to check and pay a claim.
easy-read-paid = We have paid you { $amount } so far.
easy-read-paid-none = We have not paid you yet.
easy-read-not-sent = { $count ->
    [one] You have { $count } claim you have not sent.
   *[other] You have { $count } claims you have not sent.
}
easy-read-not-sent-send = We can only pay a claim you have sent.
easy-read-not-paid = { $count ->
    [one] { $count } claim was not paid.
   *[other] { $count } claims were not paid.
}
easy-read-not-paid-why = Open the claim to see why.
easy-read-your-claims = Your claims
easy-read-claims-none = You have not made a claim yet.
easy-read-claim-line = { $activity } on { $date }
easy-read-claim-amount = Amount: { $amount }
easy-read-claim-taken-back = We paid you { $amount } too much. We take it off your next payment.
easy-read-claim-correction = This puts right a payment we made before.
easy-read-claim-status-draft = Not sent yet.
easy-read-claim-status-submitted = Staff are checking it.
easy-read-claim-status-approved = Checked. Finance will pay it.
easy-read-claim-status-authorised = Ready to pay.
easy-read-claim-status-in-run = It will be paid soon.
easy-read-claim-status-paid = Paid.
easy-read-claim-status-rejected = Not paid.
easy-read-claims-more = See all your claims

## What Cairn keeps about you

easy-read-me-title = What Cairn keeps about you
easy-read-me-intro = Cairn keeps facts about you. You can see them here.
easy-read-me-name = Your name: { $name }
easy-read-me-taking-part = You take part as: { $what }
easy-read-me-places = Your wards and teams: { $places }
easy-read-me-places-none = You are not on a ward or team yet.
easy-read-me-email = Your email: { $email }
easy-read-me-email-none = We do not have your email.
easy-read-me-interests = { $count ->
    [0] You have not said you are interested in anything yet.
    [one] You said you are interested in { $count } thing.
   *[other] You said you are interested in { $count } things.
}
easy-read-me-roles = { $count ->
    [0] You do not have a role just now.
    [one] You have { $count } role just now.
   *[other] You have { $count } roles just now.
}
easy-read-me-groups = { $count ->
    [0] You are not in a meeting group.
    [one] You are in { $count } meeting group.
   *[other] You are in { $count } meeting groups.
}
easy-read-me-claims = { $count ->
    [0] You have not made a claim yet.
    [one] You have made { $count } claim.
   *[other] You have made { $count } claims.
}
easy-read-me-who-sees = Staff who work with you can see these facts.
easy-read-me-logged = Each time someone looks, Cairn writes it down.
easy-read-me-copy = You can ask for a copy of everything.
easy-read-me-wrong = Is something wrong? Tell a member of staff.
easy-read-me-change = Change your profile
