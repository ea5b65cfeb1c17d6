#!/bin/sh
# html.sh - the HTML report in a real browser: headless Chromium parses the
# page, its SVG charts and the isolation matrix (coloured by verdict) and
# mitigations are in the DOM, the run's text is escaped, and a screenshot
# shows the bars drawn in their colour
#
# Skips (77) when chromium is not installed (Debian package chromium).
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read the DOM"
command -v chromium >/dev/null 2>&1 ||
	skip "chromium is not installed (apt-get install chromium): the HTML page is not rendered"

chrome() {
	timeout 180 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --disable-dev-shm-usage \
		--user-data-dir="$TMP/profile" "$@" 2>>"$TMP/chromium.err"
}

# A workload whose name needs escaping in HTML.
name='shop <i>&"quotes"'
mkdir -p "$TMP/$name/tests"
cp "$DBBENCH_FIXTURES/default/schema.sql" "$DBBENCH_FIXTURES/default/seed.sql" "$TMP/$name/"
cp "$DBBENCH_FIXTURES/default/tests/0"[1-6]*.sql "$TMP/$name/tests/"
"$DBBENCH" -w "$TMP/$name" --rounds 3 --warmup 0 --tests 60 -f html \
	-o "$TMP/report.html" || fail "html run failed"

# Self-contained: nothing to fetch, nothing to run.
if grep -Eiq '<script|<link|<img|<iframe|<object|src=|href=|url\(|@import' "$TMP/report.html"; then
	fail "the page refers to something outside it: $(grep -Eio '<script|<link|<img|<iframe|<object|src=|href=|url\(|@import' "$TMP/report.html" | head -3)"
fi
pass

chrome --dump-dom "file://$TMP/report.html" >"$TMP/dom.html" ||
	fail "chromium --dump-dom failed: $(tail -5 "$TMP/chromium.err")"
n_strategies=$(strategies | wc -w)
out=$(python3 - "$TMP/dom.html" "$TMP/$name" "$n_strategies" <<'PY'
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.found, self.h1 = [], [], ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.found.append((tag, a.get("class", ""), [t for t, _ in self.stack]))
        if tag not in ("meta", "br", "hr", "img", "input", "link"):
            self.stack.append((tag, a.get("class", "")))
    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, dict(attrs).get("class", ""),
                           [t for t, _ in self.stack]))
    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "h1":
            self.h1 += data

d = Dom()
d.feed(open(sys.argv[1]).read())
n = int(sys.argv[3])  # a bar, whisker, histogram and median per strategy
def count(tag, cls, inside="svg"):
    return sum(1 for t, c, up in d.found if t == tag and c == cls and inside in up)
problems = []
if count("svg", "chart-overhead", "body") != 1:
    problems.append("overhead chart")
if count("rect", "bar") != n or count("path", "whisker") != n:
    problems.append("bars %d whiskers %d" % (count("rect", "bar"), count("path", "whisker")))
if count("svg", "histogram", "div") != n:
    problems.append("histograms %d" % count("svg", "histogram", "div"))
if count("rect", "bin") < n or count("line", "median") != n:
    problems.append("histogram bins %d medians %d" % (count("rect", "bin"), count("line", "median")))
if count("svg", "chart-scaling", "body") != 0:
    problems.append("a scaling chart without scaling data")
if any(t in ("i", "script") for t, _, _ in d.found):
    problems.append("unescaped markup became an element")
if sys.argv[2] not in d.h1:
    problems.append("heading %r lacks the workload name" % d.h1)
# The isolation matrix, a cell a (scenario, strategy), coloured by verdict:
# the default run validates, and rollback leaks PG-COMMIT on SQLite.
matrix = [c for t, c, up in d.found if t == "td" and "table" in up and c.startswith("v-")]
if sum(1 for t, c, _ in d.found if t == "table" and c == "matrix") != 1:
    problems.append("no isolation matrix")
if len(matrix) < n * 10 or "v-leak" not in matrix or "v-isolated" not in matrix:
    problems.append("matrix cells %d, verdicts %s" % (len(matrix), sorted(set(matrix))))
if "mitigation: " not in open(sys.argv[1]).read():
    problems.append("no mitigation for the scenarios that went wrong")
print("; ".join(problems) or "ok")
PY
) || fail "reading the DOM: $out"
[ "$out" = ok ] || fail "DOM: $out"
pass

# The screenshot: a PNG with the overhead bars' blue and the page's text.
chrome --window-size=1200,1800 --screenshot="$TMP/page.png" \
	"file://$TMP/report.html" >/dev/null ||
	fail "chromium --screenshot failed: $(tail -5 "$TMP/chromium.err")"
out=$(python3 - "$TMP/page.png" <<'PY'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, i = bytearray(stride), [], 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
blue = dark = 0
for line in rows:
    for x in range(0, stride, bpp):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if abs(r - 0x2b) < 12 and abs(g - 0x6c) < 12 and abs(b - 0xb0) < 12:
            blue += 1
        elif r < 90 and g < 90 and b < 90:
            dark += 1
# bars and histogram bins in the first backend's colour, and text
print("ok" if blue > 5000 and dark > 5000 else "blue %d dark %d of %dx%d" % (blue, dark, w, h))
PY
) || fail "reading the screenshot: $out"
[ "$out" = ok ] || fail "screenshot: $out"
pass
done_ok
