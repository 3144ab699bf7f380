// plan-lookup.js: the browser API of plan-lookup, a small ES module with no dependencies.
//
//   import { PlanLookup } from './plan-lookup.js';
//   const lookup = await PlanLookup.load('data/plans.bin');
//   const answer = lookup.ask('区司法局牵头哪些任务？');   // same fields as `plan-lookup ask --json`
//   lookup.units();                                        // the unit directory
//   lookup.addDocument('plan.txt', textOrBytes);           // ingest a plan at run time
//
// The WebAssembly module is `pkg/plan_lookup_bg.wasm` next to this file (built by
// `scripts/build-web`). Types: plan-lookup.d.ts.

import init, { Lookup } from './pkg/plan_lookup.js';

/** An error with a `code` saying which step failed: 'network' | 'data' | 'wasm' | 'input'. */
export class PlanLookupError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'PlanLookupError';
    this.code = code;
  }
}

let wasmReady = null;

/** Loads (once) the WebAssembly module. `wasmUrl` defaults to pkg/plan_lookup_bg.wasm next to this file. */
export function loadWasm(wasmUrl) {
  if (!wasmReady) {
    const url = wasmUrl ?? new URL('./pkg/plan_lookup_bg.wasm', import.meta.url);
    wasmReady = init({ module_or_path: url }).catch((e) => {
      wasmReady = null;
      throw new PlanLookupError(
        'wasm',
        `plan-lookup: could not load the WebAssembly module (${url}): ${e && e.message ? e.message : e}. ` +
          'Check that pkg/ is deployed next to plan-lookup.js and served as application/wasm ' +
          "(and, under a Content-Security-Policy, that script-src allows 'wasm-unsafe-eval').",
        { cause: e },
      );
    });
  }
  return wasmReady;
}

async function fetchBytes(url, fetchFn) {
  let response;
  try {
    response = await fetchFn(url);
  } catch (e) {
    throw new PlanLookupError(
      'network',
      `plan-lookup: could not download the data file ${url}: ${e && e.message ? e.message : e}. ` +
        'Check the network connection and the src/url.',
      { cause: e },
    );
  }
  if (!response.ok) {
    throw new PlanLookupError(
      'network',
      `plan-lookup: could not download the data file ${url} (HTTP ${response.status}). ` +
        'Check the src/url; build the file with scripts/build-web or `plan-lookup build`.',
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

function wrap(code, fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PlanLookupError) throw e;
    throw new PlanLookupError(code, e && e.message ? e.message : String(e), { cause: e });
  }
}

export class PlanLookup {
  /** Use PlanLookup.load(), PlanLookup.fromBytes() or PlanLookup.empty(). */
  constructor(inner) {
    if (!(inner instanceof Lookup)) throw new TypeError('use PlanLookup.load(url)');
    this._inner = inner;
    this._info = null;
  }

  /**
   * Downloads a data file (written by `plan-lookup build`) and the WebAssembly module in
   * parallel, and returns a ready lookup. Rejects with a PlanLookupError.
   */
  static async load(url, options = {}) {
    const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    const [bytes] = await Promise.all([fetchBytes(url, fetchFn), loadWasm(options.wasmUrl)]);
    return PlanLookup.fromBytes(bytes);
  }

  /** A lookup over data-file bytes already at hand (after loadWasm() resolved, or awaits it). */
  static async fromBytes(bytes, options = {}) {
    await loadWasm(options.wasmUrl);
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    return new PlanLookup(wrap('data', () => Lookup.fromData(data)));
  }

  /** An empty lookup, to fill with addDocument(). */
  static async empty(options = {}) {
    await loadWasm(options.wasmUrl);
    return new PlanLookup(new Lookup());
  }

  /** Answers a question: {question, intent, unit, place, role, topic, keywords, results, summary, suggestions, message, units}. */
  ask(question) {
    if (typeof question !== 'string') throw new PlanLookupError('input', 'plan-lookup: ask(question) needs a string');
    return wrap('input', () => this._inner.ask(question));
  }

  /** The unit directory: [{place, name, kind, aliases, lead, responsible_first, support, responsible, collective, members}]. */
  units() {
    return wrap('input', () => this._inner.units());
  }

  /** One measure by id (as in results[i].id), or null. */
  measure(id) {
    return wrap('input', () => this._inner.measure(Number(id)));
  }

  /**
   * Ingests a plan document (a string of text or HTML, or bytes: Uint8Array/ArrayBuffer in
   * UTF-8, GBK/GB18030 or UTF-16) with the same parser as the CLI. Returns {name, plans,
   * measures, source, warnings}; throws a PlanLookupError('input') saying what is wrong.
   */
  addDocument(name, textOrBytes) {
    let data = textOrBytes;
    if (ArrayBuffer.isView(data) && !(data instanceof Uint8Array)) {
      data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    }
    const result = wrap('input', () => this._inner.addDocument(String(name), data));
    this._info = null;
    return result;
  }

  /** {formatVersion, dataVersion, measures, documents: [{name, plans, measures, source, warnings}]}. */
  info() {
    if (!this._info) this._info = this._inner.info();
    return this._info;
  }

  /** The data file's version (8 hex digits), or null for a lookup built only from added documents. */
  get dataVersion() {
    return this.info().dataVersion;
  }

  /** How many measures are loaded. */
  get size() {
    return this._inner.measureCount;
  }

  /** A data file (Uint8Array) of everything loaded now, e.g. to save after addDocument(). */
  exportData() {
    return this._inner.exportData();
  }

  /** Frees the WebAssembly memory held by this lookup. */
  free() {
    this._inner.free();
  }
}

export default PlanLookup;
