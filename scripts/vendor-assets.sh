#!/bin/sh
# Copy the browser assets we serve ourselves from node_modules into static/vendor/.
#
# Run after `npm ci` (see package-lock.json). Nothing is fetched here and nothing is ever
# loaded from a CDN at run time: deployments sit on government intranets.
#   htmx.org 2.0.x -> static/vendor/htmx/
#   echarts 6.1.0  -> static/vendor/echarts/   (bundles zrender and tslib; their licences are copied too)
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
NM="$ROOT/node_modules"
DEST="$ROOT/static/vendor"

need() {
    if [ ! -f "$1" ]; then
        echo "vendor-assets: missing $1 (run 'npm ci' first)" >&2
        exit 1
    fi
}

copy() {  # copy SRC DEST_DIR [NEW_NAME]
    need "$1"
    mkdir -p "$2"
    cp "$1" "$2/${3:-$(basename "$1")}"
}

rm -rf "$DEST/htmx" "$DEST/echarts"

copy "$NM/htmx.org/dist/htmx.min.js" "$DEST/htmx"
copy "$NM/htmx.org/LICENSE" "$DEST/htmx"

copy "$NM/echarts/dist/echarts.min.js" "$DEST/echarts"
copy "$NM/echarts/LICENSE" "$DEST/echarts"
copy "$NM/echarts/NOTICE" "$DEST/echarts"
if [ -f "$NM/echarts/licenses/LICENSE-d3" ]; then
    copy "$NM/echarts/licenses/LICENSE-d3" "$DEST/echarts"
fi
copy "$NM/zrender/LICENSE" "$DEST/echarts" LICENSE-zrender
copy "$NM/tslib/LICENSE.txt" "$DEST/echarts" LICENSE-tslib

# Record exactly what was vendored (versions come from the installed packages, i.e. the lockfile).
node -e '
const v = (p) => require(process.argv[1] + "/" + p + "/package.json").version;
console.log("htmx.org " + v("htmx.org") + "\necharts " + v("echarts") + "\nzrender " + v("zrender") + "\ntslib " + v("tslib"));
' "$NM" > "$DEST/VERSIONS.txt"

echo "vendor-assets: copied into $DEST:"
sed 's/^/  /' "$DEST/VERSIONS.txt"
