## Y log archwilio.

audit-title = Log archwilio
audit-intro = Pob newid, a phob tro mae rhywun yn edrych ar gofnod person, y diweddaraf yn gyntaf.
audit-download = Lawrlwytho fel CSV (yn agor yn Excel)
audit-none = Does dim yn cyfateb i'r hidlyddion hyn.
audit-from = O
audit-to = Hyd at
audit-date-hint = Er enghraifft 2026-03-27
audit-entity-hint = Er enghraifft person, unit, user
audit-on-behalf = { $who }, ar ran person { $person }
audit-col-id = Cofnod
audit-col-at = Pryd
audit-col-actor = Pwy
audit-col-on-behalf = Ar ran person
audit-col-action = Beth ddigwyddodd
audit-col-entity = Math o gofnod
audit-col-entity-id = Rhif y cofnod
audit-col-change = Newid
audit-col-before = Cyn
audit-col-after = Ar ôl

audit-action-create = Wedi ychwanegu
audit-action-update = Wedi newid
audit-action-view = Wedi edrych
audit-action-sign-in = Wedi mewngofnodi
audit-action-sign-out = Wedi allgofnodi
audit-action-export = Wedi lawrlwytho
audit-action-revoke = Wedi atal
