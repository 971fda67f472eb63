#!/usr/bin/env bash
# Cairn behind Debian's nginx, set up as docs/deployment.md says.
#
#   scripts/proxy-test.sh [path/to/cairn]      (or CAIRN_BIN=…; default target/debug/cairn)
#
# 1. deploy/cairn.service passes `systemd-analyze verify` (its ExecStart pointed at the binary
#    under test), scores 1.5 or less in `systemd-analyze security`, and keeps its sandbox
#    settings and a stop timeout longer than Cairn's graceful stop.
# 2. `cairn demo` runs with the settings the guide gives (CAIRN_BASE_URL https, CAIRN_TRUSTED_PROXIES
#    = the proxy), and nginx runs deploy/nginx/cairn.conf itself — only its ports, certificate and
#    log paths changed — with a self-signed certificate made here.
# 3. Through nginx over HTTPS, from 127.0.0.5 (a client address that is not nginx's): plain HTTP
#    is sent to HTTPS; HSTS is on; a member signs in, posts a claim form and uploads a receipt,
#    each request also sending a forged `X-Forwarded-For: 203.0.113.9`; Cairn's log names
#    127.0.0.5 as the client of each, never the forged address nor nginx's 127.0.0.1, under the
#    request id Cairn made (not one the client sent), which nginx's access log also has; a body over the upload limit gets nginx's 413 while
#    one just under it reaches Cairn; pages are not cached and come compressed once (Cairn
#    compresses them, nginx passes them through); assets are cached a year by hashed names.
# 4. SIGTERM stops Cairn with exit status 0 within the unit's stop timeout.
#
# Needs nginx, openssl, curl and systemd-analyze; run as root, it installs missing ones from
# Debian's packages. Everything it starts is stopped and its files removed on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
BIN="${1:-${CAIRN_BIN:-$ROOT/target/debug/cairn}}"
UNIT="$ROOT/deploy/cairn.service"
SITE="$ROOT/deploy/nginx/cairn.conf"
HOST=cairn.example.org
CLIENT_IP=127.0.0.5  # where the test's client connects from
FORGED_IP=203.0.113.9 # what it claims to be
FORGED_ID=client-chosen-id # and the request id it asks for
PASSWORD=demo-password-e2e
START=$SECONDS
PASSED=0

fail() {
  echo "proxy test FAILED: $*" >&2
  exit 1
}
ok() {
  echo "  ok: $*"
  PASSED=$((PASSED + 1))
}
is_root() { [ "$(id -u)" = 0 ]; }

# --- what it needs ---------------------------------------------------------------------------
[ -x "$BIN" ] || fail "no cairn binary at $BIN (build it with: cargo build -p cairn --bin cairn)"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
# Only the settings this script gives: none of the caller's CAIRN_* variables.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep '^CAIRN_' || true)

