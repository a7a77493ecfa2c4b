#!/usr/bin/env bash
# Runs the CentralSystem server with a working default.
#
#   bash src/run.sh [server arguments...]
#
# With no ConnectionStrings__CentralSystem in the environment (or in appsettings), the server
# provisions a private PostgreSQL cluster under .data/ in the repository (loopback only, generated
# password) and applies the migrations. Listens on http://127.0.0.1:8180 unless --urls or
# ASPNETCORE_URLS says otherwise. Installs what it needs (PostgreSQL server binaries, Node.js/npm for
# the schema restore) with apt-get when missing. Safe to run as root: PostgreSQL itself then runs
# as the 'postgres' account.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'run.sh: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        log "needs root to run: $* (run it yourself, or run this script as root)"
        return 1
    fi
}

APT_UPDATED=""
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        log "please install: $* (no apt-get on this machine)"
        return 1
    fi
    if [ -z "$APT_UPDATED" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
        APT_UPDATED=1
    fi
    log "installing $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

have_postgres_server() {
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null \
        || { command -v initdb && command -v pg_ctl && command -v postgres; } >/dev/null 2>&1
}

if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET SDK (see global.json) is not installed; install it from https://dot.net and re-run"
    exit 1
fi
# Only needed for the built-in default; a configured database needs no local server binaries.
if [ -z "${ConnectionStrings__CentralSystem:-}" ] && ! have_postgres_server; then
    apt_install postgresql
fi
# The Ocpp project's build restores the pinned OCA schemas with npm ci.
if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

args=("$@")
# A first argument that is not an option is a verb (e.g. "allocate"), not a server run.
if [ -z "${ASPNETCORE_URLS:-}" ] && [[ "${1:-}" != [!-]* ]]; then
    has_urls=""
    for arg in "$@"; do
        case "$arg" in --urls|--urls=*) has_urls=1 ;; esac
    done
    [ -n "$has_urls" ] || args+=(--urls "http://127.0.0.1:8180")
    # dotnet run starts in the project folder: anchor the private cluster at the repository's .data/.
    if [ -z "${DataFolder:-}" ] && [[ " $* " != *" --DataFolder"* ]]; then
        args+=(--DataFolder "$ROOT/.data")
    fi
fi

exec dotnet run --project src/CentralSystem.Server -c Release -- "${args[@]}"
