// Pagefind, as its CLI built it (one HTML page per measure, --force-language zh). Pagefind
// searches the whole page (title, text, unit clause, place): it cannot limit a search to
// fields. A result's page URL (m/<id>.html) names the measure, and reading it loads the
// result's fragment: the first answer loads ten fragments; a full id list loads them all.
const idOf = (url) => Number(/m\/(\d+)\.html/.exec(url)[1]);

export async function open() {
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.options({ basePath: new URL('pagefind/', location.href).pathname });
  await pagefind.init();
  return {
    async search(q, _scope, all) {
      const r = await pagefind.search(q);
      const results = r ? r.results : [];
      const data = await Promise.all((all ? results : results.slice(0, 10)).map((x) => x.data()));
      const shown = data.slice(0, 10).map((d) => ({ id: idOf(d.url), title: d.meta.title }));
      return { ids: all ? data.map((d) => idOf(d.url)) : null, count: results.length, shown };
    },
  };
}
