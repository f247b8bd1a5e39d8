#!/usr/bin/env bash
# Screenshots of aibook in a real VS Code (code-server, driven by the shared vscode-look tool):
#   npm run package && scripts/screenshots/vscode.sh      -> docs/screenshots/vscode-*.png
# The renderer-only shots come from scripts/screenshots/views.ts. Each scene runs in a scratch
# workspace built here (examples/, the shared pitfall corpus and data sets), never in the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
VSIX="$(realpath "${1:-aibook-0.1.0.vsix}")"
LOOK="${VSCODE_LOOK:-../shared/tools/vscode-look/look.sh}"
OUT=docs/screenshots
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

# A workspace like a project: corpus/pitfalls notebooks reading ../../datasets/*.csv.
mkdir -p "$SCRATCH/ws/corpus/pitfalls" "$SCRATCH/ws/datasets" "$SCRATCH/loop"
for n in p02-overlap-fit-before-split p05-preprocessing-scaler-before-split p10-clean-select-by-cv p11-unstratified-split p14-raw-forest-overlapping-slices p20-imbalanced-accuracy-only; do
  cp "../shared/corpus/pitfalls/$n.aibook" "$SCRATCH/ws/corpus/pitfalls/"
done
cp ../shared/datasets/*.csv "$SCRATCH/ws/datasets/"
# The same project with a run history made from a terminal, for the metrics panel on its own.
cp -r "$SCRATCH/ws" "$SCRATCH/ws-history"
(cd "$SCRATCH/ws-history" && node "$OLDPWD/bin/aibook.js" run corpus/pitfalls/p10-clean-select-by-cv.aibook > /dev/null)
cat > "$SCRATCH/loop/loop.aibook" <<'EOF'
{
  "aibook": 1,
  "metadata": { "title": "loop" },
  "cells": [
    { "kind": "code", "language": "typescript", "source": ["const kept = 41;", "kept"] },
    { "kind": "code", "language": "typescript", "source": ["console.log('spinning');", "while (true) {}"] },
    { "kind": "code", "language": "typescript", "source": ["kept + 1"] }
  ]
}
EOF

# shot NAME THEME WORKSPACE [look options...]: the window after the steps, as docs/screenshots/vscode-NAME-THEME.png
shot() {
  local name=$1 theme=$2 ws=$3
  shift 3
  "$LOOK" --vsix "$VSIX" --workspace "$ws" --theme "$theme" --shots "$SCRATCH/shots-$name-$theme" --clean "$@" > "$SCRATCH/$name-$theme.log" 2>&1 || { cat "$SCRATCH/$name-$theme.log"; exit 1; }
  cp "$SCRATCH/shots-$name-$theme/window.png" "$OUT/vscode-$name-$theme.png"
  echo "$OUT/vscode-$name-$theme.png"
}

shot notebook-evaluation light examples --open iris.aibook --run-all --wait 60
shot notebook-profile dark examples --open kernel-tour.aibook --run-all --wait 60
shot metrics-beside-notebook dark "$SCRATCH/ws" --open corpus/pitfalls/p10-clean-select-by-cv.aibook --run-all --command "aibook: Show Metrics" --wait 30 --full-wait
shot metrics-panel dark "$SCRATCH/ws-history" --command "aibook: Show Metrics" --wait 10 --full-wait
for theme in dark light; do
  shot problems-pitfalls "$theme" "$SCRATCH/ws" --open corpus/pitfalls/p14-raw-forest-overlapping-slices.aibook --run-all --command "View: Focus Problems" --wait 30
done
shot interrupt dark "$SCRATCH/loop" --open loop.aibook --run-all --command "aibook: Interrupt Kernel" --wait 15
