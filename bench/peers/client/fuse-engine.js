// Fuse.js over the measures, built in the browser from docs.json, in exact mode: extended
// search with the include-match operator ('term), every space-separated term required in one
// of the searched fields. No fuzzy matching, so no near-misses.
import Fuse from './fuse.js';
import { answer } from './harness.js';

export function build(docs) {
  const keys = ['title', 'text', 'units', 'place'];
  const fuse = new Fuse(docs, { keys, useExtendedSearch: true, ignoreLocation: true, threshold: 0 });
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  return {
    search(q, scope) {
      const fields = scope === 'text' ? ['title', 'text'] : keys;
      const terms = q.split(/\s+/).filter(Boolean);
      const query = { $and: terms.map((t) => ({ $or: fields.map((f) => ({ [f]: `'${t}` })) })) };
      return answer(fuse.search(query).map((h) => h.item.id), (id) => titles.get(id));
    },
  };
}
