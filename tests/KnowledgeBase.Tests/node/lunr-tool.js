#!/usr/bin/env node
// Test driver around the real lunr.js 2.3.9 + lunr-languages 1.22.0 pinned by themes/default/package.json.
// Commands (all input and output are JSON files/stdout so C# tests can diff them):
//   build   <input.json> <output.json>   build an index with lunr.js (input: {lang, fields:[{name,boost}], docs:[{ref, texts}], runtime?})
//   query   <input.json>                 run queries on indexes (input: {lang, indexes:{name:path}, queries:[...], runtime?})
//   analyze <input.json>                 run words through build and search pipelines (input: {lang, words})
//   stopwords                            print the stop-word lists of the pinned packages
//   cost    <input.json>                 what queries download and how long they take through kb-search.js
//                                        (input: {searchDir, top, sessions:[[query, …], …]}; see cost())
// Each command writes one JSON document to stdout; errors go to stderr with a non-zero exit code.
'use strict';
const fs = require('fs');
const path = require('path');

const modules = process.env.KB_NODE_MODULES || path.resolve(__dirname, '../../../themes/default/node_modules');
const lunr = require(path.join(modules, 'lunr'));
require(path.join(modules, 'lunr-languages/lunr.stemmer.support.js'))(lunr);
require(path.join(modules, 'lunr-languages/lunr.ru.js'))(lunr);
require(path.join(modules, 'lunr-languages/lunr.fr.js'))(lunr);
require(path.join(modules, 'lunr-languages/lunr.de.js'))(lunr);
require(path.join(modules, 'lunr-languages/lunr.multi.js'))(lunr);

// lunr.utils.warn prints "Version mismatch"/"Overwriting" to the console; fail loudly instead for the former.
const warn = lunr.utils.warn;
lunr.utils.warn = function (message) {
  if (String(message).indexOf('Version mismatch') >= 0) throw new Error(message);
  return warn.apply(this, arguments);
};

let multiEnRu = null;
function plugin(lang) {
  switch (lang) {
    case 'ru': return multiEnRu || (multiEnRu = lunr.multiLanguage('en', 'ru'));
    case 'fr': return lunr.fr;
    case 'de': return lunr.de;
    default: return null;
  }
}

function loadRuntime(p) {
  return p ? require(path.resolve(p)) : null;
}

function build(input) {
  const runtime = loadRuntime(input.runtime);
  const norm = (t) => (t == null ? t : runtime ? runtime.normalize(input.lang, t) : t);
  return lunr(function () {
    const p = plugin(input.lang);
    if (p) this.use(p);
    this.ref('ref');
    for (const f of input.fields) this.field(f.name, f.boost && f.boost !== 1 ? { boost: f.boost } : undefined);
    for (const d of input.docs) {
      const doc = { ref: d.ref };
      input.fields.forEach((f, i) => { doc[f.name] = norm(d.texts[i]); });
      this.add(doc, d.boost && d.boost !== 1 ? { boost: d.boost } : undefined);
    }
  });
}

function runQuery(idx, q) {
  try {
    return idx.search(q).map((r) => [r.ref, r.score]);
  } catch (e) {
    if (e instanceof lunr.QueryParseError) return { error: e.name };
    throw e;
  }
}

async function query(input) {
  const runtime = loadRuntime(input.runtime);
  const out = {};
  for (const [name, spec] of Object.entries(input.indexes)) {
    if (typeof spec === 'string') {
      // A single lunr index file, queried with stock lunr (query text normalised like the site does).
      const idx = lunr.Index.load(JSON.parse(fs.readFileSync(spec, 'utf8')));
      out[name] = input.queries.map((q) => runQuery(idx, runtime ? runtime.normalize(input.lang, q) : q));
    } else {
      // {searchDir}: a site search directory (single files or shards), queried through kb-search.js.
      const engine = runtime.createNodeEngine(lunr, spec.searchDir);
      const results = [];
      for (const q of input.queries) {
        try {
          const opts = spec.top != null ? { top: spec.top } : undefined;
          if (opts && spec.filterMod) opts.filter = (ref) => ref % spec.filterMod === 0;
          const r = spec.allLanguages ? await engine.search(q, opts) : await engine.searchLanguage(input.lang, q, opts);
          results.push({ results: r.results.map((x) => [x.ref, x.score]), files: r.files.sort(), total: r.total, matched: r.matched });
        } catch (e) {
          if (e instanceof lunr.QueryParseError || e.name === 'QueryParseError') results.push({ error: e.name, message: e.message });
          else throw e;
        }
      }
      out[name] = results;
    }
  }
  return out;
}

