## Negeseuon gwall yr API.

api-error-unauthorised = Anfonwch docyn mynediad dilys: Authorization: Bearer <tocyn>.
api-error-forbidden = Nid yw eich rôl yn caniatáu hyn.
api-error-not-found = Heb ddod o hyd iddo.
api-error-invalid = Nid yw rhai meysydd yn iawn; gweler "fields".
api-error-bad-json = Nid yw'r corff yn JSON dilys ar gyfer y cais hwn.
api-error-too-large = Mae'r corff yn rhy fawr.
api-error-conflict = Mae hyn yn gwrthdaro â rhywbeth sydd eisoes wedi'i gofnodi.
api-error-throttled = Gormod o geisiadau; arhoswch a rhowch gynnig arall arni.
api-error-internal = Aeth rhywbeth o'i le ar ein hochr ni.
api-error-bad-query = Mae paramedr ymholiad neu'r llwybr yn cynnwys nod na ellir ei ddarllen.
api-error-bad-path = Nid yw gwerth yn y llwybr o'r math cywir (rhif cyfan yw dynodydd).
