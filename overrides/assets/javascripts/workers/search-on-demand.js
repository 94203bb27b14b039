// Stands in for Material's search worker until the reader first searches, so that a page
// load does not fetch the search engine or the full index, only the small index stub that
// hooks/search/on_demand.py leaves at search/search_index.json. At the first query this loads
// Material's worker (named by ?worker= in its address, set in overrides/base.html), the site's
// search-words.js and the full index, then hands Material every query in the site's words and
// passes its results on, those that hold the whole query first.
// Message types are Material 9's: 0 set-up, 1 ready, 2 query, 3 result.
"use strict";

const here = new URL(self.location.href);
const post = self.postMessage.bind(self);
let setup = null;
let queued = [];
let handle = null; // Material's message handler, once loaded
let material = null;

function load() {
  if (!material) {
    const add = self.addEventListener;
    self.addEventListener = (type, listener, ...rest) =>
      type === "message" ? (material = listener) : add.call(self, type, listener, ...rest);
    try {
      importScripts(new URL(here.searchParams.get("worker"), here).href, "search-words.js");
    } finally {
      self.addEventListener = add;
    }
  }
  return fetch(new URL("../../../search/search_index.full.json", here))
    .then((response) => response.json())
    .then((full) => {
      // Material's worker answers set-up with "ready", which the page had from us already.
      self.postMessage = (message) => message.type === 1 || post(completeFirst(message));
      return Promise.resolve(material({ data: { ...setup, data: { ...setup.data, docs: full.docs } } })).then(() => {
        // Material sets only the tokenizer's separator to mkdocs.yml's; the query lexer's must
        // match, or "LAG-3" would be looked up as "LAG" or "3" in an index that holds "lag-3".
        self.lunr.QueryLexer.termSeparator = self.lunr.tokenizer.separator;
        handle = (data) => material({ data: data.type === 2 ? { ...data, data: respell(String(data.data), full.spellings) } : data });
      });
    });
}

let loading = null;
self.addEventListener("message", ({ data }) => {
  if (data.type === 0) {
    setup = data;
    post({ type: 1 });
    return;
  }
  if (handle) return handle(data);
  if (data.type === 2 && !String(data.data).trim()) {
    // The page sends the empty search box once search is ready: nothing to look up yet.
    post({ type: 3, data: { items: [] } });
    return;
  }
  queued.push(data);
  // Offline, before the service worker has saved the engine, the next query tries again.
  loading = loading || load().then(() => queued.splice(0).forEach(handle), () => (loading = null));
});
