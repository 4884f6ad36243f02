// The studio page in headless Chromium, driven as a clinician would: open the shipped
// 6–8 weeks form as a new version, break a reference and see the error at its line, fix
// it, change a cut-off, add a question with a skip rule, preview in Swedish and Arabic, run the examples (one fails, with
// its reason in words), compare with 1.0.0, export and re-import the texts, download the
// new version and have the native CLI (`trygg validate`) accept it; then a programme's
// uptake report over records opened from a file and made in the tab. Every step: axe-core
// finds no violation, a screenshot in tests/artifacts/studio/; the CSP holds, no request
// leaves 127.0.0.1 and nothing is stored in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server.mjs';
import { launch, newPage, axe, screenshot, cspViolations, REPO } from './lib.mjs';

const ARTIFACTS = join(REPO, 'tests/artifacts/studio');
let server;
let browser;
let tab;
let tmp;
const axeFailures = [];
let last = 0; // checks before the last edit

before(async () => {
  server = await startServer(); // port 0: a free port
  browser = await launch();
  tab = await newPage(browser);
  tmp = mkdtempSync(join(tmpdir(), 'trygg-studio-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function capture(name) {
  const violations = await axe(tab.page, `studio-${name}`, ARTIFACTS);
  if (violations.length) axeFailures.push({ name, violations });
  await screenshot(tab.page, name, ARTIFACTS);
}

/** The editor's text, and a replacement in it (through CodeMirror, as typing would). */
const editorText = () => tab.page.evaluate(async () => {
  const { EditorView } = await import('/pkg/editor.js');
  return EditorView.findFromDOM(document.getElementById('editor').shadowRoot.querySelector('.cm-editor')).state.doc.toString();
});
async function replaceInEditor(from, to, insert) {
  await tab.page.evaluate(async ([a, b, text]) => {
    const { EditorView } = await import('/pkg/editor.js');
    EditorView.findFromDOM(document.getElementById('editor').shadowRoot.querySelector('.cm-editor')).dispatch({ changes: { from: a, to: b, insert: text } });
  }, [from, to, insert]);
}
/** Replace the first `needle` after `after` (a unique anchor) with `insert`. */
async function edit(anchor, needle, insert) {
  last = await checks();
  const text = await editorText();
  const a = text.indexOf(anchor);
  assert.ok(a >= 0, `anchor ${anchor} in the draft`);
  const at = text.indexOf(needle, a);
  assert.ok(at >= 0, `${needle} after ${anchor}`);
  await replaceInEditor(at, at + needle.length, insert);
  return { at, line: text.slice(0, at).split('\n').length };
}
/** The number of checks the page made so far (a check runs, debounced, after each edit). */
const checks = () => tab.page.$eval('#problems', (el) => Number(el.dataset.checks ?? 0));
/** Wait for the check after the last edit; the problems listed. */
async function problems(since) {
  await tab.page.waitForFunction((n) => Number(document.getElementById('problems').dataset.checks ?? 0) > n, since);
  return tab.page.$$eval('#problems li', (lis) => lis.map((li) => li.textContent));
}

test('the studio: author, check, preview, run, compare, translate and save a new version', async () => {
  const { page } = tab;
  await page.goto(`${server.origin}/studio.html`);
  await page.waitForSelector('body[data-ready="ok"]');
  await capture('1-start');

  // Open the shipped active 6–8 weeks form as the start of a new version.
  await page.selectOption('#base', 'trygg-start.6-8w@1.0.0');
  last = await checks();
  await page.click('#open-base');
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  const summary = await page.textContent('#draft-summary');
  assert.match(summary, /trygg-start\.6-8w version 1\.2\.0 \(status draft\)/);
  await capture('2-opened');

  // Help from the form schema: member names completed, a member's description on hover.
  await page.evaluate(async () => {
    const { EditorView } = await import('/pkg/editor.js');
    const v = EditorView.findFromDOM(document.getElementById('editor').shadowRoot.querySelector('.cm-editor'));
    v.dispatch({ selection: { anchor: 2 } });
    v.focus();
  });
  await page.keyboard.type('"unver');
  await page.waitForSelector('.cm-tooltip-autocomplete li');
  assert.deepEqual(await page.$$eval('.cm-tooltip-autocomplete li', (l) => l.map((x) => x.textContent)), ['"unverifiedLocales"']);
  await capture('2b-completion');
  await page.keyboard.press('Escape');
  last = await checks();
  await page.keyboard.press('Control+z');
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  const at = await page.evaluate(async () => {
    const { EditorView } = await import('/pkg/editor.js');
    const v = EditorView.findFromDOM(document.getElementById('editor').shadowRoot.querySelector('.cm-editor'));
    return v.coordsAtPos(v.state.doc.toString().indexOf('"status"') + 3);
  });
  await page.mouse.move(at.left + 1, at.top + 3);
  await page.waitForSelector('.cm-schema-hover');
  assert.match(await page.textContent('.cm-schema-hover'), /^Status: draft \(opt-in only\).* One of: draft, pilot, active, retired\.$/);
  await page.mouse.move(0, 0);

  // A reference to an unknown item: the compiler's error at its line, with its message.
  const broken = await edit('"id": "hvs"', '"hvs2"', '"hvs_unknown"');
  const list = await problems(last);
  assert.equal(list.length, 1, list.join('\n'));
  assert.match(list[0], new RegExp(`^Line ${broken.line}, column \\d+: .*hvs_unknown`));
  // The problem's button takes the editor to its place, where the text is marked.
  await page.click('#problems li button');
  assert.equal(await page.evaluate(async () => {
    const { EditorView } = await import('/pkg/editor.js');
    const v = EditorView.findFromDOM(document.getElementById('editor').shadowRoot.querySelector('.cm-editor'));
    return v.state.doc.lineAt(v.state.selection.main.head).number;
  }), broken.line);
  await page.waitForSelector('.cm-lintRange-error');
  const markedLine = await page.$eval('.cm-lintRange-error', (el) => el.closest('.cm-line').textContent);
  assert.match(markedLine, /hvs_unknown/);
  await capture('3-unknown-item');

  // Fixed.
  await edit('"id": "hvs"', '"hvs_unknown"', '"hvs2"');
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);

  // A cut-off changed: PHQ-2 from 3 to 2, with its bands (negative 0–1, positive 2–6).
  await edit('"id": "phq2"', '"max": 2', '"max": 1');
  await edit('"id": "phq2"', '"min": 3', '"min": 2');
  await edit('"id": "phq2"', '"value": 3', '"value": 2');
  await edit('"id": "phq2"', '"value": 3', '"value": 2');
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  await capture('4-cutoff-changed');

  // A new question with a skip rule: shown only to a parent without a plan for crying.
  const question = {
    id: 'crying_help_wish', type: 'boolean', section: 'safety', required: false, declinable: true,
    text: { sv: 'Vill du prata om vad du kan göra när gråten blir för mycket?', en: 'Would you like to talk about what you can do when the crying gets too much?', ar: 'هل تريد/ين التحدث عما يمكنك فعله عندما يصبح البكاء أكثر مما تتحمل/ين؟', so: 'Ma rabtaa inaad ka hadasho waxa aad samayn karto marka ooyintu kaa badato?' },
    enableWhen: { '===': [{ var: 'answers.safety_crying_plan' }, false] },
  };
  {
    const text = await editorText();
    const next = text.indexOf('"id": ', text.indexOf('"id": "safety_crying_plan"') + 1);
    const at = text.lastIndexOf('{', next);
    last = await checks();
    await replaceInEditor(at, at, `${JSON.stringify(question)},\n      `);
  }
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);

  // The preview: the parent's form in Swedish, then Arabic (right to left).
  await page.selectOption('#preview-locale', 'sv');
  assert.equal(await page.getAttribute('#preview-form', 'lang'), 'sv');
  assert.equal(await page.getAttribute('#preview-form', 'dir'), 'ltr');
  assert.ok((await page.$$('#preview-form fieldset.question')).length > 5);
  assert.equal(await page.isVisible('#q-crying_help_wish'), false);
  await page.check('#q-safety_crying_plan-false');
  assert.equal(await page.isVisible('#q-crying_help_wish'), true, 'the new question shows by its skip rule');
  assert.match(await page.textContent('#q-crying_help_wish legend'), /Vill du prata om vad du kan göra/);
  assert.equal(await page.isVisible('#q-violence_now'), false);
  await page.check('#q-violence_ever-true');
  assert.equal(await page.isVisible('#q-violence_now'), true, 'the skip logic shows the follow-up');
  await capture('5-preview-sv');
  await page.selectOption('#preview-locale', 'ar');
  assert.equal(await page.getAttribute('#preview-form', 'lang'), 'ar');
  assert.equal(await page.getAttribute('#preview-form', 'dir'), 'rtl');
  assert.match(await page.textContent('#preview-unverified'), /unverified/);
  assert.equal(await page.isChecked('#q-violence_ever-true'), true, 'answers kept across languages');
  assert.equal(await page.isVisible('#q-violence_now'), true);
  assert.match(await page.textContent('#q-crying_help_wish legend'), /هل تريد/);
  await capture('6-preview-ar');

  // The examples: those written for the old cut-off fail, with the reason in words.
  await page.selectOption('#explain-locale', 'en');
  await page.click('#run-examples');
  const counts = (await page.textContent('#examples-summary')).match(/^(\d+) passed, (\d+) failed$/);
  assert.ok(counts, 'a passed/failed summary');
  assert.ok(Number(counts[2]) >= 1, 'at least one example fails after the cut-off change');
  assert.ok(Number(counts[1]) >= 1, 'others still pass');
  const failed = await page.$$eval('#examples li.example.failed', (lis) => lis.map((li) => li.innerText));
  const inWords = failed.find((t) => /PHQ-2 = 2/.test(t));
  assert.ok(inWords, failed.join('\n'));
  assert.match(inWords, /In words: found but not expected: Low mood \(PHQ-2 ≥ 3\)\./);
  assert.match(inWords, /PHQ-2: expected “Below cut-off”, the draft gives 2 \(“At or above cut-off”\)/);
  assert.match(inWords, /offers made but not expected: [A-Z]/);
  await capture('7-examples');

  // Compared with 1.0.0 over the examples' responses: the transition table, in words.
  await page.selectOption('#compare-with', 'trygg-start.6-8w@1.0.0');
  await page.click('#compare');
  await page.waitForSelector('#transitions');
  assert.match(await page.textContent('#comparison-statement'), /trygg-start\.6-8w@1\.0\.0 → trygg-start\.6-8w@1\.2\.0, over \d+ responses made from the draft's own examples \(synthetic/);
  const rows = await page.$$eval('#transitions tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.ok(rows.some(([what, gained]) => /^Finding: /.test(what) && !/_/.test(what) && /^[1-9]\d* responses?$/.test(gained)), JSON.stringify(rows));
  await capture('8-compare');

  // Or over responses from an NDJSON file (a line that is not a response is left out, and said).
  const ndjson = [
    { context: { childAgeDays: 49 }, answers: { phq9_1: '1', phq9_2: '1' } },
    { context: { childAgeDays: 49 }, answers: { phq9_1: '0', phq9_2: '0' } },
  ].map((r) => JSON.stringify(r)).concat(['not json']).join('\n');
  await page.setInputFiles('#ndjson', { name: 'responses.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
  await page.waitForFunction(() => /responses\.ndjson/.test(document.getElementById('comparison-statement')?.textContent ?? ''));
  assert.match(await page.textContent('#comparison-statement'), /over 2 responses from the file responses\.ndjson\. 1 of them change outcome\. 1 line\(s\) were not responses/);
  await capture('8b-compare-ndjson');

  // Texts out (CSV) and back in: one changed, an unknown text and an unknown language reported.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-texts')]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'pointer,sv,en,ar,so');
  const titleRow = lines.find((l) => l.startsWith('/title,'));
  assert.ok(titleRow, 'the title is a text');
  const edited = [
    'pointer,sv,en,ar,so,fi',
    titleRow.replace(/^\/title,[^,]*,/, '/title,Nytt hälsosamtal 6–8 veckor,'),
    '/items/999/text,x,y,z,w,q',
  ].join('\r\n');
  last = await checks();
  await page.setInputFiles('#import-texts', { name: 'texts.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
  await page.waitForFunction(() => document.getElementById('texts-report').children.length > 0);
  const report = await page.$$eval('#texts-report li', (lis) => lis.map((li) => li.textContent));
  assert.equal(report[0], '1 text changed from texts.csv.');
  assert.ok(report.some((r) => /Unknown language "fi"/.test(r)));
  assert.ok(report.some((r) => /\/items\/999\/text is not a text of this version/.test(r)));
  assert.ok((await editorText()).includes('"sv": "Nytt hälsosamtal 6–8 veckor"'));
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  await capture('9-texts');

  // XLIFF 2.0 for one target language: out, an English text changed, back in.
  await page.selectOption('#xliff-locale', 'en');
  const [xlfDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-xliff')]);
  assert.equal(xlfDownload.suggestedFilename(), 'trygg-start.6-8w-1.2.0-en.xlf');
  const xlf = readFileSync(await xlfDownload.path(), 'utf8');
  assert.match(xlf, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0" version="2\.0" srcLang="sv" trgLang="en">/);
  assert.match(xlf, /<unit id="\/title"><segment><source>Nytt hälsosamtal 6–8 veckor<\/source><target>/);
  const xlfEdited = xlf.replace(/(<unit id="\/title"><segment><source>[^<]*<\/source><target>)[^<]*/, '$1New check-up 6–8 weeks');
  last = await checks();
  await page.setInputFiles('#import-texts', { name: 'texts-en.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(xlfEdited) });
  await page.waitForFunction(() => /texts-en\.xlf/.test(document.getElementById('texts-report').textContent));
  assert.equal(await page.textContent('#texts-report li'), '1 text changed from texts-en.xlf.');
  assert.ok((await editorText()).includes('"en": "New check-up 6–8 weeks"'));
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);

  // Download the new version: the native CLI validates it (JSON Schema too).
  const [formDownload] = await Promise.all([page.waitForEvent('download'), page.click('#save-form')]);
  assert.equal(formDownload.suggestedFilename(), 'trygg-start.6-8w-1.2.0.json');
  const file = join(tmp, formDownload.suggestedFilename());
  await formDownload.saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(saved.version, '1.2.0');
  assert.equal(saved.status, 'draft');
  execFileSync('cargo', ['run', '-q', '-p', 'trygg-cli', '--', 'validate', file], { cwd: REPO, stdio: 'pipe' });
  const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.click('#save-report')]);
  const reportText = readFileSync(await reportDownload.path(), 'utf8');
  assert.match(reportText, /Examples \(trygg-start\.6-8w@1\.2\.0\):/);
  assert.match(reportText, /Comparison:\ntrygg-start\.6-8w@1\.0\.0 → trygg-start\.6-8w@1\.2\.0, over 2 responses from the file responses\.ndjson/);
  await capture('10-saved');

  // Compared over synthetic responses made in the tab (the engine's synth): the transition
  // table, and the report `trygg diff --html` writes — the same bytes from the CLI for the
  // same versions, responses and language.
  await page.fill('#synth-n', '300');
  await page.fill('#synth-seed', '5');
  await page.click('#compare-synth');
  await page.waitForFunction(() => /synthetic responses \(made up in this tab/.test(document.getElementById('comparison-statement')?.textContent ?? ''));
  assert.match(await page.textContent('#comparison-statement'), /→ trygg-start\.6-8w@1\.2\.0, over 300 synthetic responses/);
  await page.waitForSelector('#transitions');
  await page.waitForSelector('#report-frame:not([hidden])');
  const srcdoc = await page.getAttribute('#report-frame', 'srcdoc');
  const frame = page.frameLocator('#report-frame');
  assert.match(await frame.locator('#synthetic-input').textContent(), /^(All 300 responses are synthetic|Alla 300 svar är syntetiska)/);
  // The report's own stylesheet applies under the page's CSP (allowed by its hash).
  assert.equal(await frame.locator('#synthetic-input').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(232, 241, 248)');
  assert.ok(await frame.locator('line.cutoff').count() > 0, 'cut-offs marked in the charts');
  await capture('8c-compare-synthetic');
  const [ndjsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#save-synthetic')]);
  const synthName = ndjsonDownload.suggestedFilename();
  assert.equal(synthName, 'synthetic-trygg-start.6-8w@1.0.0-trygg-start.6-8w@1.2.0-seed-5-n-300.ndjson');
  await ndjsonDownload.saveAs(join(tmp, synthName));
  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.click('#save-comparison')]);
  assert.equal(readFileSync(await htmlDownload.path(), 'utf8'), srcdoc);
  const cli = (args) => execFileSync('cargo', ['run', '-q', '-p', 'trygg-cli', '--manifest-path', join(REPO, 'Cargo.toml'), '--', ...args], { cwd: tmp, stdio: 'pipe', encoding: 'utf8' });
  const forms = join(REPO, 'forms');
  // The CLI's synth writes the tab's synthetic responses byte for byte …
  assert.equal(cli(['synth', '--forms', forms, '--form', 'trygg-start.6-8w@1.0.0', '--form', file, '--n', '300', '--seed', '5']), readFileSync(join(tmp, synthName), 'utf8'));
  // … and its diff --html the page the studio shows.
  const lang = (await page.inputValue('#explain-locale')).startsWith('sv') ? 'sv' : 'en';
  cli(['diff', '--forms', forms, '--from', 'trygg-start.6-8w@1.0.0', '--to', file, '--in', synthName, '--lang', lang, '--html', 'cli-report.html']);
  assert.equal(readFileSync(join(tmp, 'cli-report.html'), 'utf8'), srcdoc, 'the studio shows the report trygg diff --html writes');

  // The saved file opens again, by the picker and by drag and drop.
  last = await checks();
  await replaceInEditor(0, (await editorText()).length, '{}');
  await problems(last);
  last = await checks();
  await page.setInputFiles('#file', file);
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  assert.match(await page.textContent('#draft-summary'), /version 1\.2\.0 \(status draft\)/);
  last = await checks();
  await replaceInEditor(0, (await editorText()).length, '{}');
  await problems(last);
  last = await checks();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, readFileSync(file, 'utf8'));
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  assert.equal(await editorText(), readFileSync(file, 'utf8'));

  // A draft may leave a language untranslated: it compiles, and the summary says which.
  const before = await editorText();
  const ar = /"ar": "([^"]*)"/.exec(before);
  last = await checks();
  await replaceInEditor(ar.index + '"ar": "'.length, ar.index + ar[0].length - 1, '');
  assert.deepEqual(await problems(last), ['No problems: the draft compiles.']);
  assert.match(await page.textContent('#untranslated'), /Untranslated: العربية \(1 text\) — fine for a draft; the form cannot be made active/);

  // Programme uptake: records opened from a file stay in the tab; the studio shows the page
  // `trygg programme report --html` writes for them (tests/vectors/programme/, held to the
  // CLI), small counts suppressed as "<5", under the page's CSP.
  const PV = join(REPO, 'tests/vectors/programme/skaggetorp-model.seed-3.n-120');
  await page.selectOption('#programme', 'skaggetorp-model');
  await page.setInputFiles('#programme-records', { name: 'records.ndjson', mimeType: 'application/x-ndjson', buffer: readFileSync(`${PV}.ndjson`) });
  await page.waitForSelector('#uptake-frame:not([hidden])');
  const uptakeHtml = readFileSync(`${PV}.quarter.html`, 'utf8');
  assert.equal(await page.getAttribute('#uptake-frame', 'srcdoc'), uptakeHtml, 'the page trygg programme report --html writes');
  assert.match(await page.textContent('#uptake-summary'), /skaggetorp-model over the records of the file records\.ndjson, by quarter; counts below 5 shown as “<5”/);
  const uptake = page.frameLocator('#uptake-frame');
  assert.equal(await uptake.locator('h1').textContent(), 'Uptake of skaggetorp-model');
  assert.ok(await uptake.locator('td', { hasText: /^<5$/ }).count() > 0, 'suppressed cells shown as <5');
  // The page's own stylesheet applies under the CSP (allowed by its hash): the note and a legend swatch.
  assert.equal(await uptake.locator('p.note').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 248, 225)');
  assert.equal(await uptake.locator('.legend .s0').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(0, 114, 178)');
  await capture('9a-uptake-file');
  // By year, every count shown: the same records counted again.
  await page.selectOption('#programme-period', 'year');
  await page.fill('#programme-suppress', '0');
  await page.dispatchEvent('#programme-suppress', 'change');
  await page.waitForFunction(() => /every count shown/.test(document.getElementById('uptake-summary').textContent));
  const byYear = await page.getAttribute('#uptake-frame', 'srcdoc');
  assert.ok(byYear.includes('<td>2024</td>') && !byYear.includes('&lt;5'), 'by year, nothing suppressed');
  // Synthetic families made in the tab: the same records as trygg programme synth (seed 3,
  // n 120 is the vector), so the same report.
  await page.selectOption('#programme-period', 'quarter');
  await page.fill('#programme-suppress', '5');
  await page.fill('#programme-synth-n', '120');
  await page.fill('#programme-synth-seed', '3');
  await page.click('#programme-synth');
  await page.waitForFunction(() => /120 synthetic families/.test(document.getElementById('uptake-summary').textContent));
  assert.equal(await page.getAttribute('#uptake-frame', 'srcdoc'), uptakeHtml);
  await uptake.locator('p.note').waitFor();
  await capture('9b-uptake-synthetic');
  const [recordsDownload] = await Promise.all([page.waitForEvent('download'), page.click('#save-uptake-records')]);
  assert.equal(recordsDownload.suggestedFilename(), 'synthetic-skaggetorp-model@1.0.0-seed-3-n-120.ndjson');
  assert.equal(readFileSync(await recordsDownload.path(), 'utf8'), readFileSync(`${PV}.ndjson`, 'utf8'));
  const [uptakeDownload] = await Promise.all([page.waitForEvent('download'), page.click('#save-uptake')]);
  assert.equal(uptakeDownload.suggestedFilename(), 'skaggetorp-model-uptake.html');
  assert.equal(readFileSync(await uptakeDownload.path(), 'utf8'), uptakeHtml);

  // The studio's own interface in Swedish, the clinician's choice (kept in page memory only:
  // the storage check below covers it): headings, labels and buttons in Swedish, <html lang>
  // too, no English chrome left in the headings, and axe still finds nothing.
  await page.selectOption('#ui-lang', 'sv');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  assert.equal(await page.textContent('h1'), 'Ny version av ett formulär');
  assert.equal(await page.textContent('#preview-h'), '3. Förhandsgranska som föräldern ser det');
  assert.equal(await page.textContent('#texts-h'), '7. Översättningar');
  assert.equal(await page.textContent('label[for="compare-with"]'), 'Jämför med');
  assert.equal(await page.textContent('#save-form'), 'Ladda ner den nya versionen');
  assert.equal(await page.textContent('#uptake-h'), '8. Programuppföljning');
  assert.match(await page.textContent('#draft-summary'), /^Du redigerar /);
  assert.equal(await page.inputValue('#explain-locale'), 'sv', 'the reasons follow the page language');
  const headings = (await page.$$eval('title, header label, h1, h2, h3, .studio-row label, .studio-row button, .studio-row option', (els) => els.map((e) => e.textContent))).join('\n');
  for (const english of ['A new form version', 'Open', 'Edit', 'Preview', 'Examples', 'Compare', 'Save', 'Translations', 'Programme uptake', 'Problems', 'Download', 'Language'])
    assert.ok(!new RegExp(`\\b${english}\\b`).test(headings), `no "${english}" left in Swedish: ${headings}`);
  await page.click('#run-examples');
  assert.match(await page.textContent('#examples-summary'), /^Godkända: \d+, underkända: \d+$/);
  await capture('10-svenska');
  await page.selectOption('#ui-lang', 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.textContent('h1'), 'A new form version');

  // Nothing left the machine, nothing was stored, the CSP held, no page error.
  const origin = server.origin;
  const foreign = tab.log.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  // Only the page, its modules, the editor bundle and the engine's authoring build (and the
  // built-in forms) were asked for.
  for (const p of new Set(server.requests.map((r) => r.path))) {
    assert.match(p, /^\/(studio\.(html|js|css)|style\.css|parent-form\.js|i18n\.js|json-pointer\.js|schema-assist\.js|offer-key\.js|favicon\.svg|pkg\/(editor\.js|form\.schema\.json|programmes\.js)|pkg\/(authoring\/web|forms)\/[\w./@+-]+)$/, p);
  }
  assert.deepEqual(await cspViolations(page, tab.log), []);
  assert.deepEqual(tab.log.errors, []);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
    idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
  assert.deepEqual(axeFailures, []);
});
