## Webhooks: telling the organisation's other systems what changes in Cairn.

settings-webhooks-link = Webhooks: tell your other systems when things change
webhooks-title = Webhooks
webhooks-intro = A webhook tells another system, such as your health board's case system or a dashboard, when something changes in Cairn. Each message is signed with a secret so the system can check it came from Cairn.
webhooks-intro-privacy = Messages carry record numbers and links, not names or what people wrote, unless you choose otherwise for an endpoint.
webhooks-add = Add an endpoint
webhooks-none = No endpoints yet.
webhooks-list-caption = Endpoints that are sent messages
webhooks-col-url = Address
webhooks-col-events = Events
webhooks-col-personal = Names and words
webhooks-personal-yes = Included
webhooks-personal-no = Left out
webhooks-deleted = The endpoint was deleted. Nothing more will be sent to it.
webhooks-back = Back to webhooks
webhooks-back-settings = Back to settings
webhooks-back-endpoint = Back to the endpoint

webhooks-new-title = Add an endpoint
webhooks-new-intro = Give the address of the system that will receive the messages, and choose which changes it hears about.
webhooks-url = Address (URL)
webhooks-url-hint = It must start with https://, for example https://systems.example.nhs.wales/cairn
webhooks-events = Events to send
webhooks-events-hint = Select all that apply.
webhooks-personal-title = Names and what people wrote
webhooks-personal-warning = If you tick this box, messages also carry people's names and the words they wrote, such as the text of a suggestion or what a claim was for. These can say something about a person's health. Only tick it if the receiving system needs them and is allowed to hold them.
webhooks-personal-warning-erasure = When a person is erased, messages naming them are removed from Cairn, but Cairn cannot remove what the other system has already received.
webhooks-personal-label = Include names and what people wrote
webhooks-save = Add endpoint

webhooks-event-suggestion-received = A suggestion arrives, by any route
webhooks-event-suggestion-published = A suggestion's public wording is published
webhooks-event-suggestion-closed = A suggestion is closed with a response
webhooks-event-meeting-planned = A meeting is planned
webhooks-event-meeting-attendance-recorded = Attendance at a meeting is recorded
webhooks-event-claim-submitted = A payment claim is sent for approval
webhooks-event-claim-authorised = A payment claim is authorised by finance
webhooks-event-claim-paid = A payment claim is paid
webhooks-event-payment-run-locked = A payment run is locked for paying
webhooks-event-person-left = Someone leaves
webhooks-event-interest-moved = An expression of interest moves a step

webhooks-show-title = Webhook endpoint
webhooks-secret-title = Copy this secret now
webhooks-secret-once = This is the only time the secret is shown. Put it into the receiving system, which uses it to check each message came from Cairn.
webhooks-rotate-title = Change the secret
webhooks-rotate-intro = Make a new secret if the old one may have been seen by someone else. For one day, messages are signed with both the old and the new secret, so the receiving system keeps working while you change it.
webhooks-rotate-overlap = The old secret still signs messages until { $until }.
webhooks-rotate-button = Make a new secret
webhooks-delete-link = Delete this endpoint

webhooks-log-title = Delivery log
webhooks-log-intro = Each message, its tries and what the receiving system answered. A message that is not accepted is tried again for a day. Finished messages are kept for 30 days.
webhooks-log-none = No messages yet.
webhooks-col-event = Event
webhooks-col-queued = Queued
webhooks-col-attempts = Tries
webhooks-col-state = Outcome
webhooks-attempts-none = Not tried yet
webhooks-attempt-status = answered { $code }
webhooks-attempt-failed = no answer
webhooks-state-delivered = Delivered
webhooks-state-given-up = Given up after a day
webhooks-state-pending = Waiting to be tried again
webhooks-next = Next try: { $when }

webhooks-delete-title = Delete this endpoint?
webhooks-delete-intro = Messages waiting for it will not be sent, and its delivery log is deleted. You cannot undo this.
webhooks-delete-button = Delete endpoint

webhooks-error-url-missing = Enter the address of the receiving system
webhooks-error-url-long = Enter an address of 2,000 characters or fewer
webhooks-error-url = Enter a full address, such as https://systems.example.nhs.wales/cairn
webhooks-error-url-https = Enter an address starting with https://
webhooks-error-url-credentials = Enter the address without a user name or password in it
webhooks-error-events-none = Select at least one event
webhooks-error-events-unknown = Select events from the list
