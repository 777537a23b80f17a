import { chromium as playwrightChromium, type Browser } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { chromium } from '../../playwright.config.js';
import { seedDevices } from '../../src/server/modules/devices/index.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import { coldLoad, type ColdLoad } from '../pages/cold-load.js';
import { consoleTree, floorFile } from '../pages/console-tree.js';
import { buildStackFloor, stackFloorFolder } from '../pages/stack-floor.js';
import { api, type ConsoleSession } from '../lib/console-api.js';
import { ratioOf, type BenchContext, type Measure, type Scenario } from '../lib/scenario.js';
import { median } from '../lib/stats.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';
import { signInSession } from '../lib/tandem-process.js';

/**
 * P16 — the console's signed-in pages as a newcomer sees them: each page loaded cold (a new browser
 * context, empty cache) in Chromium to meaningful content (bench/pages/cold-load.ts), on a Tandem
 * with 100,000 devices spread over 20 companies (2,000 devices and three pages with --smoke). The
 * floor, in the same run: bench/pages/floor.html (the console's fonts, a heading and one row, no
 * script, no data), served by the same Tandem as a static file of the console (bench/pages/console-tree.ts:
 * BENCH_CONSOLE_DIR measures another build of the console, e.g. the one before a change). Loads alternate
 * between the floor and the pages so that both see the same machine. Target: every page ≤ 2× the
 * floor. Reported beside each page: the server's share (the document, which arrives with the page
 * drawn, and the API requests) and the share of the scripts'
 * download plus execution (the bundle's), and its ratio to the stack floor (bench/pages/stack-floor:
 * React and Mantine alone rendering the floor's content, loaded in turn with the floor), what any page
 * rendered in the browser with the console's libraries costs here.
 */
interface PageSpec {
  name: string;
  path: string;
  /** what must show beside the heading (null: the heading and no loader) */
  data: string | null;
}

const row = 'tbody tr';

function pages(ids: Ids, smoke: boolean): PageSpec[] {
  const all: PageSpec[] = [
    { name: 'Dashboard', path: '/', data: null },
    { name: 'Configure', path: '/configure', data: null },
    { name: 'Devices', path: '/devices', data: row },
    { name: 'Device', path: `/devices/${ids.device}`, data: null },
    { name: 'Companies', path: '/companies', data: row },
    { name: 'Company', path: `/companies/${ids.company}`, data: null },
    { name: 'Users', path: '/users', data: row },
    { name: 'User', path: `/users/${ids.user}`, data: null },
    { name: 'Contacts', path: '/contacts', data: row },
    { name: 'Contact', path: `/contacts/${ids.contact}`, data: null },
    { name: 'Alerts', path: '/alerts', data: null },
    { name: 'Reports', path: '/reports', data: null },
    { name: 'Portals', path: '/portals', data: null },
    { name: 'Portal', path: `/portals/${ids.company}`, data: null },
    { name: 'Support', path: '/support', data: null },
    { name: 'Service desk', path: '/service-desk', data: null },
    { name: 'Sessions', path: '/sessions', data: null },
    { name: 'Seats', path: '/seats', data: null },
    { name: 'Settings', path: '/settings', data: null },
    { name: 'Account', path: '/account', data: null },
    { name: 'Audit log', path: '/audit', data: row },
    { name: 'Outbox', path: '/outbox', data: null },
  ];
  return smoke ? all.filter((p) => ['Dashboard', 'Devices', 'Users'].includes(p.name)) : all;
}

interface Ids {
  company: string;
  user: string;
  device: string;
  contact: string;
}

type Session = ConsoleSession;

type List = { items: { id: string }[] };
const first = (list: List, what: string) => {
  const id = list.items[0]?.id;
  if (!id) throw new Error(`no ${what} to open`);
  return id;
};

