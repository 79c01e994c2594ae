#!/usr/bin/env bash
# README screenshots from a real VS Code (code-server 4.100.3, the e2e tools): packages the
# extension, installs the .vsix into a private extensions folder, opens the workbench on
# scripts/screenshots/workspace in headless Chromium and lets shoot.js click through it.
#
# usage: scripts/screenshots/run.sh [outDir]        (default: media/screenshots)
# env:   VSCODE_E2E_TOOLS (default /opt/vscode-e2e), E2E_SKIP_SETUP=1, E2E_SKIP_BUILD=1,
#        SHOTS_ONLY=hover,quick-fix (only these), SHOTS_KEEP=1 (keep the run folder)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/media/screenshots}")
TOOLS=${VSCODE_E2E_TOOLS:-/opt/vscode-e2e}
export VSCODE_E2E_TOOLS=$TOOLS
CS="$TOOLS/node_modules/.bin/code-server"
log() { printf '[shots] %s\n' "$*" >&2; }

cd "$ROOT"
[ "${E2E_SKIP_SETUP:-}" = 1 ] || bash "$ROOT/scripts/e2e/setup.sh"
[ -x "$CS" ] || { log "code-server missing in $TOOLS; run scripts/e2e/setup.sh"; exit 1; }
[ "${E2E_SKIP_BUILD:-}" = 1 ] || npm run -s build

RUN=$(mktemp -d /tmp/kong-shots.XXXXXX)
CS_PID=
rc=0
cleanup() {
  if [ -n "$CS_PID" ]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
    wait "$CS_PID" 2>/dev/null || true
  fi
  if [ "${SHOTS_KEEP:-}" = 1 ] || [ "$rc" != 0 ]; then log "kept $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
trap 'rc=130; exit 130' INT TERM

mkdir -p "$RUN/tmp" "$RUN/xdg/config" "$RUN/xdg/data" "$RUN/xdg/cache" "$RUN/data/User" "$RUN/exts" "$RUN/ws"
envs=(TMPDIR="$RUN/tmp" XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" XDG_CACHE_HOME="$RUN/xdg/cache")
cp -R "$HERE/workspace/." "$RUN/ws/"
cat > "$RUN/data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.colorTheme": "Default Dark Modern",
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "editor.minimap.enabled": false,
  "editor.fontSize": 14,
  "window.commandCenter": false,
  "chat.commandCenter.enabled": false,
  "workbench.layoutControl.enabled": false,
  "git.enabled": false
}
JSON

lic=()
ls "$ROOT"/LICENSE* >/dev/null 2>&1 || lic=(--skip-license)
npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links "${lic[@]}" -o "$RUN/ext.vsix" >"$RUN/vsce.log" 2>&1 \
  || { cat "$RUN/vsce.log" >&2; log "vsce package failed"; rc=1; exit 1; }
env "${envs[@]}" "$CS" --user-data-dir "$RUN/data" --extensions-dir "$RUN/exts" --install-extension "$RUN/ext.vsix" \
  >"$RUN/install.log" 2>&1 || { cat "$RUN/install.log" >&2; log "install of the .vsix failed"; rc=1; exit 1; }

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$RUN/config.yaml"
env "${envs[@]}" setsid "$CS" --config "$RUN/config.yaml" --user-data-dir "$RUN/data" --extensions-dir "$RUN/exts" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$RUN/ws" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
up=
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
  kill -0 "$CS_PID" 2>/dev/null || break
  sleep 0.25
done
[ -n "$up" ] || { cat "$RUN/code-server.log" >&2; log "code-server did not start"; rc=1; exit 1; }

log "code-server on port $port; shots go to $OUT"
env "${envs[@]}" NODE_PATH="$TOOLS/node_modules" SHOTS_FAILURE="$RUN/failure.png" \
  node "$HERE/shoot.js" "http://127.0.0.1:$port" "$RUN/ws" "$OUT" || rc=$?
[ "$rc" = 0 ] || log "failed; the page at the failure: $RUN/failure.png"
exit "$rc"
