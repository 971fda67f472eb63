## Payments and expenses

nav-my-claims = My claims
nav-payments = Payments
nav-payment-report = Payments

payments-title = Payments
payments-intro = Claims for time and expenses, from making a claim to paying it. Two different people always approve and authorise.
payments-waiting = Claims waiting at each step
payments-claims = Claims
payments-my-claims = My claims
payments-new-claim = Make a claim
payments-back = Back to claims
payments-back-home = Back to payments
payments-no-claims = No claims match.
payments-none-yet = None yet.
payments-choose = Choose
payments-choose-person = Choose a person
payments-claim-title = Claim { $id }
payments-example = Example – check the current figure

payments-activity-meeting = Meeting
payments-activity-interview-panel = Interview panel
payments-activity-training-delivery = Delivering training
payments-activity-consultation = Consultation
payments-activity-other = Something else

payments-basis-hour = By the hour
payments-basis-session = By the session (half day or day)

payments-expense-mileage-car = Car mileage
payments-expense-mileage-passenger = Passenger mileage
payments-expense-mileage-bicycle = Bicycle mileage
payments-expense-public-transport = Public transport
payments-expense-parking = Parking
payments-expense-meal = Meal
payments-expense-care-cover = Care or childcare cover
payments-expense-online-allowance = Online meeting allowance

payments-status-draft = Not sent yet
payments-status-submitted = Waiting for approval
payments-status-approved = Approved, waiting for finance
payments-status-authorised = Authorised, waiting for payment
payments-status-in-run = In a payment run
payments-status-paid = Paid
payments-status-rejected = Not paid

payments-choice-bank = Payment to my bank account
payments-choice-payroll = Payment through payroll
payments-choice-voucher = Vouchers
payments-choice-lower = A lower amount
payments-choice-expenses-only = Expenses only
payments-choice-nothing = No payment

payments-period-week = Week
payments-period-month = Month

payments-run-open = Open
payments-run-locked = Locked
payments-run-paid = Paid

payments-event-made = Claim made
payments-event-made-for = Claim made with the person
payments-event-submitted = Sent for approval
payments-event-approved = Approved
payments-event-authorised = Authorised
payments-event-rejected = Not paid
payments-event-paid = Paid
payments-event-paid-less = Approved at a lower fee
payments-event-corrected = Corrected

## Columns
payments-col-person = Person
payments-col-activity = What it was for
payments-activity-legend = What it was for
payments-col-date = Date of the activity
payments-col-time = Time given
payments-col-description = Description
payments-col-choice = How they are paid
payments-col-made-by = Made by
payments-col-status = Status
payments-col-line = Line
payments-col-detail = Detail
payments-col-amount = Amount
payments-col-amount-pence = Amount (pence)
payments-col-income = Counts as income
payments-col-category = Expense
payments-col-what = What
payments-col-rate = Rate
payments-col-valid = When it applies
payments-col-claim = Claim
payments-col-cost-centre = Cost centre
payments-col-period = Period
payments-col-paid = Paid
payments-col-authorised = Authorised
payments-col-pending = Waiting
payments-col-fees = Fees in total
payments-col-breakdown = Breakdown
payments-col-row = Row
payments-col-claims = Claims

## Making a claim
payments-claim-intro = Claim for the time you gave and what it cost you. The fee comes from the rate for the activity on that date.
payments-date-hint = For example, 15 7 2026
payments-time-hint = Hours and minutes, for example 2 and 30
payments-hours = Hours
payments-minutes = Minutes
payments-description-hint = For example, the meeting's name, or what you did
payments-expenses = Expenses
payments-expenses-hint = Leave these empty if you have no expenses. Mileage is in miles; everything else in pounds.
payments-expense-n = Expense { $n }
payments-no-expense = No expense
payments-miles-label = Miles (for mileage)
payments-miles-hint = For example, 12.5
payments-amount-label = Amount in pounds (for other expenses)
payments-amount-hint = For example, 4.80
payments-save-claim = Save the claim
payments-duration = { $hours } h { $minutes } min
payments-miles = Miles: { $miles }

