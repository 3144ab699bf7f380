// Service worker of the offline page: caches the page, the wasm, the JS and the data file as
// one build, so a phone with no signal still answers questions.
//
// Atomic updates: sw-build.js (written by scripts/build-web) lists every file of the build with
// its SHA-256. A new build is installed into its own cache, and only if every file downloads and
// matches its hash; until the user accepts the update (and the old worker is replaced), the old
// worker keeps serving only from the old build's cache. So a page never mixes old wasm and new
// data, and a half-deployed site (new data, old list) is simply not installed.

importScripts('sw-build.js');

const BUILD = self.PLAN_LOOKUP_BUILD;
const PREFIX = 'plan-lookup-';
const CACHE = PREFIX + BUILD.id;
const INDEX = new URL('index.html', self.registration.scope).href;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const fetched = await Promise.all(
        BUILD.files.map(async (f) => {
          const url = new URL(f.url, self.registration.scope).href;
          const response = await fetch(new Request(url, { cache: 'no-store' }));
          if (!response.ok) throw new Error(`${f.url}: HTTP ${response.status}`);
          const digest = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
          if (digest !== f.sha256) throw new Error(`${f.url} does not match build ${BUILD.id}; not installing a mixed build`);
          return [url, response];
        }),
      );
      const cache = await caches.open(CACHE);
      try {
        for (const [url, response] of fetched) await cache.put(url, response);
      } catch (e) {
        await caches.delete(CACHE);
        throw e;
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  if (msg.type === 'skip-waiting') self.skipWaiting();
  if (msg.type === 'version' && event.ports[0]) event.ports[0].postMessage({ build: BUILD.id, dataVersion: BUILD.dataVersion });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // The page itself, whatever its ?q= (the question is kept in the URL).
      const scopePath = new URL(self.registration.scope).pathname;
      const isPage = request.mode === 'navigate' && (url.pathname === scopePath || url.pathname === scopePath + 'index.html');
      const hit = await cache.match(isPage ? INDEX : request, { ignoreSearch: isPage });
      return hit || fetch(request);
    })(),
  );
});
