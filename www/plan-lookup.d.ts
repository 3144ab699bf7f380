// Types for plan-lookup.js. Field names are those of the CLI's JSON (snake_case).

export type Intent = 'unit' | 'topic' | 'keyword' | 'structural' | 'empty';
/** How several units of a question combine: every unit (共同) or any of them (或/分别). */
export type Combine = 'all' | 'any';
/** A question about the shape of measures (没有牵头单位…). */
export type Structural = 'no_lead' | 'only_responsible' | 'no_units';
export type RoleFamily = 'lead' | 'join' | 'any';
/** Why a measure is in an answer. */
export type ItemRole = 'lead' | 'responsible_first' | 'support' | 'responsible' | 'collective' | 'match';

export interface Highlight {
  field: 'title' | 'text';
  /** Char offsets (Unicode code points), end exclusive. */
  start: number;
  end: number;
}

export interface AnswerItem {
  /** Pass to PlanLookup.measure(). */
  id: number;
  doc: string;
  plan: string;
  jurisdiction: string;
  seq: number;
  number: string | null;
  path: string[];
  title: string;
  text: string;
  role: ItemRole;
  unit: string | null;
  /** For collective rows: the collective name that reaches the unit (区直各单位…). */
  via: string | null;
  via_role: ItemRole | null;
  /** For a measure several asked units share (共同): each unit's role in it. */
  shared: { unit: string; role: ItemRole }[];
  lead: string[];
  support: string[];
  responsible: string[];
  highlights: Highlight[];
}

export interface SummaryRow {
  unit: string;
  place: string;
  lead: number;
  responsible_first: number;
  support: number;
  responsible: number;
  collective: number;
}

export interface UnitRef {
  place: string;
  name: string;
  kind: string;
}

export interface Answer {
  question: string;
  intent: Intent;
  unit: string | null;
  place: string | null;
  role: RoleFamily | null;
  topic: string | null;
  /** The phrases every result contains (a topic filter is always one of these). */
  keywords: string[];
  /** Two or more units named: how they were combined. */
  combine: Combine | null;
  /** A count question (多少项/几条): the number of measures answering it. */
  count: number | null;
  /** Plans the question named (在…方案里). */
  plans: string[];
  structural: Structural | null;
  /** Words the question held that were not understood: shown, never used as a filter. */
  unknown: string[];
  results: AnswerItem[];
  summary: SummaryRow[];
  suggestions: string[];
  message: string | null;
  units: UnitRef[];
}

export interface Labels {
  roleHeading: Record<ItemRole, string>;
  roleShort: Record<ItemRole, string>;
  family: Record<RoleFamily, string>;
  familyShort: Record<RoleFamily, string>;
  kind: Record<string, string>;
  combine: Record<Combine, string>;
  structural: Record<Structural, string>;
  parts: Record<string, string>;
  familyVerb: Record<RoleFamily, string>;
  order: Record<string, string[]>;
}

export interface UnitEntry {
  place: string;
  name: string;
  kind: string;
  aliases: string[];
  lead: number;
  responsible_first: number;
  support: number;
  responsible: number;
  collective: number;
  members: string[];
}

/** A measure with the fields of `plan-lookup export`. */
export interface Measure {
  doc: string;
  plan: string;
  jurisdiction: string;
  seq: number;
  number: string | null;
  parent: string | null;
  path: string[];
  title: string;
  text_head: string;
  lead: string[];
  support: string[];
  responsible: string[];
  raw: string;
  text: string;
}

export interface PlanSummary {
  title: string;
  jurisdiction: string;
  measures: number;
}

export interface DocumentInfo {
  name: string;
  plans: PlanSummary[];
  measures: number;
  source: 'file' | 'added';
  warnings: string[];
  /** Edits (setEdits) that no longer find their measure or plan in this document. */
  unmatched: string[];
}

/** Which measure an edit is for: as the reader gave it. */
export interface MeasureRef {
  plan: string;
  seq: number;
  number: string | null;
  title: string;
}

/** What reading a terms file found: terms and words kept, and each skipped line in a sentence. */
export interface TermsReport {
  terms: number;
  words: number;
  problems: string[];
}

