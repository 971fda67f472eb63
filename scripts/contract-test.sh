#!/usr/bin/env bash
# The API contract test: schemathesis (from PyPI, in a virtual environment kept under target/ so
# reruns are quick) sends generated requests to every operation of /api/v1/openapi.json on a
# running demo server, once with a lead's token and once with a member's, with ALL checks, and
# fails on any difference between what the document says and what the service does.
#
#   scripts/contract-test.sh [path/to/cairn]      (or CAIRN_BIN=path/to/cairn)
#
# Settings (environment): CONTRACT_EXAMPLES (examples per operation, default 30),
# CONTRACT_WORKERS (default 2), CONTRACT_SEED (a fixed seed to replay a run).
# Reports (JUnit and NDJSON) are written to target/contract-test/.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CAIRN_BIN:-$root/target/debug/cairn}}
examples=${CONTRACT_EXAMPLES:-30}
workers=${CONTRACT_WORKERS:-2}
venv=$root/target/schemathesis-venv
out=$root/target/contract-test

fail() {
    echo "contract-test: $*" >&2
    exit 1
}

[ -x "$bin" ] || fail "no cairn binary at $bin (build it: cargo build -p cairn --bin cairn, or pass its path)"
command -v python3 >/dev/null || fail "python3 is needed to install schemathesis"
command -v curl >/dev/null || fail "curl is needed to wait for the server"

# The virtual environment, made once and reused while it holds the pinned version.
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null | grep -o '[0-9][0-9.]*$')" != "$SCHEMATHESIS_VERSION" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" ||
        fail "pip could not install schemathesis==$SCHEMATHESIS_VERSION"
fi
st=$venv/bin/schemathesis

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

db="sqlite://$work/contract.db"
export CAIRN_DEMO_PASSWORD=demo-password-e2e
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"

# The demo organisation first, then tokens made the way an operator makes them
# (`cairn token create`), then the server on the same database.
"$bin" demo --no-serve --database-url "$db" --addr "127.0.0.1:$port" >"$work/demo.log" 2>&1 ||
    { cat "$work/demo.log" >&2; fail "cairn demo could not build the demo organisation"; }
token() {
    "$bin" token create --database-url "$db" --email "$1" --name "$2" ||
        fail "cairn token create failed for $1"
}
lead_token=$(token lead@demo.cairn.test "contract test")
member_token=$(token member@demo.cairn.test "contract test")
lead_spare=$(token lead@demo.cairn.test "contract test: revocation")
member_spare=$(token member@demo.cairn.test "contract test: revocation")

"$bin" demo --database-url "$db" --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "$base/api/v1/openapi.json" -o /dev/null 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "the server stopped while starting"; }
    sleep 0.2
done
curl -fsS "$base/api/v1/openapi.json" -o /dev/null || fail "the server did not answer on $base"

mkdir -p "$out"
# All checks, as schemathesis ships them, with one setting: a request that fits the document's
# schemas but breaks a rule no schema can say (a unit id that names no unit, a name that is
# empty once trimmed, a control character in text, dates in the wrong order, a round already
# open) is answered 422 with the fields at fault, and that is the documented answer, so
# "positive data acceptance" counts 422 as accepted handling. 400 is not: a path or query that
# fits the document must never be refused as unreadable, except in one place: in the stateful
# phase a path value is taken from an earlier answer, and when that answer's member was null
# (a suggestion for the whole service has `"unit_id": null`) schemathesis puts the text "None"
# into the path (`/api/v1/units/None/assessment/L1.02`), which the document does not allow and
# Cairn rightly refuses with 400 `bad_path`.
cat >"$work/schemathesis.toml" <<'TOML'
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[phases.stateful.checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429", "5xx"]
TOML
seed=()
[ -n "${CONTRACT_SEED:-}" ] && seed=(--seed "$CONTRACT_SEED")
status=0
started=$SECONDS

# One run of schemathesis: $1 names it (for the reports), $2 is the token, $3 the number of
# workers, the rest are filters.
once() {
    local name=$1 tok=$2 n=$3
    shift 3
    "$st" --config-file "$work/schemathesis.toml" run "$base/api/v1/openapi.json" \
        --checks all \
        --max-examples "$examples" \
        --workers "$n" \
        --header "Authorization: Bearer $tok" \
        --suppress-health-check all \
        --report junit,ndjson \
        --report-junit-path "$out/$name.xml" \
        --report-ndjson-path "$out/$name.ndjson" \
        --output-truncate true \
        --generation-database ":memory:" \
        "${seed[@]}" "$@" 2>&1 | tee "$work/$name.log"
    return "${PIPESTATUS[0]}"
}

# Python 3.11 counts the AST constructor's recursion in state its threads share, and with two
# workers parsing source at once (hypothesis does, to describe a filter) a run has stopped with
# "SystemError: AST constructor recursion depth mismatch" (see CPython gh-106905). That is the
# tool failing, not a finding about Cairn: such a run, and only one that reported no failed
# check, is made again once. Any failed check fails the test as before.
run() {
    local name=$1
    echo "== contract test: $name"
    once "$@" && return
    if grep -q "AST constructor recursion depth mismatch" "$work/$name.log" &&
        ! grep -q "Failed checks\|FAILURES" "$work/$name.log"; then
        echo "== contract test: $name again (schemathesis stopped on the Python 3.11 parser error above)"
        once "$@" && return
    fi
    status=1
}

# Revoking a token is the one operation that can destroy the credentials of the run making it
# (any id it is given may be the run's own token). It runs in each token's main run against
# nothing (excluded there) and then on its own, last, with a spare token of the same account:
# once the spare is revoked the operation answers 401, which it documents, and nothing after it
# depends on that token. Disabling accounts and erasing people are kept in the main runs: a
# lead and a member are refused them (403), so they cannot end their own run's access.
# (Filters of different kinds select operations matching any of them, so the path alone picks
# the revocation out.) The revocation runs use one worker: with one operation a second has
# nothing to do, and two starting together have tripped over each other in schemathesis's own
# imports (a Python error, not a finding about Cairn).
revoke=(--include-path-regex '^/api/v1/tokens/')
everything_else=(--exclude-path-regex '^/api/v1/tokens/')

run lead "$lead_token" "$workers" "${everything_else[@]}"
run member "$member_token" "$workers" "${everything_else[@]}"
run lead-revocation "$lead_spare" 1 "${revoke[@]}"
run member-revocation "$member_spare" 1 "${revoke[@]}"

echo "contract test took $((SECONDS - started)) s (schemathesis $SCHEMATHESIS_VERSION, $examples examples per operation)"
if [ "$status" -ne 0 ]; then
    echo "contract-test: failures above; reports in $out; server log:" >&2
    tail -n 50 "$work/server.log" >&2
fi
exit "$status"
