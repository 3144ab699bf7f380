// plan-lookup.js: the browser API of plan-lookup, a small ES module with no dependencies.
//
//   import { PlanLookup } from './plan-lookup.js';
//   const lookup = await PlanLookup.load('data/plans.bin');   // or a bundle: 'data/plans.wasm'
//   const answer = lookup.ask('区司法局牵头哪些任务？');   // same fields as `plan-lookup ask --json`
//   lookup.units();                                        // the unit directory
//   await lookup.addDocument('plan.txt', textOrBytes);     // ingest a plan at run time
//
// A sharded build (`plan-lookup build --shards DIR`) is loaded from its manifest, with the places
// wanted now; other places' shards are fetched when a question names them:
//   const lookup = await PlanLookup.load('data/shards/manifest.bin', { place: '资阳区' });
//   const answer = await lookup.askAsync('下陆区人社局参与哪些工作');   // fetches 下陆区's shard
//
// Three WebAssembly modules sit in `pkg/` next to this file (built by `scripts/build-web`): the
// query module (`plan_lookup_query_bg.wasm`: load a data file, answer) that a page with one data
// file loads; the sharded-build module (`plan_lookup_sharded_bg.wasm`: the same plus manifests,
// shards and questions across every place), loaded instead for a manifest; and the full module
// (`plan_lookup_bg.wasm`: both plus the document reader) fetched only when a page adds a
// document. Each first answer waits only for the code it needs. A bundle (`plan-lookup build -o
// plans.wasm --module pkg/plan_lookup_query_bg.wasm`) is the query module with the data file
// inside: one download instead of two, the fastest first answer. Types: plan-lookup.d.ts.

/** An error with a `code` saying which step failed: 'network' | 'data' | 'wasm' | 'input';
 * for 'data', `reason` says what is wrong with the file: 'not-a-data-file' | 'version' |
 * 'truncated' | 'corrupt' | 'wrong-kind' | 'shard-mismatch' (else null). */
export class PlanLookupError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'PlanLookupError';
    this.code = code;
    this.reason = (options && options.cause && options.cause.reason) || null;
  }
}

/**
 * Marks one step of loading or answering on the page's performance timeline (User Timing),
 * named `plan-lookup:STEP`: a portal's performance monitoring (and bench/run) sees where a
 * first answer's time went. Steps: `load` (load() called, detail the URL), `compiled` and
 * `instantiated` (a WebAssembly module, detail its URL), `fetched` (a file's bytes are in,
 * detail its URL), `built` (a lookup over a data file is ready), and in the widget `asked` (it
 * has an answer) and `rendered` (the answer is in its DOM, just before `plan-lookup-answer`).
 * Nothing where there is no performance.mark.
 */
export function markStep(step, detail) {
  try {
    globalThis.performance?.mark?.(`plan-lookup:${step}`, detail === undefined ? undefined : { detail });
  } catch {
    // A timeline that refuses marks (full buffer, old engine) must not fail a load.
  }
}

/** The Lookup class of the first module loaded: every module answers roleNames(),
 * intentNames() and labels() alike (see names()). */
let anyLookupClass = null;

/** Loads one module's glue and wasm once; a failed load is retried on the next call. The
 * wasm comes from `wasmUrl` (default `defaultWasm`), or is `compiled` already (a bundle's
 * module, see loadBundle), when this is the first call. */