/** Corrections to what was read, as www/builder.html saves them (`plan-lookup build --edits`). */
export interface Edits {
  format: 'plan-lookup-edits';
  version: 1;
  documents: Record<string, {
    place?: string;
    plans?: { plan: string; title: string }[];
    measures?: {
      measure: MeasureRef;
      drop?: boolean;
      lead?: string[];
      support?: string[];
      responsible?: string[];
    }[];
  }>;
}

/** One measure as read, with the edits applied (review()). */
export interface ReviewRow {
  measure: MeasureRef;
  number: string | null;
  path: string[];
  title: string;
  /** The unit clause as printed. */
  raw: string;
  lead: string[];
  support: string[];
  responsible: string[];
  /** The units as read, when an edit changed them. */
  read: { lead: string[]; support: string[]; responsible: string[] } | null;
  dropped: boolean;
  doubts: { doubt: 'no-units' | 'clause-not-read' | 'no-lead' | 'long-unit'; label: string }[];
}

export interface Review {
  name: string;
  plans: PlanSummary[];
  warnings: string[];
  unmatched: string[];
  rows: ReviewRow[];
}

export interface Info {
  formatVersion: number;
  /** The data file's version (payload CRC-32, 8 hex digits), or null if none was loaded. */
  dataVersion: string | null;
  measures: number;
  documents: DocumentInfo[];
  /** Whether the lookup was loaded from the manifest of a sharded build. */
  sharded: boolean;
  /** Places in the manifest of a sharded build (0 for a single data file), and how many are loaded. */
  places: number;
  loadedPlaces: number;
}

/** A place of a sharded build, and its shard. */
export interface PlaceEntry {
  name: string;
  shard: number;
  /** Shard file name, relative to the manifest. */
  file: string;
  bytes: number;
  documents: number;
  measures: number;
  loaded: boolean;
}

/** A unit of a sharded build's directory: canonical name (e.g. 区司法局) and how many places name it. */
export interface ManifestUnit {
  name: string;
  places: number;
}

export interface LoadOptions {
  /** Whether `url` is a bundle (the query module with the data file inside, written by
   * `plan-lookup build -o plans.wasm --module pkg/plan_lookup_query_bg.wasm`): one download
   * instead of the data file and the module (default: a URL ending in .wasm is a bundle). */
  bundle?: boolean;
  /** URL of the query module's wasm (default: pkg/plan_lookup_query_bg.wasm next to plan-lookup.js). */
  wasmUrl?: string | URL;
  /** URL of the sharded-build module's wasm, fetched for a manifest (default: pkg/plan_lookup_sharded_bg.wasm). */
  shardedWasmUrl?: string | URL;
  /** Whether `url` is a sharded build's manifest, to fetch the sharded-build module alongside it
   * (default: guessed from the name manifest.bin; a wrong guess costs one more download, never a
   * wrong answer). */
  sharded?: boolean;
  /** URL of the full module's wasm, fetched on the first addDocument() (default: pkg/plan_lookup_bg.wasm). */
  fullWasmUrl?: string | URL;
  /** A fetch implementation (default: globalThis.fetch). */
  fetch?: (input: string | URL) => Promise<Response>;
  /** Sharded builds: the place(s) to load with the manifest ("资阳区", "资阳区|下陆区" or an array). */
  place?: string | string[];
}

/** find(): the matches of a question without their text. */
export interface Found {
  intent: 'unit' | 'topic' | 'keyword' | 'empty';
  /** How many measures match (ids.length). */
  count: number;
  /** Measure ids, ranked as ask() ranks its results. */
  ids: Uint32Array;
  /** Each match's role, as an index into PlanLookup.ROLES. */
  roles: Uint32Array;
}

export class PlanLookupError extends Error {
  readonly code: 'network' | 'data' | 'wasm' | 'input';
  /** For code 'data': what is wrong with the data file or shard. */
  readonly reason: 'not-a-data-file' | 'version' | 'truncated' | 'corrupt' | 'wrong-kind' | 'shard-mismatch' | null;
}

/** Loads (once) the query module that load() and fromBytes() use. */
export function loadWasm(wasmUrl?: string | URL): Promise<unknown>;
/** Loads (once) the full module (query + document reader) that empty() and addDocument() use. */
export function loadFullWasm(wasmUrl?: string | URL): Promise<unknown>;
/** Loads (once) the sharded-build module (the query module plus manifests and shards). */
export function loadShardedWasm(wasmUrl?: string | URL): Promise<unknown>;
/** Marks a step on the page's performance timeline as `plan-lookup:STEP` (User Timing); the
 * API and the widget mark `load`, `compiled`, `instantiated`, `fetched`, `built`, `asked` and
 * `rendered` themselves. Never throws. */
