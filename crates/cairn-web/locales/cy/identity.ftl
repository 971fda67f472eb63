## Mewngofnodi staff drwy ddarparwr hunaniaeth y sefydliad (OpenID Connect).

identity-settings-link = Mewngofnodi gyda darparwr hunaniaeth eich sefydliad
identity-settings-title = Mewngofnodi gyda darparwr hunaniaeth eich sefydliad
identity-settings-intro = Gall staff fewngofnodi gyda'r cyfrif y mae eich sefydliad eisoes yn ei roi iddyn nhw, fel GIG Cymru neu Microsoft Entra ID, yn lle cyfrinair Cairn. Dim ond pobl sydd â chyfrif Cairn yn barod y mae Cairn yn eu mewngofnodi: nid yw byth yn creu cyfrif. Mae aelodau bob amser yn mewngofnodi gyda'u cyfrinair neu eu gwahoddiad.
identity-settings-redirect = Cofrestrwch y cyfeiriad hwn gyda'ch darparwr hunaniaeth fel cyfeiriad ailgyfeirio Cairn:
identity-settings-saved = Wedi'i gadw. Gwiriodd Cairn gyfeiriad y darparwr, ac fe atebodd.
identity-issuer = Cyfeiriad y cyhoeddwr (issuer)
identity-issuer-hint = Y cyfeiriad y mae eich darparwr yn ei alw'n gyhoeddwr (issuer), er enghraifft https://login.microsoftonline.com/id-eich-tenant/v2.0. Mae Cairn yn ei wirio pan fyddwch yn cadw.
identity-client-id = ID y cleient (client ID)
identity-client-secret = Cyfrinach y cleient (client secret)
identity-client-secret-keep = Gadewch hwn yn wag i gadw'r gyfrinach sydd wedi'i chadw. Nid yw Cairn byth yn ei dangos eto.
identity-display-name = Enw'r darparwr yn Saesneg
identity-display-name-hint = Yn cael ei ddangos ar y botwm mewngofnodi ar dudalennau Saesneg, er enghraifft NHS Wales.
identity-display-name-cy = Enw'r darparwr yn Gymraeg
identity-display-name-cy-hint = Yn cael ei ddangos ar y botwm mewngofnodi ar dudalennau Cymraeg, er enghraifft GIG Cymru.
identity-staff-required = Rhaid i staff fewngofnodi gyda'r darparwr
identity-staff-required-hint = Ni fydd staff yn gallu mewngofnodi gyda chyfrinair. Nid oes rhaid i aelodau byth: maen nhw'n cadw eu cyfrinair a'u gwahoddiad.
identity-emails-verified = Trin cyfeiriadau e-bost y darparwr fel rhai sydd wedi'u dilysu
identity-emails-verified-hint = Trowch hwn ymlaen dim ond ar gyfer darparwr y mae eich sefydliad yn ei redeg ei hun, fel Microsoft Entra ID ag un tenant, nad yw'n dweud a yw cyfeiriad wedi'i wirio. Fel arall, gallai unrhyw un sy'n gallu gosod ei gyfeiriad e-bost ei hun gyda'r darparwr gymryd cyfrif Cairn drosodd y tro cyntaf y bydd yn mewngofnodi. Nid yw Cairn byth yn defnyddio cyfeiriad y mae'r darparwr yn dweud nad yw wedi'i ddilysu.
identity-save = Cadw a gwirio
identity-back-to-settings = Yn ôl i osodiadau'r sefydliad

identity-disconnected = Mae'r darparwr hunaniaeth wedi'i ddatgysylltu. Bellach mae staff yn mewngofnodi gyda'u cyfeiriad e-bost a'u cyfrinair.
identity-disconnect-heading = Datgysylltu'r darparwr hunaniaeth
identity-disconnect-summary = Bydd staff yn mewngofnodi gyda'u cyfeiriad e-bost a'u cyfrinair yn lle hynny. Bydd gofyn i chi gadarnhau.
identity-disconnect-link = Datgysylltu'r darparwr hunaniaeth
identity-disconnect-title = Datgysylltu'r darparwr hunaniaeth
identity-disconnect-back = Yn ôl i osodiadau'r darparwr hunaniaeth
identity-disconnect-intro = Os byddwch yn datgysylltu { $name }:
identity-disconnect-goes-button = bydd y botwm “Mewngofnodi gyda” yn diflannu o'r dudalen mewngofnodi, ac ni fydd mewngofnodi sydd eisoes wedi dechrau gyda'r darparwr yn gorffen
identity-disconnect-goes-rule = ni fydd rhaid i staff fewngofnodi gyda'r darparwr mwyach
identity-disconnect-passwords = bydd staff yn mewngofnodi gyda'u cyfeiriad e-bost a'u cyfrinair, a gall unrhyw un heb gyfrinair ddewis un gyda “Wedi anghofio eich cyfrinair?” ar y dudalen mewngofnodi
identity-disconnect-links-kept = bydd Cairn yn cadw pa gyfrif yw pa berson gyda'r darparwr, felly os byddwch yn cysylltu'r un darparwr eto, gall staff fewngofnodi ag ef ar unwaith
identity-disconnect-button = Datgysylltu { $name }
identity-disconnect-cancel = Cadw'r darparwr wedi'i gysylltu a mynd yn ôl

