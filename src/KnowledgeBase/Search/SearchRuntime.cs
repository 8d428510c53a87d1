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

  function createEngine(options) {
    var lunr = options.lunr, manifest = options.manifest, load = options.load;
    var fields = manifest.fields.map(function (f) { return f.name; });
    var files = new Map(), merged = new Map(), pipelines = new Map(), facets = null;

    function get(path) {
      if (!files.has(path)) files.set(path, Promise.resolve(load(path)));
      return files.get(path);
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
      return query;
    }

    function shardOfTerm(lang, term) {
      var r = lang.shards.ranges, i = lastAtOrBelow(r, term, function (x) { return x[0]; });
      return i >= 0 && term <= r[i][1] ? i : -1;
    }
    function shardsWithPrefix(lang, prefix) {
      var r = lang.shards.ranges, out = [];
      for (var i = Math.max(0, lastAtOrBelow(r, prefix, function (x) { return x[0]; })); i < r.length; i++) {
        if (r[i][0] > prefix && r[i][0].indexOf(prefix) !== 0) break;
        if (r[i][1] >= prefix) out.push(i);
      }
      return out;
    }

    // Dictionary chunks holding `key` exactly, or every key starting with `prefix`.
    function dictChunks(lang, kind, key, isPrefix) {
      var firsts = lang.dictionary[kind].first, start = lastAtOrBelow(firsts, key), out = [];
      if (!isPrefix) return start >= 0 ? [start] : [];
      for (var i = Math.max(0, start); i < firsts.length; i++) {
        if (firsts[i] > key && firsts[i].indexOf(key) !== 0) break;
        out.push(i);
      }
      return out;
    }

    // Terms of the language within one edit of `q`, read from the dictionaries.
    function fuzzyCandidates(lang, q, loaded) {
      var lookups = [['fwd', q.slice(0, 2), true], ['fwd', q.slice(1)], ['fwd', q.slice(0, 1) + q.slice(2)],
        ['del0', q.slice(1)], ['del0', q], ['del1', q.slice(0, 1) + q.slice(2)], ['del1', q]];
      if (q.length >= 2) lookups.push(['fwd', q.charAt(1) + q.charAt(0) + q.slice(2)]);
      if (q.length >= 3) lookups.push(['fwd', q.charAt(0) + q.charAt(2) + q.charAt(1) + q.slice(3)]);
      var jobs = lookups.map(function (l) {
        var kind = l[0], key = l[1], isPrefix = !!l[2];
        return Promise.all(dictChunks(lang, kind, key, isPrefix).map(function (n) {
          var path = fileName(lang.dictionary[kind].file, n);
          loaded.add(path);
          return get(path);
        })).then(function (chunks) {
          var out = [];
          chunks.forEach(function (terms) {
            terms.forEach(function (t) {
              var k = DICT_KEY[kind](t);
              if ((isPrefix ? k.indexOf(key) === 0 : k === key) && withinOneEdit(q, t)) out.push(t);
            });
          });
          return out;
        });
      });
      return Promise.all(jobs).then(function (lists) { return [].concat.apply([], lists); });
    }

    function termExists(lang, term, loaded) {
      var chunk = dictChunks(lang, 'fwd', term, false);
      if (!chunk.length) return Promise.resolve(false);
      var path = fileName(lang.dictionary.fwd.file, chunk[0]);
      loaded.add(path);
      return get(path).then(function (terms) { return terms.indexOf(term) >= 0; });
    }

    // Which shards a parsed query needs (a sorted list of shard numbers).
    function plan(lang, query, loaded) {
      var pipeline = pipelineOf(lang), needed = new Set(), all = false, pending = [];
      query.clauses.forEach(function (clause) {
        var terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
        terms.forEach(function (t) {
          var star = t.indexOf('*');
          if (star >= 0 || clause.editDistance > 1) {
            if (star <= 0 || clause.editDistance > 0) { all = true; return; }
            shardsWithPrefix(lang, t.slice(0, star)).forEach(function (i) { needed.add(i); });
          } else if (clause.editDistance === 1) {
            pending.push(fuzzyCandidates(lang, t, loaded).then(function (cands) {
              cands.forEach(function (c) { var i = shardOfTerm(lang, c); if (i >= 0) needed.add(i); });
            }));
          } else if (shardOfTerm(lang, t) >= 0) {
            // Read the small dictionary chunk first: most terms of another language's query are absent here.
            pending.push(termExists(lang, t, loaded).then(function (exists) { if (exists) needed.add(shardOfTerm(lang, t)); }));
          }
        });
      });
      return Promise.all(pending).then(function () {
        if (all) return lang.shards.ranges.map(function (_, i) { return i; });
        return Array.from(needed).sort(function (a, b) { return a - b; });
      });
    }

    function loadFacets() {
      if (!facets) facets = get(manifest.facets);
      return facets;
    }

    // One lunr.Index over several shards: postings are disjoint by term, vectors are concatenated per
    // field/ref (disjoint term indexes). Vector keys are inserted in document-then-field order, as lunr's
    // builder does, which only matters for queries made of prohibited terms alone.
    function merge(lang, shards, allRefs) {
      var inverted = [], vectors = new Map();
      shards.forEach(function (s) {
        for (var i = 0; i < s.invertedIndex.length; i++) inverted.push(s.invertedIndex[i]);
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
      return lunr.Index.load({
        version: lunr.version, fields: fields, pipeline: lang.pipeline, invertedIndex: inverted,
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

    // Runs a query on one language family. Resolves to {results:[{ref, score, lang}], files:[paths used]}.
    function searchLanguage(code, queryString) {
      var lang = language(code);
      if (!lang) return Promise.resolve({ results: [], files: [] });
      var text = normalize(lang.lang, queryString);
      if (lang.index) {
        return get(lang.index).then(function (json) {
          var key = lang.lang + '|all';
          if (!merged.has(key)) merged.set(key, lunr.Index.load(json));
          return { results: tag(lang, merged.get(key).search(text)), files: [lang.index] };
        });
      }
      var query = parse(lang, text), loaded = new Set();
      return plan(lang, query, loaded).then(function (shardNumbers) {
        var paths = shardNumbers.map(function (n) { return fileName(lang.shards.file, n); });
        paths.forEach(function (p) { loaded.add(p); });
        var negated = query.clauses.length > 0 && query.isNegated();
        return Promise.all([Promise.all(paths.map(get)), negated ? loadFacets() : null]).then(function (r) {
          var allRefs = null;
          if (negated) {
            loaded.add(manifest.facets);
            var fam = r[1].family, want = fam.values.indexOf(lang.lang);
            allRefs = [];
            fam.docs.forEach(function (v, ref) { if (v === want) allRefs.push(ref); });
          }
          var key = lang.lang + '|' + shardNumbers.join(',') + (negated ? '|neg' : '');
          if (!merged.has(key)) {
            if (merged.size > 32) merged.clear();
            merged.set(key, merge(lang, r[0], allRefs));
          }
          return { results: tag(lang, merged.get(key).search(text)), files: Array.from(loaded) };
        });
      });
    }
    function tag(lang, results) {
      return results.map(function (r) { return { ref: r.ref, score: r.score, lang: lang.lang, matchData: r.matchData }; });
    }

    // Every language family (or `opts.languages`), merged by descending score; ties keep language order.
    function search(queryString, opts) {
      var codes = (opts && opts.languages) || manifest.languages.map(function (l) { return l.lang; });
      return Promise.all(codes.map(function (c) { return searchLanguage(c, queryString); })).then(function (parts) {
        var results = [], used = new Set();
        parts.forEach(function (p) { results = results.concat(p.results); p.files.forEach(function (f) { used.add(f); }); });
        results.sort(function (a, b) { return b.score - a.score; });
        return { results: results, files: Array.from(used) };
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
      return fuzzyCandidates(lang, term, new Set());
    }

    return { search: search, searchLanguage: searchLanguage, documents: documents, suggest: suggest, facets: loadFacets, manifest: manifest };
  }

  // Node helper used by the tests and tools: an engine over a search directory on disk.
  function createNodeEngine(lunr, dir) {
    var fs = require('fs'), path = require('path');
    var read = function (p) { return JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')); };
    return createEngine({ lunr: lunr, manifest: read('manifest.json'), load: read });
  }

  return { normalize: normalize, withinOneEdit: withinOneEdit, createEngine: createEngine, createNodeEngine: createNodeEngine };
});
""";
}
