/**
 * `npm test`: every suite — unit, integration and (when present) the browser end-to-end
 * tests — then the plain line "N passed, N failed" that CI reads (vitest's own summary is
 * not one CI knows). Exits non-zero on any failure.
 *
 * Browser tests need Debian's chromium; when it is missing they are reported as failed with
 * the command that installs it, never skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../test/e2e/chromium-path.ts';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTotalTests: number;
  success: boolean;
}

const root = join(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'harv-test-report-'));
const passthrough = process.argv.slice(2);

function runVitest(label: string, configFile: string): VitestJson {
  const outputFile = join(outDir, `${label}.json`);
  console.log(`\n── ${label} ──`);
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      configFile,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${outputFile}`,
      ...passthrough,
    ],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  if (!existsSync(outputFile)) {
    console.error(`${label}: vitest produced no report (exit ${res.status ?? res.signal})`);
    return { numPassedTests: 0, numFailedTests: 1, numTotalTests: 1, success: false };
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson;
  // A crash outside any test (a suite that fails to import) shows only in the exit code.
  if (res.status !== 0 && report.numFailedTests === 0) report.numFailedTests = 1;
  return report;
}

const results: VitestJson[] = [runVitest('unit and integration', 'vitest.config.ts')];

const e2eDir = join(root, 'test/e2e');
const hasE2e = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.e2e.ts'));
if (hasE2e) {
  if (chromiumPath() === null) {
    console.error(
      '\nBrowser tests need Chromium, which is not installed.\n' +
        '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n' +
        '  Elsewhere: set HARV_CHROMIUM=/path/to/chromium\n',
    );
    results.push({ numPassedTests: 0, numFailedTests: 1, numTotalTests: 1, success: false });
  } else {
    results.push(runVitest('browser end-to-end', 'vitest.e2e.config.ts'));
  }
}

rmSync(outDir, { recursive: true, force: true });
const passed = results.reduce((n, r) => n + r.numPassedTests, 0);
const failed = results.reduce((n, r) => n + r.numFailedTests, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