function moduleLoader(what, defaultWasm, importGlue) {
  let ready = null;
  return (wasmUrl, compiledAlready) => {
    if (!ready) {
      const url = wasmUrl ?? new URL(defaultWasm, import.meta.url);
      // The wasm downloads and compiles while the glue is imported, not after it: on a page
      // that imports plan-lookup.js unbundled that is one round trip less before the first
      // answer. (The glue would fetch it only once it had been downloaded and run.)
      // (Or the compile the page's preload-start.js began: compileStarted.)
      const compiled = compiledAlready ?? compileStarted(url);
      compiled.catch(() => {}); // reported through `ready` below, never as an unhandled rejection
      ready = Promise.all([importGlue(), compiled])
        .then(([glue, module]) => {
          markStep('compiled', String(url));
          // Instantiated at once: the module is compiled already (a compiled module may be
          // instantiated synchronously on a page's main thread), and a bundle keeps only this
          // of the glue's two inits (scripts/web-tools/bundle.mjs).
          glue.initSync({ module });
          markStep('instantiated', String(url));
          anyLookupClass ??= glue.Lookup;
          return glue;
        })
        .catch((e) => {
          ready = null;
          throw new PlanLookupError(
            'wasm',
            `plan-lookup: could not load the ${what} (${url}): ${e && e.message ? e.message : e}. ` +
              'Check that pkg/ is deployed next to plan-lookup.js and served as application/wasm ' +
              "(and, under a Content-Security-Policy, that script-src allows 'wasm-unsafe-eval').",
            { cause: e },
          );
        });
    }
    return ready;
  };
}

/** The work the page's preload-start.js began for `url` (a promise of the compiled module or of
 * the file's bytes), taken once; undefined where it began none. Where it has not run yet, it is
 * told not to: this page's downloads are under way already, and it would only repeat them. */
function takeStarted(url) {
  const started = globalThis.__planLookupStarted;
  if (!started) {
    globalThis.__planLookupStarted = false;
    return undefined;
  }
  let key;
  try {
    key = new URL(String(url), globalThis.document?.baseURI ?? globalThis.location?.href).href;
  } catch {
    return undefined;
  }
  const work = started.get(key);
  started.delete(key);
  return work;
}

/** A data file's bytes: those preload-start.js fetched already (unless the caller brings its own
 * fetch), else fetched now; a failed early fetch is made again, which says what went wrong. */
async function dataBytes(url, fetchFn, ownFetch) {
  const started = ownFetch ? undefined : takeStarted(url);
  if (started) {
    try {
      const bytes = new Uint8Array(await started);
      markStep('fetched', String(url));
      return bytes;
    } catch {
      // fetched again below
    }
  }
  return fetchBytes(url, fetchFn);
}

/** The module the page's preload-start.js began compiling from `url` (takeStarted), or, where
 * it began none or that failed, `url` compiled now (a failure then says what went wrong). */
function compileStarted(url, fetchFn) {
  const started = takeStarted(url);
  return started ? started.catch(() => compileWasm(url, fetchFn)) : compileWasm(url, fetchFn);
}

/** Fetches and compiles a wasm module: streaming when the server says application/wasm, else
 * from the whole body (what wasm-bindgen's glue does on its own). */
async function compileWasm(url, fetchFn = globalThis.fetch.bind(globalThis)) {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = response.headers.get('content-type') || '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** The query module next to this file (the release's npm package drops the pkg/ folder). */
const QUERY_WASM = './pkg/plan_lookup_query_bg.wasm';
/** The pinyin table next to the query module (loadPinyin). */
const PINYIN = './pkg/pinyin.txt';

// Imported, not loaded up front, so a sharded build's page does not fetch this glue too; the
// bundles (scripts/build-web) hold it in the same file all the same.
const loadQueryModule = moduleLoader('WebAssembly module', QUERY_WASM, () =>
  import('./pkg/plan_lookup_query.js'),
);
const loadShardedModule = moduleLoader('WebAssembly module for sharded builds', './pkg/plan_lookup_sharded_bg.wasm', () =>
  import('./pkg/plan_lookup_sharded.js'),
);
const loadFullModule = moduleLoader('WebAssembly module with the document reader', './pkg/plan_lookup_bg.wasm', () =>
  import('./pkg/plan_lookup.js'),
);

/** Loads (once) the query module, which load()/fromBytes() use. `wasmUrl` defaults to
 * pkg/plan_lookup_query_bg.wasm next to this file. */
export function loadWasm(wasmUrl) {
  return loadQueryModule(wasmUrl);
}

/** Loads (once) the sharded-build module (the query module plus manifests and shards), which
 * load() uses for a sharded build's manifest. `wasmUrl` defaults to
 * pkg/plan_lookup_sharded_bg.wasm next to this file. */
export function loadShardedWasm(wasmUrl) {
  return loadShardedModule(wasmUrl);
}

