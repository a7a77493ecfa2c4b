#!/usr/bin/env bash
# Runs every test suite of CentralSystem and ends with one line: "N passed, M failed".
#
#   bash tests/run.sh
#
# Installs what it needs (PostgreSQL server binaries and Node.js/npm via apt-get when missing, the
# conformance suite's npm packages), builds the solution once in Release, runs each tests/*Tests
# project (the integration tests start a private PostgreSQL cluster of their own; set CSMS_TEST_DB
# to use an existing server instead), then the black-box conformance suite if there is one, then the
# dashboard browser test (headless Chromium; screenshots in artifacts/browser/).
# Exits non-zero when a test failed, a step could not run, or no test ran at all.
# Works as root and without a terminal (CI).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RESULTS="${CSMS_TEST_RESULTS:-$ROOT/artifacts/test-results}"
PROJECT_TIMEOUT="${CSMS_TEST_PROJECT_TIMEOUT:-1500}" # seconds per test project; CI allows 90 min in all

log() { printf '\n=== %s\n' "$*"; }
problems=()
problem() { problems+=("$*"); printf 'tests/run.sh: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        printf 'tests/run.sh: needs root to run: %s\n' "$*" >&2
        return 1
    fi
}

APT_UPDATED=""
apt_install() {
    command -v apt-get >/dev/null 2>&1 || { printf 'tests/run.sh: please install: %s\n' "$*" >&2; return 1; }
    if [ -z "$APT_UPDATED" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null || return 1
        APT_UPDATED=1
    fi
    log "Installing $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

have_postgres_server() {
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null \
        || { command -v initdb && command -v pg_ctl && command -v postgres; } >/dev/null 2>&1
}

# Reads passed/failed from a TRX file's <Counters .../> element. Tests that errored, timed out or
# were aborted count as failed.
trx_counts() {
    local counters
    counters="$(grep -o '<Counters [^>]*>' "$1" | head -n 1)"
    [ -n "$counters" ] || return 1
    attr() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    local p f e t a
    p="$(attr passed)"; f="$(attr failed)"; e="$(attr error)"; t="$(attr timeout)"; a="$(attr aborted)"
    printf '%s %s\n' "${p:-0}" "$(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} ))"
}

# --- prerequisites -----------------------------------------------------------------------------
log "Prerequisites"
if ! command -v dotnet >/dev/null 2>&1; then
    problem "the .NET SDK (see global.json) is not installed"
    echo "0 passed, 0 failed"
    exit 1
fi
if [ -z "${CSMS_TEST_DB:-}" ] && ! have_postgres_server; then
    apt_install postgresql || problem "could not install PostgreSQL (apt-get install -y postgresql)"
fi
# npm: the Ocpp build restores the OCA schemas with it; the conformance suite runs on Node.js.
# curl and pgrep: the conformance runner polls the server's /health and finds its process.
# One apt-get call per tool, so that one that cannot be installed does not block the others.
# chromium: the dashboard browser test (tests/browser) drives Debian's headless Chromium through playwright-core.
for need in "npm:nodejs npm" "curl:curl ca-certificates" "pgrep:procps" "chromium:chromium"; do
    tool="${need%%:*}"
    packages="${need#*:}"
    if ! command -v "$tool" >/dev/null 2>&1; then
        # shellcheck disable=SC2086 # package lists split on purpose
        apt_install $packages || problem "could not install $packages (apt-get install -y $packages)"
    fi
done
dotnet --version
if [ -f conformance/package.json ]; then
    log "npm ci (conformance)"
    (cd conformance && npm ci --no-audit --no-fund --loglevel=error </dev/null) || problem "npm ci in conformance/ failed"
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# The integration tests put their private PostgreSQL clusters under CSMS_TEST_TEMP. A folder of
# this run's own lets the end of the script stop whatever a crashed test host left running, without
# touching anyone else's clusters. 0755: when run as root, the 'postgres' account must enter it.
# (Not TMPDIR: MSBuild and compiler servers outlive the run and would keep pointing into it.)
RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/csms-tests.XXXXXX")"
chmod 755 "$RUN_TMP"
export CSMS_TEST_TEMP="$RUN_TMP"
cleanup() {
    local pidfile data pg_ctl
    [ -d "$RUN_TMP" ] || return 0
    while IFS= read -r pidfile; do
        data="$(dirname "$pidfile")"
        printf 'tests/run.sh: stopping leftover PostgreSQL on %s\n' "$data" >&2
        for pg_ctl in /usr/lib/postgresql/*/bin/pg_ctl "$(command -v pg_ctl 2>/dev/null)"; do
            [ -x "$pg_ctl" ] || continue
            if [ "$(id -u)" -eq 0 ]; then
                runuser -u postgres -- "$pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1
            else
                "$pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1
            fi
            break
        done
    done < <(find "$RUN_TMP" -name postmaster.pid -path '*/pgdata/*' 2>/dev/null)
    rm -rf "$RUN_TMP"
}
trap cleanup EXIT

# --- build ---------------------------------------------------------------------------------------
log "Build (Release)"
# On failure, carry on: MSBuild still builds every project that does not depend on the broken one,
# and their results say more than nothing does. The run fails all the same.
if ! dotnet build CentralSystem.sln -c Release --nologo -v minimal </dev/null; then
    problem "dotnet build CentralSystem.sln failed (projects that did not build report no test results)"
fi

# --- .NET test projects --------------------------------------------------------------------------
passed=0
failed=0
mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -path 'tests/*Tests/*.csproj' | grep -v -i benchmark | sort)
[ "${#projects[@]}" -gt 0 ] || problem "no test projects found under tests/*Tests/"
for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    log "Test $name"
    timeout --kill-after=60 "$PROJECT_TIMEOUT" \
        dotnet test "$project" -c Release --no-build --nologo \
            --results-directory "$RESULTS" \
            --logger "trx;LogFileName=$name.trx" \
            --logger "console;verbosity=minimal" \
            --blame-hang-timeout 10m --blame-hang-dump-type none \
            </dev/null
    status=$?
    trx="$RESULTS/$name.trx"
    if counts="$(trx_counts "$trx" 2>/dev/null)"; then
        read -r p f <<<"$counts"
        passed=$((passed + p))
        failed=$((failed + f))
        printf '%s: %s passed, %s failed\n' "$name" "$p" "$f"
        if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
            problem "$name: dotnet test exited with $status although no test failed"
        fi
    else
        problem "$name: no test results (dotnet test exited with $status)"
    fi
done

# --- conformance (black box) ---------------------------------------------------------------------
if [ -f conformance/run.sh ]; then
    log "Conformance"
    bash conformance/run.sh </dev/null 2>&1 | tee "$RESULTS/conformance.log"
    status=${PIPESTATUS[0]}
    line="$(grep -E '^conformance: [0-9]+ passed, [0-9]+ failed' "$RESULTS/conformance.log" | tail -n 1)"
    if [ -n "$line" ]; then
        p="$(sed -E 's/^conformance: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$line")"
        f="$(sed -E 's/^conformance: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")"
        passed=$((passed + p))
        failed=$((failed + f))
        if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
            problem "conformance/run.sh exited with $status although no test failed"
        fi
    else
        problem "conformance/run.sh printed no 'conformance: N passed, M failed' line (exit $status)"
    fi
fi

# --- browser (headless Chromium against a running server) -------------------------------------------
if [ -f tests/browser/run.sh ]; then
    log "Browser"
    bash tests/browser/run.sh </dev/null 2>&1 | tee "$RESULTS/browser.log"
    status=${PIPESTATUS[0]}
    line="$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed' "$RESULTS/browser.log" | tail -n 1)"
    if [ -n "$line" ]; then
        p="$(sed -E 's/^browser: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$line")"
        f="$(sed -E 's/^browser: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")"
        passed=$((passed + p))
        failed=$((failed + f))
        if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
            problem "tests/browser/run.sh exited with $status although no test failed"
        fi
    else
        problem "tests/browser/run.sh printed no 'browser: N passed, M failed' line (exit $status)"
    fi
fi

# --- summary -------------------------------------------------------------------------------------
cleanup
log "Summary (results in $RESULTS)"
[ $((passed + failed)) -gt 0 ] || problems+=("no test ran")
for p in "${problems[@]}"; do printf 'problem: %s\n' "$p"; done
echo "$passed passed, $failed failed"
if [ "$failed" -gt 0 ] || [ "${#problems[@]}" -gt 0 ]; then
    exit 1
fi
exit 0