/** Twenty companies and a contact through the API, then the devices in one statement. */
async function seed(ctx: BenchContext, baseUrl: string, databaseUrl: string, session: Session, devices: number) {
  for (let i = 1; i <= 20; i++) {
    await api(baseUrl, session, 'POST', '/api/v1/companies', { name: `Customer ${String(i).padStart(2, '0')}` });
  }
  await api(baseUrl, session, 'POST', '/api/v1/contacts', {
    name: 'On-call desk',
    methods: [{ type: 'email', value: 'oncall@example.test' }],
  });
  const database = openDatabase(databaseUrl, { max: 2 });
  try {
    const accountId = (
      await database.db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`)
    ).rows[0]!.id;
    const started = performance.now();
    await seedDevices(database.db, accountId, devices);
    ctx.log(
      `  seeded ${devices.toLocaleString('en')} devices in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await database.close();
  }
  const ids: Ids = {
    company: first(await api<List>(baseUrl, session, 'GET', '/api/v1/companies?limit=1'), 'company'),
    user: first(await api<List>(baseUrl, session, 'GET', '/api/v1/users?limit=1'), 'user'),
    device: first(await api<List>(baseUrl, session, 'GET', '/api/v1/devices?limit=1'), 'device'),
    contact: first(await api<List>(baseUrl, session, 'GET', '/api/v1/contacts?limit=1'), 'contact'),
  };
  // the administrator holds both seats: Support and Service Desk show their work, not "seat needed"
  for (const module of ['remoteSupport', 'serviceDesk']) {
    await api(baseUrl, session, 'POST', `/api/v1/seats/${module}/assignments`, { userId: ids.user });
  }
  return ids;
}

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);
const reported = (scenario: string, metric: string, figure: number, unit: string): Measure => ({
  scenario,
  metric,
  figure,
  unit,
  baseline: null,
  ratio: null,
  judged: 'none',
  target: { op: '<=', value: 0 },
});

