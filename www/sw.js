// Service worker of the offline page: caches the page, the wasm, the JS and the data file as
// one build, so a phone with no signal still answers questions.
//
// Atomic updates: sw-build.js (written by scripts/build-web) lists every file of the build with
// its SHA-256. A new build is installed into its own cache, and only if every file downloads and
// matches its hash; until the user accepts the update (and the old worker is replaced), the old
// worker keeps serving only from the old build's cache. So a page never mixes old wasm and new
// data, and a half-deployed site (new data, old list) is simply not installed.
//
// Sharded builds (`plan-lookup build --shards`): the manifest is part of the build like any file;
// the per-place shards it lists are cached when first fetched (runtime caching), in a cache of
// their own kept across builds. A shard's name carries its checksum (p00003-1a2b3c4d.bin), so a
// cached shard can never be stale: a changed shard is a new file. The build writes shards.json
// beside the manifest, listing every shard with its size and SHA-256 (part of the build like
// the manifest): a shard is cached only if it matches its entry, and on activation shards no
// listing of the new build names are dropped.

importScripts('sw-build.js');

const BUILD = self.PLAN_LOOKUP_BUILD;
const PREFIX = 'plan-lookup-';
const CACHE = PREFIX + BUILD.id;
const INDEX = new URL('index.html', self.registration.scope).href;
const SHARDS = PREFIX + 'shards';
/** The last everyday-words file fetched (not part of a build: portal staff edit it in place). */
const TERMS = PREFIX + 'terms';
/** Shards (p00003-…) and unit summaries (u007-…) of a sharded build: immutable, named by checksum. */
const SHARD_NAME = /\/(p\d{5,}|u\d{3,})-[0-9a-f]{8}\.bin$/;

/**
 * The shards a sharded build lists, as `plan-lookup build --shards` writes them beside its
 * manifest (shards.json: {version, shards: [{file, bytes, sha256}]}): Map(absolute URL →
 * {bytes, sha256}). `base` is the listing's own URL.
 */
function shardUrls(listing, base) {
  return new Map(listing.shards.map((s) => [new URL(s.file, base).href, { bytes: s.bytes, sha256: s.sha256 }]));
}

/** Every shard the listings in this build's cache name (a build may deploy several). */
async function listedShards() {
  const build = await caches.open(CACHE);
  const listed = new Map();
  for (const request of await build.keys()) {
    if (!request.url.endsWith('/shards.json')) continue;
    for (const [url, entry] of shardUrls(await (await build.match(request)).json(), request.url)) listed.set(url, entry);
  }
  return listed;
}

/** Cache-first for shards; a fetched shard is cached only if this build lists it and its bytes
 * are exactly the ones listed (size and SHA-256), so a shard of another build never is. */
async function shardResponse(request) {
  const cache = await caches.open(SHARDS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  const expected = response.ok ? (await listedShards()).get(request.url) : undefined;
  if (expected) {
    const bytes = await response.clone().arrayBuffer();
    if (bytes.byteLength === expected.bytes && hex(await crypto.subtle.digest('SHA-256', bytes)) === expected.sha256) {
      await cache.put(request, response.clone());
    }
  }
  return response;
}

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
        if (name.startsWith(PREFIX) && name !== CACHE && name !== SHARDS && name !== TERMS) await caches.delete(name);
      }
      // Drop cached shards no shard listing of this build names (only if the build has one).
      // Never fatal: a listing this worker cannot read keeps every cached shard (they are
      // immutable, so at worst unused ones stay), rather than leaving the page uncontrolled.
      try {
        const listed = await listedShards();
        if (listed.size) {
          const shards = await caches.open(SHARDS);
          for (const request of await shards.keys()) if (!listed.has(request.url)) await shards.delete(request);
        }
      } catch (e) {
        console.warn(`plan-lookup service worker: cached shards kept (${e && e.message ? e.message : e})`);
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
  if (SHARD_NAME.test(url.pathname)) {
    event.respondWith(shardResponse(request));
    return;
  }
  // The everyday-words file is the one file portal staff edit in place (data/terms.txt), so it
  // is not in the build's hashed list: fetched fresh when online, the last copy offline.
  if (url.pathname.endsWith('/terms.txt')) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(TERMS);
        try {
          const response = await fetch(request);
          if (response.ok) await cache.put(request, response.clone());
          return response;
        } catch (e) {
          return (await cache.match(request)) || Promise.reject(e);
        }
      })(),
    );
    return;
  }
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