## One claim
payments-money = Money
payments-line-fee = Fee for the time given
payments-line-adjustment = Fee lowered this time
payments-line-reversal = Correction
payments-income-yes = Yes
payments-income-no = No
payments-fee = Fee
payments-total = Total
payments-rejected-because = Why it was not paid: { $reason }
payments-guard-title = Fees and the earnings limit
payments-guard-week = Week starting { $date }: { $parts }
payments-guard-month = Month starting { $date }: { $parts }
payments-guard-parts = paid { $paid }, authorised { $authorised }, waiting { $pending }
payments-guard-warning-title = This would go over the limit
payments-guard-warning = This claim counts { $this } as income for { $name }, which would take them past their own limit. Paying up to { $room } this time keeps them within it.
payments-own-limit = Own limit: { $limit }
payments-no-limit = No limit has been recorded.
payments-limit-week = { $amount } a week
payments-limit-month = { $amount } a month
payments-advice-signpost = Cairn does not give benefits advice. For advice about benefits and involvement payments, talk to an independent adviser such as Citizens Advice.
payments-receipts = Receipts
payments-receipt-missing = A receipt is needed before this claim can be sent
payments-no-receipts = No receipts attached.
payments-receipt-label = Attach a receipt
payments-receipt-hint = A photo (JPEG or PNG) or a PDF, up to 5 MB.
payments-receipt-add = Attach the receipt
payments-receipt-name = Receipt { $id } ({ $kind }, { $size } KB)
payments-next-step = Next step
payments-submit = Send the claim for approval
payments-pay-less = Pay a lower fee this time (optional)
payments-pay-less-hint = In pounds. Leave empty to pay the fee claimed.
payments-pay-less-reason = Reason for the lower fee
payments-approve = Approve the claim
payments-authorise = Authorise the claim for payment
payments-reject-reason = Why it cannot be paid
payments-reject-hint = The person will read this, so write it kindly and plainly.
payments-reject = Do not pay this claim
payments-correct = Correct a line
payments-reverse-reason = Reason for correcting: { $line }, { $amount }
payments-reverse = Correct this line
payments-history = History

## Rates
payments-rates-title = Rate card
payments-rates-intro = What involvement is paid and which expenses are refunded, with the dates each rate applies. Figures marked as examples must be checked before use.
payments-fee-rates = Fees
payments-expense-rates = Mileage and expenses
payments-presets = Earnings limits people can choose
payments-example-col = Example
payments-per-hour = { $amount } an hour
payments-per-session = { $half } under 4 hours, { $day } for 4 hours or more
payments-per-mile = { $pence }p a mile
payments-after-band = { $pence }p a mile after { $miles } miles in a tax year
payments-up-to = up to { $amount }
payments-needs-receipt = Needs a receipt
payments-needs-preapproval = Ask before the activity
payments-counts-as-income = Counts as income
payments-valid-from = From { $from }
payments-valid-between = { $from } to { $to }
payments-add-fee-rate = Add a fee rate
payments-add-expense-rate = Add an expense rate
payments-basis = How it is counted
payments-hour-rate = Rate per hour
payments-half-day-rate = Rate for under 4 hours
payments-day-rate = Rate for 4 hours or more
payments-pounds-hint = In pounds, for example 20.00
payments-valid-from-label = Applies from
payments-valid-to-label = Applies until (optional)
payments-valid-to-hint = The last day it applies. Leave empty while it is current.
payments-source = Source
payments-source-hint = Where the figure comes from, for example a policy or guidance
payments-per-mile-label = Rate per mile (mileage)
payments-after-band-label = Rate per mile after the yearly limit (car)
payments-band-label = Miles in a tax year at the first rate (car)
payments-limit-label = Most that can be claimed at once
payments-save-rate = Save the rate

## Runs
payments-runs-title = Payment runs
payments-runs-intro = Gather authorised claims into a run, lock it, export it for payroll or accounts, then mark it paid. A claim can only ever be in one run.
payments-ready = Authorised claims ready to pay
payments-none-ready = No authorised claims are waiting.
payments-choose-claims = Claims to include
payments-make-run = Make a payment run
payments-runs = Runs
payments-run-title = Payment run { $id }
payments-run-claims = Claims: { $n }
payments-run-status = Status: { $status }
payments-run-total = Total: { $total }
payments-reconciled = Lines, claims and run total agree
payments-not-reconciled = The totals do not agree
payments-lock = Lock the run
payments-export-payroll = Download for payroll (CSV)
payments-export-accounts = Download for accounts (CSV)
payments-mark-paid = Mark the run as paid

## Choice and limit
payments-settings-title = How I am paid
payments-explain-vouchers = Vouchers count as income, just like money.
payments-explain-expenses = Expenses you have receipts for are not income: they pay back what it cost you.
payments-choice-question = How would you like to be recognised?
payments-lower-label = The most you would like as a fee for one activity
payments-lower-hint = In pounds. Only used if you choose a lower amount.
payments-limit-title = Your own limit
payments-limit-intro = If your income must stay under a limit, record it here. You do not need to say why. Cairn will warn before a claim would take you past it.
payments-limit-question = Do you have a limit?
payments-limit-kind-none = No limit
payments-limit-kind-preset = Choose from a list
payments-limit-kind-own = Type in my own
payments-preset-label = Limit from the list
payments-period-label = Each
payments-limit-amount = Amount of your limit
payments-settings-saved = Saved. Cairn will use this from your next claim.
payments-save-settings = Save

## Statement
payments-statement-title = Statement of fees and expenses
payments-statement-for = Statement for: { $name }
payments-statement-period = Show this period
payments-statement-print = Print this page from your browser to take to an adviser.
payments-by-week = By week
payments-by-month = By month
payments-week-of = Week starting { $date }
payments-over-limit = Over the limit

