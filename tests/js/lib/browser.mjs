// Debian's headless Chromium, driven by playwright-core (see ../../../../shared/SETUP-NOTES.md:
// a browser download of playwright's own is not reachable here).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launch Chromium (a fresh, empty profile each time) and open `url` with trygg loaded. */
export async function openPage(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const page = await browser.newPage();
  const pageErrors = [];
  const urls = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(url);
  await page.waitForFunction(() => window.tryggReady !== undefined, null, { timeout: 30_000 });
  const ready = await page.evaluate(() => window.tryggReady);
  return { browser, page, pageErrors, urls, ready };
}
