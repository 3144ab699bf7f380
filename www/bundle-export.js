// bundle-export.js: PlanLookup.exportBundle()'s writer (plan-lookup.js imports it on first use;
// the offline page's bundle keeps it out, so no first answer downloads it).

/**
 * `moduleBytes` (fetched from `url`) checked to be the query module as built, with `data` (a
 * data file) appended as the bundle's custom section `section`: a section id (0), its size,
 * the name's length and the name, then the data, sizes as unsigned LEB128. The same bytes as
 * `plan-lookup build -o plans.wasm --module` writes.
 */
export async function bundleOf(moduleBytes, data, url, { PlanLookupError, isQueryModule, section }) {
  let module;
  try {
    module = await WebAssembly.compile(moduleBytes);
  } catch (e) {
    throw new PlanLookupError('wasm', `plan-lookup: ${url} is not a WebAssembly module (${e && e.message ? e.message : e}): deploy pkg/ next to plan-lookup.js.`, { cause: e });
  }
  if (!isQueryModule(module) || WebAssembly.Module.customSections(module, section).length > 0) {
    throw new PlanLookupError('wasm', `plan-lookup: ${url} is not the query module as built: deploy pkg/plan_lookup_query_bg.wasm from scripts/build-web.`);
  }
  const leb = (n) => {
    const out = [];
    do {
      out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      n = Math.floor(n / 0x80);
    } while (n > 0);
    return out;
  };
  const name = new TextEncoder().encode(section);
  const head = [...leb(name.length), ...name];
  const size = [0, ...leb(head.length + data.length)];
  const out = new Uint8Array(moduleBytes.length + size.length + head.length + data.length);
  out.set(moduleBytes, 0);
  out.set(size, moduleBytes.length);
  out.set(head, moduleBytes.length + size.length);
  out.set(data, moduleBytes.length + size.length + head.length);
  return out;
}
