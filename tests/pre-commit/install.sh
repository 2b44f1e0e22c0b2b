#!/usr/bin/env bash
# Installs pre-commit from PyPI into a virtual environment under .test-tools/pre-commit/
# (git-ignored) unless it is there already, and prints the path of its `pre-commit`.
# Exits 3 with a message when Python or PyPI is not available, so a caller can never mistake
# "not tested" for "passed".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="4.7.0"
venv="$root/.test-tools/pre-commit/venv"
bin="$venv/bin/pre-commit"

if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "pre-commit $version" ]; then
    echo "$bin"
    exit 0
fi
python="$(command -v python3 || command -v python || true)"
if [ -z "$python" ]; then
    echo "python3 is not installed: it is needed to install pre-commit" >&2
    exit 3
fi
rm -rf "$venv"
if ! "$python" -m venv "$venv" >&2; then
    echo "$python cannot create a virtual environment (python3-venv missing?)" >&2
    exit 3
fi
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pre-commit==$version" >&2; then
    echo "pip could not install pre-commit==$version from PyPI" >&2
    exit 3
fi
echo "$bin"
