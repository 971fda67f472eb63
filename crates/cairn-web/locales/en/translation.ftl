## Text the organisation writes, in both languages, and the translation list.

translation-both-hint = Write it in English, Welsh or both. If you fill in one, it goes on the translation list until someone adds the other.
translation-english = English
translation-welsh = Welsh (Cymraeg)
translation-not-yet-cy = Not yet available in Welsh
translation-not-yet-en = Not yet available in English

translation-field-suggestion-public-text = Suggestion: what you said
translation-field-suggestion-response = Suggestion: what we did
translation-field-group-place = Group: usual place
translation-field-meeting-place = Meeting: place
translation-field-meeting-minutes = Meeting: minutes
translation-field-agenda-item = Meeting: agenda item
translation-field-meeting-decision = Meeting: decision
translation-field-meeting-action = Meeting: action
translation-field-fee-rate-source = Rate card: where a fee comes from
translation-field-expense-rate-source = Rate card: where an expense rate comes from
translation-field-limit-preset-source = Earnings limit: where it comes from
translation-field-round-name = Self-assessment round: name
translation-field-course-title = Course: title
translation-field-course-summary = Course: summary
translation-field-survey-title = Survey: title
translation-field-opportunity-note = Opportunity: note

translation-title = Translation list
translation-intro = Text your organisation wrote in one language only. Until someone adds the other language, here or in its own form, people reading in that language see the text as it was written, marked as not yet translated.
translation-needs-cy = Needs Welsh
translation-needs-en = Needs English
translation-none = Nothing is waiting for translation.
translation-count = { $count ->
    [one] { $count } text is waiting
   *[other] { $count } texts are waiting
}
translation-col-has = Written text
translation-col-add = Translation
translation-open = Open where it is used
translation-add-label-cy = Add the Welsh
translation-add-label-en = Add the English
translation-save = Save translation
translation-saved = Translation saved.
translation-download = Download the list for the translation service (CSV)
translation-upload-title = Bring translations back
translation-upload-hint = Upload the CSV the translation service returns, with the last column filled in. Lines left blank are skipped, so a part-done file can come back more than once.
translation-upload-file = CSV file
translation-upload = Upload translations
translation-uploaded = { $count ->
    [one] { $count } translation added.
   *[other] { $count } translations added.
}
translation-skipped = { $count ->
    [one] { $count } line was skipped because the text was already there.
   *[other] { $count } lines were skipped because the text was already there.
}
translation-csv-field = field
translation-csv-id = id
translation-csv-what = what it is
translation-csv-language = language needed
translation-csv-source = written text
translation-csv-translation = translation
translation-settings-title = Publishing in both languages
translation-board-both = Show suggestions on the public board, poster and kiosk only once both languages are written
translation-board-both-hint = Until then the item stays off the public pages. Leave this off to show it at once, with the missing language marked.
translation-settings-save = Save setting
translation-settings-saved = Setting saved.

translation-error-text = Enter the translation
translation-error-long = The translation is too long for this field
translation-error-field = Line { $line }: the first column is not a field this list knows
translation-error-id = Line { $line }: the id is not a number this list gave
translation-error-language = Line { $line }: the language must be en or cy
translation-error-file = Choose the CSV file the translation service returned
translation-error-csv = The file could not be read as CSV. Upload the file as it came from this page, with the same columns.
translation-error-line-long = Line { $line }: the translation is too long for this field
translation-error-already = Someone has already added this language, so yours was not saved. Check the text where it is used.
nav-translations = Translation
