#!/usr/bin/env bash
# Vendor the web UI's libraries from npm into src/storyline/serve/web/vendor/: the timeline chart
# (vis-timeline), the coverage charts (ECharts), the entity network (Cytoscape.js) and the /docs page
# (swagger-ui-dist: FastAPI emits OpenAPI 3.1, which the Swagger UI 3.x of the swagger-ui-bundle wheel
# cannot render).
#
# The files are committed and shipped in the wheel: `storyline serve` has no network and loads no CDN.
# Run this only to upgrade (change the pinned versions below), then run tests/web and commit vendor/.
#
# We ship vis-timeline's *peer* UMD build plus its two peers (moment, vis-data), not the standalone
# bundle: the standalone bundle injects its CSS as inline <style> elements, which the app's CSP
# (style-src 'self') refuses; the peer build leaves styling to the linked vis-timeline CSS file.
set -euo pipefail

VIS_TIMELINE=8.5.4
VIS_DATA=8.0.6
MOMENT=2.31.0
ECHARTS=6.1.0
CYTOSCAPE=3.35.0
SWAGGER_UI=5.36.0
# bundled inside vis-timeline's peer build: their licences ship too (versions are whatever its build used)
BUNDLED="@egjs/hammerjs propagating-hammerjs keycharm xss cssfilter component-emitter vis-util uuid"
# bundled inside echarts.common.min.js
BUNDLED_ECHARTS="zrender tslib"
# notices and bundled-licence lists that are not named LICENSE* at the package root: package|path
EXTRA="echarts|NOTICE
echarts|licenses/LICENSE-d3
swagger-ui-dist|NOTICE
swagger-ui-dist|swagger-ui-bundle.js.LICENSE.txt"

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/src/storyline/serve/web/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$tmp" \
  "vis-timeline@$VIS_TIMELINE" "vis-data@$VIS_DATA" "moment@$MOMENT" \
  "echarts@$ECHARTS" "cytoscape@$CYTOSCAPE" "swagger-ui-dist@$SWAGGER_UI" >&2
nm="$tmp/node_modules"

rm -rf "$out"
mkdir -p "$out/licenses"
# package|file inside the package|name in vendor/ (load order: moment and its zh-cn locale, vis-data, vis-timeline)
FILES="moment|min/moment.min.js|moment.min.js
moment|locale/zh-cn.js|moment-locale-zh-cn.js
vis-data|peer/umd/vis-data.min.js|vis-data.min.js
vis-timeline|peer/umd/vis-timeline-graph2d.min.js|vis-timeline-graph2d.min.js
vis-timeline|styles/vis-timeline-graph2d.min.css|vis-timeline-graph2d.min.css
echarts|dist/echarts.common.min.js|echarts.common.min.js
cytoscape|dist/cytoscape.min.js|cytoscape.min.js
swagger-ui-dist|swagger-ui-bundle.js|swagger-ui-bundle.js
swagger-ui-dist|swagger-ui.css|swagger-ui.css"

version() { node -p "require('$nm/$1/package.json').version"; }

{
  echo "# Written by scripts/vendor_web.sh from the npm registry; do not edit by hand."
  echo "# package  version  file  sha256"
  while IFS='|' read -r pkg src name; do
    cp "$nm/$pkg/$src" "$out/$name"
    echo "$pkg $(version "$pkg") $name $(sha256sum "$out/$name" | cut -d' ' -f1)"
  done <<<"$FILES"
  echo "# licences (licenses/): shipped packages and those bundled inside the vis-timeline peer build and echarts"
  for pkg in vis-timeline vis-data moment $BUNDLED echarts cytoscape swagger-ui-dist $BUNDLED_ECHARTS; do
    found=0
    for lic in "$nm/$pkg"/LICEN[CS]E*; do
      [ -e "$lic" ] || continue
      base=$(basename "$lic")
      pkgname=${pkg#@}
      dest="${pkgname//\//-}.${base%.txt}.txt"  # .txt so that the wheel's package-data glob picks it up
      cp "$lic" "$out/licenses/$dest"
      echo "# $pkg $(version "$pkg") licenses/$dest"
      found=1
    done
    [ "$found" = 1 ] || { echo "no licence file in $pkg" >&2; exit 1; }
  done
  while IFS='|' read -r pkg src; do
    dest="$pkg.$(basename "$src" .txt).txt"
    cp "$nm/$pkg/$src" "$out/licenses/$dest"
    echo "# $pkg $(version "$pkg") licenses/$dest"
  done <<<"$EXTRA"
} >"$out/VERSIONS.txt"

cat "$out/VERSIONS.txt"
