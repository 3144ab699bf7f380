// The right answers the systems are scored against, derived from `plan-lookup export` (the
// measures) and `plan-lookup units --json` (the unit directory), and the scoring.
//
// Keyword query: a measure is relevant iff every space-separated term of the query occurs
// verbatim (exact substring, no folding) in its title or its text.
//
// Unit-role question: queries.json names the directory entries [place, canonical name] the
// question means. An entry's printed forms are its name and its aliases in the directory,
// compared after folding full-width ASCII (（ → ( …). In a measure of that place:
//   lead: a printed form is in the measure's lead list, or the measure has no lead and its
//         first-listed responsible unit is one (plan-lookup's "列首位的责任单位" convention);
//   join: a printed form is in its support list, or in its responsible list other than the
//         first-listed one of a measure without a lead;
//   any:  lead or join.
// Units reached only through a collective name (区直各单位…) are not part of the truth.
import fs from 'node:fs';

const fold = (s) => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export function readQueries(file) {
  const q = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(q.keyword) || !Array.isArray(q.roles)) throw new Error(`${file}: expected {"keyword": [...], "roles": [...]}`);
  return q;
}

/** How plan-lookup is asked a keyword query: every term quoted (“…”), its syntax for exact
 * text, which is what the truth counts (bench/run and bench/ab/warm both ask it so). */
export const quoted = (q) => q.split(/\s+/).filter(Boolean).map((t) => `“${t}”`).join(' ');

export function keywordTruth(measures, query) {
  const terms = query.split(/\s+/).filter(Boolean);
  const ids = new Set();
  measures.forEach((m, id) => {
    if (terms.every((t) => m.title.includes(t) || m.text.includes(t))) ids.add(id);
  });
  return ids;
}

export function roleTruth(measures, directory, question) {
  const forms = new Map(); // place -> Set of folded printed forms
  for (const [place, name] of question.units) {
    const entry = directory.find((u) => u.place === place && u.name === name);
    if (!entry) throw new Error(`queries.json: "${question.question}" names ${place} ${name}, which is not in the unit directory (plan-lookup units --json)`);
    const set = forms.get(place) || new Set();
    for (const f of [entry.name, ...entry.aliases]) set.add(fold(f));
    forms.set(place, set);
  }
  const ids = new Set();
  measures.forEach((m, id) => {
    const set = forms.get(m.jurisdiction);
    if (!set) return;
    const has = (list) => list.some((u) => set.has(fold(u)));
    const conventionFirst = m.lead.length === 0 && m.responsible.length > 0 ? [m.responsible[0]] : [];
    const otherResponsible = m.lead.length === 0 ? m.responsible.slice(1) : m.responsible;
    const lead = has(m.lead) || has(conventionFirst);
    const join = has(m.support) || has(otherResponsible);
    const role = question.role;
    if (role === 'lead' ? lead : role === 'join' ? join : role === 'any' ? lead || join : (() => { throw new Error(`queries.json: "${question.question}": role must be lead, join or any, not ${role}`); })()) ids.add(id);
  });
  return ids;
}

/** Scores answers against truths: micro-averaged precision and recall, and exact answers. */
export function score(pairs) {
  let tp = 0, returned = 0, relevant = 0, exact = 0;
  for (const { got, truth } of pairs) {
    const g = new Set(got);
    let hit = 0;
    for (const id of g) if (truth.has(id)) hit++;
    tp += hit;
    returned += g.size;
    relevant += truth.size;
    if (hit === truth.size && g.size === truth.size) exact++;
  }
  return { precision: returned ? tp / returned : 1, recall: relevant ? tp / relevant : 1, exact, n: pairs.length, returned, relevant };
}
