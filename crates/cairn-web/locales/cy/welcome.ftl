## Cyfarfodydd croeso a chyfarfodydd cyswllt teulu i bobl sy'n cyrraedd uned (dyddiadau yn unig, dim enwau).

welcome-title = Cyfarfodydd croeso
welcome-intro = Cofnodwch bob achos o gyrraedd uned, ac a gynigiwyd cyfarfod croeso neu gyfarfod cyswllt teulu, a gafodd ei dderbyn, ac a gafodd ei gynnal.
welcome-no-names = Nid oes enwau na manylion clinigol yn cael eu cofnodi yma: dim ond yr uned a'r dyddiadau.
welcome-back-to-people = Yn ôl i restr y bobl
welcome-log-button = Cofnodi rhywun yn cyrraedd
welcome-filter-title = Hidlo
welcome-unit = Uned
welcome-share-title = Cynnig cyfarfod dros y { $days } o ddiwrnodau diwethaf
welcome-share-summary = Cyfnod: { $from } – { $to }. Cynigiwyd cyfarfod: { $offered } o { $arrivals }.
welcome-col-arrivals = Nifer a gyrhaeddodd
welcome-col-offered-count = Cynigiwyd cyfarfod
welcome-col-share = Cyfran
welcome-percent = { $percent }%
welcome-arrivals-title = Cofnodion cyrraedd
welcome-arrivals-none = Dim cofnodion cyrraedd eto.
welcome-col-arrived = Dyddiad cyrraedd
welcome-col-offered = Cynnig cyfarfod
welcome-col-answer = Ateb
welcome-col-held = Cyfarfod wedi'i gynnal
welcome-col-action = Cam gweithredu
welcome-record-link = Cofnodi'r cyfarfod (cyrraedd: { $date })
welcome-accepted-on = Derbyniwyd: { $date }
welcome-declined-on = Gwrthodwyd: { $date }
welcome-no-answer = Dim ateb eto
welcome-dash = Dim eto
welcome-not-offered = Heb ei gynnig

welcome-new-title = Cofnodi rhywun yn cyrraedd
welcome-field-arrived = Dyddiad cyrraedd
welcome-field-offered-now = Dyddiad cynnig cyfarfod (dewisol)
welcome-field-offered-now-hint = Os oes cyfarfod croeso neu gyfarfod cyswllt teulu wedi'i gynnig yn barod. Er enghraifft, 27 3 2026
welcome-log-submit = Cofnodi

welcome-show-title = Cyrraedd: { $date }
welcome-record-intro = Cofnodwch y cyfarfod croeso neu'r cyfarfod cyswllt teulu. Gadewch ddyddiad yn wag os nad yw wedi digwydd.
welcome-field-offered = Dyddiad cynnig y cyfarfod
welcome-field-accepted = Dyddiad ei dderbyn (dewisol)
welcome-field-declined = Dyddiad ei wrthod (dewisol)
welcome-field-answer-hint = Llenwch naill ai derbyn neu wrthod, nid y ddau. Er enghraifft, 27 3 2026
welcome-field-held = Dyddiad cynnal y cyfarfod (dewisol)
welcome-record-submit = Cadw

welcome-error-arrived = Rhowch y dyddiad cyrraedd
welcome-error-before-arrival = Ni all y dyddiad fod cyn y dyddiad cyrraedd
welcome-error-needs-offered = Rhowch ddyddiad cynnig y cyfarfod yn gyntaf
welcome-error-before-offered = Ni all y dyddiad fod cyn i'r cyfarfod gael ei gynnig
welcome-error-accepted-and-declined = Mae cyfarfod naill ai'n cael ei dderbyn neu ei wrthod: gadewch un o'r dyddiadau'n wag
welcome-error-held-declined = Ni chafodd cyfarfod a wrthodwyd ei gynnal: tynnwch un o'r dyddiadau
welcome-error-offered-required = Rhowch ddyddiad cynnig y cyfarfod
welcome-error-unit = Dewiswch un o'ch unedau
