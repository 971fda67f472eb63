// Lighthouse's performance score on a phone for four pages of a running `cairn demo`: the
// sign-in page, a kiosk, a unit's public "you said, we did" board and a member's home. Each must
// score at least 95 (MIN_SCORE). Lighthouse's defaults: a mid-range phone's screen, a 4x slower
// CPU and a slow 4G network, simulated. Debian's Chromium, headless; nothing is downloaded.
//
//   CAIRN_BASE_URL=http://127.0.0.1:PORT CAIRN_DEMO_PASSWORD=… node lighthouse.mjs
//
// scripts/test.sh runs it after the browser tests, against the same demo. It signs in over plain
// HTTP (a form post, as a browser would) and hands the session cookie to Lighthouse as an extra
// header for the member's page; it makes its own kiosk link as the demo's lead.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const BASE = (process.env.CAIRN_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const PASSWORD = process.env.CAIRN_DEMO_PASSWORD ?? 'demo-password-e2e';
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium';
const MIN_SCORE = 95;
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];

/** The `name=value` of the session cookie a sign-in sets. */
async function signIn(email) {
  const res = await fetch(`${BASE}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('cairn_session='));
  if (res.status !== 303 || !cookie) {
    throw new Error(`signing in as ${email} answered ${res.status} without a session cookie`);
  }
  return cookie;
}

/** A page's HTML, as someone signed in with `cookie`. */
async function page(path, cookie) {
  const res = await fetch(`${BASE}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return res.text();
}

function first(html, pattern, what) {
  const m = html.match(pattern);
  if (!m) throw new Error(`no ${what} found`);
  return m[1].replaceAll('&amp;', '&');
}

/** A new kiosk link for the first unit the lead may choose, and that unit's public board. */
async function kioskAndBoard(lead) {
  const form = await page('/feedback/kiosks', lead);
  const csrf = first(form, /name="csrf" value="([^"]+)"/, 'form token on the kiosks page');
  const unit = first(form, /name="unit_id"[\s\S]*?<option value="(\d+)"/, 'unit to make a kiosk for');
  const made = await fetch(`${BASE}/feedback/kiosks`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: BASE, Cookie: lead, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, unit_id: unit, label: `Lighthouse ${Date.now()}` }),
  });
  if (made.status !== 200) throw new Error(`making a kiosk link answered ${made.status}`);
  const link = first(await made.text(), /<code class="cairn-secret">\s*([^<\s]+)\s*<\/code>/, 'kiosk link');
  // A unit's board, from the page of a suggestion made on a unit (which links it).
  const list = await page('/feedback', lead);
  for (const [, suggestion] of list.matchAll(/href="(\/feedback\/\d+)"/g)) {
    const board = (await page(suggestion, lead)).match(/href="(\/o\/\d+\/units\/\d+\/you-said-we-did)"/);
    if (board) return { kiosk: new URL(link).pathname, board: board[1] };
  }
  throw new Error("no suggestion on the lead's list links a unit's board");
}

function ms(audit) {
  return audit.id === 'cumulative-layout-shift' ? audit.numericValue.toFixed(3) : `${Math.round(audit.numericValue)} ms`;
}

async function main() {
  const lead = await signIn('lead@demo.cairn.test');
  const member = await signIn('member@demo.cairn.test');
  const { kiosk, board } = await kioskAndBoard(lead);
  const pages = [
    { name: 'sign-in', path: '/sign-in' },
    { name: 'kiosk', path: kiosk },
    { name: 'unit board', path: board },
    { name: "member's home", path: '/home', cookie: member },
  ];

  const flags = ['--headless=new', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'];
  if (process.getuid?.() === 0) flags.push('--no-sandbox');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: flags, logLevel: 'silent' });
  const failures = [];
  try {
    for (const p of pages) {
      const url = `${BASE}${p.path}`;
      const result = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: ['performance'],
        output: 'json',
        logLevel: 'error',
        extraHeaders: p.cookie ? { Cookie: p.cookie } : undefined,
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse gave no result for ${p.name}`);
      if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const final = lhr.finalDisplayedUrl ?? url;
      if (p.cookie && new URL(final).pathname !== p.path) {
        throw new Error(`${p.name}: Lighthouse ended at ${final}, not ${p.path} (not signed in?)`);
      }
      const score = Math.round((lhr.categories.performance.score ?? 0) * 100);
      const metrics = METRICS.map(([id, label]) => `${label} ${ms(lhr.audits[id])}`).join(', ');
      const bytes = lhr.audits['total-byte-weight']?.numericValue ?? 0;
      console.log(`${String(score).padStart(3)}  ${p.name.padEnd(14)} ${metrics}, ${Math.round(bytes / 1024)} KiB transferred`);
      if (score < MIN_SCORE) {
        failures.push(`${p.name} (${p.path.replace(/\/kiosk\/[^/]+/, '/kiosk/…')}) scored ${score}, below ${MIN_SCORE}`);
      }
    }
  } finally {
    await chrome.kill();
  }
  if (failures.length > 0) {
    console.error(`Lighthouse performance below ${MIN_SCORE}:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Lighthouse: every page scored ${MIN_SCORE} or more`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
