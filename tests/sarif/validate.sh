#!/usr/bin/env bash
# Validates SARIF files with Microsoft's SARIF validator (npm @microsoft/sarif-multitool),
# installed on first use into .test-tools/sarif-multitool/ (git-ignored).
#
#   tests/sarif/validate.sh OUT.sarif FILE.sarif...
#
# Writes the validator's own SARIF log to OUT.sarif (its results are the problems found) and
# exits 0 when the validator ran. Exits 3 with a message when npm is missing or the install
# fails, so a caller can never mistake "not validated" for "valid".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="5.7.0"
tools="$root/.test-tools/sarif-multitool"
tool="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

if [ $# -lt 2 ]; then
    echo "usage: $0 OUT.sarif FILE.sarif..." >&2
    exit 64
fi
out="$1"
shift

if [ ! -x "$tool" ] || ! grep -q "\"version\": \"$version\"" "$tools/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm is not installed: it is needed to install the SARIF validator (@microsoft/sarif-multitool)" >&2
        exit 3
    fi
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{"name": "kubeadm-lint-test-tools", "private": true}' > "$tools/package.json"
    if ! npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >&2; then
        echo "npm could not install @microsoft/sarif-multitool@$version" >&2
        exit 3
    fi
    # The package's postinstall (chmod) may be skipped by npm's script policy.
    chmod u+x "$tool" 2>/dev/null || true
fi
if [ ! -x "$tool" ]; then
    echo "the SARIF validator is not at $tool after installing it (only linux-x64 is supported here)" >&2
    exit 3
fi

# The validator is a self-contained .NET program; it needs no ICU for this.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
"$tool" validate "$@" --output "$out" --log ForceOverwrite >&2
