// The demo page in headless Chromium: two parents fill in the 6–8 weeks form (Swedish with
// the mouse, Arabic with the keyboard only) on one tablet; no parent screen leads to the
// nurse's view (a PIN chosen at set-up is the only way back to the staff side); the closing
// screen is the same whatever a parent answered; the nurse's screens show what the native
// engine says for the same answers, urgent first; every screen passes axe-core (no
// violation), the CSP holds, no request leaves 127.0.0.1, nothing is stored in the browser,
// and every screen is kept as a screenshot in tests/artifacts/demo/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CSP } from '../server.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, newPage, axe, screenshot, cspViolations, nativeScore, offerKey, REPO } from './lib.mjs';

const FORM = 'forms/trygg-start/6-8w/1.0.0.json';
const PILOT = 'forms/trygg-start/6-8w/1.1.0.json';
const AGE = 49;

// Parent 1, Swedish, by mouse: low mood (PHQ-2 = 3 → items 3–9 shown), item 9 declined,
// food insecurity + money worries + parental stress, violence earlier, wants a talk.
const P1 = {
  id: 'parent-1', locale: 'sv', sex: 'female',
  answers: {
    safety_sleep_back: true, safety_car_seat: 'yes', safety_crying_plan: false,
    money_worry: true, hvs1: 'sometimes', hvs2: 'never',
    phq9_1: '2', phq9_2: '1', phq9_3: '1', phq9_4: '2', phq9_5: '0', phq9_6: '1', phq9_7: '0', phq9_8: '0',
    phq9_9: { declined: true },
    stress_overwhelmed: true, stress_support: false, stress_irritable: false, child_harm_fear: false,
    auditc1: '0',
    violence_ever: true, violence_now: false,
    support_wish: true,
  },
};
// Parent 2, Arabic, keyboard only: risky alcohol (AUDIT-C 4, sex not given → cut-off 4),
// ongoing violence (urgent), the wish for a talk declined.
const P2 = {
  id: 'parent-2', locale: 'ar',
  answers: {
    safety_sleep_back: true, safety_car_seat: 'no-car', safety_crying_plan: true,
    money_worry: false, hvs1: 'never', hvs2: 'never',
    phq9_1: '0', phq9_2: '1',
    stress_overwhelmed: false, stress_support: true, stress_irritable: true, child_harm_fear: false,
    auditc1: '2', auditc2: '1', auditc3: '1',
    violence_ever: true, violence_now: true,
    support_wish: { declined: true },
  },
};
const response = (p) => ({
  respondent: p.sex ? { id: p.id, attributes: { sex: p.sex } } : { id: p.id },
  context: { childAgeDays: AGE, locale: p.locale },
  answers: p.answers,
});

// The two sides of the tablet: a parent must never get from their screens to the nurse's.
const PIN = '4711';
// The only buttons a parent's screens may hold (answers are inputs, not buttons): finishing,
// the unanswered note, leaving the closing screen, and the neutral screen's PIN prompt.
const PARENT_BUTTONS = new Set(['finish', 'goto-open', 'finish-anyway', 'done-next', 'unlock', 'pin-submit', 'pin-cancel']);
const STAFF_MARKERS = ['#nav-clinician', '#nav-start', '#nav-lock', '#clin-tabs', '#setup', '#panel-h', '[data-finding]', '[data-offer]', '[data-action]'];

let server;
let browser;
let tab; // { context, page, log }: one tablet for the whole visit, as at the BVC
const axeFailures = [];
const screens = [];
const parentScreens = [];

