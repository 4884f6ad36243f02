// Shared by the demo's browser tests: the server, Chromium (launched exactly as
// tests/js/lib/browser.mjs does), the axe-core scan, screenshots, and the native engine.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO = dirname(DEMO);
export const ARTIFACTS = join(REPO, 'tests/artifacts/demo');

// The one npm project of the repository (tests/js) holds playwright-core and axe-core.
const require = createRequire(join(REPO, 'tests/js/package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's headless Chromium with a fresh, empty profile. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * A new page that records every request, console message, page error and CSP violation.
 * The tablet's size: 1024×768 (landscape iPad-class), so screenshots show what a parent sees.
 */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'sv-SE' });
  const page = await context.newPage();
  const log = { requests: [], console: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => log.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  // Collected in the page by a listener the test adds before any page script runs.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return { context, page, log };
}

/** CSP violations the page saw (event listener + console), for an assertion. */
export async function cspViolations(page, log) {
  const events = await page.evaluate(() => window.__csp);
  const console = log.console.filter((m) => /Content Security Policy|Refused to/i.test(m));
  return [...events, ...console];
}

/** axe-core on the whole page; returns every violation, and writes them to the artefacts. */
export async function axe(page, screen, dir = ARTIFACTS) {
  // Evaluated over the DevTools protocol, which the page's CSP does not govern (a <script>
  // tag with this source would be refused by the CSP, as it should be).
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  const violations = result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `axe-${screen}.json`), JSON.stringify({ screen, violations }, null, 1) + '\n');
  return violations;
}

export async function screenshot(page, name, dir = ARTIFACTS) {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The native engine's outcome (the CLI, `trygg score`) for a response or a family. */
export function nativeScore(form, responses) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'trygg-cli', '--', 'score', '--form', form, '--answers', '-'], {
    cwd: REPO, input: JSON.stringify(responses), encoding: 'utf8', maxBuffer: 16 << 20,
  });
  return JSON.parse(out);
}

/** The same key the page puts on an offer (`data-offer`). */
export { offerKey } from '../offer-key.js';
