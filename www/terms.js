// terms.js: reads an everyday-words file (data/terms.txt) for plan-lookup.js's
// setEverydayTerms(). One line per plan term: the term as printed in the plans, a colon, then
// the everyday words people type for it, separated by spaces (or 、，；): 信访：上访 来信来访.
// Lines starting with # are comments.
//
// The CLI reads the same file with EverydayTerms::parse (src/query/everyday.rs), with the same
// rules and sentences; tests/browser/terms.test.mjs holds both to the same cases. The reader is
// JS here, not in the query module, because there it would cost every page's first answer
// ~1.2 KB gz; this file is fetched only when the words are (after the first answer).

const MAX_TERM_CHARS = 30;
const MAX_WORD_CHARS = 20;
const BLANK = /[\s\ufeff]/u;
const WORD_BREAK = /[\s\ufeff、，,；;]/u;

/**
 * Reads a terms file's text: {flat, terms, words, problems}. `flat` is the list in the form
 * the module takes (a line per term, its words after it, tab-separated); each problem is a
 * sentence naming a line that was skipped (the other lines are used).
 */
export function parseTerms(text) {
  const terms = []; // [term, [words]]
  const owner = new Map(); // word → index into terms
  const problems = [];
  let kept = 0;
  let termCount = 0;
  String(text)
    .split('\n')
    .forEach((line, i) => {
      const n = i + 1;
      const body = line.replace(/^[\s\ufeff]+/u, '');
      if (!body.trim() || body.startsWith('#')) return;
      const colon = body.search(/[：:]/u);
      if (colon < 0) {
        problems.push(`第 ${n} 行没有冒号：应写成“方案用语：俗称1 俗称2”。`);
        return;
      }
      const term = body.slice(0, colon).trim();
      const termChars = [...term].length;
      if (!termChars || BLANK.test(term) || termChars > MAX_TERM_CHARS) {
        problems.push(`第 ${n} 行冒号前应是方案里的一个用语（不含空格，最多 ${MAX_TERM_CHARS} 个字），现在是“${term}”。`);
        return;
      }
      let index = terms.findIndex(([t]) => t === term);
      const listed = index >= 0;
      if (!listed) index = terms.length;
      const added = [];
      for (const word of body.slice(colon + 1).split(WORD_BREAK)) {
        if (!word || word === term) continue;
        if ([...word].length > MAX_WORD_CHARS) {
          problems.push(`第 ${n} 行的“${word}”太长（最多 ${MAX_WORD_CHARS} 个字），没有采用。`);
          continue;
        }
        if (owner.has(word)) {
          // (A word repeated in its own line, or listed again for its term, is no slip.)
          const other = owner.get(word);
          if (other !== index) problems.push(`第 ${n} 行的“${word}”已经是“${terms[other][0]}”的俗称，没有再算作“${term}”。`);
          continue;
        }
        owner.set(word, index);
        added.push(word);
      }
      if (!added.length) {
        if (!listed) problems.push(`第 ${n} 行“${term}”后面没有可用的俗称。`);
        return;
      }
      if (listed) terms[index][1].push(...added);
      else terms.push([term, added]);
      termCount += 1;
      kept += added.length;
    });
  // The words folded as questions are matched (the module folds only the question): full-width
  // letters and digits half-width, letters lower case (ＫＴＶ, KTV → ktv).
  const fold = (w) => w.normalize('NFKC').toLowerCase();
  return { flat: terms.map(([t, ws]) => [t, ...ws.map(fold)].join('\t')).join('\n'), terms: termCount, words: kept, problems };
}