## Report
payments-report-title = Payments report
payments-report-summary = Claims paid in the last 12 months: { $paid }. Paid within { $days } days of being sent: { $within }.
payments-median-days = Usual time from sending to payment (median, days): { $days }
payments-report-download = Download the figures (CSV)
payments-report-chart-title = Paid each month, in pounds
payments-report-pounds = Pounds paid
payments-report-by-month = By month
payments-report-by-unit = By unit
payments-report-by-constituency = By how people take part
payments-report-by-activity = By activity
payments-no-unit = No unit

## Notices
notice-claim-made-for = { $by } made a claim with you. You can see it under My claims.
notice-claim-paid-less = One of your claims was approved at a lower fee: { $amount }. The reason is on the claim.
notice-claim-rejected = One of your claims cannot be paid. The reason is on the claim.

## Model supports
model-measure-rate-card-yes = Rate card: a current rate card is in place
model-measure-rate-card-no = Rate card: there is no current rate card
model-measure-paid-in-time = Claims paid within the target in the last quarter: { $count }%

## Errors
payments-error-activity = Choose what the time was for
payments-error-date = Enter the date of the activity
payments-error-time = Enter the time given in hours and minutes, up to 24 hours
payments-error-description = Describe the activity
payments-error-too-long = This is too long
payments-error-too-many = Enter up to 12 expenses
payments-error-category = Choose an expense from the list
payments-error-miles = Enter the miles as a number, like 12.5
payments-error-amount = Enter an amount in pounds, like 4.80
payments-error-no-rate = There is no rate for this activity on that date. Ask the co-production lead or finance.
payments-error-no-expense-rate = This expense has no rate on that date
payments-error-over-limit = This is more than can be claimed for this expense at once
payments-error-person = Choose a person from the list
payments-error-meeting = Choose a meeting that exists
payments-error-wrong-status = The claim has already moved on. Reload the page to see where it is now.
payments-error-own-claim = Nobody can approve, authorise or correct their own claim
payments-error-same-person = The person who approved a claim cannot also authorise it
payments-error-not-yet = A claim can be authorised once the activity has happened
payments-error-pay-less = Enter a fee no higher than the fee claimed
payments-error-reason = Give a reason
payments-error-below-zero = This correction would leave a negative amount. Correct the lower-fee line first.
payments-error-reversed = That line has already been corrected
payments-error-line = Choose a line of this claim
payments-error-receipt-empty = Choose a file to attach
payments-error-receipt-size = The file must be 5 MB or smaller
payments-error-receipt-type = The file must be a JPEG, PNG or PDF
payments-error-receipt-needed = Attach a receipt before sending this claim
payments-error-run-empty = Choose at least one claim
payments-error-run-size = A run can hold up to 20,000 claims
payments-error-run-request-size = One request can gather up to 10,000 claims into a run
payments-error-in-run = One of these claims is already in a run or is no longer authorised. Nothing was changed.
payments-error-run-locked = The run is already locked
payments-error-run-not-locked = Lock the run first
payments-error-basis = Choose how the rate is counted
payments-error-valid-from = Enter the date the rate applies from
payments-error-valid-to = The end date must be on or after the start date
payments-error-source = Say where the figure comes from
payments-error-band = Enter a whole number of miles
payments-error-choice = Choose how you would like to be recognised
payments-error-preset = Choose a limit from the list
payments-error-period = Choose week or month
payments-error-limit-kind = Choose whether you have a limit
payments-error-range = Choose a period of up to two years, ending after it starts
payments-error-format = Use payroll or accounts

## The payments report for those who may not see claims
payments-report-small-numbers = A unit, group of people or kind of activity with fewer than { $count } paid claims is not shown, as its amount could be one person's payments; where a hidden line could be worked out from the total, another is hidden too.

## A payment run's exports (the payroll and accounts CSV files): headings, row kinds, payment methods
payments-export-col-run = Run number
payments-export-col-row = Row type
payments-export-col-claim = Claim number
payments-export-col-person = Person number
payments-export-col-name = Name
payments-export-col-cost-centre = Cost centre
payments-export-col-activity = Activity
payments-export-col-activity-on = Date of the activity
payments-export-col-method = Payment method
payments-export-col-claims = Number of claims
payments-export-col-fee-pence = Fee (pence)
payments-export-col-taxable-pence = Taxable fees (pence)
payments-export-col-expenses-pence = Expenses (pence)
payments-export-col-total-pence = Total (pence)
payments-export-col-total-pounds = Total (pounds)
payments-export-row-claim = Claim
payments-export-row-person-total = Total for the person
payments-export-row-cost-centre-total = Total for the cost centre
payments-export-row-run-total = Total for the run
payments-export-method-bank = Bank transfer
payments-export-method-payroll = Payroll
payments-export-method-voucher = Vouchers
payments-export-method-lower = A lower amount
payments-export-method-expenses-only = Expenses only
payments-export-method-nothing = No payment