TMP="$(mktemp -d "${TMPDIR:-/tmp}/cairn-proxy.XXXXXX")"
CAIRN_PID=""
NGINX_PID_FILE="$TMP/nginx/nginx.pid"
POLICY_RC=""
cleanup() {
  local rc=$?
  if [ -s "$NGINX_PID_FILE" ]; then
    local npid
    npid="$(cat "$NGINX_PID_FILE")"
    kill -QUIT "$npid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$npid" 2>/dev/null || true
  fi
  if [ -n "$CAIRN_PID" ] && kill -0 "$CAIRN_PID" 2>/dev/null; then
    kill -TERM "$CAIRN_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$CAIRN_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$CAIRN_PID" 2>/dev/null || true
    wait "$CAIRN_PID" 2>/dev/null || true
  fi
  if [ -n "$POLICY_RC" ]; then rm -f "$POLICY_RC"; fi
  if [ "$rc" != 0 ]; then
    for f in "$TMP/cairn.log" "$TMP/nginx/logs/error.log" "$TMP/nginx/logs/cairn.error.log"; do
      if [ -s "$f" ]; then
        echo "---- last 40 lines of $(basename "$f") ----" >&2
        tail -n 40 "$f" >&2
      fi
    done
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    apt-get update -q >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

NGINX="$(command -v nginx || true)"
[ -n "$NGINX" ] || [ ! -x /usr/sbin/nginx ] || NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  is_root || fail "nginx is missing. Install Debian's nginx package (apt-get install nginx), or run this script as root to have it installed."
  echo "Installing Debian's nginx package"
  # The package would start a system nginx on ports 80 and 443; only ours should run.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    POLICY_RC=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
    chmod 755 "$POLICY_RC"
  fi
  apt_install nginx
  if [ -n "$POLICY_RC" ]; then
    rm -f "$POLICY_RC"
    POLICY_RC=""
  fi
  NGINX=/usr/sbin/nginx
  [ -x "$NGINX" ] || fail "installing nginx did not give /usr/sbin/nginx"
fi
for need in openssl:openssl curl:curl systemd-analyze:systemd; do
  tool="${need%%:*}"
  if ! command -v "$tool" >/dev/null 2>&1; then
    is_root || fail "$tool is missing (Debian's ${need#*:} package); install it or run this script as root"
    echo "Installing Debian's ${need#*:} package"
    apt_install "${need#*:}"
  fi
done

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  fi
}

# --- 1. the systemd unit ---------------------------------------------------------------------
echo "==> systemd unit: deploy/cairn.service"
grep -q '^ExecStart=/usr/local/bin/cairn serve$' "$UNIT" \
  || fail "the unit's ExecStart is not '/usr/local/bin/cairn serve' (this script points it at the binary under test)"
mkdir -p "$TMP/unit"
sed "s#^ExecStart=/usr/local/bin/cairn #ExecStart=$BIN #" "$UNIT" >"$TMP/unit/cairn.service"
if ! out="$(systemd-analyze verify --man=no "$TMP/unit/cairn.service" 2>&1)"; then
  echo "$out" >&2
  fail "systemd-analyze verify refused the unit"
fi
# verify prints warnings without failing: any line about the unit is a problem with it.
if echo "$out" | grep -q 'cairn.service'; then
  echo "$out" >&2
  fail "systemd-analyze verify warned about the unit"
fi
ok "systemd-analyze verify passes"
# The sandbox's score (0 is fully shut, 10 wide open): 1.1 now; above 1.5, something was loosened.
if ! out="$(systemd-analyze security --offline=yes --threshold=15 "$TMP/unit/cairn.service" 2>&1)"; then
  echo "$out" | grep -E '^✗|exposure' >&2 || echo "$out" >&2
  fail "systemd-analyze security scores the unit's sandbox above 1.5"
fi
ok "systemd-analyze security: $(echo "$out" | grep -o 'exposure level for [^:]*: [0-9.]* [A-Z]*' | sed 's/.*: //')"
for setting in DynamicUser=yes StateDirectory=cairn ProtectSystem=strict ProtectHome=yes \
  NoNewPrivileges=yes PrivateTmp=yes PrivateDevices=yes ProtectKernelTunables=yes \
  ProtectKernelModules=yes ProtectKernelLogs=yes ProtectControlGroups=yes \
  'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' RestrictNamespaces=yes LockPersonality=yes \
  MemoryDenyWriteExecute=yes SystemCallFilter=@system-service SystemCallArchitectures=native \
  CapabilityBoundingSet= UMask=0077 Restart=on-failure KillSignal=SIGTERM; do
  grep -qx -- "$setting" "$UNIT" || fail "the unit lacks '$setting'"
