// The formats plans are published in (Word 97 .doc, PDF, .xlsx, .ods, made from the seeds by
// LibreOffice: tests/formats/office), added in the browser with addDocument(): the same
// measures and roles as the CLI reads from the same file, and a damaged file is refused with
// a message, never a thrown page error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowserAndServer, watchProblems, planLookup } from './helpers.mjs';

const env = useBrowserAndServer({
  prepare(dir) {
    fs.writeFileSync(path.join(dir, 'blank.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><link rel="icon" href="icons/icon.svg">');
  },
});

const OFFICE = path.join(ROOT, 'tests/formats/office');
const FIXTURES = fs.readdirSync(OFFICE).filter((f) => /\.(doc|pdf|xlsx|ods)$/.test(f)).sort();

/** The measures as the CLI exports them: title and roles, in order. */
function cliMeasures(file) {
  return planLookup('export', path.join(OFFICE, file))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((m) => [m.plan, m.seq, m.title, m.lead, m.support, m.responsible, m.jurisdiction]);
}

test('every office fixture gives in the browser the measures the CLI gives', async () => {
  assert.ok(FIXTURES.length >= 8, FIXTURES.join(' '));
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + 'blank.html');
  for (const file of FIXTURES) {
    const bytes = [...fs.readFileSync(path.join(OFFICE, file))];
    const got = await page.evaluate(
      async ({ file, bytes }) => {
        const { PlanLookup } = await import('./plan-lookup.js');
        const l = await PlanLookup.empty();
        const t0 = performance.now();
        const added = await l.addDocument(file, new Uint8Array(bytes));
        const ms = performance.now() - t0;
        const out = [];
        for (let i = 0; i < l.size; i++) {
          const m = l.measure(i);
          out.push([m.plan, m.seq, m.title, m.lead, m.support, m.responsible, m.jurisdiction]);
        }
        return { measures: out, added: added.measures, ms };
      },
      { file, bytes },
    );
    const want = cliMeasures(file);
    assert.ok(want.length > 20, `${file}: the CLI found ${want.length} measures`);
    assert.equal(got.added, want.length, file);
    assert.deepEqual(got.measures, want, file);
    console.log(`  ${file}: ${want.length} measures, read in ${got.ms.toFixed(0)} ms in the browser`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a damaged office file or PDF is refused with a message', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + 'blank.html');
  for (const file of ['002_5cda63ea9f7dc0ed.doc', '004-tables.xlsx', '002_5cda63ea9f7dc0ed.pdf']) {
    const whole = fs.readFileSync(path.join(OFFICE, file));
    const bytes = [...whole.subarray(0, Math.floor(whole.length / 3))];
    const err = await page.evaluate(
      async ({ file, bytes }) => {
        const { PlanLookup } = await import('./plan-lookup.js');
        const l = await PlanLookup.empty();
        try {
          await l.addDocument(file, new Uint8Array(bytes));
          return null;
        } catch (e) {
          return { code: e.code, message: e.message };
        }
      },
      { file, bytes },
    );
    assert.ok(err, `${file}: a third of the file was accepted`);
    assert.equal(err.code, 'input', file);
    assert.match(err.message, /cannot be read|no text layer|无文字层/, `${file}: ${err.message}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
