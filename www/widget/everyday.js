// everyday.js: the <plan-lookup> widget's everyday words (the `terms` attribute, e.g.
// "data/terms.txt": 上访 read as 信访), read into its lookup after the first answer, or at once
// when a question finds nothing before they are in. Part of on-demand.js.

/** The widget's terms file read into its current lookup, once per lookup (`widget._terms`):
 * resolves to whether it was read. One that cannot be fetched or read is skipped with a
 * console warning; questions are then read with the plans' own words only. */
export function everydayTerms(widget) {
  const lookup = widget.lookup;
  const attr = widget.getAttribute('terms');
  if (!lookup || !attr) return Promise.resolve(false);
  if (widget._terms && widget._terms.lookup === lookup) return widget._terms.read;
  const terms = { lookup, settled: false };
  let url;
  try {
    url = new URL(attr, document.baseURI);
  } catch {
    console.warn(`plan-lookup: the terms attribute "${attr}" is no URL; questions are read with the plans’ own words only.`);
    terms.settled = true;
    terms.read = Promise.resolve(false);
    widget._terms = terms;
    return terms.read;
  }
  terms.read = lookup.loadEverydayTerms(url).then(
    (report) => {
      if (report.problems.length) console.warn(`plan-lookup: ${url}: ${report.problems.join(' ')}`);
      return true;
    },
    (e) => {
      console.warn('plan-lookup: the everyday words could not be read; questions are read with the plans’ own words only.', e);
      return false;
    },
  );
  terms.read.then(() => (terms.settled = true));
  widget._terms = terms;
  return terms.read;
}

/** A question that found nothing, or left words unread, before the everyday words were read:
 * reads them, then answers it again if it is still the one on screen and the words changed
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