done
grep -q '^EnvironmentFile=/' "$UNIT" || fail "the unit reads no EnvironmentFile"
stop_timeout="$(sed -n 's/^TimeoutStopSec=\([0-9]*\)$/\1/p' "$UNIT")"
# The default grace, from the binary's own help ("[env: CAIRN_SHUTDOWN_GRACE=] [default: 30]").
grace="$("$BIN" serve --help | tr '\n' ' ' | grep -o 'CAIRN_SHUTDOWN_GRACE=[^]]*\] *\[default: [0-9]*\]' | grep -o '[0-9]*\]$' | tr -d ']' || true)"
[ -n "$stop_timeout" ] && [ -n "$grace" ] || fail "cannot read TimeoutStopSec ($stop_timeout) or the default shutdown grace ($grace)"
# Cairn may take the grace for requests, then 5 s to close its database pool.
[ "$stop_timeout" -gt $((grace + 5)) ] \
  || fail "TimeoutStopSec=$stop_timeout does not leave Cairn its ${grace} s grace and 5 s to close the database"
ok "the unit keeps its sandbox settings and a stop timeout (${stop_timeout} s) above the grace (${grace} s) + 5 s"

# --- 2. Cairn and nginx ----------------------------------------------------------------------
echo "==> cairn demo behind nginx"
HTTP_PORT="$(free_port)"
HTTPS_PORT="$(free_port)"
CAIRN_PORT="$(free_port)"
BASE="https://$HOST:$HTTPS_PORT"

CAIRN_DATABASE_URL="sqlite://$TMP/cairn.db" CAIRN_ADDR="127.0.0.1:$CAIRN_PORT" \
  CAIRN_BASE_URL="$BASE" CAIRN_TRUSTED_PROXIES=127.0.0.1 CAIRN_DEMO_PASSWORD="$PASSWORD" \
  "$BIN" demo >"$TMP/cairn.log" 2>&1 &
CAIRN_PID=$!

# A self-signed certificate for the site's name, which curl is told to trust.
mkdir -p "$TMP/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$TMP/tls/key.pem" -out "$TMP/tls/cert.pem" 2>/dev/null \
  || fail "openssl could not make a certificate"

# The site file itself, with the ports, certificate and log paths of this test. IPv6 listens
# stay when this machine has IPv6 loopback, on ::1.
NGX="$TMP/nginx"
mkdir -p "$NGX/logs" "$NGX/tmp"
ipv6_sub=(-e "s#^\( *\)listen \[::\]:80\b#\1listen [::1]:$HTTP_PORT#" -e "s#^\( *\)listen \[::\]:443\b#\1listen [::1]:$HTTPS_PORT#")
if ! grep -q '00000000000000000000000000000001' /proc/net/if_inet6 2>/dev/null; then
  ipv6_sub=(-e '/^ *listen \[::\]:/d')
fi
sed -e "s#^\( *\)listen 80\b#\1listen 127.0.0.1:$HTTP_PORT#" \
  -e "s#^\( *\)listen 443\b#\1listen 127.0.0.1:$HTTPS_PORT#" \
  "${ipv6_sub[@]}" \
  -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$CAIRN_PORT;#" \
  -e "s#/etc/ssl/cairn/fullchain.pem#$TMP/tls/cert.pem#" \
  -e "s#/etc/ssl/cairn/privkey.pem#$TMP/tls/key.pem#" \
  -e "s#/var/log/nginx/#$NGX/logs/#g" \
  "$SITE" >"$NGX/cairn.conf"
# A change to the site that these substitutions no longer fit must fail here, not test
# something else.
if sed 's/#.*//' "$NGX/cairn.conf" | grep -En 'listen +(\[::\]:)?(80|443)\b|127\.0\.0\.1:8080|/etc/ssl/cairn|/var/log/nginx'; then
  fail "deploy/nginx/cairn.conf no longer fits this script's substitutions (lines above)"
fi
grep -q "listen 127.0.0.1:$HTTPS_PORT ssl" "$NGX/cairn.conf" || fail "the site has no 'listen 443 ssl'"
grep -q "listen 127.0.0.1:$HTTP_PORT;" "$NGX/cairn.conf" || fail "the site has no 'listen 80;'"

# The rest of what Debian's /etc/nginx/nginx.conf gives a site, with this test's own files.
# gzip is on there, as in Debian's: the site must turn it off itself.
user_line=""
if is_root; then
  # Workers drop to nobody; they write request bodies under tmp/.
  user_line="user nobody nogroup;"
  chmod 711 "$TMP"
  chown -R nobody:nogroup "$NGX/tmp"
