// A widget whose `src` is a bundle (plans.wasm: the query module with a data file inside) and
// whose `verify` names the data file it was built from (plans.bin): after the first answer,
// whether the bundle still holds that file's data. Portal staff update the data file; a bundle
// not rebuilt with it, or an old precompressed copy (plans.wasm.gz) a server keeps sending,
// would answer from old data without a word. The check reads the data file's 16-byte header
// only (its checksum is the data version) and, if the versions differ, has the widget load the
// data file instead (it says so in its footer).

/** The widget's footer note once it has loaded the data file instead. */
const STALE_BUNDLE = ' · 快速加载包（plans.wasm）中的数据与数据文件不一致，已改用数据文件；请网站管理员重新生成快速加载包';

/** The data version (the payload checksum, 8 hex digits, as `info().dataVersion`) in the header
 * of the data file at `url`, or null if it cannot be read or is no data file. Asks for the
 * header alone; a server that ignores the Range sends the whole file, of which the first 16
 * bytes are read. */
export async function dataFileVersion(url) {
  const response = await fetch(url, { headers: { Range: 'bytes=0-15' }, cache: 'no-store' });
  if (!response.ok || !response.body) return null;
  const head = new Uint8Array(16);
  let n = 0;
  const reader = response.body.getReader();
  try {
    while (n < head.length) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(head.length - n, value.length);
      head.set(value.subarray(0, take), n);
      n += take;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (n < head.length || String.fromCharCode(...head.subarray(0, 4)) !== 'PLKP') return null;
  return new DataView(head.buffer).getUint32(12, true).toString(16).padStart(8, '0');
}

/** Compares the data of `lookup` (the widget's, loaded from its bundle) with the data file at
 * `url`; if they differ, asks the widget to load the data file (`_useDataFile`). A data file
 * that cannot be read leaves the bundle's data in place (offline, or no such file). */
export async function checkBundle(widget, lookup, url) {
  let version;
  try {
    version = await dataFileVersion(url);
  } catch {
    version = null; // offline, or blocked: nothing to compare with
  }
  if (version == null || widget.lookup !== lookup || version === lookup.dataVersion) return;
  console.warn(
    `plan-lookup: the bundle holds data version ${lookup.dataVersion}, the data file ${url} version ${version}: ` +
      'loading the data file instead. Rebuild the bundle with the data file (the builder page’s 下载快速加载包, or ' +
      '`plan-lookup build -o plans.wasm --module pkg/plan_lookup_query_bg.wasm plans.bin`) and remove any old plans.wasm.gz.',
  );
  widget._useDataFile(STALE_BUNDLE);
}
