#!/usr/bin/env bash
# Adds deb-src entries for a Debian suite, derived from this machine's own apt
# configuration: every non-security deb822 stanza is copied with its Types and
# Suites changed. No archive host is written anywhere but the machine's own
# apt configuration, which already names it.
# Usage: deb-src.sh SUITE
set -euo pipefail
suite=$1
target=/etc/apt/sources.list.d/gradphoto-src-$suite.sources
[ -f "$target" ] && exit 0

stanzas=""
for f in /etc/apt/sources.list.d/*.sources; do
  stanzas+=$(awk -v suite="$suite" '
    BEGIN { RS=""; FS="\n" }
    {
      out=""; security=0; deb=0
      for (i=1; i<=NF; i++) {
        line=$i
        if (line ~ /^#/) continue
        if (line ~ /^Suites:/ && line ~ /security/) security=1
        if (line ~ /^Types:/ && line ~ /deb( |$)/) deb=1
        if (line ~ /^Types:/) line="Types: deb-src"
        else if (line ~ /^Suites:/) line="Suites: " suite
        out=out line "\n"
      }
      if (deb && !security) printf "%s\n", out
    }' "$f")
  stanzas+=$'\n'
done
# One-line format (sources.list) as well, for machines configured that way.
if [ -f /etc/apt/sources.list ]; then
  while read -r type uri _ components; do
    [ "$type" = deb ] || continue
    case "$uri" in *security*) continue ;; esac
    stanzas+="Types: deb-src"$'\n'"URIs: $uri"$'\n'"Suites: $suite"$'\n'"Components: ${components:-main}"$'\n\n'
  done < <(grep -E '^deb ' /etc/apt/sources.list || true)
fi
[ -n "$(echo "$stanzas" | tr -d '[:space:]')" ] || { echo "deb-src.sh: no Debian apt source found to derive from" >&2; exit 1; }
printf '%s' "$stanzas" > "$target"
apt-get update -qq
