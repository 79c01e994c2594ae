#!/usr/bin/env bash
# Installs the tools for the end-to-end tests, OUTSIDE the repo, idempotently:
#   - Debian packages: chromium (drives the VS Code web UI), ripgrep (seed for
#     @vscode/ripgrep, which otherwise downloads from GitHub), libkrb5-dev (headers
#     for code-server's kerberos addon), neovim (second, independent LSP client).
#   - code-server (= VS Code 1.100.3; the newest code-server that runs on Node 20)
#     and playwright-core, pinned, into $VSCODE_E2E_TOOLS (default /opt/vscode-e2e).
# Needs only the npm registry and Debian apt. Re-running with everything in place
# takes about a second.
set -euo pipefail

TOOLS=${VSCODE_E2E_TOOLS:-/opt/vscode-e2e}
CS_VERSION=4.100.3          # newest code-server whose engines allow Node 20
PW_VERSION=1.65.1
# @vscode/ripgrep version pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json)
RG_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

# 1. OS packages -------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. code-server + playwright-core ------------------------------------------
installed_version() {
  node -p "require('$TOOLS/node_modules/$1/package.json').version" 2>/dev/null || true
}
if [ ! -x "$TOOLS/node_modules/.bin/code-server" ] \
  || [ "$(installed_version code-server)" != "$CS_VERSION" ] \
  || [ "$(installed_version playwright-core)" != "$PW_VERSION" ]; then
  log "npm install code-server@$CS_VERSION playwright-core@$PW_VERSION into $TOOLS"
  mkdir -p "$TOOLS" 2>/dev/null || $SUDO mkdir -p "$TOOLS"
  [ -w "$TOOLS" ] || $SUDO chown "$(id -u):$(id -g)" "$TOOLS"
  # Seed @vscode/ripgrep's download cache with Debian's rg so its postinstall
  # does not try api.github.com. The cache lives in os.tmpdir(): use a private one.
  INSTALL_TMP=$(mktemp -d /tmp/vscode-e2e-install.XXXXXX)
  trap 'rm -rf "$INSTALL_TMP"' EXIT
  export TMPDIR=$INSTALL_TMP
  RGC="$INSTALL_TMP/$RG_CACHE_NAME"
  mkdir -p "$RGC" "$TOOLS/rg"
  cp "$(command -v rg)" "$TOOLS/rg/rg"
  tar czf "$RGC/$RG_ASSET" -C "$TOOLS/rg" rg
  [ -f "$TOOLS/package.json" ] || echo '{"name":"vscode-e2e-tools","private":true}' > "$TOOLS/package.json"
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp` (user npmrc may say yes=false).
  # --unsafe-perm: code-server's postinstall.sh refuses to run as root without it.
  (cd "$TOOLS" && npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm \
      --loglevel=error "code-server@$CS_VERSION" "playwright-core@$PW_VERSION")
  [ -x "$TOOLS/node_modules/.bin/code-server" ] || { log "code-server did not install"; exit 1; }
fi
log "ready: code-server $(installed_version code-server), playwright-core $(installed_version playwright-core), $(nvim --version | head -1), $(chromium --version 2>/dev/null | head -1)"
