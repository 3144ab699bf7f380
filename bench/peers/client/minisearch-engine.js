// MiniSearch over the measures, built in the browser from docs.json. Two set-ups:
// - default tokenizer (splits on spaces and punctuation, so a run of Chinese between two
//   punctuation marks is one term): searched with prefix matching and AND, its best for phrases;
// - a CJK character-bigram tokenizer (Latin/digit runs kept whole, a lone CJK character kept
//   as a unigram), used for documents and queries alike, searched with AND.
import MiniSearch from './minisearch.js';
import { answer } from './harness.js';

const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu;
const CJK = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function cjkBigrams(text) {
  const out = [];
  for (const run of String(text).match(RUN) || []) {
    if (!CJK.test(run) || run.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

export function build(docs, { bigram }) {
  const options = { fields: ['title', 'text', 'units', 'place'], storeFields: ['title'] };
  if (bigram) {
    options.tokenize = cjkBigrams;
    options.searchOptions = { tokenize: cjkBigrams };
  }
  const index = new MiniSearch(options);
  index.addAll(docs);
  const titles = new Map(docs.map((d) => [d.id, d.title]));
  return {
    search(q, scope) {
      const hits = index.search(q, {
        fields: scope === 'text' ? ['title', 'text'] : undefined,
        combineWith: 'AND',
        prefix: !bigram,
      });
      return answer(hits.map((h) => h.id), (id) => titles.get(id));
    },
  };
}
