# Shared by conformance/run.sh and conformance/load/run-benchmarks.sh (source it; bash).
# Starts a Release CentralSystem server on a free port with its own data folder, waits for /health, and stops it
# again together with its private PostgreSQL (stopping that cluster ourselves if the server left it running).
#
#   cs_start_server TMPDIR [extra server args...]   sets CS_URL, CS_RUN_PID, CS_SERVER_PID, CS_DATA, CS_LOG
#   cs_wait_healthy SECONDS                          0 when healthy
#   cs_stop_server                                   idempotent

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CS_RUN_PID=""
CS_SERVER_PID=""
CS_STOPPED=0

cs_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'
}

cs_start_server() {
  local tmp="$1"
  shift
  CS_STOPPED=0
  CS_SERVER_PID=""
  chmod 755 "$tmp" # the private PostgreSQL runs as another user and must reach the data folder
  CS_DATA="$tmp/data"
  CS_LOG="$tmp/server.log"
  CS_URL="http://127.0.0.1:$(cs_free_port)"
  setsid dotnet run --no-build -c Release --project "$REPO_ROOT/src/CentralSystem.Server" -- \
    --urls "$CS_URL" --DataFolder "$CS_DATA" "$@" >"$CS_LOG" 2>&1 </dev/null &
  CS_RUN_PID=$!
}

cs_wait_healthy() {
  local limit=$(($1 * 2))
  for _ in $(seq 1 "$limit"); do
    kill -0 "$CS_RUN_PID" 2>/dev/null || return 1
    if curl -fsS --max-time 2 "$CS_URL/health" 2>/dev/null | grep -q '"ok"'; then
      CS_SERVER_PID="$(pgrep -P "$CS_RUN_PID" | head -n1)"
      [ -n "$CS_SERVER_PID" ] || CS_SERVER_PID="$CS_RUN_PID"
      return 0
    fi
    sleep 0.5
  done
  return 1
}

cs_stop_server() {
  [ "$CS_STOPPED" = 1 ] && return 0
  CS_STOPPED=1
  if [ -n "$CS_RUN_PID" ] && kill -0 "$CS_RUN_PID" 2>/dev/null; then
    # `dotnet run` hosts the server as its child: SIGTERM the server itself so it shuts down gracefully.
    local server_pids
    server_pids="$(pgrep -P "$CS_RUN_PID" || true)"
    if [ -n "$server_pids" ]; then kill -TERM $server_pids 2>/dev/null; else kill -TERM "$CS_RUN_PID" 2>/dev/null; fi
    for _ in $(seq 1 60); do
      kill -0 "$CS_RUN_PID" 2>/dev/null || break
      if [ -n "$server_pids" ] && ! kill -0 $server_pids 2>/dev/null; then kill -TERM "$CS_RUN_PID" 2>/dev/null; fi
      sleep 0.5
    done
    if kill -0 "$CS_RUN_PID" 2>/dev/null; then
      echo "server did not stop within 30 s; killing it" >&2
      [ -n "$server_pids" ] && kill -KILL $server_pids 2>/dev/null
      kill -KILL "$CS_RUN_PID" 2>/dev/null
    fi
    wait "$CS_RUN_PID" 2>/dev/null
  fi
  # Verify that no PostgreSQL of ours is left behind; stop any that is.
  local pidfile pgdata pgpid pg_ctl
  while IFS= read -r pidfile; do
    pgdata="$(dirname "$pidfile")"
    pgpid="$(head -n1 "$pidfile" 2>/dev/null)"
    if [ -n "$pgpid" ] && kill -0 "$pgpid" 2>/dev/null; then
      echo "PostgreSQL (pid $pgpid, $pgdata) still running after the server exited (the server did not stop its own cluster); stopping it with pg_ctl" >&2
      pg_ctl="$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n1)"
      if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$pg_ctl" stop -D "$pgdata" -m fast -w >/dev/null 2>&1 || kill -TERM "$pgpid"
      else
        "$pg_ctl" stop -D "$pgdata" -m fast -w >/dev/null 2>&1 || kill -TERM "$pgpid"
      fi
    fi
  done < <(find "$CS_DATA" -name postmaster.pid 2>/dev/null)
  return 0
}
