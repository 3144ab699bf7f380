// everyday.js: what the <plan-lookup> widget reads questions with beyond the plans' own words,
// read into its lookup after the first answer, or at once when a question finds nothing before
// they are in: the everyday words (the `terms` attribute, e.g. "data/terms.txt": 上访 read as
// 信访) and the pinyin table (pkg/pinyin.txt next to plan-lookup.js, or the `pinyin` attribute:
// 社会信用管里 read as 社会信用管理). Part of on-demand.js.

/** The widget's terms file and the pinyin table read into its current lookup, once per lookup
 * (`widget._terms`): resolves to whether either was read. One that cannot be fetched or read
 * is skipped with a console warning; questions are then read without it. */
export function everydayTerms(widget) {
  const lookup = widget.lookup;
  if (!lookup) return Promise.resolve(false);
  if (widget._terms && widget._terms.lookup === lookup) return widget._terms.read;
  const terms = { lookup, settled: false };
  terms.read = Promise.all([wordsFile(widget, lookup), pinyinTable(widget, lookup)]).then(([words, pinyin]) => words || pinyin);
  terms.read.then(() => (terms.settled = true));
  widget._terms = terms;
  return terms.read;
}

/** The `attr` attribute of `widget` as a URL: undefined without one, null (warned) when it is
 * no URL. */
function attributeUrl(widget, attr, without) {
  const value = widget.getAttribute(attr);
  if (!value) return undefined;
  try {
    return new URL(value, document.baseURI);
  } catch {
    console.warn(`plan-lookup: the ${attr} attribute "${value}" is no URL; questions are read ${without}.`);
    return null;
  }
}

/** The `terms` file read into `lookup`: resolves to whether it was. */
function wordsFile(widget, lookup) {
  const url = attributeUrl(widget, 'terms', 'with the plans’ own words only');
  if (!url) return Promise.resolve(false);
  return lookup.loadEverydayTerms(url).then(
    (report) => {
      if (report.problems.length) console.warn(`plan-lookup: ${url}: ${report.problems.join(' ')}`);
      return true;
    },
    (e) => {
      console.warn('plan-lookup: the everyday words could not be read; questions are read with the plans’ own words only.', e);
      return false;
    },
  );
}

/** The pinyin table read into `lookup` (the `pinyin` attribute, else next to plan-lookup.js):
 * resolves to whether it was. */
function pinyinTable(widget, lookup) {
  const url = attributeUrl(widget, 'pinyin', 'without telling input-method slips by sound');
  if (url === null) return Promise.resolve(false);
  return lookup.loadPinyin(url).then(
    () => true,
    (e) => {
      console.warn('plan-lookup: the pinyin table could not be read; questions are read without telling input-method slips by sound.', e);
      return false;
    },
  );
}

/** A question that found nothing, or left words unread, before the everyday words and the
 * pinyin table were read: reads them, then answers it again if it is still the one on screen and the words changed
 * its answer (not for a unit with no tasks). */
export function askAgainWithTerms(widget, q) {
  const lookup = widget.lookup;
  return everydayTerms(widget).then((read) => {
    if (!read || widget.lookup !== lookup || !widget._answer || widget._answer.question !== q) return;
    let again;
    try {
      again = lookup.ask(q);
    } catch {
      return; // the answer on screen stands (asking again would show this error)
    }
    const now = widget._answer;
    if (again.results.length !== now.results.length || again.message !== now.message || again.topic !== now.topic) widget.ask(q);
  });
}