fi
cat >"$NGX/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $NGINX_PID_FILE;
error_log $NGX/logs/error.log;
events { worker_connections 128; }
http {
    client_body_temp_path $NGX/tmp/body;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    access_log $NGX/logs/access.log;
    gzip on;
    include $NGX/cairn.conf;
}
EOF
NGINX_ARGS=(-p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log")
if ! out="$("$NGINX" -t "${NGINX_ARGS[@]}" 2>&1)"; then
  echo "$out" >&2
  fail "nginx -t refused the site"
fi
ok "nginx -t accepts deploy/nginx/cairn.conf"

deadline=$((SECONDS + 60))
until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$CAIRN_PORT/healthz"; do
  kill -0 "$CAIRN_PID" 2>/dev/null || fail "cairn demo exited before it answered"
  [ "$SECONDS" -lt "$deadline" ] || fail "cairn demo did not answer /healthz within 60 s"
  sleep 0.2
done
# nginx forks its master into the background and writes its pid file.
"$NGINX" "${NGINX_ARGS[@]}" || fail "nginx did not start"
for _ in $(seq 50); do [ -s "$NGINX_PID_FILE" ] && break; sleep 0.1; done
[ -s "$NGINX_PID_FILE" ] || fail "nginx wrote no pid file"

# --- 3. through nginx ------------------------------------------------------------------------
echo "==> through nginx at $BASE, as a client at $CLIENT_IP claiming to be $FORGED_IP"
JAR="$TMP/cookies"
CURL=(curl -sS --max-time 30 --cacert "$TMP/tls/cert.pem"
  --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --resolve "$HOST:$HTTP_PORT:127.0.0.1"
  --interface "$CLIENT_IP" -b "$JAR" -c "$JAR" -H "X-Forwarded-For: $FORGED_IP"
  -H "X-Request-Id: $FORGED_ID")
# req NAME ARGS…: the status code on stdout; headers in $TMP/NAME.h, body in $TMP/NAME.b.
req() {
  local name="$1"
  shift
  # A failed transfer still prints its status (000 when there was no answer).
  "${CURL[@]}" -D "$TMP/$name.h" -o "$TMP/$name.b" -w '%{http_code}' "$@" || true
}
header() { # header NAME FIELD: the field's value in NAME's response, without the line end
  sed -n "s/^$2: *//Ip" "$TMP/$1.h" | tr -d '\r' | head -n 1
}
expect_status() { # expect_status WHAT GOT WANT NAME
  [ "$2" = "$3" ] || fail "$1: status $2, expected $3 ($(head -c 600 "$TMP/$4.b" 2>/dev/null))"
}
request_ids=()

# Plain HTTP is sent to HTTPS.
code="$(req plain "http://$HOST:$HTTP_PORT/sign-in")"
expect_status "plain HTTP" "$code" 301 plain
[ "$(header plain location)" = "https://$HOST/sign-in" ] \
  || fail "plain HTTP went to '$(header plain location)', not https://$HOST/sign-in"
ok "plain HTTP is redirected to https://$HOST/sign-in"

# The sign-in page over HTTPS: HSTS, not cached, compressed by Cairn and passed through by
# nginx once (nginx's own gzip is on in nginx.conf and off in the site).
code="$(req page -H 'Accept-Encoding: gzip' "$BASE/sign-in")"
expect_status "GET /sign-in" "$code" 200 page
hsts="$(header page strict-transport-security)"
[[ "$hsts" =~ max-age=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 31536000 ] \
  || fail "no Strict-Transport-Security of a year or more (got '$hsts')"
[ "$(header page content-encoding)" = gzip ] \
  || fail "the sign-in page came with Content-Encoding '$(header page content-encoding)', not gzip once"
gzip -dc "$TMP/page.b" >"$TMP/page.html" 2>/dev/null || fail "the sign-in page does not gunzip"
grep -q '^<!DOCTYPE html>' "$TMP/page.html" || fail "the sign-in page, gunzipped once, is not HTML"
[[ "$(header page cache-control)" == *no-store* ]] || fail "the sign-in page may be cached ($(header page cache-control))"
[[ "$(header page x-request-id)" =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]] \
  || fail "the request id is not one Cairn made ($(header page x-request-id)); the client asked for $FORGED_ID"
ok "HTTPS answers with HSTS ($hsts), no-store, compressed once, and Cairn's own request id"

asset="$(grep -o 'href="/assets/[^"]*\.css"' "$TMP/page.html" | head -n 1 | sed 's/^href="//; s/"$//')"
[ -n "$asset" ] || fail "the sign-in page links no stylesheet under /assets/"
code="$(req asset "$BASE$asset")"
expect_status "GET $asset" "$code" 200 asset
[[ "$(header asset cache-control)" == *public*max-age=31536000*immutable* ]] \
  || fail "$asset is not cached a year ($(header asset cache-control))"
[ -n "$(header asset strict-transport-security)" ] || fail "$asset came without HSTS"
ok "assets are cached ($asset: $(header asset cache-control)) and keep HSTS"

# Sign in as a browser would: the form's fields, and the site's origin.
code="$(req signin -H "Origin: $BASE" \
  --data-urlencode 'email=member@demo.cairn.test' --data-urlencode "password=$PASSWORD" \
  --data-urlencode 'next=/payments/claims/new' "$BASE/sign-in")"
expect_status "sign-in" "$code" 303 signin
[ "$(header signin location)" = "/payments/claims/new" ] || fail "sign-in went to '$(header signin location)'"
cookie="$(grep -i '^set-cookie: cairn_session=' "$TMP/signin.h" | tr -d '\r' || true)"
[[ "$cookie" == *"; Secure"* && "$cookie" == *"; HttpOnly"* ]] \
  || fail "the session cookie is not Secure and HttpOnly: '$cookie'"
request_ids+=("sign-in:$(header signin x-request-id)")
ok "signed in through nginx; the session cookie is Secure and HttpOnly"

# A form: the claim form, with the form token from the page.
code="$(req form "$BASE/payments/claims/new")"
expect_status "GET /payments/claims/new" "$code" 200 form
[[ "$(header form cache-control)" == *no-store* ]] || fail "a signed-in page may be cached ($(header form cache-control))"
csrf="$(grep -o 'name="csrf" value="[^"]*"' "$TMP/form.b" | head -n 1 | sed 's/.*value="//; s/"$//')"
[ -n "$csrf" ] || fail "no form token on the claim form"
yesterday="$(TZ=Europe/London date -d yesterday +%Y-%m-%d)"
code="$(req claim -H "Origin: $BASE" --data-urlencode "csrf=$csrf" \
  --data-urlencode 'activity_type=meeting' \
  --data-urlencode "activity_on_day=${yesterday:8:2}" --data-urlencode "activity_on_month=${yesterday:5:2}" \
  --data-urlencode "activity_on_year=${yesterday:0:4}" \
  --data-urlencode 'hours=2' --data-urlencode 'minutes=0' \
  --data-urlencode 'description=Recovery forum (behind nginx)' "$BASE/payments/claims/new")"
expect_status "posting the claim form" "$code" 303 claim
claim_path="$(header claim location)"
[[ "$claim_path" =~ ^/payments/claims/[0-9]+$ ]] || fail "the claim form went to '$claim_path'"
request_ids+=("claim form:$(header claim x-request-id)")
ok "posted the claim form ($claim_path)"

# A receipt (multipart upload).
printf '%%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' >"$TMP/receipt.pdf"
code="$(req receipt -H "Origin: $BASE" -F "csrf=$csrf" -F "receipt=@$TMP/receipt.pdf;type=application/pdf" \
  "$BASE$claim_path/receipts")"
expect_status "uploading a receipt" "$code" 303 receipt
request_ids+=("receipt:$(header receipt x-request-id)")
code="$(req claimpage "$BASE$claim_path")"
expect_status "GET $claim_path" "$code" 200 claimpage
grep -q 'href="/payments/receipts/' "$TMP/claimpage.b" || fail "the claim shows no receipt after the upload"
ok "uploaded a receipt; the claim shows it"

# Body sizes: a receipt just over Cairn's 5 MiB passes nginx and is refused by Cairn beside
# the field (422); a body over the 6 MiB upload limit is refused by nginx (413).
head -c $((5 * 1024 * 1024 + 64 * 1024)) /dev/zero >"$TMP/big.pdf"
code="$(req big -H "Origin: $BASE" -F "csrf=$csrf" -F "receipt=@$TMP/big.pdf;type=application/pdf" \
  "$BASE$claim_path/receipts")"
expect_status "a receipt over 5 MiB (Cairn's own answer)" "$code" 422 big
head -c $((6 * 1024 * 1024 + 1024)) /dev/zero >"$TMP/huge.pdf"
code="$(req huge -H "Origin: $BASE" -F "csrf=$csrf" -F "receipt=@$TMP/huge.pdf;type=application/pdf" \
  "$BASE$claim_path/receipts")"
expect_status "a body over 6 MiB" "$code" 413 huge
grep -qi '^server: nginx' "$TMP/huge.h" || fail "the 413 did not come from nginx"
ok "a 5.06 MiB receipt reaches Cairn (422 beside the field); a 6 MiB+ body gets nginx's 413"

# The client address Cairn recorded: each request's log lines, found by the id nginx gave it.
for entry in "${request_ids[@]}"; do
  what="${entry%%:*}"
  id="${entry#*:}"
  [[ "$id" =~ ^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$ ]] || fail "$what: no request id of Cairn's ($id)"
  lines="$(grep -F "id=$id" "$TMP/cairn.log" || true)"
  [ -n "$lines" ] || fail "$what: Cairn logged nothing under id $id"
  if echo "$lines" | grep -v -F "client=$CLIENT_IP" | grep -q .; then
    echo "$lines" >&2
    fail "$what: Cairn's log names another client than $CLIENT_IP (above)"
  fi
  grep -F "id=$id" "$TMP/nginx/logs/cairn.access.log" | grep -q "^$CLIENT_IP " \
    || fail "$what: nginx's access log has no line from $CLIENT_IP with id $id"
done
# Written to a file, as to the journal: plain text, no terminal colour codes.
if grep -q $'\e\[' "$TMP/cairn.log"; then
  fail "Cairn's log holds terminal escape codes when it is not written to a terminal"
fi
if grep -F -e "$FORGED_IP" -e "$FORGED_ID" "$TMP/cairn.log"; then
  fail "Cairn logged the forged address $FORGED_IP or the client's own request id (above)"
fi
ok "Cairn recorded $CLIENT_IP as the client of the sign-in, the form and the upload, never $FORGED_IP or nginx's 127.0.0.1; nginx's access log has the same ids"

# --- 4. stopping -----------------------------------------------------------------------------
echo "==> SIGTERM"
kill -TERM "$CAIRN_PID"
stopped=""
for _ in $(seq $((stop_timeout * 10))); do
  if ! kill -0 "$CAIRN_PID" 2>/dev/null; then stopped=1; break; fi
  sleep 0.1
done
[ -n "$stopped" ] || fail "Cairn did not stop within TimeoutStopSec=$stop_timeout s of SIGTERM"
rc=0
wait "$CAIRN_PID" || rc=$?
CAIRN_PID=""
[ "$rc" = 0 ] || fail "Cairn exited with status $rc after SIGTERM (systemd would count a failure)"
grep -q 'stopped' "$TMP/cairn.log" || fail "Cairn's log does not say it stopped"
ok "SIGTERM stops Cairn with status 0 within the unit's stop timeout"

echo "proxy test took $((SECONDS - START)) s"
echo "proxy: $PASSED passed, 0 failed"
