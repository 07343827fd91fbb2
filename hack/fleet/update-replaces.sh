#!/usr/bin/env bash
# Regenerates the replace block of go.mod from the pinned k8s.io/kubernetes go.mod:
# every staging module (./staging/src/k8s.io/X) is pinned to its published v0.MINOR.PATCH.
set -euo pipefail
cd "$(dirname "$0")"
kver=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
stag="v0${kver#v1}"
kmod=$(go mod download -json "k8s.io/kubernetes@${kver}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
[ -f "$kmod" ] || { echo "cannot find go.mod of k8s.io/kubernetes@${kver}" >&2; exit 1; }
mods=$(awk '/=> \.\/staging\/src\//{print $1}' "$kmod" | sort -u)
[ -n "$mods" ] || { echo "no staging replaces found in $kmod" >&2; exit 1; }
args=()
for m in $mods; do args+=("-replace=${m}=${m}@${stag}"); done
go mod edit "${args[@]}"
echo "pinned $(echo "$mods" | wc -l) staging modules to ${stag} (from k8s.io/kubernetes ${kver})"