export function markStep(step: string, detail?: unknown): void;
/** Whether a URL's path names a bundle (a `.wasm` file: the query module with a data file
 * inside), which load() fetches as one file, rather than a data file or manifest. */
export function isBundleUrl(url: string | URL): boolean;

export class PlanLookup {
  private constructor(inner: unknown, source: unknown);
  /** A data file, a sharded build's manifest, or a bundle (.wasm: the query module with the data
   * file inside, one download instead of two). */
  static load(url: string | URL, options?: LoadOptions): Promise<PlanLookup>;
  static fromBytes(bytes: Uint8Array | ArrayBuffer, options?: LoadOptions): Promise<PlanLookup>;
  static empty(options?: LoadOptions): Promise<PlanLookup>;
  ask(question: string): Answer;
  /** The matches without their text (cheap): show a page with measure(ids[i]). */
  find(question: string): Found;
  /** Role names by the numbers of Found.roles (available once a lookup has loaded). */
  static readonly ROLES: readonly ItemRole[];
  /** Every Chinese label of a machine name, from the query module (available once a lookup
   * has loaded): `LABELS.roleHeading.lead === '牵头'`; `LABELS.order.roleHeading` lists names
   * in display order. */
  static readonly LABELS: Labels;
  /** ask() after fetching the shards of places the question names (sharded builds). */
  askAsync(question: string): Promise<Answer>;
  readonly sharded: boolean;
  places(): PlaceEntry[];
  manifestUnits(): ManifestUnit[];
  /** Fetches the shards of these places; resolves to their names. */
  loadPlaces(places: string | string[]): Promise<string[]>;
  /** Fetches the shards of the places a question names that are not loaded; resolves to their names. */
  loadPlacesFor(question: string): Promise<string[]>;
  units(): UnitEntry[];
  /** Frozen, and cached until the data changes. */
  measure(id: number): Readonly<Measure> | null;
  /** Reads everyday words in questions (上访, 摄像头) as the plans' terms (信访, 雪亮工程),
   * from the text of a terms file (data/terms.txt: 信访：上访 来信来访), replacing any given
   * before. Each problem is a sentence naming a line that was skipped. */
  setEverydayTerms(text: string): Promise<TermsReport>;
  /** Downloads a terms file and uses it (setEverydayTerms). */
  loadEverydayTerms(url: string | URL, fetchFn?: typeof fetch): Promise<TermsReport>;
  /** Downloads the pinyin table (default: pkg/pinyin.txt next to plan-lookup.js) and reads
   * input-method slips in questions by their sound (社会信用管里 → 社会信用管理). */
  loadPinyin(url?: string | URL, fetchFn?: typeof fetch): Promise<void>;
  /** Fetches the full module on the first call. */
  /** Reads a plan document in the browser. `options.place` sets the place of every plan in it
   * (for a document whose title and issuer do not name it; the document's warnings say so). */
  /** A plan document: text or HTML, or the bytes of a text, HTML, .docx, .doc, PDF, .xlsx, .ods or .xls file. */
  addDocument(name: string, textOrBytes: string | Uint8Array | ArrayBuffer | ArrayBufferView, options?: { place?: string }): Promise<DocumentInfo>;
  /** The largest plan document addDocument() takes, in bytes (null before the full module is loaded). */
  readonly maxDocumentBytes: number | null;
  removeDocument(name: string): Promise<boolean>;
  /** A sharded build: every place's counts for the units a question names, from the unit
   * summary files (no shards fetched); [] for a single data file. */
  acrossPlaces(question: string): Promise<{
    unit: string;
    places: { place: string; lead: number; responsibleFirst: number; support: number; responsible: number; collective: number; loaded: boolean }[];
  }[]>;
  setEdits(edits: Edits): Promise<Info>;
  review(name: string): Review | null;
  info(): Info;
  readonly dataVersion: string | null;
  readonly size: number;
  /** Fetches the full module first unless the lookup is still its one data file. */
  exportData(): Promise<Uint8Array>;
  /** exportData() inside the query module this page loads: a bundle for load('…/plans.wasm'),
   * one download instead of two. */
  exportBundle(): Promise<Uint8Array>;
  free(): void;
}

export default PlanLookup;
