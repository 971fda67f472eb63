## API error messages.

api-error-unauthorised = Send a valid access token: Authorization: Bearer <token>.
api-error-forbidden = Your role does not allow this.
api-error-not-found = Not found.
api-error-invalid = Some fields are not right; see "fields".
api-error-bad-json = The body is not valid JSON for this request.
api-error-too-large = The body is too large.
api-error-conflict = This clashes with something already recorded.
api-error-throttled = Too many requests; wait and try again.
api-error-internal = Something went wrong on our side.
api-error-bad-query = A query parameter or the path holds a character that cannot be read.
api-error-bad-path = A value in the path is not of the right kind (an id is a whole number).
