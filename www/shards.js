// shards.js: PlanLookup's sharded-build methods (a manifest's load, shards fetched per place,
// questions across every place). plan-lookup.js imports this file when a data file turns out to
// be a manifest and hands it its internals ({wrap, fetchBytes, loadShardedWasm}); the offline
// page's bundle (app.bundle.js) leaves it out, since a page over one data file never needs it.
// See plan-lookup.js for each method's contract.

/** `place` option or attribute value → list of place names ("资阳区|下陆区", an array, or nothing). */
function placeList(place) {
  if (place == null) return [];
  const list = Array.isArray(place) ? place : String(place).split(/[|,，、]/);
  return list.map((p) => String(p).trim()).filter(Boolean);
}

/** The lookup over a manifest's bytes, with the shards of `options.place` loaded.
 * `Lookup` is the sharded-build module's class when load() fetched it already, else null. */
export async function openManifest(PlanLookup, internals, Lookup, bytes, url, fetchFn, options) {
  const { wrap, loadShardedWasm } = internals;
  Lookup ??= (await loadShardedWasm(options.shardedWasmUrl)).Lookup;
  const inner = wrap('data', () => Lookup.fromManifest(bytes));
  const base = new URL(String(url), globalThis.document?.baseURI ?? globalThis.location?.href);
  const shards = { base, fetchFn, pending: new Map(), loaded: new Map(), summaries: new Map() };
  const lookup = new PlanLookup(inner, { manifest: bytes }, options, shards);
  await loadPlaces(lookup, internals, options.place);
  return lookup;
}

export async function loadPlaces(lookup, internals, places) {
  const wanted = placeList(places).map((name) => internals.wrap('input', () => lookup._inner.shardForPlace(name)));
  await loadShards(lookup, internals, wanted);
  return wanted.map((r) => r.place);
}

export async function loadPlacesFor(lookup, internals, question) {
  const wanted = internals.wrap('input', () => lookup._inner.shardsFor(String(question)));
  await loadShards(lookup, internals, wanted);
  return wanted.map((r) => r.place);
}

export async function acrossPlaces(lookup, { wrap, fetchBytes }, question) {
  const q = String(question);
  const { base, fetchFn, summaries } = lookup._shards;
  const wanted = wrap('input', () => lookup._inner.summariesFor(q));
  await Promise.all(
    wanted.map(async (r) => {
      if (!summaries.has(r.index)) {
        summaries.set(
          r.index,
          fetchBytes(new URL(r.file, base), fetchFn, 'a unit summary').catch((e) => {
            summaries.delete(r.index);
            throw e;
          }),
        );
      }
      const bytes = await summaries.get(r.index);
      wrap('data', () => lookup._inner.addSummary(r.index, bytes));
    }),
  );
  return wrap('input', () => lookup._inner.acrossPlaces(q));
}

/** Fetches shards in parallel, adds each once (concurrent calls share a download). */
function loadShards(lookup, { wrap, fetchBytes }, requests) {
  const { base, fetchFn, pending, loaded } = lookup._shards;
  return Promise.all(
    requests
      .filter((r) => !r.loaded)
      .map((r) => {
        if (!pending.has(r.shard)) {
          const job = fetchBytes(new URL(r.file, base), fetchFn, `the shard of ${r.place}`)
            .then((bytes) => {
              wrap('data', () => lookup._inner.addShard(r.shard, bytes));
              loaded.set(r.shard, bytes);
              lookup._changed();
            })
            .finally(() => pending.delete(r.shard));
          pending.set(r.shard, job);
        }
        return pending.get(r.shard);
      }),
  );
}
