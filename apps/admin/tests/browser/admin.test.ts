import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCertificateSerial } from '@antt/criteria';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphqlProxy } from '../../vite.config.ts';

/*
 * The admin as a person sees it: a real API on its own seeded PGlite database, the production build
 * served by `vite preview` proxying /graphql to it, and Debian's Chromium driven by playwright-core.
 * Never downloads a browser: without /usr/bin/chromium the whole suite is reported as skipped.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const adminDir = fileURLToPath(new URL('../..', import.meta.url));
const apiDir = join(adminDir, '..', 'api');
const screenshots = join(adminDir, 'tests', 'browser', 'screenshots');
const PERIOD_YEAR = 2026;
// A demo user the API's seed creates (DEMO_USERS / DEMO_PASSWORD in @antt/db): province admin of 31.
const USERNAME = 'haiphong';
const PASSWORD = 'antt-demo-2026';
const DISPLAY_NAME = 'Quản trị TP Hải Phòng';
const REPORT_PATH = `/?program=safeSecurityOrder&year=${PERIOD_YEAR}&area=31`;
// The head of Tổ dân phố số 1, Thành Đông, who registers and self-assesses it (README, workflow.test.ts).
const UNIT_HEAD = 'truongkdc.thanhdong1';
const UNIT_PATH = `/units/10507-KDC01?year=${PERIOD_YEAR}`;
// The commune police of Thành Đông (31/10507); the seed leaves every item of the ward at registration.
const WARD_POLICE = 'ca.thanhdong';
// The bulk flow moves 10507-KDC01 in 2025, a period no other test here touches (the workflow test acts on 2026).
const BULK_YEAR = 2025;
const BULK_PATH = `/workflow/bulk?program=safeSecurityOrder&year=${BULK_YEAR}&area=10507&action=COMPLETE`;
// The work list acts on 10507-KDC01 in 2027, which the national administrator opens first: no other test touches it.
const QUEUE_YEAR = 2027;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function gql<T>(apiUrl: string, query: string, token?: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Starts `apps/api` on its own port and empty PGlite folder. The process is returned at once, so it is
 * stopped even when something else fails during start-up; `ready` resolves once it answers (the first
 * seed takes 10–30 s).
 */
