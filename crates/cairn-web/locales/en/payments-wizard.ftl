## A member's own claim, one question a page, then Check your answers and a confirmation.

payments-wizard-start-title = Claim for your time and expenses
payments-wizard-start-intro = Tell us what you did, when, how long it took and what it cost you. It takes about 5 minutes.
payments-wizard-start-saved = Your answers are saved after every page, so you can stop and come back later.
payments-wizard-start-who = The people who check and pay claims will see what you tell us.
payments-wizard-start-button = Start now
payments-wizard-resume-title = You have a claim you have not sent yet
payments-wizard-resume-saved = Last saved: { $date }.
payments-wizard-resume-carry-on = Carry on with my claim
payments-wizard-resume-again = Start again
payments-wizard-resume-again-hint = Starting again deletes the answers you saved.
payments-wizard-back = Back
payments-wizard-continue = Continue
payments-wizard-expense-caption = Expense { $n }

payments-wizard-what-title = What was it for?
payments-wizard-what-kind = What kind of activity was it?
payments-wizard-what-description = Tell us in a few words what you did
payments-wizard-what-description-hint = For example: Ward 3 patient council meeting.
payments-wizard-when-title = When was it?
payments-wizard-when-hint = For example, 27 3 2026
payments-wizard-time-title = How long did it take?
payments-wizard-time-hint = Count the time you gave, not the time travelling. For example, 2 hours 30 minutes.
payments-wizard-hours = Hours
payments-wizard-minutes = Minutes
payments-wizard-has-expenses-title = Do you have expenses to claim?
payments-wizard-has-expenses-hint = For example, travel, parking, a meal, or care for someone while you were there.
payments-wizard-has-expenses-yes = Yes
payments-wizard-has-expenses-no = No
payments-wizard-category-title = What was the expense for?
payments-wizard-amount-title = How much did it cost?
payments-wizard-amount-hint = In pounds and pence, for example 4.80
payments-wizard-miles-title = How many miles did you travel?
payments-wizard-miles-hint = There and back. For example, 12.5
payments-wizard-miles-suffix = miles
payments-wizard-more-title = Do you want to add another expense?
payments-wizard-more-added = Expenses you have added
payments-wizard-more-yes = Yes
payments-wizard-more-no = No
payments-wizard-more-full = One claim can hold up to 12 expenses. Put any more on a new claim.
payments-wizard-paid-title = How would you like to be paid?
payments-wizard-paid-hint = We will remember this for your next claims. You can change it at any time on your payment settings page.
payments-wizard-lower-label = If you chose a lower amount: the most you want for one activity
payments-wizard-lower-hint = In pounds, for example 20

payments-wizard-check-title = Check your answers before sending your claim
payments-wizard-check-activity = What it was for
payments-wizard-check-description = What you did
payments-wizard-check-date = When
payments-wizard-check-time = How long
payments-wizard-check-expenses = Expenses
payments-wizard-check-no-expenses = No expenses
payments-wizard-check-expense = Expense { $n }
payments-wizard-check-paid = How you would like to be paid
payments-wizard-change = Change
payments-wizard-remove = Remove
payments-wizard-add-expense = Add another expense
payments-wizard-receipts-title = You will need a receipt
payments-wizard-receipts = After you send your claim, you will be asked for a photo or a scan of your receipt for: { $what }.
payments-wizard-send-title = Now send your claim
payments-wizard-send-text = By sending this claim you are saying that what you told us is true.
payments-wizard-send = Send my claim
payments-wizard-duration-hours = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
}
payments-wizard-duration-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
payments-wizard-duration-both = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
payments-wizard-miles-count = { $miles } miles

payments-wizard-error-has-expenses = Choose yes if you have expenses to claim
payments-wizard-error-more = Choose yes if you want to add another expense

payments-wizard-sent-title = Claim sent
payments-wizard-sent-number = Your claim number is { $id }
payments-wizard-next-title = What happens next
payments-wizard-next-approve = A co-production lead or a member of staff checks your claim and approves it.
payments-wizard-next-authorise = Then someone in the finance team checks it again. Two different people always check a claim.
payments-wizard-next-paid = It is paid in the next payment run, in the way you chose.
payments-wizard-next-target = We aim to pay claims within { $days } days of them being sent.
payments-wizard-next-told = If we cannot pay all or part of your claim, we will tell you why.
payments-wizard-next-see = You can see where your claim is at any time in My claims.
payments-wizard-see-claim = See your claim
payments-wizard-receipt-title = Add your receipt to send your claim
payments-wizard-receipt-text = Your claim is saved as claim { $id }. It will be sent when you add a photo or a scan of your receipt.
payments-wizard-receipt-send = Add the receipt and send my claim

payments-wizard-claim-by = Who it is for
payments-wizard-claim-you = You
payments-wizard-own-choice = How you are paid
payments-wizard-own-guard-warning = This claim counts { $this } as income, which would take you past your own limit. Being paid up to { $room } this time keeps you within it.
payments-wizard-own-next-draft = This claim has not been sent yet.
payments-wizard-own-next-submitted = Your claim is waiting to be checked. A co-production lead or a member of staff approves it, then the finance team authorises it, and it is paid in the next payment run.
payments-wizard-own-next-approved = Your claim is approved. The finance team authorises it next, then it is paid in the next payment run.
payments-wizard-own-next-authorised = Your claim is authorised. It will be paid in the next payment run.
payments-wizard-own-next-in-run = Your claim is in a payment run and will be paid soon.
payments-wizard-own-next-paid = Your claim has been paid.
payments-wizard-own-next-rejected = This claim will not be paid. The reason is at the top of this page.
