// Drives Debian's headless Chromium for DashboardITCase: opens the dashboard, reports READY once its
// WebSocket feed is live, then reads "<trial id> <fill event id> <trader wallet>" from stdin and
// waits (at most 10 s each) for the trial in the live bets table (SEEN), the fill in the live fills
// table and the trader in the top traders list (TRADE), and saves a screenshot.
//   node dashboard.mjs <dashboard url> <screenshot.png>
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // As root, without a GPU, and with no traffic beyond localhost (this machine has no other network).
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1050 } });
  page.on('console', (m) => console.error('[page] ' + m.type() + ' ' + m.text()));
  page.on('pageerror', (e) => console.error('[page error] ' + e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-feed="live"]', { timeout: 30000 });
  console.log('READY');

  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [trial, fill, trader] = line.trim().split(' ');
    const started = Date.now();
    await page.waitForSelector(`tr[data-trial="${trial}"]`, { timeout: 10000 });
    console.log('SEEN ' + (Date.now() - started));
    await page.waitForSelector(`tr[data-fill="${fill}"]`, { timeout: 10000 });
    await page.waitForSelector(`li[data-trader="${trader}"]`, { timeout: 10000 });
    console.log('TRADE ' + (Date.now() - started));
    await page.waitForTimeout(1700); // the row's highlight fades; charts have loaded
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log('SHOT');
    break;
  }
} finally {
  await browser.close();
}
