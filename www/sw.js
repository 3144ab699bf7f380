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
// cached shard can never be stale: a changed shard is a new file. A shard is cached only if its
// bytes match the checksum in its name, and on activation shards no manifest of the new build
// lists are dropped.

importScripts('sw-build.js');

const BUILD = self.PLAN_LOOKUP_BUILD;
const PREFIX = 'plan-lookup-';
const CACHE = PREFIX + BUILD.id;
const INDEX = new URL('index.html', self.registration.scope).href;
const SHARDS = PREFIX + 'shards';
const SHARD_NAME = /\/(p\d{5,}-([0-9a-f]{8})\.bin)$/;

/** CRC-32 (IEEE), as in src/store.rs. */
const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Whether `bytes` are a whole data file (PLKP header, length) whose payload has checksum `crc`. */
function isIntactShard(bytes, crc) {
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'PLKP') return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(8, true) === bytes.length - 16 && crc32(bytes.subarray(16)) === crc;
}

/** The manifest layout shardNames() reads (MANIFEST_VERSION in src/store.rs). */
const MANIFEST_VERSION = 2;

/** Shard file names a manifest (PLKM, see src/store.rs) lists; throws for another layout. */
function shardNames(bytes) {
  const version = bytes[4] | (bytes[5] << 8);
  if (version !== MANIFEST_VERSION) throw new Error(`manifest format version ${version}, expected ${MANIFEST_VERSION}`);
  let pos = 16;
  const varint = () => {
    let v = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = bytes[pos++];
      if (b === undefined) throw new Error('manifest ends early');
      v += (b & 0x7f) * shift;
      if (b < 0x80) return v;
    }
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // (`pos += varint()` would add to the position read before varint() moved it.)
  const skip = () => {
    const len = varint();
    pos += len;
  };
  skip(); // the string table's alphabet
  for (let n = varint(); n > 0; n--) skip(); // its strings
  const names = [];
  for (let i = 0, n = varint(); i < n; i++) {
    varint();
    const crc = view.getUint32(pos, true);
    pos += 4;
    varint();
    names.push(`p${String(i).padStart(5, '0')}-${crc.toString(16).padStart(8, '0')}.bin`);
  }
  return names;
}

/** Cache-first for shards; a fetched shard is cached only if it matches the checksum in its name. */
async function shardResponse(request, crc) {
  const cache = await caches.open(SHARDS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    if (isIntactShard(bytes, crc)) await cache.put(request, response.clone());
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
        if (name.startsWith(PREFIX) && name !== CACHE && name !== SHARDS) await caches.delete(name);
      }
      // Drop cached shards no manifest of this build lists (only if the build has a manifest).
      // Never fatal: a manifest this worker cannot read keeps every cached shard (they are
      // immutable, so at worst unused ones stay), rather than leaving the page uncontrolled.
      try {
        const build = await caches.open(CACHE);
        const listed = new Set();
        let manifests = 0;
        for (const request of await build.keys()) {
          if (!request.url.endsWith('manifest.bin')) continue;
          const bytes = new Uint8Array(await (await build.match(request)).arrayBuffer());
          if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'PLKM') continue;
          manifests++;
          const base = new URL('.', request.url).href;
          for (const name of shardNames(bytes)) listed.add(base + name);
        }
        if (manifests) {
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
  const shard = url.pathname.match(SHARD_NAME);
  if (shard) {
    event.respondWith(shardResponse(request, parseInt(shard[2], 16)));
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
