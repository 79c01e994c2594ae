#!/usr/bin/env bash
# Neovim (Debian 0.7.2) as an independent LSP client: starts `node server/out/server.js --stdio`,
# opens the e2e kong.conf fixture with settings 2.8 -> 3.10 and checks the diagnostics and a hover.
# usage: test/nvim/run.sh [kong.conf]    env: E2E_SKIP_BUILD=1 to skip `npm run build`
# env: KONG_NVIM_CONFIG="pull push" (default both), KONG_CURRENT, KONG_TARGET, KONG_NVIM_DEBUG=1
# exit: 0 PASS, 1 wrong result, 2 timeout / could not run
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
FILE=$(realpath "${1:-test/e2e/workspace/kong.conf}")
command -v nvim >/dev/null || { echo "nvim not installed: run scripts/e2e/setup.sh (or apt-get install neovim)" >&2; exit 2; }
if [ "${E2E_SKIP_BUILD:-}" != 1 ]; then npm run -s build; fi
[ -f server/out/server.js ] || { echo "server/out/server.js missing: npm run build" >&2; exit 2; }
TMP=$(mktemp -d /tmp/kong-nvim.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# nvim writes its LSP log, shada and swap under XDG dirs: keep them in $TMP.
status=0
# Both ways an LSP client can hand over settings: answering workspace/configuration (pull,
# what VS Code does) and workspace/didChangeConfiguration only (push, plain 0.7.2).
for mode in ${KONG_NVIM_CONFIG:-pull push}; do
  start=$(date +%s.%N)
  rc=0
  XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache" XDG_STATE_HOME="$TMP/state" \
    KONG_SERVER_JS="$ROOT/server/out/server.js" KONG_NVIM_CONFIG="$mode" timeout 120 \
    nvim --headless --clean -n -u "$ROOT/test/nvim/lsp-test.lua" "$FILE" </dev/null || rc=$?
  [ "$rc" = 124 ] && rc=2
  echo "nvim ($mode): exit $rc in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
  # keep the worst result: 2 (could not run) > 1 (wrong) > 0
  if [ "$rc" -gt "$status" ]; then status=$rc; fi
done
exit "$status"
