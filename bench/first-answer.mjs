// The moment a benchmarked page's first answer is on screen, shared by bench/peers and bench/ab.

/** Makes the page (before it loads) set `window.__firstAnswer`: a promise of the time of its
 * first answer on screen (plan-lookup's widget or the peers' harness), rejected with the page's
 * own error if it fails to load instead. */
export function watchFirstAnswer(page) {
  return page.addInitScript(() => {
    window.__firstAnswer = new Promise((resolve, reject) => {
      const done = () => resolve(performance.now());
      document.addEventListener('plan-lookup-answer', done, { once: true });
      document.addEventListener('bench-answer', done, { once: true });
      document.addEventListener('plan-lookup-error', (e) => reject(new Error(e.detail && e.detail.message)), { once: true });
      document.addEventListener('bench-error', (e) => reject(new Error(e.detail)), { once: true });
    });
  });
}

/** Opens `url` in a new page of `context` with Chromium tracing the `categories`, until its
 * first answer is on screen; resolves to the trace events and the answer's time (ms since
 * navigation). */
export async function tracedFirstAnswer(context, url, categories) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await watchFirstAnswer(page);
  await page.goto(url);
  const t = await page.evaluate(() => window.__firstAnswer);
  await cdp.send('Tracing.end');
  await complete;
  return { events, t };
}
