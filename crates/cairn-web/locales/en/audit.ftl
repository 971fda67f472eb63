## The audit log.

audit-title = Audit log
audit-intro = Every change in Cairn, and every time someone looks at a person's record, newest first.
audit-download = Download as CSV (opens in Excel)
audit-none = Nothing matches these filters.
audit-from = From
audit-to = To
audit-date-hint = For example 2026-03-27
audit-entity-hint = For example person, unit, user
audit-on-behalf = { $who }, for person { $person }
audit-col-id = Entry
audit-col-at = When
audit-col-actor = Who
audit-col-on-behalf = For person
audit-col-action = What happened
audit-col-entity = Record type
audit-col-entity-id = Record number
audit-col-change = Change
audit-col-before = Before
audit-col-after = After

audit-action-create = Added
audit-action-update = Changed
audit-action-view = Looked at
audit-action-sign-in = Signed in
audit-action-sign-out = Signed out
audit-action-export = Downloaded
audit-action-revoke = Stopped
