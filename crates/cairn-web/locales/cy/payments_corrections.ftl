# Cywiro hawliad a dalwyd: mae cywiriad yn gwrthdroi'r llinellau a ddewiswyd, gyda rheswm; mae
# rhywun arall yn y tîm cyllid yn ei awdurdodi a chaiff ei dalu yn y rhediad talu nesaf.
payments-error-correct-lines = Dewiswch o leiaf un llinell i'w chywiro
payments-error-correct-below-zero = Byddai hyn yn adennill mwy nag a dalwyd. Os talwyd ffi is, dewiswch y llinell a'i gostyngodd hefyd.
payments-error-correct-a-correction = Cywiriad yw hwn. I'w newid, cywirwch yr hawliad a dalwyd y mae'n ei gywiro.
payments-error-not-paid = Dim ond hawliad a dalwyd sy'n cael ei gywiro fel hyn. Cyn talu, cywirwch linell ar yr hawliad ei hun.
payments-event-correction-made = Cywiriad wedi'i gofnodi, yn aros i ail berson ei awdurdodi
payments-event-correction-recorded = Wedi'i gywiro ar ôl ei dalu
notice-claim-corrected = Mae un o'ch hawliadau a dalwyd wedi'i gywiro o { $amount }. Mae'r rheswm ar yr hawliad.
payments-export-row-correction = Cywiriad i hawliad a dalwyd
payments-correct-paid = Cywiro'r hawliad hwn a dalwyd
payments-correct-paid-intro = Ni chaiff hawliad a dalwyd byth ei newid. Mae cywiriad yn gwrthdroi'r llinellau a ddewiswch, gyda'ch rheswm. Rhaid i rywun arall yn y tîm cyllid ei awdurdodi. Yna caiff ei dalu yn y rhediad talu nesaf, gan ostwng yr hyn a delir i'r person.
payments-correct-paid-lines = Llinellau i'w gwrthdroi
payments-correct-paid-line = { $line }: { $amount }
payments-correct-paid-reason = Rheswm dros y cywiriad
payments-correct-paid-reason-hint = Bydd y person yn darllen hwn ar yr hawliad.
payments-correct-paid-button = Cofnodi'r cywiriad
payments-corrects = Cywiriad i hawliad { $id } a dalwyd yw hwn.
payments-corrects-link = Mynd i hawliad { $id }
payments-corrections-title = Cywiriadau ar ôl talu
payments-correction-row = Cywiriad { $id }: { $amount } ({ $status })
payments-correction-tag = Cywiriad
payments-statement-corrections = Cywiriadau ar ôl talu
payments-statement-corrections-intro = Mae pob cywiriad yn cyfrif yn wythnos a mis y gweithgaredd y mae'n ei gywiro, ar ôl iddo gael ei awdurdodi.
payments-statement-correction = Hawliad { $claim } ({ $date }): { $amount }, { $status }
payments-report-corrections = Cywiriadau i hawliadau a dalwyd, wedi'u talu yn ystod y 12 mis diwethaf: { $count }, sef cyfanswm o { $amount }. Maen nhw wedi'u cynnwys yn y cyfansymiau isod.