before(async () => {
  server = await startServer(); // port 0: a free port, no clash with other servers
  browser = await launch();
  tab = await newPage(browser);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** axe + screenshot of the screen as it is now. Any violation, of any impact, fails. */
async function capture(name, page = tab.page) {
  const violations = await axe(page, name);
  if (violations.length) axeFailures.push({ screen: name, violations });
  await screenshot(page, name);
  screens.push(name);
  return violations;
}

/**
 * A parent's screen: no staff navigation, no staff content, no link but the skip link, and
 * no button but the parent's own; nothing on it names the nurse's view.
 */
async function assertParentScreen(name, page = tab.page) {
  for (const sel of STAFF_MARKERS) assert.equal(await page.locator(sel).count(), 0, `${name}: ${sel} on a parent's screen`);
  assert.equal(await page.locator('#nav').evaluate((n) => n.childElementCount), 0, `${name}: the staff navigation is empty`);
  const links = await page.locator('a[href]').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  assert.deepEqual(links, ['#main'], `${name}: links`);
  const buttons = await page.locator('button, [role="button"], input[type="submit"], input[type="button"], summary').evaluateAll((els) => els.map((e) => e.id));
  for (const id of buttons) assert.ok(PARENT_BUTTONS.has(id), `${name}: unexpected control #${id}`);
  const body = await page.locator('body').innerText();
  assert.doesNotMatch(body, /sjuksköterskans vy|nurse’s view|صفحة الممرضة|Bogga kalkaalisada/i, `${name} names the nurse's view`);
  parentScreens.push(name);
}

/** Open the staff side from the neutral screen with the PIN. */
async function unlock(page = tab.page) {
  await page.click('#unlock');
  await page.fill('#pin-enter', PIN);
  await page.click('#pin-submit');
  await page.waitForSelector('#setup');
}

const text = (sel) => tab.page.locator(sel).innerText();
const visible = (item) => tab.page.locator(`#q-${item}`).isVisible();
const liveText = async (id) => {
  await tab.page.waitForFunction((id) => document.getElementById(id).textContent !== '', id);
  return tab.page.locator(`#${id}`).textContent();
};

test('the page loads with the CSP header and starts on the staff set-up screen', async () => {
  const { page } = tab;
  const res = await page.goto(`${server.origin}/`);
  assert.equal(res.headers()['content-security-policy'], CSP);
  assert.match(CSP, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForSelector('body[data-ready="ok"]', { timeout: 30_000 });
  assert.equal(await page.locator('h1').innerText(), 'Innan ni börjar');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  // The 6–8 weeks form offers all four languages.
  const langs = await page.locator('input[name="locale"]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(langs, ['sv', 'en', 'ar', 'so']);
  // The PIN is chosen here, and the screen says what a real deployment uses instead.
  assert.equal(await page.locator('#pin-new').getAttribute('type'), 'password');
  assert.match(await text('#pin-journal'), /journalsystemets inloggning/);
  const wasm = await page.evaluate(() => fetch('./pkg/web/trygg_wasm_bg.wasm', { method: 'HEAD' }).then((r) => r.headers.get('content-type')));
  assert.equal(wasm, 'application/wasm');
  await capture('01-setup-sv');
});

test('setup errors are announced in the alert region', async () => {
  const { page } = tab;
  await page.fill('#age', '3000');
  await page.locator('#age').dispatchEvent('change');
  await page.click('#start');
  assert.match(await liveText('alert'), /inget frågeformulär för ett barn som är 3000 dagar/);
  assert.equal(await page.getAttribute('#age', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'age');
  await capture('02-setup-error-sv');
  // A later check-up has only Swedish and English.
  await page.fill('#age', '120');
  await page.locator('#age').dispatchEvent('change');
  const langs = await page.locator('input[name="locale"]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(langs, ['sv', 'en']);
  // Birth date and visit date work the age out.
  await page.locator('summary').click();
  await page.fill('#birth', '2026-10-05');
  await page.locator('#birth').dispatchEvent('change');
  await page.fill('#visit', '2026-11-23');
  await page.locator('#visit').dispatchEvent('change');
  assert.equal(await page.inputValue('#age'), String(AGE));
  assert.match(await text('#dates-out'), /49 dagar/);
  // The PIN: 4–8 digits, typed the same twice.
  await page.fill('#pin-new', '12');
  await page.click('#start');
  assert.match(await liveText('alert'), /4–8 siffror/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pin-new');
  await page.fill('#pin-new', PIN);
  await page.fill('#pin-again', '4712');
  await page.click('#start');
  assert.match(await liveText('alert'), /inte lika/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pin-again');
  await capture('02b-setup-pin-error-sv');
});

test('parent 1 answers in Swedish; questions follow the skip logic; no way to the staff side', async () => {
  const { page } = tab;
  await page.check('#respondent-parent-1');
  await page.check('#sex-female');
  await page.check('#locale-sv');
  await page.fill('#pin-new', PIN);
  await page.fill('#pin-again', PIN);
  await page.click('#start');
  await page.waitForSelector('#questions');
  assert.equal(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join()), 'sv,ltr');
  assert.equal(await page.locator('input:checked').count(), 0, 'a new parent starts with nothing answered');
  assert.equal(await visible('phq9_3'), false);
  assert.equal(await visible('violence_now'), false);
  // Every question group is a fieldset with a legend; every answer has a label.
  const unlabelled = await page.locator('#questions input').evaluateAll((els) => els.filter((e) => !e.labels?.length).length);
  assert.equal(unlabelled, 0);
  await assertParentScreen('form');
  await capture('03-form-sv-start');

  // Finishing early: the unanswered questions are announced, and focus goes to the notice.
  await page.click('#finish');
  assert.match(await liveText('alert'), /frågor är obesvarade/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'unanswered');
  await assertParentScreen('unanswered note');
  await capture('04-form-sv-unanswered');

  const pick = async (item, value) => {
    const v = typeof value === 'object' ? '__declined' : String(value);
    await page.check(`#q-${item}-${v}`);
  };
  for (const [item, value] of Object.entries(P1.answers)) {
    if (item === 'phq9_3') {
      // PHQ-2 = 3 showed items 3–9; a lower answer hides them again, and that is announced.
      assert.equal(await visible('phq9_3'), true);
      await pick('phq9_1', '0');
      assert.equal(await visible('phq9_3'), false);
      assert.match(await liveText('status'), /behövs inte längre/);
      await pick('phq9_1', '2');
      assert.equal(await visible('phq9_9'), true);
    }
    if (item === 'violence_now') assert.equal(await visible('violence_now'), true);
    await pick(item, value);
  }
  assert.equal(await visible('auditc2'), false, 'AUDIT-C 2–3 stay hidden after "never"');
  assert.match(await text('#progress-text'), /^(\d+) av \1 frågor besvarade$/);
  await assertParentScreen('form filled');
  await capture('05-form-sv-filled');
  await page.click('#finish');
  await page.waitForSelector('#done-next');
  assert.equal(await page.locator('h1').innerText(), 'Tack för dina svar');
  await assertParentScreen('closing');
  await capture('06-done-sv');

  // The closing screen's one button leads to the neutral screen, which holds nothing of
  // the parent and leads on only through the PIN.
  await page.click('#done-next');
  await page.waitForSelector('#unlock');
  assert.equal(await page.locator('h1').innerText(), 'Välkommen till BVC');
  await assertParentScreen('neutral');
  await capture('06b-neutral');
  await page.click('#unlock');
  await page.waitForSelector('#pin-enter');
  await assertParentScreen('PIN prompt');
  assert.match(await text('#pin-journal'), /journalsystemets inloggning/);
  // A wrong PIN (or none) does not open anything.
  for (const wrong of ['', '0000', '47111']) {
    await page.fill('#pin-enter', wrong);
    await page.click('#pin-submit');
    assert.match(await liveText('alert'), /Fel PIN-kod/);
    await assertParentScreen(`PIN prompt after "${wrong}"`);
  }
  await capture('06c-pin-wrong');
  await page.click('#pin-cancel');
  await page.waitForSelector('#unlock');
  await assertParentScreen('neutral again');
});

/** Press Tab until `pred(activeElement)` holds; keyboard only. */
async function tabTo(page, pred, arg, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(pred, arg)) return;
  }
  throw new Error(`Tab never reached ${pred} ${arg}`);
}

test('parent 2 answers in Arabic with the keyboard only; nothing of parent 1 is on screen', async () => {
  const { page } = tab;
  // The nurse opens the staff side with the PIN, by keyboard.
  await page.locator('h1').focus();
  await tabTo(page, () => document.activeElement.id === 'unlock');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#pin-enter');
  await tabTo(page, () => document.activeElement.id === 'pin-enter');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#setup');
  // The next parent to answer is preselected, and nothing of parent 1's setup is kept.
  assert.equal(await page.locator('#respondent-parent-2').isChecked(), true);
  assert.equal(await page.locator('#sex-none').isChecked(), true);
  assert.equal(await page.locator('#pin-new').count(), 0, 'the PIN is chosen once');
  // Language: arrow keys within the radio group.
  await tabTo(page, () => document.activeElement.name === 'locale');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'locale-ar');
  assert.equal(await page.locator('#locale-ar').isChecked(), true);
  await capture('07-setup-ar');
  await tabTo(page, () => document.activeElement.id === 'start');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#questions');
  assert.equal(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join()), 'ar,rtl');
  assert.equal(await page.locator('#unverified').isVisible(), true, 'Arabic is marked as unverified');

  // Isolation: this screen holds nothing of parent 1 — no answer checked, no trace of
  // their respondent id, findings or answers in the DOM.
  assert.equal(await page.locator('input:checked').count(), 0);
  const html = await page.content();
  for (const leak of ['parent-1', 'violence_past', 'food_insecurity', 'low_mood', 'Förälder 1']) {
    assert.ok(!html.includes(leak), `parent 2's screen contains ${leak}`);
  }
  assert.equal(await visible('violence_now'), false, 'parent 1\u2019s "yes" does not show parent 2 the follow-up');
  await assertParentScreen('form ar');
  await capture('08-form-ar-start');

  for (const [item, value] of Object.entries(P2.answers)) {
    await tabTo(page, (item) => document.activeElement.name === item, item);
    const values = await page.locator(`input[name="${item}"]`).evaluateAll((els) => els.map((e) => e.value));
    const want = typeof value === 'object' ? '__declined' : String(value);
    const index = values.indexOf(want);
    assert.ok(index >= 0, `${item}: ${want} in ${values}`);
    if (index === 0) await page.keyboard.press('Space');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator(`#q-${item}-${want}`).isChecked(), true, item);
  }
  // A visible focus indicator on the focused radio's option.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.closest('.option')).outlineStyle);
  assert.equal(outline, 'solid');
  await capture('09-form-ar-filled');
  await tabTo(page, () => document.activeElement.id === 'finish');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#done-next');
  assert.equal(await page.locator('h1').innerText(), 'شكرًا على إجاباتك');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await assertParentScreen('closing ar');
  await capture('10-done-ar');
  await page.keyboard.press('Tab'); // from the heading to the closing screen's one button
  assert.equal(await page.evaluate(() => document.activeElement.id), 'done-next');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#unlock');
  await assertParentScreen('neutral after ar');
});

/** Offers, actions and findings as the nurse's screen shows them, and which are marked urgent. */
async function shown(prefix) {
  const { page } = tab;
  const attr = (sel, a) => page.locator(sel).evaluateAll((els, a) => els.map((e) => e.getAttribute(a)), a);
  return {
    offers: await attr(`#${prefix}-offers [data-offer]`, 'data-offer'),
    actions: await attr(`#${prefix}-actions [data-action]`, 'data-action'),
    findings: await attr(`#${prefix}-findings [data-finding]`, 'data-finding'),
    urgentFindings: await attr(`#${prefix}-findings [data-finding][data-urgent]`, 'data-finding'),
    urgentOffers: await attr(`#${prefix}-offers [data-offer][data-urgent]`, 'data-offer'),
  };
}

/**
 * The order a person reads (docs/explanation.md): findings urgent, then positive, then info
 * (canonical order within each); offers led to by an urgent finding first (canonical order
 * otherwise).
 */
const urgentFirst = (list, urgent) => [...list.filter(urgent), ...list.filter((x) => !urgent(x))];
const SEVERITY_RANK = { urgent: 0, positive: 1, info: 2 };
function expectedOrder(native) {
  const urgentIds = new Set(native.findings.filter((f) => f.severity === 'urgent').map((f) => f.id));
  const urgentOffer = (o) => o.because.some((r) => r.findings.some((id) => urgentIds.has(id)));
  return {
    urgentIds,
    findings: native.findings.map((f, i) => [SEVERITY_RANK[f.severity], i, f.id]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]),
    offers: urgentFirst(native.offers, urgentOffer).map(offerKey),
    urgentOffers: native.offers.filter(urgentOffer).map(offerKey),
  };
}

/** Every urgent entry carries the icon and the word, not colour alone. */
async function assertUrgentMarked(sel, word = 'Brådskande') {
  const marks = await tab.page.locator(sel).evaluateAll((els) => els.map((e) => {
    const m = e.querySelector('.urgent-mark');
    return m ? [!!m.querySelector('svg[aria-hidden="true"]'), m.textContent] : null;
  }));
  for (const m of marks) assert.deepEqual(m, [true, word], `${sel}: ${JSON.stringify(marks)}`);
  return marks.length;
}

test('the nurse\u2019s view needs the PIN and shows, per parent, the native engine\u2019s outcome, urgent first, with the context', async () => {
  const { page } = tab;
  await unlock();
  await page.click('#nav-clinician');
  await page.waitForSelector('#clin-tabs');
  assert.match(await text('#journal-note'), /journalsystemets inloggning/);
  // The parent with an urgent finding is marked on the tab itself.
  assert.match(await page.locator('#tab-parent-2').textContent(), /^Förälder 2 Brådskande$/);
  assert.equal(await assertUrgentMarked('#tab-parent-2'), 1);
  assert.equal(await page.locator('#tab-parent-1 .urgent-mark').count(), 0, 'parent 1 has nothing urgent');
  for (const p of [P1, P2]) {
    await page.click(`#tab-${p.id}`);
    await page.waitForSelector(`#${p.id}-outcome`);
    const native = nativeScore(FORM, response(p));
    assert.ok(native.offers.length > 0, 'the plan leads to offers');
    const want = expectedOrder(native);
    const got = await shown(p.id);
    assert.deepEqual(got.offers, want.offers, `${p.id} offers, urgent first`);
    assert.deepEqual(got.actions, native.actions.map((a) => a.action), `${p.id} actions`);
    assert.deepEqual(got.findings, want.findings, `${p.id} findings, urgent first`);
    assert.deepEqual(got.urgentFindings, [...want.urgentIds], `${p.id} urgent findings`);
    assert.deepEqual(got.urgentOffers, want.urgentOffers, `${p.id} urgent offers`);
    assert.equal(await assertUrgentMarked(`#${p.id}-findings [data-urgent]`), want.urgentIds.size);
    assert.equal(await assertUrgentMarked(`#${p.id}-actions [data-urgent]`), native.actions.length);
    // Urgent actions come before anything else in the outcome.
    if (native.actions.length) {
      assert.match(await text(`#${p.id}-urgent`), /Brådskande/);
      const order = await page.locator(`#${p.id}-outcome`).evaluate((el) => [...el.querySelectorAll('ul.results')].map((u) => u.id));
      assert.equal(order[0], `${p.id}-actions`);
    }
    assert.equal(await text(`#${p.id}-completeness`), 'fullständigt');
    // The context the nurse needs: language (and the interpreter note), attributes, age, form.
    const context = await text(`#${p.id}-context`);
    assert.match(context, /Barnets ålder\s+49 dagar \(7 veckor\)/);
    assert.match(context, /trygg-start\.6-8w version 1\.0\.0/);
    if (p.locale === 'ar') {
      assert.match(await text(`#${p.id}-language`), /^arabiska \(العربية\)$/);
      assert.match(await text(`#${p.id}-interpreter`), /professionell tolk – aldrig någon i familjen/);
      assert.match(context, /Kön\s+ej angivet – styr gränsvärdet för AUDIT-C/);
    } else {
      assert.match(await text(`#${p.id}-language`), /^svenska \(Svenska\)$/);
      assert.equal(await page.locator(`#${p.id}-interpreter`).count(), 0);
      assert.match(context, /Kön\s+kvinna – styr gränsvärdet för AUDIT-C/);
    }
    await capture(`1${p.id === 'parent-1' ? 1 : 2}-clinician-${p.id}`);
    await screenshot(page, `nurse-view-after-${p.id}`);
    // The view of one parent holds nothing of the other.
    const other = p.id === 'parent-1' ? P2 : P1;
    assert.ok(!(await page.locator('#panel-' + p.id).innerText()).includes(other.id));
  }
  // Parent 2's ongoing violence is urgent; parent 1's earlier violence is not.
  assert.deepEqual(nativeScore(FORM, response(P2)).actions.map((a) => a.action), ['same-day-contact', 'consider-report-of-concern']);
});

const FORM_DEFS = [FORM, PILOT].map((f) => JSON.parse(readFileSync(join(REPO, f), 'utf8')));
const RULE_IDS = [...new Set(FORM_DEFS.flatMap((d) => d.rules.map((r) => r.id)))];

/** The nurse's screen as read, with every "why" opened. */
async function nurseText() {
  await tab.page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
  return tab.page.locator('main').innerText();
}

/**
 * No engineer's notation anywhere; no rule id in the Swedish view (in English some rule ids
 * are also plain words, e.g. "self-harm" in a finding's title, so they are checked in sv).
 */
function assertWords(view, where, L) {
  for (const engineer of ['answers.', 'scores.', 'findings.', 'bands.', 'cutoff.', 'declined.', '{"', '"var"']) {
    assert.ok(!view.includes(engineer), `${where} shows ${engineer}`);
  }
  if (L !== 'sv') return;
  for (const id of RULE_IDS) {
    assert.doesNotMatch(view, new RegExp(`(^|[^\\w-])${id}($|[^\\w-])`), `${where} shows the rule id ${id}`);
  }
}

test('every reason in the nurse\u2019s view reads as words (sv and en): no answers., scores., JSON or rule id', async () => {
  const { page } = tab;
  const def = FORM_DEFS[0];
  const question = (id, L) => def.items.find((i) => i.id === id).text[L];
  try {
    for (const L of ['sv', 'en']) {
      await page.selectOption('#clin-lang', L);
      for (const p of [P1, P2]) {
        await page.click(`#tab-${p.id}`);
        await page.waitForSelector(`#${p.id}-outcome`);
        const view = await nurseText();
        assertWords(view, `${L} ${p.id}`, L);
        // The reasons name the questions and the answers given, in the nurse's language:
        // parent 1's earlier violence comes from the question about violence ever.
        if (p === P1) assert.ok(view.includes(question('violence_ever', L)), `${L} ${p.id}: the violence question in words`);
      }
      // Parent 2's ongoing violence: the question, the answer "yes", the finding's title.
      const view = await nurseText();
      const yes = L === 'sv' ? 'svar: Ja' : 'answer: Yes';
      assert.ok(view.includes(`${question('violence_now', L)} – ${yes}`), `${L}: ${view}`);
      assert.ok(view.includes(def.findings.find((f) => f.id === 'violence_ongoing').title[L]));
      if (L === 'sv') await screenshot(page, 'nurse-view-after-parent-2-reasons');
      for (const t of ['family', 'pilot']) {
        await page.click(`#tab-${t}`);
        await page.waitForSelector(t === 'family' ? '#family-outcome' : '#pilot-pilot');
        assertWords(await nurseText(), `${L} ${t}`, L);
      }
    }
  } finally {
    await page.selectOption('#clin-lang', 'sv');
  }
});

test('the family summary: urgent parents named without their answers, urgent actions first, private talks apart', async () => {
  const { page } = tab;
  await page.click('#tab-family');
  await page.waitForSelector('#family-outcome');
  const native = nativeScore(FORM, [response(P1), response(P2)]);
  const who = { 'parent-1': 'Förälder 1', 'parent-2': 'Förälder 2' };
  const shared = native.offers.filter((o) => !o.private);
  const offers = await page.locator('#family-offers [data-offer]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-offer'), e.querySelector('.hint').textContent]));
  assert.deepEqual(offers.map(([k]) => k), shared.map(offerKey));
  offers.forEach(([, from], i) => assert.equal(from, `Utlöst av: ${shared[i].respondents.map((r) => who[r]).join(', ')}`));
  const actions = await page.locator('#family-actions [data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  assert.deepEqual(actions, native.actions.map((a) => a.action));
  assert.equal(await assertUrgentMarked('#family-actions [data-urgent]'), native.actions.length);
  // The violence talk: private, on its own for its one parent, never merged.
  const privateNative = native.offers.filter((o) => o.private);
  assert.ok(privateNative.every((o) => o.respondents.length === 1), JSON.stringify(privateNative));
  const privateShown = await page.locator('#family-private [data-offer]').evaluateAll((els) => els.map((e) => [
    e.getAttribute('data-offer'), e.getAttribute('data-respondent'), e.querySelector('.hint').textContent,
    !!e.querySelector('.private-mark svg[aria-hidden="true"]'), e.querySelector('.private-mark')?.textContent]));
  assert.deepEqual(privateShown, privateNative.map((o) => [offerKey(o), o.respondents[0], `Endast med ${who[o.respondents[0]]}`, true, 'Enskilt']));
  const talk = offerKey({ kind: 'bvc-talk', socialServices: false });
  assert.ok(privateShown.some(([k, r]) => k === talk && r === 'parent-2'), 'parent 2\u2019s violence talk is listed as private');
  assert.match(await text('#family-outcome'), /Enskilda samtal\s+Hålls med den föräldern ensam, utan den andra föräldern/);
  // Which parent has an urgent finding: named, with the mark, and nothing of what it is.
  const urgent = await page.locator('#family-urgent [data-respondent]').evaluateAll((els) => els.map((e) => e.getAttribute('data-respondent')));
  assert.deepEqual(urgent, ['parent-2']);
  assert.equal(await assertUrgentMarked('#family-urgent [data-respondent]'), 1);
  const banner = await text('#family-urgent');
  assert.match(banner, /Förälder 2 har ett brådskande fynd/);
  for (const f of nativeScore(FORM, response(P2)).findings) assert.ok(!banner.includes(f.id));
  assert.doesNotMatch(banner, /våld|rädd|skada/i);
  // The banner and the actions come before the offers.
  const order = await page.locator('#family-outcome').evaluate((el) => [...el.querySelectorAll('[id]')].map((e) => e.id));
  assert.ok(order.indexOf('family-urgent') < order.indexOf('family-actions'));
  assert.ok(order.indexOf('family-actions') < order.indexOf('family-private'));
  assert.ok(order.indexOf('family-private') < order.indexOf('family-offers'));
  await capture('13-clinician-family');
  // In English too.
  await page.selectOption('#clin-lang', 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await text('#family-outcome'), /From: Parent 1/);
  assert.match(await text('#family-urgent'), /Parent 2 has an urgent finding/);
  await capture('14-clinician-family-en');
  await page.selectOption('#clin-lang', 'sv');
});

