#!/usr/bin/env bash
# Checks the deployment files without docker (not installed here) and without touching the system:
#   1. `nginx -t` on deploy/nginx/nginx.conf with a throwaway self-signed certificate (openssl), once
#      with the systemd upstreams and once with the compose upstream;
#   2. `systemd-analyze verify` on deploy/systemd/*.service in a throwaway --root (the real unit
#      files, the host's system units, a stub /usr/local/bin/domino); any warning fails;
#   3. deploy/compose.yaml against the Compose JSON schema plus cross-references (check_compose.py).
# Each checker is first shown a broken file and must reject it, so a checker that silently passes
# everything fails this script. Installs what is missing the way the Makefile does (apt, .venv).
# Called by `make test` (and so .ci/run); run alone with `deploy/verify.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

missing=""
command -v nginx >/dev/null || missing="$missing nginx-light"
command -v openssl >/dev/null || missing="$missing openssl"
command -v systemd-analyze >/dev/null || missing="$missing systemd"
if [ -n "$missing" ]; then
    echo "installing:$missing"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
make -s venv
# Only the schema file of docker-compose v1 is used (its runtime dependencies no longer build).
if [ ! -f .venv/.compose-schema ]; then
    .venv/bin/pip install -q --disable-pip-version-check 'jsonschema==4.23.0' 'PyYAML==6.0.2'
    .venv/bin/pip install -q --disable-pip-version-check --no-deps 'docker-compose==1.29.2'
    touch .venv/.compose-schema
fi

work=$(mktemp -d /tmp/domino-verify-XXXXXX)
broken_compose=deploy/.verify-broken-compose.yaml
trap 'rm -rf "$work" "$broken_compose"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# ---- 1. nginx -------------------------------------------------------------------------------------
mkdir -p "$work/nginx/tls" "$work/nginx/domino" "$work/nginx/log"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=domino.test" \
    -keyout "$work/nginx/tls/privkey.pem" -out "$work/nginx/tls/fullchain.pem" 2>/dev/null
# The same file with its absolute paths moved into the throwaway prefix; nothing else changes.
sed -e "s#/etc/nginx/#$work/nginx/#g" -e "s#/var/log/nginx/#$work/nginx/log/#g" \
    -e "s#/run/nginx.pid#$work/nginx/nginx.pid#g" deploy/nginx/nginx.conf > "$work/nginx/nginx.conf"
nginx_test() {
    nginx -t -q -p "$work/nginx/" -e "$work/nginx/log/error.log" -c "$work/nginx/nginx.conf" 2>"$work/nginx.out"
}
cp deploy/nginx/upstream.conf "$work/nginx/domino/upstream.conf"
if nginx_test; then echo "nginx -t: ok (systemd upstreams)"; else cat "$work/nginx.out" >&2; fail "nginx -t (systemd upstreams)"; fi
# `api` resolves only inside compose's network; the line is checked with an address in its place.
sed 's/server api:/server 127.0.0.1:/' deploy/nginx/upstream.compose.conf > "$work/nginx/domino/upstream.conf"
if nginx_test; then echo "nginx -t: ok (compose upstream)"; else cat "$work/nginx.out" >&2; fail "nginx -t (compose upstream)"; fi
echo "server 127.0.0.1:8081 max_fails=three;" > "$work/nginx/domino/upstream.conf"
if nginx_test; then fail "nginx -t accepted a broken upstream line"; fi