export const consolePagesScenario: Scenario = {
  id: 'P16',
  title:
    'console pages, cold load to meaningful content in Chromium (100,000 devices) ÷ a bare page of the same server',
  async run(ctx) {
    const loads = ctx.smoke ? 1 : 2;
    const devices = ctx.smoke ? 2_000 : 100_000;
    const tree = consoleTree();
    await buildStackFloor(tree.consoleDir).catch((err) => {
      tree.remove();
      throw err;
    });
    const stackFloorUrl = (baseUrl: string) => `${baseUrl}/${stackFloorFolder}/index.html`;
    const tandem = await tandemForBench(ctx, { TANDEM_AGENT_HEARTBEAT_SECONDS: '600' }, tree.root).catch((err) => {
      tree.remove();
      throw err;
    });
    let browser: Browser | undefined;
    try {
      const session = await signInSession(tandem.baseUrl, tandem.adminEmail, tandem.adminPassword);
      const ids = await seed(ctx, tandem.baseUrl, tandem.databaseUrl, session, devices);
      const [name, value] = session.cookie.split('=') as [string, string];
      const cookie = { name, value };
      browser = await playwrightChromium.launch({ ...chromium.launchOptions, headless: true });
      const list = pages(ids, ctx.smoke);
      // one warm-up pass (the server's own caches and plans, the browser's start), not counted
      await coldLoad(browser, `${tandem.baseUrl}/${floorFile}`, { data: row });
      await coldLoad(browser, stackFloorUrl(tandem.baseUrl), { data: row });
      const failed = new Map<string, string>();
      for (const page of list) {
        await coldLoad(browser, `${tandem.baseUrl}${page.path}`, { cookie, data: page.data }).catch((error: Error) => {
          failed.set(page.name, error.message);
          ctx.log(`  ${page.name}: ${error.message}`);
        });
      }
      const measured = list.filter((page) => !failed.has(page.name));

      const floor: ColdLoad[] = [];
      const stackFloor: ColdLoad[] = [];
      const byPage = new Map<string, ColdLoad[]>(measured.map((p) => [p.name, []]));
      for (let i = 0; i < loads; i++) {
        for (const [index, page] of measured.entries()) {
          if (index % 3 === 0) {
            floor.push(await coldLoad(browser, `${tandem.baseUrl}/${floorFile}`, { data: row }));
            stackFloor.push(await coldLoad(browser, stackFloorUrl(tandem.baseUrl), { data: row }));
          }
          byPage
            .get(page.name)!
            .push(await coldLoad(browser, `${tandem.baseUrl}${page.path}`, { cookie, data: page.data }));
        }
      }
      const floorMs = median(floor.map((l) => l.ms));
      ctx.log(`  floor (bare page, same server and fonts): ${floorMs.toFixed(0)} ms median of ${floor.length}`);
      const stackMs = median(stackFloor.map((l) => l.ms));
      ctx.log(
        `  stack floor (React and Mantine alone, the same content): ${stackMs.toFixed(0)} ms median of ${stackFloor.length}, ×${(stackMs / floorMs).toFixed(2)} the floor (script run ${median(stackFloor.map((l) => l.scriptRunMs)).toFixed(0)} ms)`,
      );
      const measures: Measure[] = [
        reported('P16', 'floor: bare page of the same server, cold', floorMs, 'ms'),
        reported('P16', 'stack floor: React and Mantine alone, the same content, cold', stackMs, 'ms'),
        reported('P16', 'stack floor ÷ floor', ratioOf(stackMs, floorMs), '×'),
      ];
      for (const page of list) {
        const samples = byPage.get(page.name);
        if (!samples) {
          // never showed its content: a failed row
          measures.push({
            scenario: 'P16',
            metric: `${page.name}, cold load ÷ floor (no meaningful content in 30 s)`,
            figure: NaN,
            unit: 'ms',
            baseline: floorMs,
            ratio: NaN,
            judged: 'ratio',
            target: { op: '<=', value: 2 },
          });
          continue;
        }
        const ms = median(samples.map((l) => l.ms));
        const serverMs = median(samples.map((l) => l.serverMs));
        const bundleMs = median(samples.map((l) => l.scriptDownloadMs + l.scriptRunMs));
        const kib = median(samples.map((l) => l.scriptBytes)) / 1024;
        const requests = samples[0]!.apiRequests;
        ctx.log(
          `  ${page.name.padEnd(13)} ${ms.toFixed(0).padStart(5)} ms  ×${(ms / floorMs).toFixed(2)} (stack floor ×${(ms / stackMs).toFixed(2)})  server ${serverMs.toFixed(0)} ms (${pct(serverMs, ms).toFixed(0)} %)  bundle ${bundleMs.toFixed(0)} ms (${pct(bundleMs, ms).toFixed(0)} %: download ${median(samples.map((l) => l.scriptDownloadMs)).toFixed(0)}, run ${median(samples.map((l) => l.scriptRunMs)).toFixed(0)})  ${kib.toFixed(0)} KiB of script, ${samples[0]!.requests} requests; API: ${requests.join(' ')}`,
        );
        measures.push(
          {
            scenario: 'P16',
            metric: `${page.name} (${page.path.replace(/[0-9a-f-]{36}/, ':id')}), cold load ÷ floor`,
            figure: ms,
            unit: 'ms',
            baseline: floorMs,
            ratio: ratioOf(ms, floorMs),
            judged: 'ratio',
            target: { op: '<=', value: 2 },
          },
          reported('P16', `${page.name}: cold load ÷ stack floor`, ratioOf(ms, stackMs), '×'),
          reported('P16', `${page.name}: server's share (the document and API requests)`, pct(serverMs, ms), '%'),
          reported('P16', `${page.name}: bundle's share (scripts' download + run)`, pct(bundleMs, ms), '%'),
        );
      }
      return measures;
    } finally {
      await browser?.close();
      await tandem.close();
      tree.remove();
    }
  },
};
