// The field app's service worker, written by hand. The build (web/vite.config.ts) puts the
// list of the app's files in place of the placeholder below, so every build is a new worker that
// caches its own shell. Pages under /field/ come from the network when it answers and
// from the cache when it does not; hashed assets come from the cache first; the API is
// never cached (the app keeps its data in IndexedDB).
const PRECACHE = self.__RELIEFLINE_PRECACHE__;
const CACHE = `reliefline-field-${PRECACHE.version}`;
const SHELL = "/field/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith("reliefline-field-") && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(SHELL))));
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request)),
  );
});
