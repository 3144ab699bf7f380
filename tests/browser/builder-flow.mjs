// The builder page's flow, shared by builder.test.mjs (the page as built in www/) and
// package.test.mjs (the page as unzipped from the release package): plan files and bad files
// in, a row per measure checked against the CLI, one measure's units changed and another
// dropped, the edits saved and the data file downloaded.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, planLookup } from './helpers.mjs';

/** Two real plans the builder has not been shaped on (tests/corpus), and a PDF rendering. */
export const PLANS = [
  path.join(ROOT, 'tests/corpus/C04_huoshan.txt'),
  path.join(ROOT, 'tests/corpus/D06_liaozhong.txt'),
  path.join(ROOT, 'tests/formats/office/002_5cda63ea9f7dc0ed.pdf'),
];

/** A one-page PDF whose page is an image and nothing else: a scan. */
function scanPdf() {
  const content = 'q 500 0 0 700 40 60 cm /Im1 Do Q';
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >> endobj',
      `4 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj`,
      '5 0 obj << /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >> stream\nA\nendstream endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n'),
    'latin1',
  );
}

/** Files the page must refuse, each with its own row, letting the others through. */
export const BAD = [
  { name: 'notice.txt', mimeType: 'text/plain', buffer: Buffer.from('关于召开会议的通知\n请各单位准时参加。\n', 'utf8') },
  { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj garbage') },
  // Named so that only the reader's message, not the file name, can say it is a scan.
  { name: 'image-only.pdf', mimeType: 'application/pdf', buffer: scanPdf() },
  { name: 'huge.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(21 * 1024 * 1024) },
];

export const exportLines = (...args) =>
  planLookup('export', ...args)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Chooses files on the page's one file input and waits until every one has been read. */
export async function chooseFiles(page, files) {
  assert.equal(await page.locator('input[type=file]').count(), 1, 'one file input');
  assert.equal(await page.locator('input[type=file]').getAttribute('multiple'), '');
  const asBuffers = files.map((f) => (typeof f === 'string' ? { name: path.basename(f), mimeType: 'application/octet-stream', buffer: fs.readFileSync(f) } : f));
  await page.locator('input[type=file]').setInputFiles(asBuffers);
  await page.waitForSelector('body[data-ready]');
}

/** Clicks a control that downloads a file; returns the file's bytes. */
export async function downloadFrom(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return fs.readFileSync(await download.path());
}

/**
 * The builder flow on `page` (already at builder.html): files in, rows checked against the CLI,
 * one measure's units changed and another dropped, edits saved, data file downloaded. Returns
 * {data, edits, edited: {title, unit}} for the caller's checks.
 */
export async function builderFlow(page, tmp) {
  await chooseFiles(page, [...PLANS, ...BAD]);
  // Every measure of every plan is a row, in the CLI's order, and the bad files say why.
  for (const [d, file] of PLANS.entries()) {
    const want = exportLines(file).map((m) => m.title);
    const got = await page.locator(`tr[data-measure^="${d}-"] td:nth-child(2)`).evaluateAll((tds) => tds.map((td) => td.firstChild.textContent));
    assert.deepEqual(got, want, path.basename(file));
  }
  // The reader's warnings are shown in Chinese (C04 names no place the reader can take).
  const warnings = await page.locator('li.doc[data-file="C04_huoshan.txt"] .warnings').textContent();
  assert.match(warnings, /未能从标题、发文机关或文号中读出本方案的地区/);
  assert.doesNotMatch(warnings, /--place/);
  const refused = await page.locator('li.doc.error').evaluateAll((lis) => lis.map((li) => li.textContent));
  assert.equal(refused.length, 4, refused.join('\n'));
  assert.match(refused[0], /notice\.txt.*没有找到任务/s);
  assert.match(refused[1], /broken\.pdf.*文件已损坏或不完整/s);
  assert.match(refused[2], /image-only\.pdf.*扫描件/s);
  assert.match(refused[3], /huge\.docx.*文件过大/s);

  // Downloaded before any edit: exactly the measures the CLI exports from the files.
  const plain = path.join(tmp, 'plain.bin');
  fs.writeFileSync(plain, await downloadFrom(page, '[data-download]'));
  assert.deepEqual(exportLines(plain), exportLines(...PLANS));

  // Change the units of the first measure of the first plan, drop its second.
  const first = page.locator('tr[data-measure="0-0"]');
  const title = await first.locator('td:nth-child(2)').evaluate((td) => td.firstChild.textContent);
  await first.getByRole('button', { name: /^改单位/ }).click();
  await page.locator('#edit-lead').fill('霍山县测试联络办、 霍山县司法局');
  await page.locator('#edit-support').fill('');
  await page.locator('#edit-dialog button[value=save]').click();
  await page.waitForSelector('tr[data-measure="0-0"].edited');
  await page.locator('tr[data-measure="0-1"]').getByRole('button', { name: /^删除/ }).click();
  await page.waitForSelector('tr[data-measure="0-1"].dropped');
  assert.equal(await page.locator('tr[data-measure="0-0"] td:nth-child(3)').textContent(), '霍山县测试联络办、霍山县司法局');

  const edits = JSON.parse((await downloadFrom(page, '#save-edits')).toString('utf8'));
  const data = await downloadFrom(page, '[data-download]');
  return { data, edits, edited: { title, unit: '霍山县测试联络办' } };
}

