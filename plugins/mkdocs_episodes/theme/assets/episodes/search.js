// The site's search box with Pagefind (`search: pagefind` in the episodes plugin).
//
// Material's search dialog (partials/search-pagefind.html) opens and closes as
// Material's does (the #__search toggle); this module answers it. Pagefind's script and
// index load when the reader first opens search, and a query loads only the index chunks
// and page fragments it needs. A result links the transcript line of its first hit
// (#L57), or the block or heading it is in, with ?hl= the words found; on arrival those
// words are marked and the line is shown as the target (also after Material's instant
// navigation, through its document$).
//
// Chinese is indexed one character a word (the plugin puts U+200B between characters):
// a query's Chinese is looked up as its characters, and only pages where they follow one
// another are kept (Pagefind's phrase search), so any run of characters is found.

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]/;
const SPLIT = /(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff])|(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff])/u;
const PUNCT = /[\p{P}\p{S}]/gu;
const ZWSP = "\u200b";
const MAX_RESULTS = 10;
const MAX_HITS = 3;
// Pagefind ranking: no length penalty, so a long episode does not lose to a short list page
const RANKING = { pageLength: 0 };

const norm = (word) => word.replace(PUNCT, "").trim().toLocaleLowerCase();

/** The words of a query, by its space-separated parts (Chinese as single characters). */
export function queryParts(query) {
  return query
    .split(/\s+/)
    .map((part) => part.split(SPLIT).map(norm).filter(Boolean))
    .filter((words) => words.length);
}

/** Start places of `phrase` (normalised words) in the page's `words`. */
function phraseAt(words, phrase) {
  const found = [];
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      if (norm(words[i + j]) !== phrase[j]) continue outer;
    }
    found.push(i);
  }
  return found;
}

function pageWords(data) {
  const raw = (data.raw_content || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const zws = raw.includes(ZWSP);
  return { words: zws ? raw.split(ZWSP) : raw.split(/[\r\n\s]+/g), joiner: zws ? "" : " " };
}

/** The anchor a word place falls under: the last anchor at or before it. */
function anchorOf(anchors, place) {
  let found = null;
  for (const a of anchors) {
    if (a.location <= place) found = a;
    else break;
  }
  return found;
}

/** Hits of a result: [{place, length}] in page order. */
function hitsOf(data, parts, words) {
  const phrases = parts.filter((p) => p.length > 1 && p.some((w) => HAN.test(w)));
  if (!phrases.length) return data.locations.map((place) => ({ place, length: 1 }));
  const hits = [];
  for (const phrase of phrases) {
    for (const place of phraseAt(words, phrase)) hits.push({ place, length: phrase.length });
  }
  return hits.sort((a, b) => a.place - b.place);
}

/** Group a result's hits by the anchor (line, block, heading) they fall under. */
export function groupHits(data, parts) {
  const { words, joiner } = pageWords(data);
  const anchors = [...data.anchors].sort((a, b) => a.location - b.location);
  const groups = new Map();
  for (const hit of hitsOf(data, parts, words)) {
    const anchor = anchorOf(anchors, hit.place);
    const key = anchor ? anchor.id : "";
    if (!groups.has(key)) groups.set(key, { anchor, hits: [] });
    groups.get(key).hits.push(hit);
  }
  // the title (before any anchor) only when nothing else matched
  if (groups.size > 1) groups.delete("");
  return { groups: [...groups.values()], words, joiner, anchors };
}

function excerpt(words, joiner, group, anchors) {
  const first = group.hits[0].place;
  const anchor = group.anchor;
  const next = anchor ? anchors.find((a) => a.location > anchor.location) : null;
  const from = Math.max(anchor ? anchor.location : 0, first - 12);
  const to = Math.min(next ? next.location : words.length, first + 30);
  const marked = new Set();
  for (const h of group.hits) for (let i = 0; i < h.length; i++) marked.add(h.place + i);
  const p = document.createElement("p");
  let run = null;
  for (let i = from; i < to; i++) {
    const text = (i > from ? joiner : "") + words[i];
    if (marked.has(i)) {
      if (!run) {
        run = document.createElement("mark");
        p.append(run);
      }
      run.append(text);
    } else {
      run = null;
      p.append(text);
    }
  }
  if (from > 0) p.prepend("… ");
  if (to < words.length) p.append(" …");
  return p;
}

function terms(words, joiner, groups) {
  const found = new Set();
  for (const g of groups)
    for (const h of g.hits) {
      const text = words.slice(h.place, h.place + h.length).join(joiner);
      found.add(text.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, ""));
    }
  return [...found].filter(Boolean).slice(0, 5);
}

