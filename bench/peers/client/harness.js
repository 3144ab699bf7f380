// The page harness every peer's search page shares (copied next to each page by build.mjs).
// `start(open)` loads the engine (`open()` resolves to {search(q, scope, all)}), exposes it as
// window.bench for the benchmark, and if the URL has ?q= renders the first ten results and
// dispatches `bench-answer` on document: the "first answer on screen" the benchmark times.
//
// search(q, scope, all) resolves to {ids, shown}: `shown` is the first ten results with their
// titles (what a results list displays); `ids` is every matching measure id when `all` is true
// (the benchmark's recall check), and may be null otherwise for engines where naming every
// match costs extra requests (Pagefind).
export function start(open) {
  const ready = open();
  window.bench = {
    ready: ready.then(() => true),
    async search(q, scope, all) {
      return (await ready).search(q, scope, all);
    },
  };
  const params = new URLSearchParams(location.search);
  const q = params.get('q');
  const status = document.getElementById('status');
  ready.then(
    async (engine) => {
      if (q === null) {
        status.textContent = 'ready';
        return;
      }
      const r = await engine.search(q, params.get('scope') || 'all', false);
      const list = document.getElementById('results');
      list.replaceChildren(
        ...r.shown.map((m) => {
          const li = document.createElement('li');
          li.textContent = m.title;
          return li;
        }),
      );
      status.textContent = `${r.count} results`;
      document.dispatchEvent(new CustomEvent('bench-answer', { detail: r.count }));
    },
    (e) => {
      status.textContent = `error: ${e && e.message ? e.message : e}`;
      document.dispatchEvent(new CustomEvent('bench-error', { detail: String(e) }));
    },
  );
}

/** Fetches JSON, failing with the URL and status on a bad response. */
export async function fetchJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

/** The first ten of `ids` with titles, and the count: the shape search() resolves to. */
export function answer(ids, titleOf) {
  return { ids, count: ids.length, shown: ids.slice(0, 10).map((id) => ({ id, title: titleOf(id) })) };
}
