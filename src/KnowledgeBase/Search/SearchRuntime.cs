namespace KnowledgeBase.Search;

/// <summary>
/// The query-side runtime written next to the index as <c>kb-search.js</c> (browser global <c>KbSearch</c>,
/// or a CommonJS module in node). It needs stock lunr 2.3.9 and, for ru/fr/de indexes, lunr.stemmer.support
/// plus lunr.{ru,fr,de} from lunr-languages 1.22.0. It provides:
/// <list type="bullet">
/// <item><c>normalize(lang, text)</c>: the same text normalisation the C# analyser applies before indexing;</item>
/// <item><c>createEngine({lunr, manifest, load})</c>: picks the shard and dictionary files a query needs, loads
/// them (<c>load(path)</c> returns a promise of parsed JSON), merges the shards into one <c>lunr.Index</c> and runs
/// the query with lunr itself, so results equal those of one monolithic index;</item>
/// <item><c>engine.search(q, {languages})</c> over several language families (merged by score),
/// <c>engine.documents(refs)</c> for display data and <c>engine.suggest(lang, term)</c> for "did you mean".</item>
/// </list>
/// The differential tests run this file in node against real lunr.js.
/// </summary>
public static class SearchRuntime
{
    public const string Script = """
/* kb-search.js: query runtime for the search files written by kb (lunr 2.3.9 + lunr-languages 1.22.0). */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.KbSearch = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // Same rules as LanguageAnalyzer.Normalize in C#: apostrophes, Russian yo, French elisions.
  var ELISION = /(^|[^\p{L}\p{N}_'])(?:[lLdDjJmMnNsStTcC]|[qQ][uU]|[jJ][uU][sS][qQ][uU]|[lL][oO][rR][sS][qQ][uU]|[pP][uU][iI][sS][qQ][uU]|[qQ][uU][oO][iI][qQ][uU])'(?=\p{L})/gu;

  function normalize(lang, text) {
    if (text == null || text === '') return text;
    var s = String(text).replace(/[\u2019\u2018\u02BC]/g, "'");
    if (lang === 'ru') s = s.replace(/\u0451/g, '\u0435').replace(/\u0401/g, '\u0415');
    else if (lang === 'fr' && s.indexOf("'") >= 0) s = s.replace(ELISION, '$1');
    return s;
  }

  // Optimal-string-alignment distance <= 1 (what lunr's fuzzy "~1" accepts).
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var DICT_KEY = {
    fwd: function (t) { return t; },
    del0: function (t) { return t.length >= 1 ? t.slice(1) : null; },
    del1: function (t) { return t.length >= 2 ? t.charAt(0) + t.slice(2) : null; }
  };

  var MAX_PREFIX_TERMS = 200;

  function fileName(template, n) { return template.replace('{n}', String(n)); }

  // Index of the last entry of sorted `firsts` that is <= key, or -1.
  function lastAtOrBelow(firsts, key, pick) {
    var lo = 0, hi = firsts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, v = pick ? pick(firsts[mid]) : firsts[mid];
      if (v <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  // An impact block (see ImpactBlocks.cs) as the lunr postings and field vector entries it stands for.
  function expandBlock(fields, json) {
    var posting = { _index: json.kb.index }, vectors = [], ref = 0, k = 0;
    fields.forEach(function (f) { posting[f] = {}; });
    for (var i = 0; i < json.refs.length; i++) {
      ref += json.refs[i];
      for (var f = 0; f < fields.length; f++) {
        if (!(json.fields[i] & (1 << f))) continue;
        posting[fields[f]][ref] = {};
        vectors.push([fields[f] + '/' + ref, [json.kb.index, json.scores[k++] / 1000]]);
      }
    }
    return { kb: json.kb, invertedIndex: [[json.kb.term, posting]], fieldVectors: vectors };
  }

  function createEngine(options) {
    var lunr = options.lunr, manifest = options.manifest, load = options.load;
    var fields = manifest.fields.map(function (f) { return f.name; });
    var files = new Map(), merged = new Map(), pipelines = new Map(), facets = null;

    function get(path) {
      if (!files.has(path)) files.set(path, Promise.resolve(load(path)));
      return files.get(path);
    }
    // An index file ready to merge: shards as they are, impact blocks expanded into the lunr postings and field
    // vector entries they stand for (see ImpactBlocks.cs for the compact form).
    var parts = new Map();
    function part(path) {
      if (!parts.has(path)) parts.set(path, get(path).then(function (json) { return json.refs ? expandBlock(fields, json) : json; }));
      return parts.get(path);
    }
    function language(code) {
      for (var i = 0; i < manifest.languages.length; i++) if (manifest.languages[i].lang === code) return manifest.languages[i];
      return null;
    }
    function pipelineOf(lang) {
      if (!pipelines.has(lang.lang)) pipelines.set(lang.lang, lunr.Pipeline.load(lang.pipeline));
      return pipelines.get(lang.lang);
    }

    function parse(lang, queryString) {
      var query = new lunr.Query(fields);
      // lunr-languages folds wildcard terms for fr/de only when it knows the index pipeline.
      query._lunrLanguagesSearchPipeline = pipelineOf(lang);
      new lunr.QueryParser(queryString, query).parse();
      dropForeignWords(lang, query);
      return query;
    }

    // A word the language's trimmer removes entirely (a Cyrillic word for the German index, say) would search for
    // the empty term, which lunr-languages keeps: it would match every document with a token the trimmer emptied
    // (a dash, a foreign word), and with ~1 every one-letter term. Such a clause matches nothing here instead.
    function dropForeignWords(lang, query) {
      var pipeline = pipelineOf(lang);
      query.clauses = query.clauses.filter(function (c) {
        return !c.usePipeline || pipeline.runString(c.term, { fields: c.fields }).some(function (t) { return t !== ''; });
      });
    }

    // lunr's Index#search with the clauses above left out (a query left with none matches nothing, where lunr
    // would take a query without clauses as "everything but nothing" and list every document).
    function run(lang, idx, text) {
      var emptied = false;
      var results = idx.query(function (query) {
        new lunr.QueryParser(text, query).parse();
        var before = query.clauses.length;
        dropForeignWords(lang, query);
        emptied = before > 0 && query.clauses.length === 0;
      });
      return emptied ? [] : results;
    }

    // Dictionary chunks ({terms, shards}: each term with the number of its shard) holding `key` exactly, or every
    // key starting with `prefix`.
    function dictChunks(lang, kind, key, isPrefix) {
      var firsts = lang.dictionary[kind].first, start = lastAtOrBelow(firsts, key), out = [];
      if (!isPrefix) return start >= 0 ? [start] : [];
      for (var i = Math.max(0, start); i < firsts.length; i++) {
        if (firsts[i] > key && firsts[i].indexOf(key) !== 0) break;
        out.push(i);
      }
      return out;
    }
    function readChunks(lang, kind, key, isPrefix, loaded) {
      return Promise.all(dictChunks(lang, kind, key, isPrefix).map(function (n) {
        var path = fileName(lang.dictionary[kind].file, n);
        loaded.add(path);
        return get(path);
      }));
    }

    // Terms of the language within one edit of `q`, read from the dictionaries: [[term, shard], …].
    function fuzzyCandidates(lang, q, loaded) {
      var lookups = [['fwd', q.slice(0, 2), true], ['fwd', q.slice(1)], ['fwd', q.slice(0, 1) + q.slice(2)],
        ['del0', q.slice(1)], ['del0', q], ['del1', q.slice(0, 1) + q.slice(2)], ['del1', q]];
      if (q.length >= 2) lookups.push(['fwd', q.charAt(1) + q.charAt(0) + q.slice(2)]);
      if (q.length >= 3) lookups.push(['fwd', q.charAt(0) + q.charAt(2) + q.charAt(1) + q.slice(3)]);
      var jobs = lookups.map(function (l) {
        var kind = l[0], key = l[1], isPrefix = !!l[2];
        return readChunks(lang, kind, key, isPrefix, loaded).then(function (chunks) {
          var out = [];
          chunks.forEach(function (c) {
            c.terms.forEach(function (t, i) {
              var k = DICT_KEY[kind](t);
              if ((isPrefix ? k.indexOf(key) === 0 : k === key) && withinOneEdit(q, t)) out.push([t, c.shards[i]]);
            });
          });
          return out;
        });
      });
      return Promise.all(jobs).then(function (lists) { return [].concat.apply([], lists); });
    }

    // The shard of a term, or -1 when the language has no such term (most words of another language's query).
    function termShard(lang, term, loaded) {
      return readChunks(lang, 'fwd', term, false, loaded).then(function (chunks) {
        var i = chunks.length ? chunks[0].terms.indexOf(term) : -1;
        return i >= 0 ? chunks[0].shards[i] : -1;
      });
    }

    // The shards of every term starting with `prefix`. A prefix that stands for more than MAX_PREFIX_TERMS words of a
    // language is refused (a QueryParseError the page shows): lunr sums every expansion, so the first results would
    // need the postings of hundreds of words ("ver*"), far past the download budget, to rank by a few letters.
    function prefixShards(lang, prefix, loaded) {
      return readChunks(lang, 'fwd', prefix, true, loaded).then(function (chunks) {
        var out = [], count = 0;
        chunks.forEach(function (c) {
          c.terms.forEach(function (t, i) { if (t.indexOf(prefix) === 0) { out.push(c.shards[i]); count++; } });
        });
        if (count > MAX_PREFIX_TERMS) {
          var e = new Error("'" + prefix + "*' stands for " + count + " words; type more letters");
          e.name = 'QueryParseError';
          throw e;
        }
        return out;
      });
    }

    // Which shards a parsed query needs (a sorted list of shard numbers).
    function plan(lang, query, loaded) {
      var pipeline = pipelineOf(lang), needed = new Set(), all = false, pending = [];
      var add = function (s) { if (s >= 0) needed.add(s); };
      query.clauses.forEach(function (clause) {
        var terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
        terms.forEach(function (t) {
          var star = t.indexOf('*');
          if (star >= 0 || clause.editDistance > 1) {
            if (star <= 0 || clause.editDistance > 0) { all = true; return; }
            pending.push(prefixShards(lang, t.slice(0, star), loaded).then(function (list) { list.forEach(add); }));
          } else if (clause.editDistance === 1) {
            pending.push(fuzzyCandidates(lang, t, loaded).then(function (cands) { cands.forEach(function (c) { add(c[1]); }); }));
          } else {
            pending.push(termShard(lang, t, loaded).then(add));
          }
        });
      });
      return Promise.all(pending).then(function () {
        if (all) {
          var every = [];
          for (var i = 0; i < lang.shards.count; i++) every.push(i);
          return every;
        }
        return Array.from(needed).sort(function (a, b) { return a - b; });
      });
    }

    function loadFacets() {
      if (!facets) facets = get(manifest.facets);
      return facets;
    }

    // One lunr.Index over several shards and impact blocks: postings of a term split over blocks are joined
    // (blocks hold disjoint documents), vectors are concatenated per field/ref (disjoint term indexes). Vector
    // keys are inserted in document-then-field order, as lunr's builder does, which only matters for queries
    // made of prohibited terms alone.
    function merge(lang, shards, allRefs) {
      var postings = new Map(), vectors = new Map();
      shards.forEach(function (s) {
        for (var i = 0; i < s.invertedIndex.length; i++) {
          var term = s.invertedIndex[i][0], p = s.invertedIndex[i][1], prev = postings.get(term);
          if (!prev) { postings.set(term, p); continue; }
          var joined = { _index: prev._index };
          fields.forEach(function (f) { joined[f] = Object.assign({}, prev[f], p[f]); });
          postings.set(term, joined);
        }
        s.fieldVectors.forEach(function (fv) {
          var prev = vectors.get(fv[0]);
          vectors.set(fv[0], prev ? mergePairs(prev, fv[1]) : fv[1]);
        });
      });
      if (allRefs) allRefs.forEach(function (ref) {
        fields.forEach(function (f) { var k = f + '/' + ref; if (!vectors.has(k)) vectors.set(k, []); });
      });
      var fieldIndex = new Map(fields.map(function (f, i) { return [f, i]; }));
      var keys = Array.from(vectors.keys()).map(function (k) {
        var slash = k.indexOf('/');
        return [Number(k.slice(slash + 1)), fieldIndex.get(k.slice(0, slash)), k];
      }).sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      var terms = Array.from(postings.keys()).sort();
      return lunr.Index.load({
        version: lunr.version, fields: fields, pipeline: lang.pipeline,
        invertedIndex: terms.map(function (t) { return [t, postings.get(t)]; }),
        fieldVectors: keys.map(function (k) { return [k[2], vectors.get(k[2])]; })
      });
    }
    function mergePairs(a, b) {
      var out = [], i = 0, j = 0;
      while (i < a.length || j < b.length) {
        if (j >= b.length || (i < a.length && a[i] < b[j])) { out.push(a[i], a[i + 1]); i += 2; }
        else { out.push(b[j], b[j + 1]); j += 2; }
      }
      return out;
    }

    // The merged index of a list of files (cached by the list).
    function indexOf(lang, paths, jsons, allRefs) {
      var key = lang.lang + '|' + paths.join(',') + (allRefs ? '|neg' : '');
      if (!merged.has(key)) {
        if (merged.size > 32) merged.clear();
        merged.set(key, merge(lang, jsons, allRefs));
      }
      return merged.get(key);
    }

    function isImpact(lang, n) {
      if (!lang.impactSet) lang.impactSet = new Set(lang.shards.impact || []);
      return lang.impactSet.has(n);
    }
    function blockPath(lang, n, b) { return lang.shards.impactFile.replace('{n}', String(n)).replace('{b}', String(b)); }

    // What an impact block tells: its documents (a set of refs) and, for the first block, every document with
    // the term (a bitset over refs). Cached per file.
    var blockInfo = new Map();
    function infoOf(path, json) {
      if (!blockInfo.has(path)) {
        var posting = json.invertedIndex[0][1], docs = new Set();
        fields.forEach(function (f) { Object.keys(posting[f]).forEach(function (r) { docs.add(Number(r)); }); });
        var bits = null;
        if (json.kb.bits) {
          var bin = atob(json.kb.bits);
          bits = new Uint8Array(bin.length);
          for (var i = 0; i < bin.length; i++) bits[i] = bin.charCodeAt(i);
        }
        blockInfo.set(path, { kb: json.kb, docs: docs, bits: bits });
      }
      return blockInfo.get(path);
    }

    // lunr.Index#query for plain clauses (optional, positive boost, every field) without its MatchData objects,
    // which cost most of its time on long posting lists: the same query vectors (lunr.Vector, the same upserts in the
    // same order), each document-field scored by lunr's own Vector#similarity, and a document's field scores added
    // in the order lunr first meets its fields, so every score is lunr's to the bit; sorted as lunr sorts (score
    // descending, ties in ascending ref order). Also gives each index term's largest factor (clause boosts over
    // the field's query-vector magnitude), for the stopping bound, and the matched terms of chosen documents.
    function scorePlain(lang, idx, query) {
      var vectors = {}, walked = [], seen = new Set(), docFields = new Map(), boosts = new Map();
      fields.forEach(function (f) { vectors[f] = new lunr.Vector(); });
      query.clauses.forEach(function (clause) {
        var terms = clause.usePipeline ? pipelineOf(lang).runString(clause.term, { fields: clause.fields }) : [clause.term];
        terms.forEach(function (term) {
          var c = Object.assign({}, clause, { term: term });
          idx.tokenSet.intersect(lunr.TokenSet.fromClause(c)).toArray().forEach(function (e) {
            var posting = idx.invertedIndex[e], b = boosts.get(e) || new Map();
            boosts.set(e, b);
            clause.fields.forEach(function (f) {
              vectors[f].upsert(posting._index, clause.boost, function (x, y) { return x + y; });
              b.set(f, (b.get(f) || 0) + clause.boost);
              if (seen.has(e + '/' + f)) return;
              seen.add(e + '/' + f);
              walked.push([e, f]);
              for (var ref in posting[f]) {
                var list = docFields.get(ref);
                if (!list) docFields.set(ref, [f]);
                else if (list.indexOf(f) < 0) list.push(f);
              }
            });
          });
        });
      });
      var results = [];
      docFields.forEach(function (list, ref) {
        var score = 0;
        for (var i = 0; i < list.length; i++) {
          var s = vectors[list[i]].similarity(idx.fieldVectors[list[i] + '/' + ref]);
          score = i === 0 ? s : score + s;
        }
        results.push({ ref: ref, score: score });
      });
      // Stable sort, like lunr's: equal scores keep the order lunr first met the documents in (clause, term,
      // field, then ascending ref), which is docFields' insertion order.
      results.sort(function (x, y) { return y.score - x.score; });
      var factors = new Map();
      boosts.forEach(function (b, term) {
        var best = 0;
        b.forEach(function (boost, f) { var m = vectors[f].magnitude(); if (m > 0) best = Math.max(best, boost / m); });
        factors.set(term, best);
      });
      // lunr's matchData.metadata for a result: its matched terms and fields (no positions are indexed).
      function matchData(ref) {
        var metadata = {};
        walked.forEach(function (w) {
          if (!(ref in idx.invertedIndex[w[0]][w[1]])) return;
          (metadata[w[0]] = metadata[w[0]] || {})[w[1]] = {};
        });
        return { metadata: metadata };
      }
      return { results: results, factors: factors, matchData: matchData };
    }

    // Only plain clauses (optional, positive boost, every field) may stop early: a required, prohibited or
    // field-scoped clause needs the whole posting list of its terms, which the other path loads.
    function allowsTopK(query) {
      return query.clauses.length > 0 && query.clauses.every(function (c) {
        return c.presence === lunr.Query.presence.OPTIONAL && c.boost > 0 && c.fields.length === fields.length;
      });
    }

    var blocksMemo = new Map();

    function blockOf(lang, n, b) { return blockInfo.get(blockPath(lang, n, b)); }

    // Marks (by ref) of the documents in blocks 0..b of an impact shard.
    var seenCache = new Map();
    function seenThrough(lang, n, b) {
      var key = blockPath(lang, n, b);
      if (!seenCache.has(key)) {
        var seen = b > 0 ? seenThrough(lang, n, b - 1).slice() : new Uint8Array(manifest.documents);
        blockOf(lang, n, b).docs.forEach(function (d) { seen[d] = 1; });
        seenCache.set(key, seen);
      }
      return seenCache.get(key);
    }

    // The exact top `top` results of a query whose terms include very frequent ones, reading their impact blocks
    // (best documents first) only as deep as needed. Each round merges what is loaded and runs lunr on it: a
    // document whose every posting is loaded gets exactly lunr's score (the same operations on the same numbers);
    // any other document scores less than it would, by at most the sum, over the terms it has in blocks not loaded
    // yet, of (the term's factor × the next block's largest score). The round's best `top` stand once they are
    // complete and no other document's upper bound reaches the last of them; otherwise the next block of each term
    // such a document still misses is loaded. Totals and the match list come from the bitsets, so they are exact.
    function topK(lang, text, query, shardPaths, impact, loaded, top, filter) {
      var size = manifest.documents, memoKey = lang.lang + '|' + text, memo = blocksMemo.get(memoKey) || {};
      var depth = impact.map(function (n) { return memo[n] || 1; });
      function round() {
        var blockPaths = [];
        impact.forEach(function (n, i) { for (var b = 0; b < depth[i]; b++) blockPaths.push(blockPath(lang, n, b)); });
        var paths = shardPaths.concat(blockPaths);
        paths.forEach(function (p) { loaded.add(p); });
        return Promise.all(paths.map(part)).then(function (jsons) {
          blockPaths.forEach(function (p, j) { infoOf(p, jsons[shardPaths.length + j]); });
          var idx = indexOf(lang, paths, jsons, null), scored = scorePlain(lang, idx, query);
          var results = scored.results, factors = scored.factors;
          var score = new Float64Array(size), found = new Uint8Array(size), missing = new Float64Array(size);
          var lacks = new Uint32Array(size), total = 0, bounds = impact.map(function () { return 0; });
          results.forEach(function (r) { var n = Number(r.ref); score[n] = r.score; found[n] = 1; total++; });
          impact.forEach(function (n, i) {
            var head = blockOf(lang, n, 0), last = blockOf(lang, n, depth[i] - 1);
            var factor = factors.get(head.kb.term) || 0;
            if (factor <= 0) return; // no clause matches this term
            var more = depth[i] < head.kb.blocks, bound = factor * last.kb.next * (1 + 1e-9) + 1e-12;
            bounds[i] = more ? bound : 0;
            var seen = more ? seenThrough(lang, n, depth[i] - 1) : null, bits = head.bits, bit = 1 << Math.min(i, 31);
            for (var byte = 0; byte < bits.length; byte++) {
              var v = bits[byte];
              if (!v) continue;
              for (var k = 0; k < 8; k++) {
                if (!(v & (1 << k))) continue;
                var ref = byte * 8 + k;
                if (!found[ref]) { found[ref] = 1; total++; }
                if (more && !seen[ref]) { missing[ref] += bound; lacks[ref] |= bit; }
              }
            }
          });
          // Results are in lunr's order; documents not met yet score 0 so far and are decided by their bound.
          var kept = filter ? results.filter(function (r) { return filter(Number(r.ref)); }) : results;
          var best = kept.slice(0, top), extend = 0, lastScore = best.length === top ? best[top - 1].score : -Infinity;
          var inBest = new Set();
          best.forEach(function (r) { inBest.add(Number(r.ref)); extend |= lacks[Number(r.ref)]; });
          for (var ref = 0; ref < size; ref++) {
            if (!missing[ref] || inBest.has(ref) || (filter && !filter(ref))) continue;
            if (score[ref] + missing[ref] >= lastScore) extend |= lacks[ref];
          }
          if (extend) {
            // One block more of the term with the largest bound among those the undecided documents miss: the
            // classic threshold-algorithm step, which reads less than deepening every term at once.
            var pick = -1;
            impact.forEach(function (n, i) {
              if ((extend & (1 << Math.min(i, 31))) && bounds[i] > 0 && (pick < 0 || bounds[i] > bounds[pick])) pick = i;
            });
            if (pick < 0) impact.forEach(function (n, i) { if (bounds[i] > 0 && pick < 0) pick = i; });
            depth[pick]++;
            return round();
          }
          var keep = {};
          impact.forEach(function (n, i) { keep[n] = Math.max(depth[i], memo[n] || 1); });
          blocksMemo.set(memoKey, keep);
          var refs = [], matched = 0;
          for (var r = 0; r < size; r++) {
            if (!found[r]) continue;
            refs.push(r);
            if (!filter || filter(r)) matched++;
          }
          best.forEach(function (r) { r.matchData = scored.matchData(r.ref); });
          return { results: tag(lang, best), total: total, matched: matched, refs: refs, files: Array.from(loaded) };
        });
      }
      return round();
    }

    // Every block of the given impact shards (their first blocks say how many there are).
    function allBlocks(lang, impact) {
      return Promise.all(impact.map(function (n) {
        var head = blockPath(lang, n, 0);
        return get(head).then(function (json) {
          var out = [];
          for (var b = 0; b < json.kb.blocks; b++) out.push(blockPath(lang, n, b));
          return out;
        });
      })).then(function (lists) { return [].concat.apply([], lists); });
    }

    // Full lunr results → what searchLanguage resolves to.
    function finish(lang, all, files, opts) {
      var refs = all.map(function (r) { return Number(r.ref); });
      var kept = opts.filter ? all.filter(function (r) { return opts.filter(Number(r.ref)); }) : all;
      var shown = opts.top != null ? kept.slice(0, opts.top) : kept;
      return { results: tag(lang, shown), total: all.length, matched: kept.length, refs: refs, files: files };
    }

    // Runs a query on one language family. `opts.top`: only the best `top` results are needed (exact, in lunr's
    // order), so very frequent terms are read only as deep as that takes; without it every result is returned.
    // `opts.filter(ref)` keeps only some documents (ranking, `top` and `matched` apply to those). Resolves to
    // {results:[{ref, score, lang, matchData}], total: all matches, matched: matches the filter keeps,
    // refs: every matching ref (numbers, any order), files: paths used}.
    function searchLanguage(code, queryString, opts) {
      opts = opts || {};
      var lang = language(code);
      if (!lang) return Promise.resolve({ results: [], total: 0, matched: 0, refs: [], files: [] });
      var text = normalize(lang.lang, queryString);
      if (lang.index) {
        return get(lang.index).then(function (json) {
          var key = lang.lang + '|all';
          if (!merged.has(key)) merged.set(key, lunr.Index.load(json));
          return finish(lang, run(lang, merged.get(key), text), [lang.index], opts);
        });
      }
      var query = parse(lang, text), loaded = new Set();
      return plan(lang, query, loaded).then(function (shardNumbers) {
        var plain = shardNumbers.filter(function (n) { return !isImpact(lang, n); });
        var impact = shardNumbers.filter(function (n) { return isImpact(lang, n); });
        var paths = plain.map(function (n) { return fileName(lang.shards.file, n); });
        var negated = query.clauses.length > 0 && query.isNegated();
        if (impact.length && opts.top != null && !negated && allowsTopK(query))
          return topK(lang, text, query, paths, impact, loaded, opts.top, opts.filter);
        return allBlocks(lang, impact).then(function (blocks) {
          paths = paths.concat(blocks);
          paths.forEach(function (p) { loaded.add(p); });
          return Promise.all([Promise.all(paths.map(part)), negated ? loadFacets() : null]);
        }).then(function (r) {
          var allRefs = null;
          if (negated) {
            loaded.add(manifest.facets);
            var fam = r[1].family, want = fam.values.indexOf(lang.lang);
            allRefs = [];
            fam.docs.forEach(function (v, ref) { if (v === want) allRefs.push(ref); });
          }
          return finish(lang, run(lang, indexOf(lang, paths, r[0], allRefs), text), Array.from(loaded), opts);
        });
      });
    }
    function tag(lang, results) {
      return results.map(function (r) { return { ref: r.ref, score: r.score, lang: lang.lang, matchData: r.matchData }; });
    }

    // Every language family (or `opts.languages`), merged by descending score; ties keep language order. With
    // `opts.top`, each family gives its exact best `top`, so the merged best `top` are exact too.
    function search(queryString, opts) {
      opts = opts || {};
      var codes = opts.languages || manifest.languages.map(function (l) { return l.lang; });
      return Promise.all(codes.map(function (c) { return searchLanguage(c, queryString, opts); })).then(function (parts) {
        var results = [], used = new Set(), refs = [], total = 0, matched = 0;
        parts.forEach(function (p) {
          results = results.concat(p.results);
          p.files.forEach(function (f) { used.add(f); });
          refs = refs.concat(p.refs);
          total += p.total;
          matched += p.matched;
        });
        results.sort(function (a, b) { return b.score - a.score; });
        if (opts.top != null) results = results.slice(0, opts.top);
        return { results: results, total: total, matched: matched, refs: refs, files: Array.from(used) };
      });
    }

    // Display data (title, url, date, severity, lang, summary, tags, year) for refs, in the given order.
    function documents(refs) {
      var size = manifest.store.bucketSize, buckets = new Set();
      refs.forEach(function (r) { buckets.add(Math.floor(Number(r) / size)); });
      var paths = Array.from(buckets).map(function (b) { return fileName(manifest.store.file, b); });
      return Promise.all(paths.map(get)).then(function (lists) {
        var byRef = new Map();
        lists.forEach(function (l) { l.forEach(function (d) { byRef.set(String(d.ref), d); }); });
        return refs.map(function (r) { return byRef.get(String(r)); });
      });
    }

    // Index terms within one edit of the (analysed) word, for "did you mean". A single-file language has no
    // dictionary files: its index's own term list serves instead.
    function suggest(code, word) {
      var lang = language(code);
      if (!lang || (!lang.dictionary && !lang.index)) return Promise.resolve([]);
      var term = pipelineOf(lang).runString(normalize(lang.lang, String(word)).toLowerCase())[0] || '';
      if (!term) return Promise.resolve([]);
      if (!lang.dictionary) {
        return get(lang.index).then(function (json) {
          return json.invertedIndex.map(function (e) { return e[0]; }).filter(function (t) { return withinOneEdit(term, t); });
        });
      }
      return fuzzyCandidates(lang, term, new Set()).then(function (cands) {
        var out = [];
        cands.forEach(function (c) { if (out.indexOf(c[0]) < 0) out.push(c[0]); });
        return out;
      });
    }

    return { search: search, searchLanguage: searchLanguage, documents: documents, suggest: suggest, facets: loadFacets, manifest: manifest };
  }

  // Node helper used by the tests and tools: an engine over a search directory on disk.
  function createNodeEngine(lunr, dir) {
    var fs = require('fs'), path = require('path');
    var read = function (p) { return JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')); };
    return createEngine({ lunr: lunr, manifest: read('manifest.json'), load: read });
  }

  return { normalize: normalize, withinOneEdit: withinOneEdit, expandBlock: expandBlock, createEngine: createEngine, createNodeEngine: createNodeEngine };
});
""";
}