test('the pilot view scores the same answers under 1.0.0 and 1.1.0 and marks the differences', async () => {
  const { page } = tab;
  await page.click('#tab-pilot');
  await page.waitForSelector('#pilot-active');
  await page.selectOption('#pilot-parent', 'parent-1');
  await page.waitForSelector('#pilot-pilot');
  // Natively: the pilot version gets the answers to the items it has.
  const pilotItems = new Set(['stress_coping', 'gad7_1', 'gad7_2', ...Object.keys(P1.answers).filter((k) => k !== 'stress_overwhelmed')]);
  const carried = { ...response(P1), answers: Object.fromEntries(Object.entries(P1.answers).filter(([k]) => pilotItems.has(k))) };
  const active = nativeScore(FORM, response(P1));
  const pilot = nativeScore(PILOT, carried);
  const col = async (id) => ({
    findings: await page.locator(`#${id} [data-finding]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding'))),
    offers: await page.locator(`#${id} [data-offer]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-offer'))),
    differs: await page.locator(`#${id} [data-finding][data-differs]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-finding'))),
  });
  const a = await col('pilot-active');
  const b = await col('pilot-pilot');
  assert.deepEqual(a.findings, expectedOrder(active).findings);
  assert.deepEqual(b.findings, expectedOrder(pilot).findings);
  assert.deepEqual(a.offers, expectedOrder(active).offers);
  assert.deepEqual(b.offers, expectedOrder(pilot).offers);
  // Without its first stress question, 1.1.0 does not find parental stress: marked.
  assert.ok(a.differs.includes('parental_stress'), JSON.stringify(a));
  assert.ok(!b.findings.includes('parental_stress'));
  assert.match(await text('#pilot-pilot'), /stress_coping/);
  assert.ok((await page.locator('#pilot-scales-1 tr.differs').count()) > 0, 'the stress scale row is marked');
  await capture('15-clinician-pilot');
  // Parent 2's urgent findings and actions keep their urgent mark in both columns.
  await page.selectOption('#pilot-parent', 'parent-2');
  await page.waitForSelector('#pilot-pilot');
  const p2 = expectedOrder(nativeScore(FORM, response(P2)));
  const first = await page.locator('#pilot-active [data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
  assert.deepEqual(first, p2.findings);
  for (const side of ['pilot-active', 'pilot-pilot']) {
    assert.equal(await assertUrgentMarked(`#${side} [data-finding][data-urgent]`), p2.urgentIds.size);
    assert.equal(await assertUrgentMarked(`#${side} [data-action]`), 2);
  }
  await capture('15b-clinician-pilot-parent-2');
});

// A parent who disclosed violence and thoughts of self-harm, and one who disclosed nothing.
const DISCLOSING = {
  safety_sleep_back: true, safety_car_seat: 'yes', safety_crying_plan: true,
  money_worry: false, hvs1: 'never', hvs2: 'never',
  phq9_1: '3', phq9_2: '2', phq9_3: '2', phq9_4: '2', phq9_5: '1', phq9_6: '2', phq9_7: '1', phq9_8: '1', phq9_9: '2',
  stress_overwhelmed: true, stress_support: false, stress_irritable: true, child_harm_fear: true,
  auditc1: '0',
  violence_ever: true, violence_now: true,
  support_wish: true,
};
const NOTHING = {
  safety_sleep_back: true, safety_car_seat: 'yes', safety_crying_plan: true,
  money_worry: false, hvs1: 'never', hvs2: 'never',
  phq9_1: '0', phq9_2: '0',
  stress_overwhelmed: false, stress_support: true, stress_irritable: false, child_harm_fear: false,
  auditc1: '0',
  violence_ever: false,
  support_wish: false,
};

test('the closing screen is byte-identical whatever the parent disclosed', async () => {
  const other = await newPage(browser);
  try {
    const { page } = other;
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('body[data-ready="ok"]');
    const closing = [];
    for (const [who, answers] of [['parent-1', DISCLOSING], ['parent-2', NOTHING]]) {
      if (who === 'parent-1') {
        await page.fill('#pin-new', PIN);
        await page.fill('#pin-again', PIN);
      } else {
        await unlock(page);
      }
      await page.check(`#respondent-${who}`);
      await page.check('#locale-sv');
      await page.click('#start');
      await page.waitForSelector('#questions');
      for (const [item, value] of Object.entries(answers)) await page.check(`#q-${item}-${value}`);
      assert.equal(await page.locator('#progress-text').innerText().then((t) => /^(\d+) av \1 /.test(t)), true);
      await page.click('#finish');
      await page.waitForSelector('#done-next');
      // The live regions are part of the text compared: leaving the form emptied them.
      closing.push(await page.evaluate(() => ({
        text: document.body.innerText,
        dom: document.body.textContent,
        title: document.title,
        lang: document.documentElement.lang,
      })));
      await assertParentScreen(`closing ${who}`, page);
      await page.click('#done-next');
      await page.waitForSelector('#unlock');
    }
    assert.match(closing[0].text, /Tack för dina svar/);
    assert.equal(closing[0].text, closing[1].text);
    assert.equal(closing[0].dom, closing[1].dom);
    assert.deepEqual(closing[0], closing[1]);
    // The answers did differ: the nurse sees urgent findings for the first, none for the second.
    const urgent = (answers, id) => nativeScore(FORM, { respondent: { id }, context: { childAgeDays: AGE, locale: 'sv' }, answers })
      .findings.filter((f) => f.severity === 'urgent').map((f) => f.id);
    assert.deepEqual(urgent(DISCLOSING, 'parent-1'), ['child_at_risk', 'self_harm', 'violence_ongoing']);
    assert.deepEqual(urgent(NOTHING, 'parent-2'), []);
    assert.deepEqual(other.log.errors, []);
  } finally {
    await other.context.close();
  }
});

test('five wrong PINs in a row close the PIN prompt, even to the right PIN', async () => {
  const other = await newPage(browser);
  try {
    const { page } = other;
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('body[data-ready="ok"]');
    await page.fill('#pin-new', PIN);
    await page.fill('#pin-again', PIN);
    await page.click('#start');
    await page.click('#finish');
    await page.click('#finish-anyway');
    await page.click('#done-next');
    await page.click('#unlock');
    for (let i = 1; i <= 5; i++) {
      await page.fill('#pin-enter', `000${i}`);
      await page.click('#pin-submit');
      await page.waitForFunction(() => document.getElementById('pin-err').textContent !== '');
    }
    assert.match(await page.locator('#pin-err').innerText(), /För många försök/);
    await page.fill('#pin-enter', PIN);
    await page.click('#pin-submit');
    assert.match(await page.locator('#pin-err').innerText(), /För många försök/);
    await assertParentScreen('PIN prompt locked', page);
  } finally {
    await other.context.close();
  }
});

test('the form in Somali and English: texts, lang and dir, and axe (on a second tablet)', async () => {
  const other = await newPage(browser);
  try {
    const { page } = other;
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('body[data-ready="ok"]');
    for (const [locale, yes, decline, n] of [['so', 'Haa', 'Doorbidi maayo inaan ka jawaabo', 16], ['en', 'Yes', 'I’d rather not answer', 17]]) {
      if (locale === 'en') {
        // A reload is a new, empty visit: the staff side opens for a new PIN.
        await page.reload();
        await page.waitForSelector('body[data-ready="ok"]');
      }
      await page.check(`#locale-${locale}`);
      await page.fill('#pin-new', PIN);
      await page.fill('#pin-again', PIN);
      await page.click('#start');
      await page.waitForSelector('#questions');
      assert.equal(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join()), `${locale},ltr`);
      assert.equal(await page.locator('#unverified').isVisible(), locale === 'so');
      assert.equal(await page.locator('label[for="q-safety_sleep_back-true"]').innerText(), yes);
      assert.equal(await page.locator('label[for="q-safety_sleep_back-__declined"]').innerText(), decline);
      await capture(`${n}-form-${locale}-start`, page);
    }
    assert.deepEqual(await cspViolations(page, other.log), []);
    assert.deepEqual(other.log.errors, []);
  } finally {
    await other.context.close();
  }
});

test('every screen passes axe-core: no violation of any impact', () => {
  assert.ok(screens.length >= 21, `screens scanned: ${screens}`);
  assert.deepEqual(axeFailures, []);
});

test('every parent screen was walked and none leads to the nurse’s view', () => {
  for (const s of ['form', 'unanswered note', 'form filled', 'closing', 'neutral', 'PIN prompt', 'form ar', 'closing ar', 'closing parent-1', 'closing parent-2']) {
    assert.ok(parentScreens.includes(s), `${s} not walked: ${parentScreens}`);
  }
});

test('no CSP violation, no page error, and no request left 127.0.0.1', async () => {
  const { page, log } = tab;
  assert.deepEqual(await cspViolations(page, log), []);
  assert.deepEqual(log.errors, []);
  const foreign = log.requests.filter((u) => !u.startsWith(server.origin + '/'));
  assert.deepEqual(foreign, []);
  assert.ok(log.requests.some((u) => u.endsWith('/pkg/web/trygg_wasm_bg.wasm')), 'the module was loaded');
  // Only the page, its modules, the runtime module and the precompiled forms were asked for:
  // not the authoring build, not the definitions as shipped.
  const paths = [...new Set(server.requests.map((r) => r.path))];
  for (const p of paths) assert.match(p, /^\/(index\.html|app\.js|parent-form\.js|i18n\.js|offer-key\.js|style\.css|favicon\.svg|pkg\/web\/[\w./-]+|pkg\/forms\/(index\.js|[\w.-]+@[\w.+-]+\.js))$/, p);
});

test('nothing is stored in the browser', async () => {
  const { page, context } = tab;
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
  const state = await context.storageState();
  assert.deepEqual(state.cookies, []);
  assert.deepEqual(state.origins, []);
});

test('self-check: the CSP check and the storage check can fail', async () => {
  const probe = await newPage(browser);
  await probe.page.goto(`${server.origin}/`);
  await probe.page.waitForSelector('body[data-ready="ok"]');
  await probe.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
    document.body.setAttribute('style', 'color: red');
    localStorage.setItem('x', '1');
  });
  await probe.page.waitForFunction(() => window.__csp.length >= 2);
  assert.equal(await probe.page.evaluate(() => window.inlineRan), undefined, 'inline script was blocked');
  assert.ok((await cspViolations(probe.page, probe.log)).length >= 2);
  assert.equal((await probe.context.storageState()).origins.length, 1);
  await probe.context.close();
});
