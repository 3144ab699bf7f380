// authoring.js: PlanLookup's methods that add and change documents, and the move into the full
// module they need. plan-lookup.js imports this file on first use and hands it its internals
// ({wrap, loadFullWasm}); the offline page's bundle (app.bundle.js) leaves it out, since no
// first answer needs it. See plan-lookup.js for each method's contract.

/** Moves `lookup` into the full module (once), rebuilt from what it was loaded from. */
function toFullModule(lookup, { wrap, loadFullWasm }) {
  if (lookup._inner.canAddDocuments) return Promise.resolve();
  if (!lookup._upgrade) {
    lookup._upgrade = loadFullWasm(lookup._fullWasmUrl).then(
      ({ Lookup }) => {
        // No await from here on: shards arriving meanwhile went into the old lookup and into
        // `loaded`, so the replay below holds all of them.
        const inner = wrap('data', () => {
          if (lookup._source.data) return Lookup.fromData(lookup._source.data);
          const l = Lookup.fromManifest(lookup._source.manifest);
          try {
            for (const [shard, bytes] of lookup._shards.loaded) l.addShard(shard, bytes);
            // Summary files are re-read by acrossPlaces() from their settled downloads.
          } catch (e) {
            l.free();
            throw e;
          }
          return l;
        });
        if (lookup._terms != null) wrap('input', () => inner.setEverydayTerms(lookup._terms));
        if (lookup._pinyin != null) wrap('input', () => inner.setPinyin(lookup._pinyin));
        lookup._inner.free();
        lookup._inner = inner;
        lookup._changed();
      },
      (e) => {
        lookup._upgrade = null;
        throw e;
      },
    );
  }
  return lookup._upgrade;
}

export async function addDocument(lookup, internals, name, textOrBytes, options) {
  let data = textOrBytes;
  // The place every plan of the document is for, when the reader cannot find it (or finds
  // the wrong one): {place: '某某县'}.
  const place = options && options.place != null && String(options.place).trim() !== '' ? String(options.place) : undefined;
  if (ArrayBuffer.isView(data) && !(data instanceof Uint8Array)) {
    data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  await toFullModule(lookup, internals);
  const result = internals.wrap('input', () => lookup._inner.addDocument(String(name), data, place));
  lookup._changed();
  return result;
}

export async function removeDocument(lookup, internals, name) {
  await toFullModule(lookup, internals);
  const removed = lookup._inner.removeDocument(String(name));
  lookup._changed();
  return removed;
}

export async function setEdits(lookup, internals, edits) {
  await toFullModule(lookup, internals);
  const info = internals.wrap('input', () => lookup._inner.setEdits(edits));
  lookup._changed();
  return info;
}

export async function exportData(lookup, internals) {
  await toFullModule(lookup, internals);
  return lookup._inner.exportData();
}