identity-error-issuer-required = Rhowch gyfeiriad y cyhoeddwr
identity-error-issuer-https = Rhowch gyfeiriad sy'n dechrau gyda https://, heb ymholiad na darn (query, fragment)
identity-error-issuer-unreachable = Nid oedd Cairn yn gallu darllen gosodiadau'r darparwr o'r cyfeiriad hwn. Gwiriwch y cyfeiriad a bod modd cyrraedd y darparwr, yna rhowch gynnig arall arni
identity-error-issuer-mismatch = Mae'r darparwr yn y cyfeiriad hwn yn galw ei hun wrth gyfeiriad cyhoeddwr gwahanol. Rhowch gyfeiriad y cyhoeddwr yn union fel y mae'r darparwr yn ei roi
identity-error-client-id-required = Rhowch ID y cleient
identity-error-secret-required = Rhowch gyfrinach y cleient
identity-error-name-required = Rhowch enw'r darparwr yn Saesneg
identity-error-name-cy-required = Rhowch enw'r darparwr yn Gymraeg
identity-error-too-long = Rhowch lai o nodau
identity-error-use-provider = Mae eich sefydliad yn gofyn i staff fewngofnodi gyda'i ddarparwr hunaniaeth. Defnyddiwch y botwm “Mewngofnodi gyda” ar y dudalen hon

identity-sign-in-with = Mewngofnodi gyda { $name }
identity-or-password = Neu mewngofnodwch gyda'ch cyfeiriad e-bost a'ch cyfrinair.

identity-refused-title = Nid ydych wedi mewngofnodi
identity-refused-back = Yn ôl i'r dudalen mewngofnodi
identity-refused-expired = Mae'r mewngofnodi hwn wedi'i ddefnyddio'n barod, neu fe ddechreuodd fwy na 10 munud yn ôl. Ewch yn ôl i'r dudalen mewngofnodi a dechrau eto.
identity-refused-provider = Nid oedd Cairn yn gallu gorffen eich mewngofnodi gyda chyfrif eich sefydliad. Rhowch gynnig arall arni. Os yw'n digwydd eto, dywedwch wrth weinyddwr Cairn eich sefydliad.
identity-refused-token = Nid oedd Cairn yn gallu cadarnhau'r ateb gan wasanaeth mewngofnodi eich sefydliad, felly nid ydych wedi mewngofnodi. Rhowch gynnig arall arni. Os yw'n digwydd eto, dywedwch wrth weinyddwr Cairn eich sefydliad.
identity-refused-unknown = Nid oedd Cairn yn gallu dod o hyd i gyfrif i chi. Nid yw mewngofnodi yn creu cyfrif Cairn: gofynnwch i weinyddwr Cairn eich sefydliad roi un i chi, gyda'r cyfeiriad e-bost y mae eich sefydliad yn eich adnabod wrtho.
identity-refused-disabled = Mae eich cyfrif Cairn wedi'i ddiffodd, felly ni allwch fewngofnodi. Os ydych chi'n meddwl bod hyn yn anghywir, siaradwch â gweinyddwr Cairn eich sefydliad.
identity-refused-member = Mae aelodau'n mewngofnodi i Cairn gyda'u cyfeiriad e-bost a'u cyfrinair, neu gyda'r ddolen yn eu gwahoddiad. Ewch yn ôl i'r dudalen mewngofnodi a defnyddio'r ffurflen yno.

audit-entity-identity-link = Cysylltiad â hunaniaeth gyda'r darparwr
audit-entity-identity-provider = Darparwr hunaniaeth
audit-entity-identity-sign-in = Mewngofnodi drwy'r darparwr hunaniaeth
