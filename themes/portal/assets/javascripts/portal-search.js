/* portal search: answers a Chinese query from the sharded index under search/.
 *
 * The query is segmented against the index's own vocabulary, longest word first, so it is cut
 * the way jieba cut the pages: 违法行为 is one word when the pages have it, else 违法 + 行为.
 * A long word also matches pages that have all of its parts. Only the shards of the query's
 * characters and the documents shown are downloaded. Each file's address carries a hash of its
 * bytes, listed by number in the manifest (`shard_ids`, `doc_ids`, `width` characters each),
 * so a file is fetched again only when it changed. Results are built with text nodes:
 * nothing from the index is ever parsed as HTML.
 *
 * A word of the synonym table (manifest `synonyms`, generator/data/synonyms.txt) also finds
 * the other words of its group: 养狗 finds 养犬 and 犬只 (the index's `养狗~` entry, beside
 * the group's first word, unites them: one more shard), the word as typed ranking higher. Answers and regulations weigh more than news (manifest `kinds`), more still when
 * the query is a question: a resident asking about 占道经营 should see the answer and the
 * rule beside the many news items that mention it.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-pt-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var status = root.querySelector("[data-pt-status]");
  var list = root.querySelector("[data-pt-results]");
  var more = root.querySelector("[data-pt-more]");
  var siteRoot = new URL(root.getAttribute("data-root"), location.href);
  var manifestUrl = new URL(root.getAttribute("data-manifest"), location.href);

  var PAGE = 10;
  var MAX_WORD = 8;
  var STOP = "的了和与及或是在有对等也就都而并将把被从向为以于其之这那个着给让";
  var WORD = /[0-9a-z]+|[\u3400-\u9fff\uf900-\ufaff]+/g;
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  // What a question sounds like: how, may I, who handles it, is it allowed, a fine.
  var QUESTION = /怎么|怎样|如何|能不能|能否|可不可以|可以|允许|是否|要不要|需不需要|需要|吗|么|呢|谁|哪|什么|罚|规定|审批|手续|办理|投诉|举报|[?？]/;
  // Weight of a result by the kind of page (manifest `kinds`): plain queries, then questions.
  var WEIGHT = { n: [1, 1], q: [1.6, 2.4], r: [1.3, 1.8], p: [1.2, 1.4] };

  var manifest = null;
  var shards = new Map();
  var docs = new Map();
  var ranked = [];
  var shown = 0;
  var words = [];
  var generation = 0;

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function loadManifest() {
    if (!manifest) {
      manifest = fetchJson(manifestUrl).then(function (data) {
        data.baseUrl = new URL(data.base, siteRoot);
        data.synonymsOf = new Map();
        (data.synonyms || []).forEach(function (group) {
          group.forEach(function (word) { data.synonymsOf.set(word, group); });
        });
        return data;
      });
    }
    return manifest;
  }

  // The shard of a term: a hash of its first two characters (of `字*` entries, the one), as
  // generator/render/search.py computes it.
  function shardKey(term) {
    return term.slice(-1) === "*" ? term.slice(0, 1) : term.slice(0, 2);
  }

  function shard(m, term) {
    var key = shardKey(term);
    var h = 0;
    for (var i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 4294967296;
    var n = h % m.shards;
    if (!shards.has(n)) {
      var id = m.shard_ids.substr(n * m.width, m.width);
      shards.set(n, fetchJson(new URL("t/" + n + "." + id + ".json", m.baseUrl)));
    }
    return shards.get(n);
  }

  function doc(m, n) {
    if (!docs.has(n)) {
      var id = m.doc_ids.substr(n * m.width, m.width);
      docs.set(n, fetchJson(new URL("d/" + id + ".json", m.baseUrl)));
    }
    return docs.get(n);
  }

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  // Longest-match segmentation of one CJK run against the vocabulary; `limit` caps the word
  // length (used to split a long word into its parts).
  async function segment(m, run, limit) {
    var out = [];
    var i = 0;
    while (i < run.length) {
      var found = "";
      if (i + 1 < run.length && limit >= 2) {
        // Every word that can start here begins with these two characters: one shard.
        var table = await shard(m, run.substr(i, 2));
        for (var len = Math.min(limit, run.length - i); len >= 2; len--) {
          var piece = run.substr(i, len);
          if (Object.prototype.hasOwnProperty.call(table, piece) || m.synonymsOf.has(piece)) {
            found = piece;
            break;
          }
        }
      }
      if (!found) found = run[i];
      out.push(found);
      i += found.length;
    }
    return out;
  }

  // A one-character query: the union of the words it begins (`字*`), else the character.
  function prefixOrTerm(table, ch) {
    if (Object.prototype.hasOwnProperty.call(table, ch + "*")) return [ch + "*"];
    return Object.prototype.hasOwnProperty.call(table, ch) ? [ch] : [];
  }

  // Terms of the shard table that start with `prefix` (a Latin word of two or more letters).
  function expand(table, prefix) {
    return Object.keys(table)
      .filter(function (t) { return t.lastIndexOf(prefix, 0) === 0; })
      .sort(function (a, b) { return table[b].length - table[a].length; })
      .slice(0, 40);
  }

  // A query group is satisfied by any of its alternatives; an alternative needs all its terms.
  async function groupsFor(m, query) {
    var groups = [];
    var runs = normalize(query).match(WORD) || [];
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r];
      if (!CJK.test(run)) {
        var table = await shard(m, run.length > 1 ? run : run + "*");
        var terms = run.length > 1
          ? (Object.prototype.hasOwnProperty.call(table, run) ? [run] : expand(table, run))
          : prefixOrTerm(table, run);
        groups.push({ label: run, alts: terms.map(function (t) { return [t]; }) });
        continue;
      }
      var pieces = await segment(m, run, MAX_WORD);
      for (var p = 0; p < pieces.length; p++) {
        var word = pieces[p];
        if (word.length === 1) {
          if (STOP.indexOf(word) >= 0 && pieces.length > 1) continue;
          // One character: every word that begins with it (犬 finds 犬只 and 犬类).
          var single = await shard(m, word + "*");
          groups.push({ label: word, alts: prefixOrTerm(single, word).map(function (t) { return [t]; }) });
        } else {
          var group = { label: word, alts: [[word]], exact: word };
          var synonyms = m.synonymsOf.get(word);
          if (synonyms) {
            group.alts.push([synonyms[0] + "~"]);
            group.marks = synonyms;
          }
          if (word.length >= 3) {
            var parts = await segment(m, word, word.length - 1);
            if (parts.length > 1) group.alts.push(parts);
          }
          groups.push(group);
        }
      }
    }
    return groups;
  }

  function decode(postings) {
    var out = new Map();
    var number = 0;
    for (var i = 0; i < postings.length; i++) {
      number += Math.floor(postings[i] / 16);
      out.set(number, postings[i] % 16);
    }
    return out;
  }

  async function score(m, groups, question) {
    var total = null;
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g];
      var best = new Map();
      for (var a = 0; a < group.alts.length; a++) {
        var alt = group.alts[a];
        var tables = await Promise.all(alt.map(function (t) { return shard(m, t); }));
        var lists = alt.map(function (t, i) {
          var table = tables[i];
          return Object.prototype.hasOwnProperty.call(table, t) ? decode(table[t]) : new Map();
        });
        if (!lists.length) continue;
        var first = lists[0];
        first.forEach(function (_flags, number) {
          var s = 0;
          for (var i = 0; i < lists.length; i++) {
            var flags = lists[i].get(number);
            if (flags === undefined) return;
            var idf = Math.log(1 + m.docs / lists[i].size);
            var tf = flags % 8;
            s += idf * (1 + Math.log(1 + tf)) + (flags >= 8 ? 3 * idf : 0);
          }
          if (alt.length === 1 && alt[0] === group.exact) s *= 1.5;
          if (!best.has(number) || best.get(number) < s) best.set(number, s);
        });
      }
      if (total === null) {
        total = best;
      } else {
        var next = new Map();
        total.forEach(function (s, number) {
          if (best.has(number)) next.set(number, s + best.get(number));
        });
        total = next;
      }
    }
    var out = [];
    var column = question ? 1 : 0;
    (total || new Map()).forEach(function (s, number) {
      var weight = WEIGHT[(m.kinds || "").charAt(number)] || WEIGHT.n;
      out.push([number, s * weight[column]]);
    });
    // Equal scores: the newer page first (documents are numbered oldest first).
    out.sort(function (x, y) { return y[1] - x[1] || y[0] - x[0]; });
    return out;
  }

  // The passage around the first match, with every query word marked. Matching is on the
  // lower-cased text (same length as the text), the passage shows the text as written.
  function snippet(text, terms, query) {
    var lower = text.toLowerCase();
    var at = lower.indexOf(query);
    if (at < 0) {
      at = terms.reduce(function (found, t) {
        var i = lower.indexOf(t);
        return i >= 0 && (found < 0 || i < found) ? i : found;
      }, -1);
    }
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, Math.max(at, 0) + 90);
    var marks = terms.filter(function (t) { return t.length > 0; })
      .sort(function (a, b) { return b.length - a.length; });
    var p = document.createElement("p");
    p.className = "pt-result__snippet";
    var plain = start > 0 ? "…" : "";
    var i = start;
    while (i < end) {
      var hit = "";
      for (var k = 0; k < marks.length; k++) {
        if (lower.substr(i, marks[k].length) === marks[k]) { hit = marks[k]; break; }
      }
      if (hit) {
        p.appendChild(document.createTextNode(plain));
        plain = "";
        var mark = document.createElement("mark");
        mark.textContent = text.substr(i, hit.length);
        p.appendChild(mark);
        i += hit.length;
      } else {
        plain += text[i];
        i += 1;
      }
    }
    p.appendChild(document.createTextNode(plain + (end < text.length ? "…" : "")));
    return p;
  }

  function render(m, entry, terms, query) {
    var li = document.createElement("li");
    li.className = "pt-result";
    var kind = document.createElement("span");
    kind.className = "pt-result__kind";
    kind.textContent = entry.kind;
    var h = document.createElement("h2");
    h.className = "pt-result__title";
    var a = document.createElement("a");
    a.href = new URL(entry.url, siteRoot).href;
    a.textContent = entry.title;
    h.appendChild(a);
    li.appendChild(kind);
    if (entry.date) {
      var time = document.createElement("time");
      time.dateTime = entry.date;
      var d = entry.date.split("-");
      time.textContent = " " + Number(d[0]) + "年" + Number(d[1]) + "月" + Number(d[2]) + "日";
      li.appendChild(time);
    }
    li.appendChild(h);
    li.appendChild(snippet(entry.text, terms, query));
    return li;
  }

  async function showMore(m, mine) {
    var batch = ranked.slice(shown, shown + PAGE);
    shown += batch.length;
    var entries = await Promise.all(batch.map(function (r) { return doc(m, r[0]); }));
    if (mine !== generation) return;
    entries.forEach(function (entry) { list.appendChild(render(m, entry, words, lastQuery)); });
    more.hidden = shown >= ranked.length;
  }

  var lastQuery = "";

  async function run(query) {
    var mine = ++generation;
    query = query.trim();
    lastQuery = normalize(query);
    list.textContent = "";
    more.hidden = true;
    if (!query) {
      status.textContent = "请输入要查找的词语，例如：占道经营、养犬登记、违法建设。";
      return;
    }
    status.textContent = "正在搜索……";
    try {
      var m = await loadManifest();
      var groups = await groupsFor(m, query);
      words = [];
      groups.forEach(function (g) {
        g.alts.forEach(function (alt) {
          words = words.concat(alt.map(function (t) { return t.replace(/[*~]$/, ""); }));
        });
        words = words.concat(g.marks || []);
      });
      ranked = groups.length ? await score(m, groups, QUESTION.test(query)) : [];
      if (mine !== generation) return;
      shown = 0;
      if (!ranked.length) {
        status.textContent = "没有找到与“" + query + "”相关的内容。可以换一个词，或拨打热线咨询。";
        return;
      }
      status.textContent = "找到 " + ranked.length + " 条与“" + query + "”相关的结果";
      await showMore(m, mine);
    } catch (err) {
      status.textContent = "搜索暂时不可用，请稍后再试。";
    }
  }

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  root.hidden = false;
  run(initial);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value.trim());
    history.replaceState(null, "", url);
    run(input.value);
  });
  more.addEventListener("click", function () {
    loadManifest().then(function (m) { showMore(m, generation); });
  });
})();
