// FlexSearch over the measures, built in the browser from docs.json, with its CJK set-up:
// the Charset.CJK encoder (every CJK character a term) and the context index, which scores
// and filters by how close the query's characters sit in the document.
import { Document, Charset } from './flexsearch.js';
import { answer } from './harness.js';

export function build(docs) {
  const index = new Document({
    encoder: Charset.CJK,
    tokenize: 'strict',
    context: true,
    document: { id: 'id', index: ['title', 'text', 'units', 'place'] },
  });
  for (const d of docs) index.add(d);
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  return {
    search(q, scope) {
      const fields = scope === 'text' ? ['title', 'text'] : ['title', 'text', 'units', 'place'];
      // Every space-separated term is searched alone (the CJK encoder would make the space a
      // term) and the answers intersected: all terms required, each in any of the fields.
      let ids = null;
      for (const term of q.split(/\s+/).filter(Boolean)) {
        const hits = index.search(term, { index: fields, limit: docs.length, merge: true }).map((h) => h.id);
        ids = ids === null ? hits : ((set) => ids.filter((id) => set.has(id)))(new Set(hits));
      }
      return answer(ids || [], (id) => titles.get(id));
    },
  };
}