/** What an anchor is called: a heading's or block's text (a block's second anchor, before
 * its quote, has none: the first one's). */
function label(anchors, anchor) {
  if (!anchor) return "";
  const named = anchors.find((a) => a.id === anchor.id && a.text && /^(a|h\d)$/i.test(a.element));
  const text = (named ? named.text : "").replaceAll(ZWSP, "").trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function linkTo(url, anchor, words) {
  const u = new URL(url, location.href);
  for (const w of words) u.searchParams.append("hl", w);
  u.hash = anchor ? anchor.id : "";
  return u.pathname + u.search + u.hash;
}

/** Look `query` up: Pagefind's ranked results, narrowed to pages holding each Chinese
 * phrase of the query as a run of characters. */
export async function find(pagefind, query) {
  const parts = queryParts(query);
  const all = parts.flat();
  if (!all.length) return { parts, results: [] };
  const ranked = await pagefind.search(all.join(" "));
  let results = ranked.results;
  for (const phrase of parts.filter((p) => p.length > 1 && p.some((w) => HAN.test(w)))) {
    const exact = await pagefind.search(`"${phrase.join(" ")}"`);
    const ids = new Set(exact.results.map((r) => r.id));
    results = results.filter((r) => ids.has(r.id));
  }
  return { parts, results };
}

function setup(root) {
  const toggle = document.getElementById("__search");
  const input = root.querySelector(".md-search__input");
  const list = root.querySelector(".md-search-result__list");
  const status = root.querySelector(".md-search-result__meta");
  const form = root.querySelector(".md-search__form");
  const text = JSON.parse(root.dataset.epSearchText);
  const bundle = new URL(root.dataset.epSearch, location.href);
  const base = new URL("..", bundle).pathname;
  let pagefind = null;
  let asked = 0;
  let updating = false;
  let watching = 0;

  // Under `mkdocs serve` a large archive's index is remade after the build: until the new
  // one is in place the bundle's updating.json says so; then look again.
  const isUpdating = async () => {
    try {
      const r = await fetch(new URL("updating.json", bundle), { cache: "no-store" });
      return r.ok && (await r.json()).updating === true;
    } catch (e) {
      return false;
    }
  };
  const checkUpdating = async () => {
    updating = await isUpdating();
    if (updating && !watching) {
      watching = setInterval(async () => {
        if (await isUpdating()) return;
        clearInterval(watching);
        watching = 0;
        updating = false;
        const pf = await pagefind?.catch(() => null);
        await pf?.destroy();
        pagefind = null;
        run();
      }, 2000);
    }
  };

  const load = () => {
    if (!pagefind) checkUpdating();
    pagefind ??= import(new URL("pagefind.js", bundle).href).then(async (pf) => {
      await pf.options({ baseUrl: base, ranking: RANKING });
      pf.init();
      return pf;
    });
    return pagefind;
  };

  const open = () => {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
  };
  const close = () => {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  };

  const count = (n) =>
    n === 0 ? text.none : n === 1 ? text.one : text.other.replace("#", String(n));

  async function run() {
    const query = input.value.trim();
    const mine = ++asked;
    if (!query) {
      list.replaceChildren();
      status.textContent = text.placeholder;
      return;
    }
    let pf;
    try {
      pf = await load();
    } catch (e) {
      status.textContent = text.failed;
      return;
    }
    const { parts, results } = await find(pf, query);
    if (mine !== asked) return;
    const shown = await Promise.all(results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== asked) return;
    const items = [];
    for (const data of shown) {
      const { groups, words, joiner, anchors } = groupHits(data, parts);
      if (!groups.length) continue;
      const hl = terms(words, joiner, groups);
      const title = (data.meta.title || data.url).replaceAll(ZWSP, "");
      const li = document.createElement("li");
      li.className = "md-search-result__item";
      groups.slice(0, MAX_HITS).forEach((group, i) => {
        const a = document.createElement("a");
        a.className = "md-search-result__link";
        a.href = linkTo(data.url, group.anchor, hl);
        const article = document.createElement("article");
        article.className =
          "md-search-result__article md-typeset" +
          (i === 0 ? " md-search-result__article--document" : "");
        const head = document.createElement(i === 0 ? "h1" : "h2");
        const id = group.anchor ? group.anchor.id : "";
        const line = /^L(\d+(?:\.\d+)?)$/.exec(id);
        const where = line ? text.line.replace("{n}", line[1]) : "";
        head.textContent = i === 0 ? title : where || label(anchors, group.anchor);
        article.append(head);
        const place = where || label(anchors, group.anchor);
        if (i === 0 && place) {
          const sub = document.createElement("span");
          sub.className = "ep-search-where";
          sub.textContent = place;
          article.append(sub);
        }
        article.append(excerpt(words, joiner, group, anchors));
        a.append(article);
        li.append(a);
      });
      items.push(li);
    }
    list.replaceChildren(...items);
    status.textContent = count(results.length) + (updating ? ` ${text.updating}` : "");
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      load().catch(() => {});
      setTimeout(() => input.focus(), 0);
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => {
    list.replaceChildren();
    status.textContent = text.placeholder;
    setTimeout(() => input.focus(), 0);
  });
  list.addEventListener("click", (e) => {
    if (e.target.closest("a")) close();
  });

  const links = () => [...list.querySelectorAll("a")];
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const all = links();
    if (!all.length) return;
    const at = all.indexOf(document.activeElement);
    e.preventDefault();
    if (e.key === "ArrowDown") all[Math.min(at + 1, all.length - 1)].focus();
    else if (at <= 0) input.focus();
    else all[at - 1].focus();
  });
  // a shared search (?q=…, as Material's search.share makes): open it with its query
  const shared = new URL(location.href).searchParams.get("q");
  if (shared) {
    input.value = shared;
    open();
    run();
  }
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || toggle.checked) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))
      return;
    if (e.key === "/" || e.key === "s" || e.key === "f") {
      e.preventDefault();
      open();
    }
  });
}

/** Mark the words of ?hl= in the article and show the target line as found. */
export function highlight() {
  const url = new URL(location.href);
  const words = url.searchParams.getAll("hl").filter(Boolean);
  const article = document.querySelector(".md-content article");
  if (!words.length || !article) return;
  for (const old of article.querySelectorAll(".ep-hit")) old.classList.remove("ep-hit");
  const target = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  if (target) target.classList.add("ep-hit");
  const pattern = new RegExp(
    words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "gi",
  );
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement.closest("mark, script, style, .headerlink")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const value = node.nodeValue;
    pattern.lastIndex = 0;
    if (!pattern.test(value)) continue;
    pattern.lastIndex = 0;
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of value.matchAll(pattern)) {
      out.append(value.slice(last, m.index));
      const mark = document.createElement("mark");
      mark.dataset.mdHighlight = "";
      mark.textContent = m[0];
      out.append(mark);
      last = m.index + m[0].length;
    }
    out.append(value.slice(last));
    node.replaceWith(out);
  }
  if (target) target.scrollIntoView({ block: "center" });
}

const root = document.querySelector("[data-ep-search]");
if (root) setup(root);
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => highlight());
} else {
  highlight();
}