// Each session is a fresh page: its queries run in order through kb-search.js (every language, best `top`), then
// the store buckets of the shown results load, as the site does. For each query: the files it fetched that the
// session did not have yet, their raw and gzip bytes (zlib level 6, like a web server), the time to the first
// results (a cold run: parsing and merging included, no network), the time of the same query again (cached),
// the match count and the shown refs.
async function cost(input) {
  const zlib = require('zlib');
  const runtime = require(path.join(input.searchDir, 'kb-search.js'));
  const sizes = new Map();
  const size = (p) => {
    if (!sizes.has(p)) {
      const bytes = fs.readFileSync(path.join(input.searchDir, p));
      sizes.set(p, [bytes.length, zlib.gzipSync(bytes, { level: 6 }).length]);
    }
    return sizes.get(p);
  };
  const out = [];
  for (const session of input.sessions) {
    const fetched = new Set(['manifest.json', 'kb-search.js']);
    const read = (p) => { fetched.add(p); return JSON.parse(fs.readFileSync(path.join(input.searchDir, p), 'utf8')); };
    const engine = runtime.createEngine({ lunr, manifest: read('manifest.json'), load: read });
    const seen = new Set();
    const rows = [];
    for (const q of session) {
      const t0 = process.hrtime.bigint();
      let r;
      try {
        r = await engine.search(q, { top: input.top });
      } catch (e) {
        if (e.name !== 'QueryParseError') throw e;
        rows.push({ query: q, error: e.message });
        continue;
      }
      await engine.documents(r.results.map((x) => x.ref));
      const cold = Number(process.hrtime.bigint() - t0) / 1e6;
      const fresh = [...fetched].filter((p) => !seen.has(p));
      fresh.forEach((p) => seen.add(p));
      const t1 = process.hrtime.bigint();
      await engine.search(q, { top: input.top });
      const warm = Number(process.hrtime.bigint() - t1) / 1e6;
      rows.push({
        query: q, files: fresh.length, raw: fresh.reduce((a, p) => a + size(p)[0], 0), gzip: fresh.reduce((a, p) => a + size(p)[1], 0),
        coldMs: cold, warmMs: warm, total: r.total, top: r.results.map((x) => x.ref),
        blocks: fresh.filter((p) => p.indexOf('/top-') >= 0).length,
        detail: input.detail ? fresh.map((p) => [p, size(p)[1]]) : undefined,
      });
    }
    out.push(rows);
  }
  return out;
}

function analyze(input) {
  const lang = input.lang;
  // The build pipeline exactly as lunr(config) sets it up for this language, applied token by token.
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  builder.searchPipeline.add(lunr.stemmer);
  const p = plugin(lang);
  if (p) p.call(builder, builder);
  const runtime = loadRuntime(input.runtime);
  return {
    build: builder.pipeline.toJSON(),
    search: builder.searchPipeline.toJSON(),
    words: input.words.map((w) => {
      const text = runtime ? runtime.normalize(lang, w) : w;
      const tokens = lunr.tokenizer(text);
      const built = builder.pipeline.run(tokens).map(String);
      const searched = builder.searchPipeline.runString(text.toLowerCase()).map(String);
      return [built, searched];
    }),
  };
}

function stopwords() {
  const read = (f) => fs.readFileSync(path.join(modules, f), 'utf8');
  const grab = (src) => {
    const m = /generateStopWordFilter\((?:\[([^\]]*)\]|'([^']*)'\.split\(' '\))/.exec(src);
    return m[1] !== undefined ? m[1].split(',').map((w) => w.trim().replace(/^'|'$/g, '')) : m[2].split(' ');
  };
  return {
    en: grab(read('lunr/lunr.js')),
    ru: grab(read('lunr-languages/lunr.ru.js')),
    fr: grab(read('lunr-languages/lunr.fr.js')),
    de: grab(read('lunr-languages/lunr.de.js')),
  };
}

async function main() {
  const [cmd, a, b] = process.argv.slice(2);
  const readInput = () => JSON.parse(fs.readFileSync(a, 'utf8'));
  switch (cmd) {
    case 'build':
      fs.writeFileSync(b, JSON.stringify(build(readInput())));
      process.stdout.write('{"ok":true}');
      break;
    case 'query':
      process.stdout.write(JSON.stringify(await query(readInput())));
      break;
    case 'cost':
      process.stdout.write(JSON.stringify(await cost(readInput())));
      break;
    case 'analyze':
      process.stdout.write(JSON.stringify(analyze(readInput())));
      break;
    case 'check': {
      // Loads every index file with lunr.Index.load and checks postings/vectors are consistent.
      // Impact blocks (compact, with "refs") are expanded by kb-search.js into the lunr index part they stand for.
      let loaded = 0;
      const input = readInput();
      const runtime = loadRuntime(input.runtime);
      for (const file of input.files) {
        let json = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (json.refs) {
          const p = runtime.expandBlock(input.fields, json);
          json = { version: lunr.version, fields: input.fields, fieldVectors: p.fieldVectors, invertedIndex: p.invertedIndex, pipeline: ['stemmer'] };
        }
        const idx = lunr.Index.load(json);
        for (const [term, posting] of json.invertedIndex) {
          for (const field of json.fields) {
            if (!posting[field]) throw new Error(file + ': posting of ' + term + ' lacks field ' + field);
            for (const ref of Object.keys(posting[field])) {
              const v = idx.fieldVectors[field + '/' + ref];
              if (!v || v.elements.indexOf(posting._index) % 2 !== 0) throw new Error(file + ': no vector entry for ' + term + ' in ' + field + '/' + ref);
            }
          }
        }
        loaded++;
      }
      process.stdout.write(JSON.stringify({ loaded }));
      break;
    }
    case 'stopwords':
      process.stdout.write(JSON.stringify(stopwords()));
      break;
    default:
      throw new Error('unknown command ' + cmd);
  }
}

main().catch((e) => {
  process.stderr.write((e && e.stack) || String(e));
  process.exit(1);
});
