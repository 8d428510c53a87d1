#!/usr/bin/env bash
# Search scale benchmark: builds generated knowledge bases with the real `kb build --verbose` (search stage time),
# then runs every query session of queries.txt through the site's own kb-search.js and lunr.js in node
# (tests/KnowledgeBase.Tests/node/lunr-tool.js `cost`) and prints, per size: index size, search-stage time, and
# per query the gzip bytes downloaded before the first results (best 10 + their store buckets), the bytes of one
# further word, the match count and the time (node, no network; the Chromium numbers come from SearchLatencyTests).
# Usage: bench/search/run.sh [sizes, default "1000 10000"] [work dir, default $TMPDIR/kb-search-bench]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
sizes="${1:-1000 10000}"; work="${2:-${TMPDIR:-/tmp}/kb-search-bench}"
mkdir -p "$work"
dotnet build -c Release "$repo/src/KnowledgeBase.Cli" >/dev/null
kb="$repo/src/KnowledgeBase.Cli/bin/Release/net10.0/kb.dll"
for n in $sizes; do
  corpus="$work/corpus-$n"; site="$work/site-$n"
  [ -f "$corpus/.complete" ] || { dotnet run -c Release --project "$repo/bench/KnowledgeBase.Bench" -- generate --count "$n" --out "$corpus" >/dev/null && touch "$corpus/.complete"; }
  rm -rf "$site"
  stage=$(dotnet "$kb" build --input "$corpus" --output "$site" --as-of 2026-11-23 --verbose | awk '$1 == "search" { print $4, $5 }')
  python3 - "$here/queries.txt" "$site/search" "$work/cost-$n.json" <<'PY'
import json, sys
sessions = []
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.strip()
    if line and not line.startswith('#'):
        first, more = line.split('|')
        sessions.append([first, first + ' ' + more])
json.dump({'searchDir': sys.argv[2], 'top': 10, 'sessions': sessions}, open(sys.argv[3], 'w'))
PY
  KB_NODE_MODULES="$repo/themes/default/node_modules" node "$repo/tests/KnowledgeBase.Tests/node/lunr-tool.js" cost "$work/cost-$n.json" > "$work/cost-$n.out"
  python3 - "$n" "$site/search" "$work/cost-$n.out" "$stage" <<'PY'
import gzip, json, os, sys
n, d, out, stage = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
raw = gz = files = 0
for root, _, names in os.walk(d):
    for name in names:
        b = open(os.path.join(root, name), 'rb').read()
        raw += len(b); gz += len(gzip.compress(b, 6)); files += 1
print(f'## {n} post-mortems: search stage {stage}, {files} files, {raw / 2**20:.1f} MiB raw / {gz / 2**20:.1f} MiB gzip')
print('| query | matches | first KB gz | files | + word | KB gz | node cold ms | node cached ms |')
print('|---|---|---|---|---|---|---|---|')
worst = [0, 0]
for s in json.load(open(out)):
    f, x = s[0], s[1]
    worst = [max(worst[0], f['gzip']), max(worst[1], x['gzip'])]
    print(f"| {f['query']} | {f['total']} | {f['gzip'] / 1024:.1f} | {f['files']} | {x['query'][len(f['query']) + 1:]} | {x['gzip'] / 1024:.1f} | {f['coldMs']:.0f} | {f['warmMs']:.1f} |")
print(f'worst first query {worst[0] / 1024:.1f} KB gzip (budget 150), worst further word {worst[1] / 1024:.1f} KB gzip (budget 50)')
PY
done
