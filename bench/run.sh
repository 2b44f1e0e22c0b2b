#!/usr/bin/env bash
# The kubeadm-lint benchmark: installs what it needs, builds in release mode, generates the
# tree, and prints throughput, ratios and peak memory. See bench/README.md.
#
#   bench/run.sh                 # the whole benchmark (about 8 minutes)
#   ROUNDS=3 SAMPLE=300 bench/run.sh   # quicker, noisier
#
# Everything it creates lives in bench/work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${CORPUS:-../shared/corpus}
KUBEADM_FILES=${KUBEADM_FILES:-10000}
MANIFESTS=${MANIFESTS:-10000}
ROUNDS=${ROUNDS:-7}
YAMLLINT_ROUNDS=${YAMLLINT_ROUNDS:-3}
SAMPLE=${SAMPLE:-0}
YAMLLINT_VERSION=${YAMLLINT_VERSION:-1.38.0}
WORK=bench/work

have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
    if have apt-get && [ "$(id -u)" = 0 ]; then
        echo "installing $* with apt-get" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        echo "error: $* missing; install it (Debian/Ubuntu: apt-get install $*)" >&2
        exit 2
    fi
}

have cargo || { echo "error: cargo is needed: install Rust (https://rustup.rs)" >&2; exit 2; }
have python3 || apt_install python3
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
[ -x /usr/bin/time ] || apt_install time
[ -d "$CORPUS" ] || { echo "error: no corpus at $CORPUS (set CORPUS=...)" >&2; exit 2; }

mkdir -p "$WORK"
if ! "$WORK/venv/bin/yamllint" --version 2>/dev/null | grep -qx "yamllint $YAMLLINT_VERSION"; then
    echo "installing yamllint $YAMLLINT_VERSION into $WORK/venv" >&2
    rm -rf "$WORK/venv"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "yamllint==$YAMLLINT_VERSION"
fi

echo "building (release)" >&2
cargo build --release --locked --quiet --bin kubeadm-lint --example parse_only
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

# The tree is generated again only when its recipe changes.
STAMP="$KUBEADM_FILES $MANIFESTS $(cat bench/gen_tree.py "$CORPUS"/*.yaml | cksum)"
if [ "$(cat "$WORK/tree.stamp" 2>/dev/null)" != "$STAMP" ]; then
    echo "generating $WORK/tree" >&2
    rm -f "$WORK/tree.stamp"
    python3 bench/gen_tree.py "$CORPUS" "$WORK/tree" --kubeadm "$KUBEADM_FILES" --manifests "$MANIFESTS"
    echo "$STAMP" > "$WORK/tree.stamp"
fi

# A typical kubeadm configuration (Init + Cluster + Kubelet documents) for single-file timings.
SINGLE=${SINGLE:-$CORPUS/010.yaml}

python3 bench/bench.py \
    --tree "$WORK/tree" \
    --lint "$TARGET/release/kubeadm-lint" \
    --floor "$TARGET/release/examples/parse_only" \
    --yamllint "$WORK/venv/bin/yamllint" \
    --rounds "$ROUNDS" --yamllint-rounds "$YAMLLINT_ROUNDS" --sample "$SAMPLE" \
    --single "$SINGLE" \
    --results "$WORK/results.json"
