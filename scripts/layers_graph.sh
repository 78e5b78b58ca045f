#!/usr/bin/env bash
# Draws deskd's library graph for docs/architecture.md from the build's own
# target graph: cmake --graphviz (CMakeGraphVizOptions.cmake picks deskd's
# targets), transitive edges removed (tred), rendered by dot.
# Usage: scripts/layers_graph.sh [BUILD_DIR] > docs/architecture.svg
# Needs graphviz (apt-get install -y graphviz); not part of the build.
set -euo pipefail
build=$(realpath "${1:-build}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && cmake --graphviz="$work/deskd.dot" "$build" >/dev/null)
# Drop the legend, name nodes by target, cut the deskd_ prefix.
python3 - "$work/deskd.dot" > "$work/clean.dot" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
labels = dict(re.findall(r'"(node\d+)" \[ label = "([^"]+)"', text))
edges = sorted(set(re.findall(r'"(node\d+)" -> "(node\d+)"', text)))
short = lambda n: labels[n].removeprefix("deskd_")
print('digraph deskd {\n  rankdir=TB; node [shape=box, fontname="Helvetica", fontsize=11];')
for n in sorted(labels, key=short):
    shape = "ellipse" if labels[n] in ("deskd", "deskctl") else "box"
    print(f'  "{short(n)}" [shape={shape}];')
for a, b in edges:
    print(f'  "{short(a)}" -> "{short(b)}";')
print("}")
PY
tred "$work/clean.dot" | dot -Tsvg
