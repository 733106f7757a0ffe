#!/usr/bin/env bash
# Checks a run's self-contained HTML report (made by `anomaly-search export report` or the demo):
#   1. statically: UTF-8 meta, the Content-Security-Policy meta, a title, the significance table, inline
#      data: PNG images, and NO script, external stylesheet/font, or http(s)/protocol-relative src/href/url();
#   2. in headless Chromium (Debian: apt-get install -y chromium): renders the page to a screenshot with every
#      host name mapped to "not found" and a network log, and fails if Chromium requested anything but the
#      file itself (any http/https/ws URL in the log);
#   3. the rendered DOM (--dump-dom) still holds the title, the significance table and the images.
# Then look at the screenshot (printed at the end) for a visible title, the significance table and the plots.
#
# Usage: bench/check_report.sh RUN_DIR [SCREENSHOT.png]
#        (RUN_DIR may also be the report .html file itself)
# Exit status: 0 all checks passed, 1 a check failed, 2 usage or missing tool.
set -euo pipefail

die() { echo "check_report: $*" >&2; exit 2; }
fail() { echo "FAIL: $*" >&2; failed=1; }
ok() { echo "ok:   $*"; }

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 RUN_DIR [SCREENSHOT.png]"
if [[ -d "$1" ]]; then report="$1/report.html"; else report="$1"; fi
[[ -f "$report" ]] || die "$report: no such report (run 'anomaly-search export report RUN_DIR' first)"
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
work="$(mktemp -d "${TMPDIR:-/tmp}/check_report.XXXXXX")"
shot="${2:-$work/screenshot.png}"
failed=0

# ---- 1. static checks ------------------------------------------------------------------------------------
grep -qiE '<meta charset="utf-8" ?/?>' "$report" && ok "UTF-8 meta" || fail "no <meta charset=\"utf-8\">"
grep -q 'http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;' "$report" \
  && ok "Content-Security-Policy default-src 'none'" || fail "no Content-Security-Policy meta"
grep -q '<title>' "$report" && ok "title: $(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$report" | head -c 120)" \
  || fail "no <title>"
grep -q 'id="significance-table"' "$report" && ok "significance table" || fail "no significance table"
images=$( (grep -o '<img src="data:image/png;base64,' "$report" || true) | wc -l)
[[ $images -ge 1 ]] && ok "$images inline PNG image(s)" || fail "no inline data: PNG image"
if grep -qiE '<(script|link|iframe|object|embed|base)[[:space:]>]' "$report"; then
  fail "has a <script>, <link>, <iframe>, <object>, <embed> or <base> tag"
else ok "no script, link, iframe, object, embed or base tag"; fi
if grep -qiE '(src|href|action|poster|srcset)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:|ftp:|wss?:|//)' "$report"; then
  fail "external src/href: $(grep -oiE '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:|//)[^"'"'"' >]*' "$report" | head -3)"
else ok "no external src/href"; fi
if grep -qiE 'url\([[:space:]]*["'"'"']?[[:space:]]*(https?:|//)|@import|@font-face' "$report"; then
  fail "CSS loads something (url(http...), @import or @font-face)"
else ok "CSS loads nothing"; fi

# ---- 2. headless Chromium: screenshot with no network --------------------------------------------------
chrome="$(command -v chromium || command -v chromium-browser || true)"
[[ -n "$chrome" ]] || die "chromium not found (apt-get install -y chromium)"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --no-default-browser-check
       --disable-background-networking --disable-component-update --disable-sync --disable-extensions
       --disable-default-apps --metrics-recording-only --hide-scrollbars
       --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$work/profile")
timeout 120 "$chrome" "${flags[@]}" --log-net-log="$work/netlog.json" --net-log-capture-mode=Default \
  --window-size=1280,2000 --screenshot="$shot" "file://$report" >"$work/chromium.log" 2>&1 \
  || { cat "$work/chromium.log" >&2; die "chromium failed (log above)"; }
[[ -s "$shot" ]] && ok "screenshot $(file -b "$shot" 2>/dev/null | cut -d, -f1-2)" || fail "no screenshot"
# Requests the page made carry its origin as initiator ("null" for file://); the browser's own background
# requests (time, update and account checks, all refused by the resolver rule above) carry "not an origin".
if [[ -s "$work/netlog.json" ]]; then
  page=$(grep -E '"initiator":"' "$work/netlog.json" | grep -v '"initiator":"not an origin"' \
         | grep -oE '"url":"(https?|wss?|ftp)://[^"]*"' | sort -u || true)
  background=$(grep -E '"initiator":"not an origin"' "$work/netlog.json" | grep -cE '"url":"(https?|wss?)://' || true)
  if [[ -n "$page" ]]; then fail "the page made network requests: $page"
  else ok "the page made no network request (net log; $background browser background request(s) refused, not the page's)"; fi
else
  fail "chromium wrote no net log"
fi

# ---- 3. rendered DOM ----------------------------------------------------------------------------------
timeout 120 "$chrome" "${flags[@]}" --dump-dom "file://$report" >"$work/dom.html" 2>>"$work/chromium.log" \
  || die "chromium --dump-dom failed"
grep -q '<h1>anomaly-search run:' "$work/dom.html" && ok "DOM has the title heading" || fail "DOM lacks the title"
grep -q 'id="significance-table"' "$work/dom.html" && ok "DOM has the significance table" \
  || fail "DOM lacks the significance table"
[[ $( (grep -o '<img src="data:image/png' "$work/dom.html" || true) | wc -l) -eq $images ]] && ok "DOM has the $images image(s)" \
  || fail "DOM lacks images"

echo "screenshot: $shot  (look at it: title, significance table, plots)"
[[ $failed -eq 0 ]] && echo "check_report: all checks passed" || echo "check_report: FAILED" >&2
exit $failed