# Every import/export route of the API (docs/openapi.yaml) falls in nginx's import/export locations,
# and no other route does: a module that adds one with another shape must update nginx.conf.
if .venv/bin/python - deploy/nginx/nginx.conf docs/openapi.yaml <<'PY'
import re, sys, yaml
conf = open(sys.argv[1]).read()
patterns = re.findall(r"location ~ (\S+) \{", conf)
# The API's locations (the console's imports have their own, checked by deploy/tests/nginx-smoke.sh).
imports = [p for p in patterns if "import" in p and p.startswith("^/v1/")]
exports = [p for p in patterns if "export" in p and p.startswith("^/v1/")]
assert len(imports) == 1 and len(exports) == 1, patterns
paths = [re.sub(r"\{[^}]+\}", "0b7f8c1e-0000-4000-8000-000000000000", p) for p in yaml.safe_load(open(sys.argv[2]))["paths"]]
wrong = [p for p in paths if bool(re.search(imports[0], p)) != p.endswith("/import")]
wrong += [p for p in paths if bool(re.search(exports[0], p)) != bool(re.search(r"/exports?(/|$)", p))]
for p in wrong: print(f"nginx.conf import/export locations disagree with the API on {p}", file=sys.stderr)
print(f"nginx locations: {sum(p.endswith('/import') for p in paths)} import and "
      f"{sum(bool(re.search(r'/exports?(/|$)', p)) for p in paths)} export routes covered")
sys.exit(1 if wrong else 0)
PY
then :; else fail "nginx import/export locations"; fi

# ---- 2. systemd -----------------------------------------------------------------------------------
root="$work/root"
mkdir -p "$root/usr/lib/systemd" "$root/etc/systemd/system" "$root/usr/local/bin"
cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
printf '#!/bin/sh\nexit 0\n' > "$root/usr/local/bin/domino" && chmod 755 "$root/usr/local/bin/domino"
mkdir -p "$root/opt/domino/deploy" && cp deploy/backup.sh "$root/opt/domino/deploy/"
cp -r deploy/systemd/. "$root/etc/systemd/system/"
units=(domino-migrate.service domino-api@8081.service domino-api@8082.service domino-worker.service domino-backup.service domino-backup.timer)
systemd_verify() { systemd-analyze verify --man=no --root="$root" "$@" >"$work/systemd.out" 2>&1; }
# systemd-analyze exits 0 on unknown keys and bad values (it only warns), so any output fails.
if systemd_verify "${units[@]}" && [ ! -s "$work/systemd.out" ]; then
    echo "systemd-analyze verify: ok (${units[*]})"
else
    cat "$work/systemd.out" >&2; fail "systemd-analyze verify"
fi
# The shared hardening drop-in must reach every unit: a key it does not know shows up once per unit.
dropin="$root/etc/systemd/system/domino-.service.d/hardening.conf"
cp "$dropin" "$work/hardening.conf" && echo "NotAHardeningKey=yes" >> "$dropin"
services=(domino-migrate.service domino-api@8081.service domino-worker.service domino-backup.service)
systemd_verify "${services[@]}" || true
reached=$(grep -c "hardening.conf.*NotAHardeningKey" "$work/systemd.out" || true)
[ "$reached" = "${#services[@]}" ] || fail "the hardening drop-in reached $reached of ${#services[@]} services"
cp "$work/hardening.conf" "$dropin"
printf '[Service]\nExecStart=/usr/local/bin/domino serve\nProtectSystem=sometimes\n' > "$root/etc/systemd/system/broken.service"
if systemd_verify broken.service && [ ! -s "$work/systemd.out" ]; then fail "systemd-analyze accepted a broken unit"; fi

# ---- 3. compose -----------------------------------------------------------------------------------
schema=$(ls .venv/lib/python3*/site-packages/compose/config/compose_spec.json)
domino=$(swift build --show-bin-path)/domino
[ -x "$domino" ] || domino=""
if .venv/bin/python deploy/check_compose.py deploy/compose.yaml "$schema" $domino; then
    echo "compose.yaml: ok (Compose schema and cross-references)"
else
    fail "compose.yaml"
fi
# Next to the real file, so only the one broken value differs.
sed 's/condition: service_healthy}/condition: service_happy}/' deploy/compose.yaml > "$broken_compose"
if .venv/bin/python deploy/check_compose.py "$broken_compose" "$schema" >/dev/null 2>&1; then
    fail "the compose check accepted a broken file"
fi

if [ "$failures" -gt 0 ]; then echo "deploy/verify.sh: $failures failure(s)" >&2; exit 1; fi
echo "deploy/verify.sh: all checks passed"
