#!/usr/bin/env node
// Runs the Nu HTML checker (npm `vnu-jar`, on the machine's Java) over every page the browser
// journeys checked: the fixture in fixtures.ts saves each one's HTML to CAIRN_HTML_DIR (default
// test-results/html). Prints each error with its file, line and message, and exits non-zero on
// any error, or when there are no saved pages (a run that saved nothing checked nothing).
// The checker's errors include a heading that skips a level (an h3 straight after an h1).
//
//   node check-html.mjs [DIR]
//
// Java: JAVA (a path) or `java` on PATH; scripts/test.sh installs Debian's default-jre-headless.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? process.env.CAIRN_HTML_DIR ?? join(here, 'test-results', 'html');
// The package's main export is the path of vnu.jar (its own runner would download a Java
// runtime when none is on PATH; this one never downloads anything).
const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const java = process.env.JAVA ?? 'java';

// Messages the checker gives about pages that are right. Each entry says why it is wrong.
const FALSE_POSITIVES = [
  // None so far: add a regular expression matched against the message, with the reason.
];

const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => join(dir, f))
  : [];
if (files.length === 0) {
  console.error(`check-html: no saved pages in ${dir}; run the browser tests first (npx playwright test)`);
  process.exit(1);
}

// One JVM for every file: its start-up is most of the time. --exit-zero-always so the exit
// status below is decided here, after the false positives are set aside.
const run = spawnSync(
  java,
  ['-Xss8m', '-jar', vnuJar, '--errors-only', '--format', 'json', '--exit-zero-always', ...files],
  { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
);
if (run.error) {
  console.error(`check-html: could not run ${java} (${run.error.message}); install Java (Debian: default-jre-headless)`);
  process.exit(1);
}
if (run.status !== 0) {
  console.error(`check-html: the Nu HTML checker failed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
let report;
try {
  // The JSON report goes to standard error.
  report = JSON.parse(run.stderr);
} catch (e) {
  console.error(`check-html: could not read the checker's report (${e.message}):\n${run.stderr.slice(0, 2000)}`);
  process.exit(1);
}

const errors = report.messages.filter(
  (m) => (m.type === 'error' || m.type === 'non-document-error') && !FALSE_POSITIVES.some((re) => re.test(m.message)),
);
for (const m of errors) {
  const file = m.url ? relative(process.cwd(), fileURLToPath(m.url)) : '(no file)';
  const where = m.lastLine ? `:${m.lastLine}${m.lastColumn ? `:${m.lastColumn}` : ''}` : '';
  const extract = m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
  console.log(`${file}${where}: ${m.message}${extract}`);
}
const withErrors = new Set(errors.map((m) => m.url)).size;


console.log(
  `check-html: ${files.length} pages checked, ${errors.length} errors on ${withErrors} pages` +
    (errors.length ? '' : ' (valid HTML)'),
);
process.exit(errors.length ? 1 : 0);
