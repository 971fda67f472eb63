# Correcting a paid claim: a correction reverses chosen lines, with a reason; someone else in
# finance authorises it and it is paid in the next payment run.
payments-error-correct-lines = Choose at least one line to correct
payments-error-correct-below-zero = This would take back more than was paid. If a lower fee was paid, choose the line that lowered it too.
payments-error-correct-a-correction = This is a correction. To change it, correct the paid claim it corrects.
payments-error-not-paid = Only a paid claim is corrected this way. Before payment, correct a line on the claim itself.
payments-event-correction-made = Correction recorded, waiting for a second person to authorise it
payments-event-correction-recorded = Corrected after payment
notice-claim-corrected = One of your paid claims has been corrected by { $amount }. The reason is on the claim.
payments-export-row-correction = Correction of a paid claim
payments-correct-paid = Correct this paid claim
payments-correct-paid-intro = A paid claim is never changed. A correction reverses the lines you choose, with your reason. Someone else in finance must authorise it. It is then paid in the next payment run, lowering what the person is paid.
payments-correct-paid-lines = Lines to reverse
payments-correct-paid-line = { $line }: { $amount }
payments-correct-paid-reason = Reason for the correction
payments-correct-paid-reason-hint = The person reads this on the claim.
payments-correct-paid-button = Record the correction
payments-corrects = This is a correction of paid claim { $id }.
payments-corrects-link = Go to claim { $id }
payments-corrections-title = Corrections after payment
payments-correction-row = Correction { $id }: { $amount } ({ $status })
payments-correction-tag = Correction
payments-statement-corrections = Corrections after payment
payments-statement-corrections-intro = Each correction counts in the week and month of the activity it corrects, once it is authorised.
payments-statement-correction = Claim { $claim } ({ $date }): { $amount }, { $status }
payments-report-corrections = Corrections of paid claims, paid in the last 12 months: { $count }, coming to { $amount }. They are in the totals below.
