import { cleanup, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { queueItem } from '../components/workflow/test-fixtures.ts';
import type { WorkflowQueueData } from '../lib/queries/workflow.ts';
import { createSessionStore } from '../lib/session.ts';
import { createUrqlClient } from '../lib/urql.ts';
import { WorkflowQueuePage } from './workflow-queue-page.tsx';

afterEach(cleanup);

const WARD_POLICE = [{ role: 'communePoliceOfficer', scopePath: '31/10507', permissions: ['assessments.read', 'workflow.act'] }];
const PROGRAMS = [
  { id: 'safeSecurityOrder', title: 'An toàn về an ninh, trật tự' },
  { id: 'drugFree', title: 'Không ma túy' },
];

const before: WorkflowQueueData = {
  __typename: 'WorkflowQueue',
  total: 3,
  overdue: 2,
  actionable: 0,
  items: [queueItem('10507-KDC02'), queueItem('10507-KDC03'), queueItem('10507-KDC01', { overdueDays: 0, dueOn: '2026-12-31', stepId: 'selfAssessment', stepTitle: 'Tự đánh giá, họp bình xét' })],
};
const after: WorkflowQueueData = { ...before, overdue: 1, items: [before.items[0]!, queueItem('10507-KDC03', { overdueDays: 0, stepId: 'selfAssessment', stepTitle: 'Tự đánh giá, họp bình xét', revision: 2 }), before.items[2]!] };

/**
 * The API as the page sees it: the viewer, the programs, the work list (`queues` in turn) and one
 * server-sent event stream that stays open; `push` sends an event down it.
 */
function fakeApi(grants: typeof WARD_POLICE, queues: WorkflowQueueData[]) {
  const asked: Array<{ operation: string; variables: Record<string, unknown> }> = [];
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  const json = (data: unknown) => new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    // Queries come as GET (urql's default when short enough), the subscription as POST.
    const params = new URL(String(url)).searchParams;
    const { query, variables } = (
      init?.body ? JSON.parse(String(init.body)) : { query: params.get('query'), variables: JSON.parse(params.get('variables') ?? '{}') }
    ) as { query: string; variables: Record<string, unknown> };
    const operation = /(?:query|subscription) (\w+)/.exec(query)![1]!;
    asked.push({ operation, variables });
    switch (operation) {
      case 'Viewer':
        return json({ viewer: { label: 'user:ca.thanhdong', grants } });
      case 'Programs':
        return json({ programs: PROGRAMS });
      case 'WorkflowQueue':
        return json({ workflowQueue: queues.length > 1 ? queues.shift() : queues[0] });
      case 'WorkflowChanged':
        return new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              stream = controller;
              // Unmounting the page unsubscribes, which aborts the request.
              init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      default:
        throw new Error(`unexpected ${operation}`);
    }
  };
  const push = (change: Record<string, unknown>) => stream!.enqueue(new TextEncoder().encode(`event: next\ndata: ${JSON.stringify({ data: { workflowChanged: change } })}\n\n`));
  return { fetch, asked, push, streaming: () => stream !== undefined };
}

