import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

/** The impacts that fail a browser test; moderate and minor ones are left to judgement. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** One serious or critical axe violation on one page. */
export interface AxeFinding {
  /** The page's path and query, and the screenshot's name when the check ran for one. */
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** The start of each element's markup, in the same order: what the element is when its selector says little. */
  elements: string[];
}

/**
 * axe itself, the copy @axe-core/playwright uses, evaluated only when the page does not have it yet: a page is
 * checked many times, and evaluating half a megabyte of script each time made a check take seconds.
 */
const axeSource = (() => {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
  const source = readFileSync(fromBuilder.resolve('axe-core/axe.min.js'), 'utf8');
  return `if (typeof window.axe === 'undefined') {\n${source}\n}`;
})();

/** Runs axe (all of its rules but the experimental ones) on the page as it is now: its serious and critical violations. */
export async function axeFindings(page: Page, label?: string): Promise<AxeFinding[]> {
  await transitionsEnded(page);
  // the legacy mode runs axe in the page itself (the other one opens a blank page to merge each run's parts)
  const results = await new AxeBuilder({ page, axeSource })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const url = new URL(page.url());
  const address = url.protocol.startsWith('http') ? `${url.pathname}${url.search}` : page.url();
  const where = `${address}${label ? ` (${label})` : ''}`;
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => ({
      where,
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' >> ')),
      elements: violation.nodes.map((node) => node.html.slice(0, 160)),
    }));
}

/**
 * Waits (up to a second) for the page's finite animations and transitions, so that a fading dialog is seen whole.
 * Two frames first: a transition driven by script (Mantine's) starts one or two frames after the change.
 */
async function transitionsEnded(page: Page): Promise<void> {
  await page
    .evaluate(() => {
      const settled = (async () => {
        for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
        const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
        await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
      })();
      return Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1000))]);
    })
    .catch(() => undefined);
}

/** The failure message: one line per rule and page, then the elements at fault. */
export function describeFindings(findings: AxeFinding[]): string {
  const lines = findings.map(
    (f) =>
      `- [${f.impact}] ${f.rule} on ${f.where}: ${f.help}\n    ` +
      f.targets
        .slice(0, 8)
        .map((target, i) => `${target}  ${f.elements[i] ?? ''}`)
        .join('\n    '),
  );
  return (
    `axe found ${findings.length} serious or critical accessibility violation(s) ` +
    `(tests/e2e/support/accessibility.ts):\n${lines.join('\n')}`
  );
}

/**
 * What the current test's pages have shown axe so far (tests/e2e/support/test.ts opens one per test).
 * Outside such a test there is none, and a check fails at once.
 */
class AxeRecord {
  constructor(private readonly testInfo: TestInfo) {}

  /** The time axe took is added to the test's own: a check never makes a test run out of time. */
  tookMs(ms: number): void {
    if (this.testInfo.timeout > 0) this.testInfo.setTimeout(this.testInfo.timeout + ms);
  }

  private readonly seen = new Set<string>();
  private readonly checkedUrl = new WeakMap<Page, string>();
  readonly findings: AxeFinding[] = [];

  /** Whether axe has not yet seen the page at its current address. */
  uncheckedHere(page: Page): boolean {
    return !page.isClosed() && page.url() !== 'about:blank' && this.checkedUrl.get(page) !== page.url();
  }

  add(page: Page, findings: AxeFinding[]): void {
    this.checkedUrl.set(page, page.url());
    for (const finding of findings) {
      // the same fault on the same page is reported once, however many times the page was checked
      const key = `${finding.rule}|${finding.where.replace(/ \(.*\)$/, '')}|${finding.targets.join(',')}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.findings.push(finding);
    }
  }
}

let current: AxeRecord | undefined;

export function openAxeRecord(testInfo: TestInfo): AxeRecord {
  current = new AxeRecord(testInfo);
  return current;
}

export function closeAxeRecord(): void {
  current = undefined;
}

/**
 * A serious or critical finding fails the test (TANDEM_AXE=fail, the default); TANDEM_AXE=report only keeps the findings
 * in test-results/axe-findings.jsonl; TANDEM_AXE=off skips axe.
 */
export const axeMode = (process.env.TANDEM_AXE ?? 'fail') as 'fail' | 'report' | 'off';

export function reportFindings(testTitle: string, findings: AxeFinding[]): void {
  mkdirSync('test-results', { recursive: true });
  for (const finding of findings)
    appendFileSync('test-results/axe-findings.jsonl', `${JSON.stringify({ test: testTitle, ...finding })}\n`);
}

/**
 * Checks the page with axe now: inside a test of tests/e2e/support/test.ts the findings are kept and fail the
 * test at its end (all of them listed); elsewhere a finding fails at once.
 */
export async function checkAccessibility(page: Page, label?: string): Promise<void> {
  if (axeMode === 'off' || page.isClosed()) return;
  const started = Date.now();
  const findings = await axeFindings(page, label);
  if (current) {
    current.tookMs(Date.now() - started);
    current.add(page, findings);
  } else if (findings.length > 0 && axeMode === 'fail') throw new Error(describeFindings(findings));
}
