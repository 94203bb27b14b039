// Stands in for Material's search worker until the reader first searches, so that a page
// load does not fetch the search engine (about 12 KB compressed) or the full index (about
// 11 KB). The page fetches only the small index stub that hooks/search_on_demand.py leaves
// at search/search_index.json; at the first query this worker loads Material's own worker
// (named by ?worker= in its address, set in overrides/base.html) and the full index
// (search/search_index.full.json), then hands it every message.
// Message types are Material 9's: 0 set-up, 1 ready, 2 query, 3 result.
"use strict";

const here = new URL(self.location.href);
const materialWorker = new URL(here.searchParams.get("worker"), here).href;
let setup = null;
let queued = [];
let handle = null; // Material's message handler, once loaded

function load() {
  let material = null;
  const add = self.addEventListener;
  self.addEventListener = (type, listener, ...rest) =>
    type === "message" ? (material = listener) : add.call(self, type, listener, ...rest);
  importScripts(materialWorker);
  self.addEventListener = add;
  return fetch(new URL("../../../search/search_index.full.json", here))
    .then((response) => response.json())
    .then((full) => {
      // Material's worker answers set-up with "ready"; the page had that from us already.
      const post = self.postMessage;
      self.postMessage = () => {};
      return Promise.resolve(material({ data: { ...setup, data: { ...setup.data, docs: full.docs } } })).then(() => {
        // Lunr splits a query where its query lexer's separator says, and the index where its
        // tokenizer's does; lunr sets both alike, but Material's set-up replaces only the
        // tokenizer's with the `separator` of mkdocs.yml. Without this, "LAG-3" would be looked
        // up as "LAG" or "3" in an index that holds "lag-3".
        self.lunr.QueryLexer.termSeparator = self.lunr.tokenizer.separator;
        self.postMessage = post;
        handle = material;
      });
    });
}

let loading = null;
self.addEventListener("message", ({ data }) => {
  if (data.type === 0) {
    setup = data;
    self.postMessage({ type: 1 });
    return;
  }
  if (handle) return handle({ data });
  if (data.type === 2 && !String(data.data).trim()) {
    // The page sends the empty search box once search is ready: nothing to look up yet.
    self.postMessage({ type: 3, data: { items: [] } });
    return;
  }
  queued.push(data);
  loading = loading || load().then(() => queued.splice(0).forEach((message) => handle({ data: message })));
});