function renderPage(path: string, api: ReturnType<typeof fakeApi>) {
  window.history.replaceState(null, '', path);
  const items = new Map<string, string>();
  const store = createSessionStore({ getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) });
  store.set({ token: 'ses_police', displayName: 'Công an phường Thành Đông', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
  const client = createUrqlClient({ url: 'http://admin.local/graphql', store, fetch: api.fetch as typeof globalThis.fetch, onSignedOut: () => undefined });
  return render(
    <Provider value={client}>
      <WorkflowQueuePage />
    </Provider>,
  );
}

const rowTexts = () => within(screen.getByTestId('queue-items')).getAllByRole('row').slice(1);

describe('WorkflowQueuePage', () => {
  it('opens on the ward of the officer’s role and what they may do, with the counts and the items most overdue first', async () => {
    const api = fakeApi(WARD_POLICE, [before]);
    renderPage('/workflow/queue', api);
    await screen.findByTestId('queue-counts');
    expect(api.asked.find((ask) => ask.operation === 'WorkflowQueue')?.variables).toEqual({
      programId: 'safeSecurityOrder',
      periodYear: new Date().getFullYear(),
      areaCode: '10507',
      overdueOnly: false,
      actionableOnly: true,
    });
    expect((screen.getByLabelText('Chỉ hồ sơ tôi xử lý được') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Địa bàn (mã đơn vị)') as HTMLInputElement).value).toBe('10507');
    // Only programs with a recognition workflow are offered.
    expect(within(screen.getByLabelText('Chương trình')).getAllByRole('option').map((option) => option.textContent)).toEqual(['An toàn về an ninh, trật tự']);

    expect(within(screen.getByTestId('queue-counts')).getAllByText(/^\d+$/).map((figure) => figure.textContent)).toEqual(['3', '2', '0']);
    const rows = rowTexts();
    expect(rows.map((row) => row.getAttribute('data-unit'))).toEqual(['10507-KDC02', '10507-KDC03', '10507-KDC01']);
    expect(within(rows[0]!).getByText('Quá hạn 237 ngày').className).toBe('overdue');
    expect(rows[0]!.textContent).toContain('Đăng ký phấn đấu (Quý I)');
    expect(rows[0]!.textContent).toContain('31/03/2026');
    expect(rows[2]!.textContent).toContain('Trong hạn');
    expect(within(rows[0]!).getByRole('link', { name: '10507-KDC02' }).getAttribute('href')).toBe(`/units/10507-KDC02?year=${new Date().getFullYear()}`);
    expect(screen.getByRole('link', { name: 'Duyệt hàng loạt các hồ sơ này' }).getAttribute('href')).toBe(
      `/workflow/bulk?program=safeSecurityOrder&year=${new Date().getFullYear()}&area=10507`,
    );
  });

  it('asks for the list again when an action on its period is pushed, and says when', async () => {
    const api = fakeApi(WARD_POLICE, [before, after]);
    renderPage('/workflow/queue?program=safeSecurityOrder&year=2026&area=10507&actionable=0', api);
    await screen.findByTestId('queue-items');
    await expect.poll(api.streaming).toBe(true);
    expect(api.asked.find((ask) => ask.operation === 'WorkflowChanged')?.variables).toEqual({ areaCode: '10507', programId: 'safeSecurityOrder' });
    expect(screen.queryByTestId('queue-updated')).toBeNull();

    // Another period's action: nothing to ask.
    api.push({ assessmentId: 'x', unitCode: '10507-KDC01', periodYear: 2027, type: 'COMPLETE', fromStepId: 'registration', toStepId: 'selfAssessment', at: '2026-11-23T02:00:00.000Z' });
    const at = new Date(2026, 10, 23, 9, 41).toISOString();
    api.push({ assessmentId: 'A-10507-KDC03', unitCode: '10507-KDC03', periodYear: 2026, type: 'COMPLETE', fromStepId: 'registration', toStepId: 'selfAssessment', at });
    expect((await screen.findByTestId('queue-updated')).textContent).toBe('Cập nhật lúc 09:41');
    await expect.poll(() => rowTexts()[1]!.textContent).toContain('Tự đánh giá, họp bình xét');
    expect(within(screen.getByTestId('queue-counts')).getAllByText(/^\d+$/).map((figure) => figure.textContent)).toEqual(['3', '1', '0']);
    expect(api.asked.filter((ask) => ask.operation === 'WorkflowQueue')).toHaveLength(2);
  });

  it('tells an area outside the officer’s roles in Vietnamese', async () => {
    const api = fakeApi(WARD_POLICE, [before]);
    const fetch = api.fetch;
    api.fetch = async (url, init) =>
      new URL(String(url)).searchParams.get('query')?.startsWith('query WorkflowQueue')
        ? new Response(JSON.stringify({ data: null, errors: [{ message: 'may not', extensions: { code: 'FORBIDDEN' } }] }), { headers: { 'content-type': 'application/json' } })
        : fetch(url, init);
    renderPage('/workflow/queue?area=01&actionable=0', api);
    expect((await screen.findByRole('alert')).textContent).toBe('Bạn không có quyền xem hồ sơ ở địa bàn 01.');
  });
});
