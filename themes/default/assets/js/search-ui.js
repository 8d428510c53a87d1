// Site search: the box in the header of every page and the /search/ page.
// Nothing is downloaded until a search box is focused (or the search page opens); then lunr, the lunr-languages
// scripts the index needs, kb-search.js and search/manifest.json load once, and each query fetches only the index
// fragments of its terms (see kb-search.js). All text from the index is put in the page as text nodes, never as HTML.
(function () {
  "use strict";

  var doc = document;
  var DEBOUNCE_MS = 20;
  var BOX_LIMIT = 6;
  var PAGE_SIZE = 20;
  var MAX_SUGGESTIONS = 5;
  var PLAIN_WORD = /^[\p{L}\p{N}_'\u2019]+$/u;
  var TOKEN = /[^\s\-]+/g; // lunr's tokenizer splits on white space and hyphens
  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var FILTERS = [
    { facet: "severity", param: "severity" },
    { facet: "year", param: "year" },
    { facet: "tags", param: "tag" },
    { facet: "lang", param: "lang" }
  ];

  // ---------------------------------------------------------------- loading

  function basePath() {
    var b = doc.documentElement.getAttribute("data-base") || (doc.body && doc.body.getAttribute("data-base")) || "/";
    return b.charAt(b.length - 1) === "/" ? b : b + "/";
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = doc.createElement("script");
      s.src = src;
      s.async = false;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("could not load " + src)); };
      doc.head.appendChild(s);
    });
  }

  function fetchJson(url, cache) {
    return fetch(url, { credentials: "same-origin", cache: cache || "default" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  var loading = null;

  // Resolves to the search context: {engine, manifest, lunr, pipelines}. Loads everything once per page.
  function load() {
    if (loading) return loading;
    var base = basePath(), dir = base + "search/", vendor = base + "assets/vendor/";
    var manifest = fetchJson(dir + "manifest.json", "no-cache");
    var lunrReady = window.lunr ? Promise.resolve() : loadScript(vendor + "lunr.min.js");
    loading = Promise.all([manifest, lunrReady]).then(function (r) {
      var m = r[0], version = "?v=" + encodeURIComponent(m.build || "");
      var scripts = [];
      m.languages.forEach(function (l) {
        (l.scripts || []).forEach(function (s) { if (scripts.indexOf(s) < 0) scripts.push(s); });
      });
      var support = scripts.filter(function (s) { return s === "lunr.stemmer.support"; });
      var others = scripts.filter(function (s) { return s !== "lunr.stemmer.support"; });
      var languages = Promise.all(support.map(function (s) { return loadScript(vendor + s + ".min.js"); }))
        .then(function () { return Promise.all(others.map(function (s) { return loadScript(vendor + s + ".min.js"); })); });
      var runtime = window.KbSearch ? Promise.resolve() : loadScript(dir + (m.runtime || "kb-search.js") + version);
      return Promise.all([languages, runtime]).then(function () {
        var engine = window.KbSearch.createEngine({
          lunr: window.lunr,
          manifest: m,
          load: function (path) { return fetchJson(dir + path + version); }
        });
        return { engine: engine, manifest: m, lunr: window.lunr, pipelines: {} };
      });
    });
    loading.catch(function () { loading = null; }); // a later focus tries again
    return loading;
  }

  // ---------------------------------------------------------------- querying

  function family(lang) {
    var p = String(lang || "").toLowerCase().split("-")[0];
    return p === "ru" || p === "fr" || p === "de" ? p : "en";
  }

  function isParseError(ctx, e) {
    return !!e && (e.name === "QueryParseError" || (ctx.lunr.QueryParseError && e instanceof ctx.lunr.QueryParseError));
  }

  function InvalidQuery(message) { this.name = "QueryParseError"; this.message = message; }

  // Large (sharded) indexes: refuse what would read much of the index for one keystroke.
  function checkCost(ctx, q) {
    var sharded = ctx.manifest.languages.some(function (l) { return !!l.shards; });
    if (!sharded) return;
    q.split(/\s+/).forEach(function (w) {
      var t = w.replace(/^[+-]/, "").replace(/^[^:]*:/, "");
      var star = t.indexOf("*"), tilde = /~([0-9]+)/.exec(t);
      if (star === 0 || (star > 0 && star < 3)) throw new InvalidQuery("'" + w + "': put at least three letters before *");
      if (tilde && Number(tilde[1]) > 1) throw new InvalidQuery("'" + w + "': use ~1");
    });
  }

  // The best `top` matches of `q` over every language family (exact, in lunr's order), with the count and refs of
  // every match (`filter(ref)` limits the ranking to some documents). Large indexes read only as much of the
  // postings of very common words as the first results need, so later pages may fetch a little more. While the
  // last word is still being typed it may be incomplete: when nothing matches, it is tried once more as a prefix.
  function runQuery(ctx, q, top, filter) {
    function attempt(text) {
      return new Promise(function (resolve) {
        checkCost(ctx, text);
        resolve(ctx.engine.search(text, { top: top, filter: filter }).then(function (r) { r.text = text; return r; }));
      });
    }
    return attempt(q).then(function (r) {
      if (r.total) return r;
      var words = q.split(/\s+/), last = words[words.length - 1];
      if (!PLAIN_WORD.test(last) || last.length < 3) return r;
      words[words.length - 1] = last + "*";
      // The retry is ours, not the reader's: a prefix too broad to rank just means no results.
      return attempt(words.join(" ")).then(function (r2) { return r2.total ? r2 : r; }, function (e) {
        if (isParseError(ctx, e)) return r;
        throw e;
      });
    });
  }

  function pipelineFor(ctx, fam) {
    if (!(fam in ctx.pipelines)) {
      var l = ctx.manifest.languages.filter(function (x) { return x.lang === fam; })[0];
      ctx.pipelines[fam] = l ? ctx.lunr.Pipeline.load(l.pipeline) : null;
    }
    return ctx.pipelines[fam];
  }

  function stemsOf(ctx, fam, word) {
    var core = word.replace(EDGE, "");
    if (!core) return [];
    var text = window.KbSearch.normalize(fam, core).toLowerCase();
    var pipeline = pipelineFor(ctx, fam);
    return pipeline ? pipeline.runString(text) : [text];
  }

  // Appends `text` to `el`, wrapping the words whose index term matched in <mark>.
  function appendHighlighted(ctx, el, text, terms, fam) {
    text = String(text == null ? "" : text);
    if (!terms.size) { el.appendChild(doc.createTextNode(text)); return; }
    var last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      var core = m[0].replace(EDGE, "");
      if (!core || !stemsOf(ctx, fam, core).some(function (s) { return terms.has(s); })) continue;
      var start = m.index + m[0].indexOf(core);
      el.appendChild(doc.createTextNode(text.slice(last, start)));
      var mark = doc.createElement("mark");
      mark.textContent = core;
      el.appendChild(mark);
      last = start + core.length;
    }
    el.appendChild(doc.createTextNode(text.slice(last)));
  }

  function severityClass(s) {
    return "sev-" + String(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  }

  function renderItem(ctx, d, result, id, withSnippet) {
    var terms = new Set(Object.keys((result.matchData && result.matchData.metadata) || {}));
    var li = doc.createElement("li");
    li.className = "search-result";
    li.id = id;
    li.lang = d.lang;
    li.setAttribute("data-id", d.id);
    li.setAttribute("data-severity", d.severity);
    li.setAttribute("data-year", d.year);
    li.setAttribute("data-lang", d.lang);
    var a = doc.createElement("a");
    a.className = "search-result-title";
    a.href = basePath() + d.url;
    appendHighlighted(ctx, a, d.title, terms, result.lang);
    var meta = doc.createElement("p");
    meta.className = "search-result-meta";
    var time = doc.createElement("time");
    time.dateTime = d.date;
    time.textContent = d.date;
    var sev = doc.createElement("span");
    sev.className = "badge " + severityClass(d.severity);
    sev.textContent = d.severity;
    var lang = doc.createElement("span");
    lang.className = "search-result-lang";
    lang.textContent = String(d.lang).toUpperCase();
    meta.append(time, " ", sev, " ", lang);
    li.append(a, meta);
    if (withSnippet) {
      var snippet = doc.createElement("p");
      snippet.className = "search-result-snippet";
      appendHighlighted(ctx, snippet, d.summary, terms, result.lang);
      li.appendChild(snippet);
    }
    return li;
  }

  // Store entries for results, in order (entries the store lacks are dropped).
  function documentsOf(ctx, results) {
    return ctx.engine.documents(results.map(function (r) { return r.ref; })).then(function (docs) {
      var out = [];
      docs.forEach(function (d, i) { if (d) out.push({ doc: d, result: results[i] }); });
      return out;
    });
  }

  // "Did you mean": index terms within one edit of each plain query word, shown as real words where one of the
  // matching documents' titles, summaries or tags has a word with that term, else as the term itself.
  function suggestions(ctx, q) {
    var words = q.split(/\s+/).filter(function (w) { return PLAIN_WORD.test(w); }).slice(0, 3);
    var jobs = [];
    words.forEach(function (word) {
      ctx.manifest.languages.forEach(function (l) {
        jobs.push(ctx.engine.suggest(l.lang, word).then(function (terms) {
          var own = stemsOf(ctx, l.lang, word)[0];
          return terms.filter(function (t) { return t !== own; }).map(function (t) { return { word: word, fam: l.lang, term: t }; });
        }, function () { return []; }));
      });
    });
    return Promise.all(jobs).then(function (lists) {
      var seen = new Set(), picked = [];
      [].concat.apply([], lists).forEach(function (c) {
        var key = c.fam + "|" + c.term;
        if (!seen.has(key) && picked.length < MAX_SUGGESTIONS) { seen.add(key); picked.push(c); }
      });
      return Promise.all(picked.map(function (c) { return displayWord(ctx, c); }));
    }).then(function (list) {
      var out = [], seen = new Set();
      list.forEach(function (s) {
        var query = q.split(/\s+/).map(function (w) { return w === s.word ? s.display : w; }).join(" ");
        if (!seen.has(query)) { seen.add(query); out.push({ text: s.display, query: query }); }
      });
      return out;
    });
  }

  function displayWord(ctx, c) {
    var exact = (stemsOf(ctx, c.fam, c.term)[0] === c.term) ? c.term : c.term + "*";
    var fallback = { word: c.word, display: exact };
    if (c.term.length < 3) return Promise.resolve(fallback); // a short prefix would read much of a large index
    return ctx.engine.searchLanguage(c.fam, c.term + "*", { top: 3 }).then(function (r) {
      return documentsOf(ctx, r.results.slice(0, 3));
    }).then(function (items) {
      for (var i = 0; i < items.length; i++) {
        var d = items[i].doc, text = [d.title, d.summary].concat(d.tags || []).join(" ");
        var m, re = new RegExp(TOKEN.source, "g");
        while ((m = re.exec(text))) {
          var core = m[0].replace(EDGE, "");
          if (core && stemsOf(ctx, c.fam, core).indexOf(c.term) >= 0) return { word: c.word, display: core.toLowerCase() };
        }
      }
      return fallback;
    }, function () { return fallback; });
  }

  function renderSuggestions(container, prefix, list, choose) {
    container.replaceChildren();
    if (!list.length) { container.hidden = true; return; }
    container.appendChild(doc.createTextNode(prefix + " "));
    list.forEach(function (s, i) {
      if (i) container.appendChild(doc.createTextNode(", "));
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "search-suggestion";
      b.textContent = s.text;
      b.addEventListener("click", function () { choose(s.query); });
      container.appendChild(b);
    });
    container.hidden = false;
  }

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }

  function words(el) {
    var d = el.dataset;
    return {
      loading: d.i18nLoading, error: d.i18nError, invalid: d.i18nInvalid, noResults: d.i18nNoResults,
      noResultsFiltered: d.i18nNoResultsFiltered || d.i18nNoResults, didYouMean: d.i18nDidYouMean,
      results: d.i18nResults, resultsFiltered: d.i18nResultsFiltered || d.i18nResults, allResults: d.i18nAllResults,
      any: d.i18nAny || "—"
    };
  }

  function debounce(fn, ms) {
    var timer = 0;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // Runs `task` (which returns a promise) one at a time: calls made while it runs collapse into one more run
  // afterwards, so fast typing never queues up searches on a large index.
  function serial(task) {
    var busy = false, again = false;
    function go() {
      if (busy) { again = true; return; }
      busy = true;
      Promise.resolve().then(task).catch(function () { /* each task reports its own errors */ }).then(function () {
        busy = false;
        if (again) { again = false; go(); }
      });
    }
    return go;
  }

  // ↓ from the box moves into the results, ↑/↓ move between them, ↑ from the first goes back to the box; Enter on
  // a result follows its link; typing on a result goes on in the box.
  function keyboard(input, list, onEscape) {
    function links() { return Array.prototype.slice.call(list.querySelectorAll(".search-result-title")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && !e.altKey) {
        var l = links();
        if (l.length) { e.preventDefault(); l[0].focus(); }
      } else if (e.key === "Escape" && onEscape) {
        onEscape(e);
      }
    });
    list.addEventListener("keydown", function (e) {
      var l = links(), i = l.indexOf(doc.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown") { e.preventDefault(); if (i + 1 < l.length) l[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? l[i - 1] : input).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); if (onEscape) onEscape(e); }
      else if (e.key.length === 1 && e.key !== "/" && !e.ctrlKey && !e.metaKey && !e.altKey) input.focus();
    });
  }

  // ---------------------------------------------------------------- header box

  function setupBox(form) {
    var input = form.querySelector("[data-search-input]");
    if (!input) return;
    var t = words(form), panel = null, status, list, suggest, all, seq = 0, slow = 0;

    function ensurePanel() {
      if (panel) return;
      panel = doc.createElement("div");
      panel.className = "site-search-panel";
      panel.hidden = true;
      status = doc.createElement("p");
      status.className = "search-status";
      status.setAttribute("role", "status");
      suggest = doc.createElement("div");
      suggest.className = "search-suggest";
      suggest.hidden = true;
      list = doc.createElement("ol");
      list.className = "search-results";
      list.id = "site-search-results";
      list.setAttribute("data-search-results", "");
      all = doc.createElement("a");
      all.className = "search-all";
      panel.append(status, suggest, list, all);
      form.appendChild(panel);
      input.setAttribute("aria-controls", list.id);
      keyboard(input, list, function () { hide(); });
    }

    function hide() { if (panel) panel.hidden = true; }

    function show(state, query, message) {
      clearTimeout(slow);
      ensurePanel();
      list.setAttribute("data-search-state", state);
      list.setAttribute("data-search-query", query);
      status.textContent = message || "";
      all.hidden = !query;
      all.href = basePath() + "search/?q=" + encodeURIComponent(query);
      all.textContent = format(t.allResults, { query: query });
      panel.hidden = false;
    }

    function run() {
      var q = input.value.trim(), mine = ++seq;
      clearTimeout(slow);
      if (!q) { hide(); return; }
      slow = setTimeout(function () { if (mine === seq) show("loading", q, t.loading); }, 150);
      return load().then(function (ctx) {
        return runQuery(ctx, q, BOX_LIMIT).then(function (found) {
          if (mine !== seq) return null;
          if (!found.total) {
            return suggestions(ctx, q).then(function (s) {
              if (mine !== seq) return;
              list.replaceChildren();
              renderSuggestions(suggest, t.didYouMean, s, choose);
              show("empty", q, t.noResults);
            });
          }
          return documentsOf(ctx, found.results).then(function (items) {
            if (mine !== seq) return;
            ensurePanel();
            var frag = doc.createDocumentFragment();
            items.forEach(function (it, i) { frag.appendChild(renderItem(ctx, it.doc, it.result, "site-search-r" + i, true)); });
            list.replaceChildren(frag);
            suggest.hidden = true;
            show("done", q, format(t.results, { count: found.total }));
          });
        }, function (e) {
          if (mine !== seq) return;
          if (!isParseError(ctx, e)) throw e;
          ensurePanel();
          list.replaceChildren();
          suggest.hidden = true;
          show("invalid", q, format(t.invalid, { message: e.message }));
        });
      }).catch(function () {
        if (mine !== seq) return;
        ensurePanel();
        list.replaceChildren();
        show("error", q, t.error);
      });
    }

    var next = serial(run);

    function choose(query) { input.value = query; input.focus(); next(); }

    var later = debounce(next, DEBOUNCE_MS);
    input.addEventListener("focus", function () {
      ensurePanel();
      load().catch(function () { /* reported when a query runs */ });
      if (input.value.trim() && list.childNodes.length) panel.hidden = false;
    });
    input.addEventListener("input", later);
    form.addEventListener("submit", function (e) { if (!input.value.trim()) e.preventDefault(); });
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) hide();
    });
  }

  // ---------------------------------------------------------------- search page

  function setupPage(form) {
    var input = form.querySelector("[data-search-input]");
    var list = doc.querySelector("[data-search-results]");
    if (!input || !list) return;
    var t = words(form);
    var status = doc.querySelector("[data-search-status]");
    var suggest = doc.querySelector("[data-search-suggest]");
    var more = doc.querySelector("[data-search-more]");
    var fieldset = form.querySelector("[data-search-filters]");
    var clear = form.querySelector("[data-search-clear]");
    var selects = {};
    FILTERS.forEach(function (f) { selects[f.facet] = form.querySelector("[data-search-filter='" + f.facet + "']"); });

    var params = new URLSearchParams(location.search);
    var filters = {};
    FILTERS.forEach(function (f) { filters[f.facet] = params.get(f.param) || ""; });
    input.value = params.get("q") || "";

    var ctx = null, facets = null, found = null, matched = 0, shown = 0, seq = 0, renderSeq = 0, slow = 0;

    function setStatus(state, query, message) {
      clearTimeout(slow);
      list.setAttribute("data-search-state", state);
      list.setAttribute("data-search-query", query);
      status.textContent = message || "";
    }

    function updateUrl() {
      var p = new URLSearchParams();
      var q = input.value.trim();
      if (q) p.set("q", q);
      FILTERS.forEach(function (f) { if (filters[f.facet]) p.set(f.param, filters[f.facet]); });
      var s = p.toString();
      history.replaceState(history.state, "", location.pathname + (s ? "?" + s : "") + location.hash);
    }

    function active() { return FILTERS.some(function (f) { return !!filters[f.facet]; }); }

    function passes(ref) {
      if (!active()) return true;
      var n = Number(ref);
      return FILTERS.every(function (f) {
        var want = filters[f.facet];
        if (!want) return true;
        var col = facets[f.facet];
        if (!col) return false;
        var v = col.docs[n];
        return f.facet === "tags"
          ? (v || []).some(function (i) { return col.values[i] === want; })
          : col.values[v] === want;
      });
    }

    // Filter options with their counts over every match of the query.
    function fillFilters() {
      if (!facets) return;
      FILTERS.forEach(function (f) {
        var col = facets[f.facet], select = selects[f.facet];
        if (!col || !select) return;
        var counts = new Map();
        found.refs.forEach(function (ref) {
          var v = col.docs[ref];
          (f.facet === "tags" ? (v || []) : [v]).forEach(function (i) { counts.set(i, (counts.get(i) || 0) + 1); });
        });
        var order = col.values.map(function (_, i) { return i; });
        if (f.facet === "year") order.reverse();
        var first = doc.createElement("option");
        first.value = "";
        first.textContent = t.any;
        var options = [first];
        order.forEach(function (i) {
          var value = col.values[i], count = counts.get(i) || 0;
          if (!count && value !== filters[f.facet]) return;
          var o = doc.createElement("option");
          o.value = value;
          o.textContent = (f.facet === "lang" ? value.toUpperCase() : value) + " (" + count + ")";
          options.push(o);
        });
        select.replaceChildren.apply(select, options);
        select.value = filters[f.facet];
      });
      fieldset.hidden = false;
      clear.hidden = !active();
    }

    function filter() { return active() ? function (ref) { return passes(ref); } : null; }

    // Shows the first page of the matches the filters keep. `first` is a search result for that page already
    // (from run); otherwise the page is ranked again with the filters.
    function apply(first) {
      var mine = ++renderSeq, q = input.value.trim();
      list.setAttribute("data-search-state", "pending");
      matched = active() ? found.refs.filter(passes).length : found.total;
      shown = 0;
      clear.hidden = !active();
      if (!matched) {
        list.replaceChildren();
        more.hidden = true;
        if (found.total) {
          suggest.hidden = true;
          setStatus("empty", q, t.noResultsFiltered);
          return Promise.resolve();
        }
        return suggestions(ctx, q).then(function (s) {
          if (mine !== renderSeq) return;
          renderSuggestions(suggest, t.didYouMean, s, choose);
          setStatus("empty", q, t.noResults);
        });
      }
      suggest.hidden = true;
      return showMore(mine, true, first);
    }

    // The next page: the best `shown + PAGE_SIZE` matches (exact ranking; common words may need more postings).
    function showMore(mine, replace, ready) {
      var q = input.value.trim();
      var ranked = ready ? Promise.resolve(ready) : ctx.engine.search(found.text, { top: shown + PAGE_SIZE, filter: filter() });
      return ranked.then(function (r) {
        if (mine !== renderSeq) return null;
        var page = r.results.slice(shown, shown + PAGE_SIZE);
        return documentsOf(ctx, page).then(function (items) {
          if (mine !== renderSeq) return;
          var frag = doc.createDocumentFragment();
          items.forEach(function (it, i) { frag.appendChild(renderItem(ctx, it.doc, it.result, "search-r" + (shown + i), true)); });
          if (replace) list.replaceChildren(frag); else list.appendChild(frag);
          shown += page.length;
          more.hidden = shown >= matched;
          setStatus("done", q, matched === found.total
            ? format(t.results, { count: found.total })
            : format(t.resultsFiltered, { count: matched, total: found.total }));
        });
      });
    }

    function loadFacets() {
      if (facets) return Promise.resolve(facets);
      return ctx.engine.facets().then(function (f) { facets = f; return f; });
    }

    function run() {
      var q = input.value.trim(), mine = ++seq;
      clearTimeout(slow);
      updateUrl();
      if (!q) {
        ++renderSeq;
        found = null;
        list.replaceChildren();
        suggest.hidden = true;
        more.hidden = true;
        fieldset.hidden = true;
        setStatus("idle", "", "");
        return;
      }
      slow = setTimeout(function () { if (mine === seq) setStatus("loading", q, t.loading); }, 150);
      return load().then(function (c) {
        ctx = c;
        // Filters from the URL need the facets before the first results; otherwise they load afterwards.
        return (active() ? loadFacets() : Promise.resolve()).then(function () {
          return runQuery(ctx, q, PAGE_SIZE, filter());
        }).then(function (r) {
          if (mine !== seq) return null;
          found = r;
          return apply(r).then(function () {
            if (mine !== seq || !found.total) return null;
            return loadFacets().then(function () { if (mine === seq) fillFilters(); });
          });
        }, function (e) {
          if (mine !== seq) return;
          if (!isParseError(ctx, e)) throw e;
          ++renderSeq;
          found = null;
          list.replaceChildren();
          suggest.hidden = true;
          more.hidden = true;
          setStatus("invalid", q, format(t.invalid, { message: e.message }));
        });
      }).catch(function () {
        if (mine !== seq) return;
        list.replaceChildren();
        more.hidden = true;
        setStatus("error", q, t.error);
      });
    }

    var next = serial(run);

    function choose(query) { input.value = query; input.focus(); next(); }

    input.addEventListener("input", debounce(next, DEBOUNCE_MS));
    form.addEventListener("submit", function (e) { e.preventDefault(); next(); });
    FILTERS.forEach(function (f) {
      var select = selects[f.facet];
      if (!select) return;
      select.addEventListener("change", function () {
        filters[f.facet] = select.value;
        updateUrl();
        if (ctx && facets && found) apply();
      });
    });
    clear.addEventListener("click", function () {
      FILTERS.forEach(function (f) { filters[f.facet] = ""; if (selects[f.facet]) selects[f.facet].value = ""; });
      updateUrl();
      if (ctx && facets && found) apply();
      input.focus();
    });
    // One page at a time: a second click before the next page has arrived (a double click) would rank the same
    // page again and append it twice. Tied to the results it was clicked for, so new results take clicks at once.
    var moreFor = -1;
    more.addEventListener("click", function () {
      var mine = renderSeq, next = list.children.length;
      if (moreFor === mine) return;
      moreFor = mine;
      function done() { if (moreFor === mine) moreFor = -1; }
      showMore(mine, false).then(function () {
        done();
        var link = list.children[next] && list.children[next].querySelector(".search-result-title");
        if (link) link.focus();
      }, function () {
        done();
        if (mine === renderSeq) setStatus("error", input.value.trim(), t.error);
      });
    });
    keyboard(input, list, null);

    load().catch(function () { /* reported when a query runs */ });
    if (input.value.trim()) next(); else setStatus("idle", "", "");
    input.focus();
  }

  // ---------------------------------------------------------------- shortcuts

  // "/" focuses the search box, unless the reader is typing somewhere.
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var target = e.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = doc.querySelector("[data-search-page] [data-search-input]") || doc.querySelector("[data-search-box] [data-search-input]");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  function init() {
    var page = doc.querySelector("[data-search-page]");
    if (page) setupPage(page);
    Array.prototype.forEach.call(doc.querySelectorAll("[data-search-box]"), setupBox);
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
