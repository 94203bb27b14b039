// The site's service worker, written to the site's root as sw.js by hooks/output/offline.py, which
// fills in VERSION and PRECACHE. Offline reading:
// - at install, every page and every file the pages use is cached, with the search engine and
//   its full index (a page loads them at the first query), but not source maps;
// - pages are fetched from the network first, so a reader online never sees an old page, and
//   from the cache when there is no network; a page not in the cache shows offline.html, except
//   a share address or another refresh page, which is sent on to the page it names (MOVED);
// - files whose name or address carries a content hash are taken from the cache first;
// - a new deploy has a new VERSION, so a new worker, which deletes the old cache.
"use strict";

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__; // addresses relative to the worker's scope
// Where each refresh page sends the reader (a share address, page/s/id/, to page/#id), relative
// to the scope: offline, a saved page answers for it.
const MOVED = __MOVED__;
const PREFIX = "lymphoma-explained-";
const CACHE = PREFIX + VERSION;
const scope = self.registration.scope;
const OFFLINE_PAGE = new URL("offline.html", scope).href;
const FINGERPRINTED = /\.[0-9a-f]{8}\.min\.(?:js|css)(?:$|\?)|[?&]v=[0-9a-f]{8}$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // (past the browser's own HTTP cache, which may still hold the previous deploy)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(new URL(path, scope), { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, isPage) {
  const cache = await caches.open(CACHE);
  try {
    // A page is checked with the server every time: a static host's caching headers would
    // otherwise let the browser show the copy it already has for minutes after a deploy.
    const response = await fetch(request, isPage ? { cache: "no-cache" } : {});
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: isPage });
    if (cached) return cached;
    if (isPage) {
      const url = new URL(request.url);
      const moved = MOVED[(url.origin + url.pathname).slice(scope.length)];
      if (moved) return Response.redirect(new URL(moved, scope).href, 302);
      return offlinePage(cache);
    }
    throw error;
  }
}

// The offline page links its files relative to the site's root; it is shown at the address
// the reader asked for, so it gets a <base> that points them back to the root.
async function offlinePage(cache) {
  const page = await cache.match(OFFLINE_PAGE);
  if (!page) return Response.error();
  const html = (await page.text()).replace("<head>", `<head><base href="${scope}">`);
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope) || request.url.endsWith(".map")) return;
  if (request.mode === "navigate") event.respondWith(networkFirst(request, true));
  else if (FINGERPRINTED.test(request.url)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request, false));
});