/** Loads (once) the full module (the query module plus addDocument), which empty() and the
 * first addDocument() use. `wasmUrl` defaults to pkg/plan_lookup_bg.wasm next to this file. */
export function loadFullWasm(wasmUrl) {
  return loadFullModule(wasmUrl);
}

async function fetchBytes(url, fetchFn, what = 'the data file') {
  let response;
  try {
    response = await fetchFn(url);
  } catch (e) {
    throw new PlanLookupError(
      'network',
      `plan-lookup: could not download ${what} ${url}: ${e && e.message ? e.message : e}. ` +
        'Check the network connection and the src/url.',
      { cause: e },
    );
  }
  if (!response.ok) {
    throw new PlanLookupError(
      'network',
      `plan-lookup: could not download ${what} ${url} (HTTP ${response.status}). ` +
        'Check the src/url; build the file with scripts/build-web or `plan-lookup build` ' +
        '(for shards: deploy the whole folder written by `plan-lookup build --shards`).',
    );
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  markStep('fetched', String(url));
  return bytes;
}

/** "PLKM": the first bytes of a sharded build's manifest (see src/store/). */
function isManifest(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4c && bytes[2] === 0x4b && bytes[3] === 0x4d;
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
  constructor(inner, source, options = {}, shards = null) {
    if (!inner || typeof inner.ask !== 'function' || typeof inner.free !== 'function') {
      throw new TypeError('use PlanLookup.load(url)');
    }
    this._inner = inner;
    this._info = null;
    /** measure(id) results (frozen), until the data changes. */
    this._measures = new Map();
    /** What the lookup was loaded from, to rebuild it in the full module on the first
     * addDocument(): {data: Uint8Array} | {manifest: Uint8Array} | {} (empty). */
    this._source = source;
    this._fullWasmUrl = options.fullWasmUrl;
    /** The query module's URL given to load(), for exportBundle(). */
    this._wasmUrl = options.wasmUrl;
    /** The switch to the full module, once started (a Promise). */
    this._upgrade = null;
    /** For a sharded build: {base: manifest URL, fetchFn, pending: Map(shard index → Promise),
     * loaded: Map(shard index → bytes) (replayed into the full module)}. */
    this._shards = shards;
  }

  /**
   * Downloads a data file (written by `plan-lookup build`) and the WebAssembly query module in
   * parallel, and returns a ready lookup. If the file is the manifest of a sharded build
   * (`plan-lookup build --shards`), the shards of `options.place` (a name, "A|B", or an array)
   * are fetched too; other places load on demand (askAsync, loadPlaces). A bundle (a URL ending
   * in .wasm, or `options.bundle`) is one download: the query module with the data file inside.
   * Rejects with a PlanLookupError.
   */
  static async load(url, options = {}) {
    markStep('load', String(url));
    const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    if (options.bundle ?? isBundleUrl(url)) return loadBundle(url, fetchFn, options);
    // Which module to fetch alongside the file: `options.sharded`, else a guess from the name
    // `plan-lookup build --shards` gives the manifest. Only a guess: the file's first bytes
    // decide, and the sharded-build module also reads single data files.
    const sharded = options.sharded ?? /(^|\/)manifest\.bin([?#]|$)/.test(String(url));
    const module = sharded ? loadShardedWasm(options.shardedWasmUrl) : loadWasm(options.wasmUrl);
    const [bytes, { Lookup: Loaded }] = await Promise.all([dataBytes(url, fetchFn, options.fetch), module]);
    if (!isManifest(bytes)) return fromData(Loaded, bytes, options);
    return (await sharding()).openManifest(PlanLookup, INTERNALS, sharded ? Loaded : null, bytes, url, fetchFn, options);
  }

  /** A lookup over data-file bytes already at hand (after loadWasm() resolved, or awaits it). */
  static async fromBytes(bytes, options = {}) {
    const { Lookup } = await loadWasm(options.wasmUrl);
    return fromData(Lookup, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), options);
  }

  /** An empty lookup, to fill with addDocument() (loads the full module). */
  static async empty(options = {}) {
    const { Lookup } = await loadFullWasm(options.fullWasmUrl);
    return new PlanLookup(new Lookup(), {}, options);
  }

  /** Whether this lookup is a sharded build (loaded from a manifest). */
  get sharded() {
    return this._inner.isSharded;
  }

  /** The places of a sharded build: [{name, shard, file, bytes, documents, measures, loaded}] ([] otherwise). */
  places() {
    // The query module has no sharded builds, nor this call.
    return this._shards ? wrap('data', () => this._inner.places()) : [];
  }

  /** A sharded build's unit directory across every place, from its manifest: [{name, places}]. */
  manifestUnits() {
    return this._shards ? wrap('data', () => this._inner.manifestUnits()) : [];
  }

  /**
   * Fetches and adds the shards of the named places (a name, "A|B" or an array), each at most
   * once; resolves to the names loaded. Rejects with a PlanLookupError: 'input' for a place
   * the build does not have, 'network' or 'data' for a shard that cannot be fetched or is not
   * the one the manifest lists. A lookup from a single data file already holds every place.
   */
  async loadPlaces(places) {
    return this._shards ? (await sharding()).loadPlaces(this, INTERNALS, places) : [];
  }

  /** Fetches and adds the shards of the places a question names that are not loaded yet; resolves to their names. */
  async loadPlacesFor(question) {
    return this._shards ? (await sharding()).loadPlacesFor(this, INTERNALS, question) : [];
  }

  /** Like ask(), after loading the shards of any place the question names (sharded builds). */
  async askAsync(question) {
    if (typeof question !== 'string') throw new PlanLookupError('input', 'plan-lookup: askAsync(question) needs a string');
    await this.loadPlacesFor(question);
    return this.ask(question);
  }

  /**
   * A question about every place of a sharded build, answered from its unit summary files
   * (fetched once, small) without the places' shards: for each unit the question names,
   * [{unit, places: [{place, lead, responsibleFirst, support, responsible, collective, loaded}]}],
   * places with most measures led first. [] for a single data file (ask() answers every place)
   * and for a question that names a place.
   */
  async acrossPlaces(question) {
    return this._shards ? (await sharding()).acrossPlaces(this, INTERNALS, question) : [];
  }

  /**
   * Reads everyday words in questions (上访, 摄像头) as the plans' terms (信访, 雪亮工程) with
   * the text of a terms file (data/terms.txt: one line per term, 信访：上访 来信来访), in place
   * of any given before. Resolves to {terms, words, problems}: each problem a sentence naming a
   * line that was skipped (the other lines are used). The file's reader (terms.js) is fetched
   * on first use.
   */
  async setEverydayTerms(text) {
    if (typeof text !== 'string') throw new PlanLookupError('input', 'plan-lookup: setEverydayTerms(text) needs the text of a terms file');
    const { parseTerms } = await onDemandFile(() => import('./terms.js'), 'terms.js');
    const { flat, ...report } = parseTerms(text);
    wrap('input', () => this._inner.setEverydayTerms(flat));
    this._terms = flat; // for the full module, if addDocument() moves this lookup there
    return report;
  }

  /** Downloads a terms file (see setEverydayTerms) and uses it; resolves to {terms, words,
   * problems}. Rejects with a PlanLookupError ('network') when it cannot be downloaded. */
  async loadEverydayTerms(url, fetchFn = globalThis.fetch.bind(globalThis)) {
    const bytes = await fetchBytes(url, fetchFn, 'the everyday-words file');
    // UTF-8 as written by most editors; a file saved as GBK (Windows Notepad's ANSI) reads too.
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('gb18030').decode(bytes);
    }
    return this.setEverydayTerms(text);
  }

  /**
   * Reads input-method slips in questions by their sound (社会信用管里 as 社会信用管理, 好差平 as
   * 好差评) with the pinyin table (pkg/pinyin.txt, ~20 KB gz, which no first answer needs: the
   * widget fetches it after its first answer, or when a question finds nothing). `url` defaults
   * to pkg/pinyin.txt next to this file. Rejects with a PlanLookupError ('network') when it
   * cannot be downloaded; questions are then read as before.
   */
  async loadPinyin(url = new URL(PINYIN, import.meta.url), fetchFn = globalThis.fetch.bind(globalThis)) {
    const bytes = await fetchBytes(url, fetchFn, 'the pinyin table');
    const text = new TextDecoder('utf-8').decode(bytes);
    wrap('input', () => this._inner.setPinyin(text));
    this._pinyin = text; // for the full module, if addDocument() moves this lookup there
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

  /**
   * The matches of a question, ranked as ask() ranks its results, without their text:
   * {intent, count, ids: Uint32Array, roles: Uint32Array} — role names are PlanLookup.ROLES[roles[i]].
   * For a list that shows a page at a time: take measure(ids[i]) for the rows on screen.
   */
  find(question) {
    if (typeof question !== 'string') throw new PlanLookupError('input', 'plan-lookup: find(question) needs a string');
    // [intent, n, ids…, roles…], see Lookup::find in src/wasm/mod.rs.
    const packed = wrap('input', () => this._inner.find(question));
    const n = packed[1];
    return {
      intent: names('intents')[packed[0]],
      count: n,
      ids: packed.subarray(2, 2 + n),
      roles: packed.subarray(2 + n, 2 + 2 * n),
    };
  }

  /** One measure by id (as in results[i].id or find().ids), or null. The object is frozen and
   * shared by later calls for the same id, until the data changes. */
  measure(id) {
    const key = Number(id);
    let m = this._measures.get(key);
    if (m === undefined) {
      m = deepFreeze(wrap('input', () => this._inner.measure(key)));
      this._measures.set(key, m);
    }
    return m;
  }

  /** Forgets what was read from the data before it changed (ids shift when shards or documents arrive). */
  _changed() {
    this._info = null;
    this._measures.clear();
  }

  /**
   * Ingests a plan document (a string of text or HTML, or the file's bytes as a
   * Uint8Array/ArrayBuffer: text in UTF-8, GBK/GB18030 or UTF-16, HTML, Word .docx or .doc,
   * PDF with a text layer, .xlsx, .ods or .xls) with the same reader as the CLI. Resolves to {name, plans,
   * measures, source, warnings}; rejects with a PlanLookupError: 'input' saying what is wrong
   * with the document, 'wasm' if the full module (fetched on the first call) cannot be loaded.
   */
  async addDocument(name, textOrBytes, options = {}) {
    return (await authoring()).addDocument(this, INTERNALS, name, textOrBytes, options);
  }

  /** The largest plan document addDocument() takes, in bytes (null until the full module is
   * loaded: after empty() or the first addDocument()). */
  get maxDocumentBytes() {
    return this._inner.canAddDocuments ? this._inner.constructor.maxDocumentBytes() : null;
  }

  /** Removes a document added with addDocument() (by name); resolves to whether there was one. */
  async removeDocument(name) {
    return (await authoring()).removeDocument(this, INTERNALS, name);
  }

  /**
   * Sets the corrections made to what was read ({format: 'plan-lookup-edits', version: 1,
   * documents: {name: {place, plans, measures}}}, as www/builder.html saves them and
   * `plan-lookup build --edits` reads them) and applies them to every added document, now and
   * when added later. Resolves to info(); each document's `unmatched` lists the edits that no
   * longer find their measure. Rejects with a PlanLookupError ('input') for malformed edits,
   * changing nothing.
   */
  async setEdits(edits) {
    return (await authoring()).setEdits(this, INTERNALS, edits);
  }

  /** An added document's measures as read, with the edits applied, for review: {name, plans,
   * warnings, unmatched, rows: [{measure, number, path, title, raw, lead, support, responsible,
   * read, dropped, doubts}]}, or null for a name not added. Needs the full module (after
   * addDocument()). */
  review(name) {
    if (!this._inner.canAddDocuments) return null;
    return wrap('input', () => this._inner.review(String(name)));
  }

  /** {formatVersion, dataVersion, measures, documents: [{name, plans, measures, source, warnings, unmatched}], sharded, places, loadedPlaces}. */
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

  /** A data file (Uint8Array) of everything loaded now, e.g. to save after addDocument().
   * A lookup still as loaded from one data file gives that file's bytes; otherwise the full
   * module (which writes data files) is fetched first, as for addDocument(). */
  async exportData() {
    if (!this._inner.canAddDocuments && this._source.data) return this._source.data.slice();
    return (await authoring()).exportData(this, INTERNALS);
  }

  /** A bundle (Uint8Array) of exportData(): the query module this page loads (fetched again,
   * from `options.wasmUrl` of load(), else pkg/ next to this file) with the data file inside,
   * for PlanLookup.load('…/plans.wasm'): one download instead of two. Deploy it with the
   * scripts it was made with (a bundle holds its own copy of the module). */
  async exportBundle() {
    const data = await this.exportData();
    const url = this._wasmUrl ?? new URL(QUERY_WASM, import.meta.url);
    const moduleBytes = await fetchBytes(url, globalThis.fetch.bind(globalThis), 'the query module');
    // The bundle writer is a file of its own (bundle-export.js), fetched on first use: no page's
    // first answer needs it.
    const { bundleOf } = await onDemandFile(() => import('./bundle-export.js'), 'bundle-export.js');
    return bundleOf(moduleBytes, data, url, { PlanLookupError, isQueryModule, section: BUNDLE_SECTION });
  }

  /** Frees the WebAssembly memory held by this lookup. */
  free() {
    this._inner.free();
  }
}

/** The methods that add and change documents (authoring.js: addDocument, removeDocument,
 * setEdits, exportData's full-module path), imported on first use: no page's first answer
 * needs them, and the offline page's bundle leaves them out. They get this module's internals
 * as an argument, not by importing it (a second copy of this module would have its own error
 * class and module cache). */
const authoring = () => onDemandFile(() => import('./authoring.js'), 'authoring.js');

/** A script of this API's imported on first use, its failure a PlanLookupError as every other. */
function onDemandFile(load, name) {
  return load().catch((e) => {
    throw new PlanLookupError('network', `plan-lookup: could not load ${name} (deploy it next to plan-lookup.js): ${e && e.message ? e.message : e}`, { cause: e });
  });
}
/** The sharded-build methods (shards.js: a manifest's load, shards per place, questions across
 * every place), imported when a manifest is loaded: the offline page's bundle leaves them out. */
const sharding = () => onDemandFile(() => import('./shards.js'), 'shards.js');
const INTERNALS = { wrap, fetchBytes, loadFullWasm, loadShardedWasm };

/** The custom section a bundle holds its data file in (`plan-lookup build -o X.wasm --module`,
 * src/bin/plan-lookup/bundle.rs). */
const BUNDLE_SECTION = 'plan-lookup-data';

/** Whether a compiled module is a build of the query module, as `plan-lookup build --module`
 * checks: an export only its builds have, and not one only the sharded and full modules have
 * (their glue differs from the query module's). */
function isQueryModule(module) {
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  return exported.has('lookup_fromData') && !exported.has('lookup_fromManifest');
}

/** How a bundle is made, for error messages. */
const BUILD_BUNDLE = '`plan-lookup build -o plans.wasm --module pkg/plan_lookup_query_bg.wasm`';

/** A `data` error (reason 'not-a-data-file') for a bundle that is not one: `what` says what
 * it is instead, `cause` the underlying problem. */
function notABundle(what, cause) {
  return new PlanLookupError('data', `plan-lookup: ${what}: load a data file (.bin) or a bundle written by ${BUILD_BUNDLE}.`, {
    cause: Object.assign(new Error(cause), { reason: 'not-a-data-file' }),
  });
}

/** Whether `url`'s path names a bundle (a .wasm file) rather than a data file or manifest: what
 * load() takes it for (the widget's `verify` applies to such a `src` only). */
export function isBundleUrl(url) {
  return /\.wasm$/i.test(String(url).split(/[?#]/)[0]);
}

/**
 * load() of a bundle: the query module with the data file inside it, one download where a data
 * file and the module are two (each request costs a first answer milliseconds in the browser,
 * whatever its size). The module is compiled as it streams in, and the data is read from it. If
 * the query module is loaded already, the bundle's module only gives its data.
 */
async function loadBundle(url, fetchFn, options) {
  // The page's early compile is taken over unless the caller brings its own fetch (as dataBytes).
  const compiled = options.fetch ? compileWasm(url, fetchFn) : compileStarted(url, fetchFn);
  compiled.catch(() => {}); // reported below
  const glue = loadQueryModule(url, compiled);
  glue.catch(() => {}); // reported below, after the bundle's own errors
  let module;
  try {
    module = await compiled;
  } catch (e) {
    const message = e && e.message ? e.message : String(e);
    if (e instanceof TypeError || /^HTTP \d+/.test(message)) {
      throw new PlanLookupError(
        'network',
        `plan-lookup: could not download the bundle ${url} (${message}). Check the network connection and the src/url; ` +
          `build it with ${BUILD_BUNDLE}.`,
        { cause: e },
      );
    }
    throw notABundle(`${url} is not a WebAssembly module (${message})`, message);
  }
  if (!isQueryModule(module)) throw notABundle(`${url} is not a bundle of plan-lookup's query module`, 'not the query module');
  const sections = WebAssembly.Module.customSections(module, BUNDLE_SECTION);
  if (sections.length !== 1) throw notABundle(`${url} is a WebAssembly module without plan-lookup data`, 'no data section');
  const bytes = new Uint8Array(sections[0]);
  markStep('fetched', String(url));
  let Lookup;
  try {
    ({ Lookup } = await glue);
  } catch (e) {
    throw new PlanLookupError(
      'wasm',
      `${e && e.message ? e.message : e} A bundle holds its own copy of the query module: rebuild it with the ` +
        `pkg/plan_lookup_query_bg.wasm deployed with this plan-lookup.js (${BUILD_BUNDLE}).`,
      { cause: e },
    );
  }
  return fromData(Lookup, bytes, options);
}

/** A lookup over data-file bytes with a module's Lookup class (load() and fromBytes()). */
function fromData(Lookup, data, options) {
  const lookup = new PlanLookup(wrap('data', () => Lookup.fromData(data)), { data }, options);
  markStep('built');
  return lookup;
}

/** Role names, intent names and label tables, each read from the loaded module on first use
 * (so they cannot disagree with it). Apart, because a first find() needs only the intents:
 * building the label tables as well cost it ~2 ms at first call. */
const NAME_READERS = {
  roles: (Lookup) => Object.freeze(Lookup.roleNames()),
  intents: (Lookup) => Object.freeze(Lookup.intentNames()),
  labels: (Lookup) => deepFreeze(labelTables(Lookup.labels())),
};
const namesRead = {};
function names(part) {
  if (!(part in namesRead)) {
    const Lookup = anyLookupClass;
    if (!Lookup) throw new PlanLookupError('wasm', 'plan-lookup: no module is loaded yet: load a lookup first');
    namesRead[part] = wrap('wasm', () => NAME_READERS[part](Lookup));
  }
  return namesRead[part];
}

/** The label table of the query module ({roleHeading: [[name, label]…], …}) as
 * {roleHeading: {name: label}, …, order: {roleHeading: [name…], …}}. */
function labelTables(raw) {
  const out = { order: {} };
  for (const [key, pairs] of Object.entries(raw)) {
    const camel = key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    out[camel] = Object.fromEntries(pairs);
    out.order[camel] = pairs.map(([name]) => name);
  }
  return out;
}

/** Every Chinese label the answers need (role headings and short forms, role families, unit
 * kinds, 共同/分别, structural questions, the parts of a reading), from the query module, where
 * they are written once; available once a lookup has loaded. */
Object.defineProperty(PlanLookup, 'LABELS', { get: () => names('labels') });

/** Role names by the numbers of find().roles (the names of ask()'s results[i].role);
 * available once a lookup has loaded. */
Object.defineProperty(PlanLookup, 'ROLES', { get: () => names('roles') });

/** Freezes a value returned by the wasm (plain objects and arrays) all the way down. */
function deepFreeze(v) {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

export default PlanLookup;
