# Sourced by the steps of action.yml: turns the INPUT_* variables into the arguments of
# `kong-upgrade check` in the array KONG_ARGS. Paths: one per line, or several on one line
# separated by spaces.
KONG_ARGS=()
_kong_paths="${INPUT_PATHS:-.}"
if [[ "$_kong_paths" == *$'\n'* ]]; then
  while IFS= read -r _kong_line; do
    _kong_line="${_kong_line#"${_kong_line%%[![:space:]]*}"}"
    _kong_line="${_kong_line%"${_kong_line##*[![:space:]]}"}"
    [ -n "$_kong_line" ] && KONG_ARGS+=("$_kong_line")
  done <<< "$_kong_paths"
else
  read -r -a _kong_words <<< "$_kong_paths"
  KONG_ARGS+=("${_kong_words[@]}")
fi
[ ${#KONG_ARGS[@]} -gt 0 ] || KONG_ARGS=(.)
if [ -n "${INPUT_CURRENT_VERSION:-}" ]; then KONG_ARGS+=(--from "$INPUT_CURRENT_VERSION"); fi
if [ -n "${INPUT_TARGET_VERSION:-}" ]; then KONG_ARGS+=(--to "$INPUT_TARGET_VERSION"); fi
if [ -n "${INPUT_EDITION:-}" ]; then KONG_ARGS+=(--edition "$INPUT_EDITION"); fi
unset _kong_paths _kong_line _kong_words
