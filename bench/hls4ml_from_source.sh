#!/usr/bin/env bash
# Prepares hls4ml to run from its public source with Debian's Python (python3-numpy, python3-onnx, python3-yaml,
# python3-h5py), for making reference outputs of hls4ml's compiled C simulation on a machine without PyPI.
#
# usage: bench/hls4ml_from_source.sh HLS4ML_GIT_DIR ENV_DIR
#   HLS4ML_GIT_DIR: a clone or mirror of github.com/fastmachinelearning/hls4ml (the search tool's `fetch` brings one)
#   ENV_DIR: new directory; afterwards run python with PYTHONPATH=ENV_DIR/hls4ml:ENV_DIR/site
#
# It checks out the commit the shared references were made with (ef92ebdf2, v1.3.0 + 17; override with
# HLS4ML_COMMIT) and adds what a pip install would have added: hls4ml/_version.py (setuptools-scm writes it), the
# package metadata hls4ml reads its optional extras from (generated from its pyproject.toml), and a stub of
# `quantizers`, a PyPI-only package that hls4ml imports at start for HGQ models only (plain ONNX never calls it;
# the stub raises if anything does). No hls4ml code is copied into this project.
set -euo pipefail
SRC="${1:?usage: $0 HLS4ML_GIT_DIR ENV_DIR}"
ENV="${2:?usage: $0 HLS4ML_GIT_DIR ENV_DIR}"
COMMIT="${HLS4ML_COMMIT:-ef92ebdf2fc6b9573170465ada2200bb782d1164}"
PY=/usr/bin/python3
if [[ -e "$ENV" ]]; then echo "error: $ENV exists; give a new directory" >&2; exit 2; fi
mkdir -p "$ENV/site/quantizers"
git clone -q "$SRC" "$ENV/hls4ml"
git -C "$ENV/hls4ml" checkout -q "$COMMIT"
VERSION="$(git -C "$ENV/hls4ml" describe --tags --long | sed -E 's/^v([0-9.]+)-([0-9]+)-g([0-9a-f]+)$/\1.post\2+g\3/')"
printf "version = '%s'\nversion_tuple = tuple('%s'.replace('+', '.').split('.'))\n" "$VERSION" "$VERSION" \
  > "$ENV/hls4ml/hls4ml/_version.py"
"$PY" - "$ENV" "$VERSION" <<'PYEOF'
import os, sys, tomllib
env, version = sys.argv[1], sys.argv[2]
p = tomllib.load(open(os.path.join(env, 'hls4ml', 'pyproject.toml'), 'rb'))['project']
lines = ['Metadata-Version: 2.1', 'Name: hls4ml', 'Version: ' + version]
lines += ['Requires-Dist: ' + d for d in p.get('dependencies', [])]
for extra, reqs in p.get('optional-dependencies', {}).items():
    lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in reqs]
d = os.path.join(env, 'site', f'hls4ml-{version.split("+")[0]}.dist-info')
os.makedirs(d)
open(os.path.join(d, 'METADATA'), 'w').write('\n'.join(lines) + '\n')
PYEOF
cat > "$ENV/site/quantizers/__init__.py" <<'PYEOF'
"""Stub: the PyPI package 'quantizers' is not installed. hls4ml imports it at start for HGQ models only."""


def _unavailable(*args, **kwargs):
    raise RuntimeError('quantizers is a stub here: only HGQ models need it')


get_fixed_quantizer_np = _unavailable


def __getattr__(name):
    return _unavailable
PYEOF
PYTHONPATH="$ENV/hls4ml:$ENV/site" "$PY" -c 'import hls4ml; print("hls4ml", hls4ml.__version__)' 2>/dev/null | tail -1
echo "use: PYTHONPATH=$ENV/hls4ml:$ENV/site $PY ..."