function startApi(port: number, dataDir: string): { process: ChildProcess; ready: Promise<void> } {
  const tsxCli = createRequire(join(apiDir, 'package.json')).resolve('tsx/cli');
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PGLITE_DATA_DIR: dataDir, SEED_ON_START: 'true' };
  // Always PGlite: a DATABASE_URL in the environment must never point this test at a real server.
  delete env['DATABASE_URL'];
  const child = spawn(process.execPath, [tsxCli, 'src/server.ts'], { cwd: apiDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Should this worker be torn down before afterAll, the API must not outlive it.
  process.once('exit', () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = (async () => {
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${output}`);
      try {
        await gql(`http://127.0.0.1:${port}`, '{ __typename }');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    throw new Error(`The API did not answer in time:\n${output}`);
  })();
  return { process: child, ready };
}

async function stopApi(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The production build, in its own process: vitest runs with NODE_ENV=test, which would give a
 * development JSX runtime with production React inside one bundle.
 */
async function buildAdmin(outDir: string): Promise<void> {
  const viteCli = join(dirname(createRequire(join(adminDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  const child = spawn(process.execPath, [viteCli, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: adminDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output}`);
}

async function signInApi(apiUrl: string, username: string): Promise<string> {
  const data = await gql<{ login: { token?: string } }>(apiUrl, `mutation { login(username: "${username}", password: "${PASSWORD}") { ... on SessionToken { token } } }`);
  if (!data.login.token) throw new Error(`${username} could not sign in`);
  return data.login.token;
}

const QUEUE = `query($year: Int!, $actionableOnly: Boolean) {
  workflowQueue(programId: "safeSecurityOrder", periodYear: $year, areaCode: "10507", actionableOnly: $actionableOnly) {
    ... on WorkflowQueue { total overdue actionable items { assessmentId unitCode unitKind stepId stepTitle overdueDays revision } }
  }
}`;

interface QueueAnswer {
  workflowQueue: {
    total: number;
    overdue: number;
    actionable: number;
    items: Array<{ assessmentId: string; unitCode: string; unitKind: string; stepId: string | null; stepTitle: string | null; overdueDays: number; revision: number }>;
  };
}

describe.skipIf(!existsSync(CHROMIUM))('admin in Chromium', () => {
  let api: ReturnType<typeof startApi> | undefined;
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let apiUrl = '';
  let baseUrl = '';
  let temporary = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    temporary = mkdtempSync(join(tmpdir(), 'antt-admin-browser-'));
    mkdirSync(screenshots, { recursive: true });
    const [apiPort, adminPort] = [await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    const outDir = join(temporary, 'dist');
    api = startApi(apiPort, join(temporary, 'pglite'));
    // The build runs while the API seeds its database.
    await Promise.all([api.ready, buildAdmin(outDir)]);
    server = await preview({
      root: adminDir,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: adminPort, strictPort: true, proxy: graphqlProxy(apiUrl) },
    });
    baseUrl = `http://127.0.0.1:${adminPort}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(() => {
    // A script error in the page fails the test that caused it, with the browser's message.
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopApi(api?.process);
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  });

  it('sends a visitor without a session to the login page and signs in as haiphong', async () => {
    await page.goto(`${baseUrl}${REPORT_PATH}`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(REPORT_PATH);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'login.png') });

    await page.getByLabel('Tên đăng nhập').fill(USERNAME);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await page.getByRole('alert').textContent({ timeout: 15_000 })).toBe('Sai tên đăng nhập hoặc mật khẩu.');

    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // Back on the page the visitor asked for, with who is signed in in the header.
    await page.waitForURL(`${baseUrl}${REPORT_PATH}`);
    expect(await page.getByTestId('signed-in-as').textContent()).toBe(`Đang đăng nhập: ${DISPLAY_NAME}`);
  });

  it('shows the report of province 31 with the real figures, in Vietnamese', async () => {
    const login = await gql<{ login: { token: string } }>(
      apiUrl,
      `mutation { login(username: "${USERNAME}", password: "${PASSWORD}") { ... on SessionToken { token } } }`,
    );
    const expected = await gql<{ report: { summary: string; met: number; units: number } }>(
      apiUrl,
      `{ report(programId: "safeSecurityOrder", periodYear: ${PERIOD_YEAR}, areaCode: "31") { ... on Report { summary met units } } }`,
      login.login.token,
    );
    expect(expected.report.units).toBeGreaterThan(0);

    // The session is kept for the tab: a reload stays signed in.
    await page.goto(`${baseUrl}${REPORT_PATH}`);
    const summary = page.getByTestId('report-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toBe(expected.report.summary);
    expect(expected.report.summary).toMatch(/^\d+\/\d+ đơn vị đạt \(/);
    await page.getByRole('heading', { name: /Thành phố Hải Phòng, năm 2026/ }).waitFor();
    await page.getByRole('heading', { name: 'Tiêu chí chưa đạt nhiều nhất' }).waitFor();
    // The drill-down lists units that did not meet the program, each with its failing criteria.
    await page.locator('.drill-unit .failing li').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'reports.png') });
    await page.screenshot({ path: join(screenshots, 'reports-full.png'), fullPage: true });
  });

  it('finds Hải Phòng on the units page without diacritics', async () => {
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByRole('searchbox').fill('hai phong');
    const result = page.getByRole('link', { name: 'Thành phố Hải Phòng', exact: true });
    await result.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(screenshots, 'units-search.png'), fullPage: true });

    await result.click();
    await page.getByRole('heading', { level: 1, name: 'Thành phố Hải Phòng' }).waitFor();
    await page.getByRole('heading', { name: 'Lịch sử các phiên bản' }).waitFor();
    await page.getByText('Tỉnh Hải Dương').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'unit-detail.png'), fullPage: true });
  });

  it('computes the live preview in the browser as a criterion is toggled', async () => {
    await page.getByRole('link', { name: 'Bộ tiêu chí' }).click();
    await page.getByRole('row', { name: /Thông tư 124\/2021\/TT-BCA, Điều 5/ }).getByRole('link', { name: 'Phiên bản 1' }).click();
    const outcome = page.getByTestId('preview-outcome').locator('.badge');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.textContent()).toBe('Chưa đánh giá');

    await page.getByRole('button', { name: 'Điền mẫu (đạt tất cả)' }).click();
    await page.getByLabel('5.2 — Số đơn vị đạt', { exact: true }).fill('8');
    await page.getByLabel('5.2 — Tổng số đơn vị', { exact: true }).fill('10');
    await expect.poll(() => outcome.textContent()).toBe('Đạt');

    await page.getByLabel('1.1 — Có', { exact: true }).uncheck();
    await expect.poll(() => outcome.textContent()).toBe('Chưa đạt');
    expect(await page.getByTestId('preview-summary').textContent()).toContain('(tiêu chí 1.1)');
    await page.screenshot({ path: join(screenshots, 'live-preview.png'), fullPage: true });
  });

  it('signs out, and sends a session the API no longer accepts back to the login page', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    // A revoked or expired token: the API answers UNAUTHENTICATED, the admin forgets it.
    await page.evaluate(() =>
      sessionStorage.setItem(
        'antt.admin.session',
        JSON.stringify({ token: 'ses_revoked', displayName: 'Không còn hiệu lực', expiresAt: new Date(Date.now() + 3600_000).toISOString() }),
      ),
    );
    await page.goto(`${baseUrl}/units?search=hai+phong`);
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/units?search=hai+phong');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('lets the head of a residential area complete the registration step of its recognition workflow', async () => {
    // Signed out by the test before: the unit page asks for a sign-in and comes back to it.
    await page.goto(`${baseUrl}${UNIT_PATH}`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Tên đăng nhập').fill(UNIT_HEAD);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${baseUrl}${UNIT_PATH}`);

    const panel = page.getByTestId('workflow-panel');
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByRole('heading', { name: `An toàn về an ninh, trật tự — năm ${PERIOD_YEAR}` }).waitFor();
    const current = panel.getByTestId('workflow-current');
    expect(await current.textContent()).toBe('Đang chờ: Đăng ký phấn đấu (Quý I) (Người đứng đầu khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục)');
    expect(await panel.locator('[aria-current="step"] .overdue').textContent()).toMatch(/^Quá hạn \d+ ngày$/);
    expect(await panel.getByText('Chưa có thao tác nào.').count()).toBe(1);

    await panel.getByRole('button', { name: 'Hoàn thành bước' }).click();
    const form = panel.getByRole('form', { name: 'Hoàn thành bước' });
    await form.getByLabel('Tài liệu kèm theo: Bản đăng ký').fill('hoso/dang-ky-2026.pdf');
    await form.getByRole('button', { name: 'Hoàn thành bước' }).click();

    expect(await panel.getByRole('status').textContent({ timeout: 15_000 })).toBe('Đã ghi nhận thao tác.');
    await expect.poll(() => current.textContent(), { timeout: 15_000 }).toBe('Đang chờ: Tự đánh giá, họp bình xét (Người đứng đầu đơn vị chủ trì họp)');
    const history = panel.getByTestId('workflow-history').locator('> li');
    expect(await history.count()).toBe(1);
    const line = await history.first().textContent();
    expect(line).toContain('Người đứng đầu đơn vị');
    expect(line).toContain('Hoàn thành bước “Đăng ký phấn đấu (Quý I)”');
    expect(line).toContain('Tài liệu: Bản đăng ký — hoso/dang-ky-2026.pdf');
    // The table above the panel follows.
    expect(await page.getByTestId('unit-assessments').textContent()).toContain('Đang chờ: Tự đánh giá, họp bình xét');
    await page.screenshot({ path: join(screenshots, 'workflow.png'), fullPage: true });
  });

  it('checks a certificate serial: a typo is caught at once, an unknown serial is not found', async () => {
    await page.getByRole('link', { name: 'Kiểm tra giấy công nhận' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra giấy công nhận' }).waitFor();
    const serial = page.getByLabel('Số hiệu giấy công nhận');
    await serial.fill('31-SSO-2026-000001-?');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Số hiệu không đúng');

    await serial.fill(formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: PERIOD_YEAR, sequence: 999_999 }).toLowerCase());
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const verdict = page.getByTestId('certificate-verdict');
    await verdict.waitFor({ timeout: 15_000 });
    expect(await verdict.textContent()).toBe('Không có giấy công nhận nào mang số hiệu này.');
  });

  it('previews a bulk step completion for the ward police (nothing ready), then moves the one item of a unit head', async () => {
    // Whoever the tests before left signed in, this one starts signed out.
    const signInAt = async (path: string, username: string) => {
      await page.goto(`${baseUrl}/login`);
      await page.evaluate(() => sessionStorage.clear());
      await page.goto(`${baseUrl}${path}`);
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${baseUrl}${path}`);
    };

    await signInAt('/', WARD_POLICE);
    await page.getByRole('link', { name: 'Duyệt hàng loạt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Duyệt hàng loạt' }).waitFor();
    // The area where the officer's role holds is offered.
    const area = page.getByLabel('Địa bàn (mã đơn vị)');
    await expect.poll(() => area.inputValue(), { timeout: 15_000 }).toBe('10507');
    await page.getByLabel('Chương trình').selectOption('safeSecurityOrder');
    await page.getByLabel('Kỳ đánh giá (năm)').selectOption(String(PERIOD_YEAR));
    await page.getByLabel('Thao tác').selectOption('COMPLETE');
    await page.getByRole('button', { name: 'Xem trước' }).click();

    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 30_000 });
    const query = new URL(page.url()).searchParams;
    expect([query.get('program'), query.get('year'), query.get('area'), query.get('action')]).toEqual(['safeSecurityOrder', String(PERIOD_YEAR), '10507', 'COMPLETE']);
    const [, ready, skipped] = /^(\d+) hồ sơ sẵn sàng, (\d+) hồ sơ bỏ qua$/.exec((await summary.textContent()) ?? '') ?? [];
    expect(Number(ready)).toBe(0);
    expect(Number(skipped)).toBeGreaterThan(1);
    await page.getByText('Không có hồ sơ nào bạn có thể chuyển bước lúc này.').waitFor();
    // Each item is skipped because it waits at a step of its unit head, not of the police.
    const reasons = await page.getByTestId('bulk-skipped').locator('tbody tr td.bulk-reason').allTextContents();
    expect(reasons).toHaveLength(Number(skipped));
    for (const reason of reasons) expect(reason).toMatch(/^đang ở bước “[^”]+” của Người đứng đầu/);
    expect(reasons.filter((reason) => reason.startsWith('đang ở bước “Đăng ký phấn đấu (Quý I)”')).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'bulk-preview.png'), fullPage: true });

    // The head of Tổ dân phố số 1 opens a link to the same page: the dry run runs at once.
    await signInAt(BULK_PATH, UNIT_HEAD);
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toBe('1 hồ sơ sẵn sàng, 0 hồ sơ bỏ qua');
    const readyRows = page.getByTestId('bulk-ready').locator('tbody tr');
    expect(await readyRows.count()).toBe(1);
    expect(await readyRows.first().textContent()).toContain('10507-KDC01');
    expect(await readyRows.first().textContent()).toContain('Đăng ký phấn đấu (Quý I)');
    expect(await readyRows.first().getByRole('checkbox').isChecked()).toBe(true);

    const form = page.getByRole('form', { name: 'Hoàn thành bước' });
    await form.getByLabel('Tài liệu kèm theo: Bản đăng ký').fill('hoso/dang-ky-2025.pdf');
    await form.getByRole('button', { name: 'Thực hiện cho 1 hồ sơ' }).click();
    expect(await page.getByTestId('bulk-note').textContent({ timeout: 15_000 })).toBe('Đã thực hiện cho 1 hồ sơ.');
    // The dry run is asked again: the same item now waits at the next step, again the unit head's.
    await expect.poll(() => readyRows.first().textContent(), { timeout: 15_000 }).toContain('Tự đánh giá, họp bình xét');
    await page.screenshot({ path: join(screenshots, 'bulk-applied.png'), fullPage: true });

    // The unit page shows who acted, by name and role.
    await page.goto(`${baseUrl}/units/10507-KDC01?year=${BULK_YEAR}`);
    const history = page.getByTestId('workflow-history').locator('> li');
    await history.first().waitFor({ timeout: 30_000 });
    expect(await history.count()).toBe(1);
    const line = await history.first().textContent();
    expect(line).toContain('Tổ trưởng Tổ dân phố số 1, Thành Đông — Người đứng đầu đơn vị');
    expect(line).toContain('Tài liệu: Bản đăng ký — hoso/dang-ky-2025.pdf');
  });

  it('lists the overdue work of a ward, and follows an action someone else takes without a reload', async () => {
    const police = await signInApi(apiUrl, WARD_POLICE);
    const admin = await signInApi(apiUrl, 'bocongan');
    const opened = await gql<{ openAssessment: { __typename: string } }>(
      apiUrl,
      `mutation($input: OpenAssessmentInput!) { openAssessment(input: $input) { __typename } }`,
      admin,
      { input: { unitCode: '10507-KDC01', programId: 'safeSecurityOrder', periodYear: QUEUE_YEAR } },
    );
    expect(opened.openAssessment.__typename).toBe('Assessment');

    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${baseUrl}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Tên đăng nhập').fill(WARD_POLICE);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${baseUrl}/`);

    // The ward police may act on nothing at registration: their list opens on what they may do, empty.
    await page.getByRole('link', { name: 'Việc cần xử lý' }).click();
    await page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).waitFor();
    const actionableOnly = page.getByLabel('Chỉ hồ sơ tôi xử lý được');
    await expect.poll(() => actionableOnly.isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByLabel('Địa bàn (mã đơn vị)').inputValue()).toBe('10507');
    await page.getByLabel('Kỳ đánh giá (năm)').selectOption(String(PERIOD_YEAR));
    await actionableOnly.uncheck();
    await page.getByRole('button', { name: 'Xem danh sách' }).click();
    await page.waitForURL((url) => url.searchParams.get('actionable') === '0' && url.searchParams.get('year') === String(PERIOD_YEAR));

    // The same counts and items as the API gives the officer; today decides how late registration is.
    const expected = (await gql<QueueAnswer>(apiUrl, QUEUE, police, { year: PERIOD_YEAR, actionableOnly: false })).workflowQueue;
    const counts = page.getByTestId('queue-counts');
    await counts.waitFor({ timeout: 30_000 });
    expect(await counts.locator('.figure-value').allTextContents()).toEqual([expected.total, expected.overdue, expected.actionable].map(String));
    const rows = page.getByTestId('queue-items').locator('tbody tr');
    expect(await rows.count()).toBe(expected.items.length);
    const residential = expected.items.filter((item) => item.unitKind === 'residentialArea' && item.stepId === 'registration');
    expect(residential.length).toBeGreaterThan(1);
    // Registration was due on 31 March of the period.
    const late = Math.max(0, Math.floor((Date.now() - Date.UTC(PERIOD_YEAR, 2, 31)) / 86_400_000));
    for (const item of residential) {
      const row = page.locator(`tbody tr[data-unit="${item.unitCode}"]`);
      expect(await row.locator('.queue-step').textContent()).toBe('Đăng ký phấn đấu (Quý I)');
      expect(Math.abs(item.overdueDays - late)).toBeLessThanOrEqual(1);
      expect(await row.locator('.queue-late').textContent()).toBe(item.overdueDays > 0 ? `Quá hạn ${item.overdueDays} ngày` : 'Trong hạn');
    }
    expect(await rows.first().getByRole('link').getAttribute('href')).toBe(`/units/${expected.items[0]!.unitCode}?year=${PERIOD_YEAR}`);
    expect(await page.getByRole('link', { name: 'Duyệt hàng loạt các hồ sơ này' }).getAttribute('href')).toBe(
      `/workflow/bulk?program=safeSecurityOrder&year=${PERIOD_YEAR}&area=10507`,
    );
    await page.screenshot({ path: join(screenshots, 'queue.png'), fullPage: true });

    // The item opened for the next period, at registration; its unit head completes the step elsewhere.
    await page.getByLabel('Kỳ đánh giá (năm)').selectOption(String(QUEUE_YEAR));
    await page.getByRole('button', { name: 'Xem danh sách' }).click();
    const row = page.locator('tbody tr[data-unit="10507-KDC01"]');
    await expect.poll(() => row.locator('.queue-step').textContent(), { timeout: 30_000 }).toBe('Đăng ký phấn đấu (Quý I)');
    expect(await page.getByTestId('queue-updated').count()).toBe(0);
    const [item] = (await gql<QueueAnswer>(apiUrl, QUEUE, police, { year: QUEUE_YEAR, actionableOnly: false })).workflowQueue.items;
    expect(item?.unitCode).toBe('10507-KDC01');
    const head = await signInApi(apiUrl, UNIT_HEAD);
    const acted = await gql<{ actOnAssessment: { __typename: string } }>(
      apiUrl,
      `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) { actOnAssessment(assessmentId: $id, revision: $revision, action: $action) { __typename } }`,
      head,
      { id: item!.assessmentId, revision: item!.revision, action: { type: 'COMPLETE', artefact: { kind: 'registration', documentRef: `hoso/dang-ky-${QUEUE_YEAR}.pdf` } } },
    );
    expect(acted.actOnAssessment.__typename).toBe('Assessment');

    // Pushed over SSE: the open page asks for the list again by itself.
    await expect.poll(() => row.locator('.queue-step').textContent(), { timeout: 15_000 }).toBe('Tự đánh giá, họp bình xét');
    expect(await page.getByTestId('queue-updated').textContent()).toMatch(/^Cập nhật lúc \d\d:\d\d$/);
    await page.screenshot({ path: join(screenshots, 'queue-live.png'), fullPage: true });
  });
  it('opens the reports and criteria sets of the signed-in person’s own province, not the demo one', async () => {
    // Hà Nội (01) has no seeded results; its first administrator is created as a province onboards staff.
    const national = await signInApi(apiUrl, 'bocongan');
    const created = await gql<{ createUser: { oneTimePassword: string } }>(
      apiUrl,
      `mutation($input: CreateUserInput!) { createUser(input: $input) { ... on UserWithOneTimePassword { oneTimePassword } } }`,
      national,
      { input: { username: 'quantri.hanoi', displayName: 'Quản trị TP Hà Nội', role: 'provinceAdmin', scopePath: '01' } },
    );
    const firstSession = await gql<{ login: { token: string } }>(
      apiUrl,
      `mutation($p: String!) { login(username: "quantri.hanoi", password: $p) { ... on SessionToken { token } } }`,
      undefined,
      { p: created.createUser.oneTimePassword },
    );
    await gql(apiUrl, `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "${PASSWORD}-hanoi") { __typename } }`, firstSession.login.token, {
      c: created.createUser.oneTimePassword,
    });

    const signInAs = async (username: string, password: string) => {
      await page.goto(`${baseUrl}/login`);
      await page.evaluate(() => sessionStorage.clear());
      await page.goto(`${baseUrl}/`);
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${baseUrl}/`);
    };

    await signInAs('quantri.hanoi', `${PASSWORD}-hanoi`);
    await expect.poll(() => page.locator('h2.report-heading').textContent(), { timeout: 30_000 }).toMatch(/— Thành phố Hà Nội, năm \d{4}$/);
    await page.locator('.figure').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('Hải Phòng').count()).toBe(0);
    await page.getByRole('link', { name: 'Bộ tiêu chí' }).click();
    await expect.poll(() => page.locator('.page p.muted').first().textContent(), { timeout: 15_000 }).toContain('của tỉnh 01');

    await signInAs('bocongan', PASSWORD);
    await expect.poll(() => page.locator('h2.report-heading').textContent(), { timeout: 30_000 }).toMatch(/— Toàn quốc, năm \d{4}$/);
  });
});
