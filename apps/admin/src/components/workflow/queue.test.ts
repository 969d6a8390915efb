import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { actsInWorkflow, clockTime, concernsQueue, queueAnswer, queueChoiceFromQuery, queueChoiceToQuery, queueVariables, type QueueChoice } from './queue.ts';
import { queueItem } from './test-fixtures.ts';

const defaults = { programId: 'safeSecurityOrder', year: 2026, area: '10507', actionableOnly: true };
const ward: QueueChoice = { programId: 'safeSecurityOrder', year: 2026, area: '10507', kind: '', overdueOnly: false, actionableOnly: false };

describe('the work list’s choice in the URL', () => {
  it('reads program, year, area, kind and both filters, the area and "tôi xử lý được" defaulting to the caller’s roles', () => {
    expect(queueChoiceFromQuery(new URLSearchParams(''), defaults)).toEqual({ ...ward, actionableOnly: true });
    expect(queueChoiceFromQuery(new URLSearchParams(''), { ...defaults, area: '', actionableOnly: false })).toEqual({ ...ward, area: '' });
    expect(queueChoiceFromQuery(new URLSearchParams('program=modelWardPolice&year=2025&area=31&kind=ward&overdue=1&actionable=0'), defaults)).toEqual({
      programId: 'modelWardPolice',
      year: 2025,
      area: '31',
      kind: 'ward',
      overdueOnly: true,
      actionableOnly: false,
    });
  });

  it('writes it back with "actionable" always, so the link means the same for someone else', () => {
    expect(queueChoiceToQuery(ward)).toEqual({ program: 'safeSecurityOrder', year: '2026', area: '10507', kind: undefined, overdue: undefined, actionable: '0' });
    const url = new URLSearchParams(Object.entries(queueChoiceToQuery({ ...ward, kind: 'residentialArea', overdueOnly: true })).filter((entry): entry is [string, string] => entry[1] !== undefined));
    expect(queueChoiceFromQuery(url, defaults)).toEqual({ ...ward, kind: 'residentialArea', overdueOnly: true });
  });

  it('asks for the list once an area is chosen', () => {
    expect(queueVariables({ ...ward, area: ' ' })).toBeUndefined();
    expect(queueVariables({ ...ward, kind: 'residentialArea', overdueOnly: true })).toEqual({
      programId: 'safeSecurityOrder',
      periodYear: 2026,
      areaCode: '10507',
      unitKinds: ['residentialArea'],
      overdueOnly: true,
      actionableOnly: false,
    });
  });

  it('opens on what the caller may do when one of their roles acts in a workflow', () => {
    expect(actsInWorkflow([{ permissions: ['assessments.read', 'workflow.act'] }])).toBe(true);
    expect(actsInWorkflow([{ permissions: ['reports.read', 'assessments.read'] }])).toBe(false);
    expect(actsInWorkflow([])).toBe(false);
  });
});

describe('queueAnswer', () => {
  const queue = { __typename: 'WorkflowQueue' as const, total: 1, overdue: 1, actionable: 0, items: [queueItem('10507-KDC02')] };

  it('gives the list, or nothing while loading', () => {
    expect(queueAnswer({ data: { workflowQueue: queue } }, '10507')).toEqual({ kind: 'list', list: queue });
    expect(queueAnswer({}, '10507')).toBeUndefined();
  });

  it('tells an unknown area, an area outside the caller’s roles and a program without a workflow in Vietnamese', () => {
    expect(queueAnswer({ data: { workflowQueue: { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Unit "99999" does not exist' } } }, '99999')).toEqual({
      kind: 'problem',
      text: 'Không tìm thấy địa bàn có mã 99999.',
    });
    const forbidden = new CombinedError({ graphQLErrors: [{ message: 'may not', extensions: { code: 'FORBIDDEN' } }] });
    expect(queueAnswer({ error: forbidden }, '01')).toEqual({ kind: 'problem', text: 'Bạn không có quyền xem hồ sơ ở địa bàn 01.' });
    const noWorkflow = { __typename: 'ValidationError' as const, code: 'VALIDATION', message: 'no workflow', issues: [{ code: 'wrongStep', path: 'programId', message: 'no workflow' }] };
    expect(queueAnswer({ data: { workflowQueue: noWorkflow } }, '10507')).toEqual({ kind: 'problem', text: 'Chương trình này không có quy trình xét công nhận.' });
  });
});

describe('live updates', () => {
  it('ask for the list again only for a change of its period', () => {
    expect(concernsQueue({ periodYear: 2026 }, ward)).toBe(true);
    expect(concernsQueue({ periodYear: 2027 }, ward)).toBe(false);
  });

  it('say when as hh:mm on the browser’s clock', () => {
    expect(clockTime(new Date(2026, 10, 23, 9, 5, 59))).toBe('09:05');
    expect(clockTime(new Date(2026, 10, 23, 21, 40).toISOString())).toBe('21:40');
  });
});
