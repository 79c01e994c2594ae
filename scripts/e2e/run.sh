#!/usr/bin/env bash
# Runs the end-to-end suites inside a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
# extension host, offline.
#
# usage: scripts/e2e/run.sh [dev|vsix|all]     (default: all)
#   dev   the extension from the development folder (extensionDevelopmentPath = repo),
#         suite test/e2e/suite
#   vsix  the packaged .vsix installed with `code-server --install-extension`, suite
#         test/e2e/installed; the development path is an empty stub (test/e2e/installed/host)
# env:
#   VSCODE_E2E_TOOLS   tools dir (default /opt/vscode-e2e; see setup.sh)
#   E2E_SKIP_SETUP=1   do not run setup.sh      E2E_SKIP_BUILD=1  do not run `npm run build`
#   E2E_TIMEOUT_MS     per-suite limit (default 180000)
#   E2E_GREP           only tests whose title matches (passed to mocha inside the host)
#   E2E_KEEP=1         keep the run folders (logs, workspace copy) for inspection
# Exit code: 0 when every selected suite passed, 1 otherwise.
set -euo pipefail

MODE=${1:-all}
case "$MODE" in dev|vsix|all) ;; *) echo "usage: $0 [dev|vsix|all]" >&2; exit 2 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TOOLS=${VSCODE_E2E_TOOLS:-/opt/vscode-e2e}
export VSCODE_E2E_TOOLS=$TOOLS
CS="$TOOLS/node_modules/.bin/code-server"
log() { printf '[e2e] %s\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

cd "$ROOT"
T0=$(now)
[ "${E2E_SKIP_SETUP:-}" = 1 ] || bash "$HERE/setup.sh"
[ -x "$CS" ] || { log "code-server missing in $TOOLS; run scripts/e2e/setup.sh"; exit 1; }
if [ "${E2E_SKIP_BUILD:-}" != 1 ]; then npm run -s build; fi
[ -f client/out/extension.js ] && [ -f server/out/server.js ] || { log "client/out or server/out missing: run npm run build"; exit 1; }
node "$HERE/build-tests.mjs"
log "setup + build: $(secs "$T0") s"

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

CS_PID=
RUN=
cleanup() {
  if [ -n "$CS_PID" ]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true   # code-server, extension host, LSP server, watchers
    for _ in $(seq 1 20); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
    wait "$CS_PID" 2>/dev/null || true
    CS_PID=
  fi
  if [ -n "$RUN" ]; then
    if [ "${E2E_KEEP:-}" = 1 ]; then log "kept $RUN"; else rm -rf "$RUN"; fi
    RUN=
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_suite <dev|vsix>: returns the suite's exit code
run_suite() {
  local mode=$1 t0 port dev tests rc=0
  t0=$(now)
  RUN=$(mktemp -d /tmp/kong-e2e-"$mode".XXXXXX)
  mkdir -p "$RUN/tmp" "$RUN/xdg/config" "$RUN/xdg/data" "$RUN/xdg/cache" "$RUN/data/User" "$RUN/exts" "$RUN/ws"
  # Everything code-server and chromium write (sockets, logs, crash reports) stays in $RUN.
  local -a envs=(TMPDIR="$RUN/tmp" XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data"
    XDG_CACHE_HOME="$RUN/xdg/cache" E2E_GREP="${E2E_GREP:-}" KONG_E2E_MODE="$mode")
  cp -R "$ROOT/test/e2e/workspace/." "$RUN/ws/"      # tests edit and save files: work on a copy
  echo '{"workbench.startupEditor":"none","telemetry.telemetryLevel":"off","extensions.autoUpdate":false,"extensions.autoCheckUpdates":false,"update.mode":"none"}' \
    > "$RUN/data/User/settings.json"

  if [ "$mode" = vsix ]; then
    local lic=()
    ls "$ROOT"/LICENSE* >/dev/null 2>&1 || lic=(--skip-license)
    (cd "$ROOT" && npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links "${lic[@]}" -o "$RUN/ext.vsix" >"$RUN/vsce.log" 2>&1) \
      || { cat "$RUN/vsce.log" >&2; log "vsce package failed"; return 1; }
    env "${envs[@]}" "$CS" --user-data-dir "$RUN/data" --extensions-dir "$RUN/exts" --install-extension "$RUN/ext.vsix" \
      >"$RUN/install.log" 2>&1 || { cat "$RUN/install.log" >&2; log "install of the .vsix failed"; return 1; }
    log "packaged $(du -h "$RUN/ext.vsix" | cut -f1) .vsix and installed it: $(ls "$RUN/exts" | grep -v '^extensions.json$' | tr '\n' ' ')"
    # VS Code runs an extensionTestsPath module only when an extensionDevelopmentPath is given
    # (the extension host refuses otherwise). Point it at an empty extension with no code, so
    # the extension under test is the one installed from the .vsix.
    dev="$ROOT/test/e2e/installed/host"
    tests="$ROOT/test/out/e2e/installed/index"
  else
    dev="$ROOT"
    tests="$ROOT/test/out/e2e/suite/index"
  fi

  port=$(free_port)
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$RUN/config.yaml"
  env "${envs[@]}" setsid "$CS" --config "$RUN/config.yaml" --user-data-dir "$RUN/data" --extensions-dir "$RUN/exts" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    "$RUN/ws" >"$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  local up=
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.25
  done
  if [ -z "$up" ]; then cat "$RUN/code-server.log" >&2; log "code-server did not start"; return 1; fi

  log "suite '$mode' (code-server on port $port)"
  env "${envs[@]}" NODE_PATH="$TOOLS/node_modules" E2E_SCREENSHOT="$RUN/failure.png" \
    node "$HERE/run-ext-tests.js" "http://127.0.0.1:$port" "$RUN/ws" "$dev" "$tests" || rc=$?
  if [ "$rc" != 0 ]; then
    log "suite '$mode' failed; last lines of the extension host and language server logs:"
    find "$RUN/data/logs" -type f \( -name 'remoteexthost.log' -o -name '*Kong*' -o -name '*kong*' \) 2>/dev/null \
      | while read -r f; do echo "--- $f" >&2; tail -n 40 "$f" >&2; done
    [ -f "$RUN/failure.png" ] && log "screenshot: $RUN/failure.png (kept only with E2E_KEEP=1)"
  fi
  cleanup
  log "suite '$mode': $([ "$rc" = 0 ] && echo PASS || echo FAIL) in $(secs "$t0") s"
  return "$rc"
}

status=0
if [ "$MODE" = dev ] || [ "$MODE" = all ]; then run_suite dev || status=1; fi
if [ "$MODE" = vsix ] || [ "$MODE" = all ]; then run_suite vsix || status=1; fi
log "total $(secs "$T0") s, exit $status"
exit "$status"
