import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { bulkNote, bulkOutcome, planAnswer } from './bulk-result.ts';
import { bulkItem } from './test-fixtures.ts';

const forbidden = new CombinedError({ graphQLErrors: [new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } })] });
const sent = [bulkItem('10507-KDC01'), bulkItem('10507-KDC02'), bulkItem('10507-KDC03')];

describe('planAnswer', () => {
  it('gives the dry run, or nothing while it loads', () => {
    const plan = { __typename: 'WorkflowBulkPlan' as const, summary: '1 hồ sơ sẵn sàng, 0 hồ sơ bỏ qua', ready: [bulkItem('10507-KDC01')], skipped: [] };
    expect(planAnswer({ data: { workflowBulkPlan: plan } }, '10507')).toEqual({ kind: 'plan', plan });
    expect(planAnswer({}, '10507')).toBeUndefined();
  });

  it('says in Vietnamese why there is none: an unknown area, one out of reach, a program without a workflow', () => {
    expect(planAnswer({ data: { workflowBulkPlan: { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Unit 99999 not found' } } }, '99999')).toEqual({
      kind: 'problem',
      text: 'Không tìm thấy địa bàn có mã 99999.',
    });
    expect(planAnswer({ error: forbidden }, '01001')).toEqual({ kind: 'problem', text: 'Bạn không có quyền xét duyệt hồ sơ ở địa bàn 01001.' });
    const noWorkflow = {
      __typename: 'ValidationError' as const,
      code: 'VALIDATION',
      message: 'Chương trình newRural192 không có quy trình công nhận',
      issues: [{ code: 'wrongStep', path: 'programId', message: 'Chương trình newRural192 không có quy trình công nhận' }],
    };
    expect(planAnswer({ data: { workflowBulkPlan: noWorkflow } }, '10507')).toEqual({ kind: 'problem', text: 'Chương trình này không có quy trình xét công nhận.' });
    expect(planAnswer({ error: new CombinedError({ networkError: new Error('offline') }) }, '10507')).toEqual({
      kind: 'problem',
      text: 'Không tải được dữ liệu: [Network] offline',
    });
  });
});

describe('bulkOutcome', () => {
  it('counts what was applied and lists the certificates a recognition issued', () => {
    const items = [
      bulkItem('10507-KDC01', { stepId: null, revision: 6, certificateSerial: '31-SSO-2026-000001-K' }),
      bulkItem('10507-KDC02', { stepId: null, revision: 6, certificateSerial: '31-SSO-2026-000002-M' }),
    ];
    const outcome = bulkOutcome({ data: { bulkActOnAssessments: { __typename: 'WorkflowBulkResult', applied: 2, items } } }, sent);
    expect(outcome).toEqual({ kind: 'done', applied: 2, items });
    expect(bulkNote(outcome)).toEqual({
      tone: 'ok',
      text: 'Đã thực hiện cho 2 hồ sơ; đã cấp 2 giấy công nhận:',
      details: ['10507-KDC01 (Tổ dân phố số 1): 31-SSO-2026-000001-K', '10507-KDC02 (Tổ dân phố số 2): 31-SSO-2026-000002-M'],
    });
    const completed = bulkOutcome({ data: { bulkActOnAssessments: { __typename: 'WorkflowBulkResult', applied: 1, items: [bulkItem('10507-KDC01', { stepId: 'selfAssessment' })] } } }, sent);
    expect(bulkNote(completed)).toEqual({ tone: 'ok', text: 'Đã thực hiện cho 1 hồ sơ.', details: [] });
  });

  it('names the unit of each validation issue from its items[i] path', () => {
    const outcome = bulkOutcome(
      {
        data: {
          bulkActOnAssessments: {
            __typename: 'ValidationError',
            code: 'VALIDATION',
            message: 'kết quả đánh giá chưa đạt, không thể công nhận',
            issues: [
              { code: 'outcomeNotMet', path: 'items[2]', message: '10507-KDC03: kết quả đánh giá chưa đạt, không thể công nhận' },
              { code: 'wrongStep', path: 'items', message: 'an item is listed twice' },
            ],
          },
        },
      },
      sent,
    );
    expect(outcome).toEqual({
      kind: 'invalid',
      issues: [
        { unit: '10507-KDC03 (Tổ dân phố số 3)', message: 'Kết quả đánh giá chưa đạt nên không thể công nhận (có thể quyết định không công nhận).' },
        { unit: null, message: 'Thao tác không phù hợp với bước hiện tại.' },
      ],
    });
    expect(bulkNote(outcome)).toEqual({
      tone: 'error',
      text: 'Không thực hiện được, không hồ sơ nào bị thay đổi:',
      details: [
        '10507-KDC03 (Tổ dân phố số 3): Kết quả đánh giá chưa đạt nên không thể công nhận (có thể quyết định không công nhận).',
        'Thao tác không phù hợp với bước hiện tại.',
      ],
    });
    // An issue out of range keeps its message without a unit.
    const stray = bulkOutcome(
      { data: { bulkActOnAssessments: { __typename: 'ValidationError', code: 'VALIDATION', message: 'x', issues: [{ code: 'missingArtefact', path: 'items[9]', message: 'x' }] } } },
      sent,
    );
    expect(stray).toEqual({ kind: 'invalid', issues: [{ unit: null, message: 'Thiếu tài liệu bắt buộc của bước này.' }] });
  });

  it('asks for a new dry run on a conflict, and says nothing moved', () => {
    const outcome = bulkOutcome(
      { data: { bulkActOnAssessments: { __typename: 'ConflictError', code: 'CONFLICT', message: 'the workflow of 10507-KDC01 changed since revision 1', currentRevision: 2 } } },
      sent,
    );
    expect(outcome).toEqual({ kind: 'conflict' });
    expect(bulkNote(outcome)).toEqual({
      tone: 'error',
      text: 'Không thực hiện được: có hồ sơ đã thay đổi từ lúc xem trước, hãy xem trước lại. Không hồ sơ nào bị thay đổi.',
      details: [],
    });
  });

  it('tells a refusal of the caller’s role, an unknown item and a failed request apart', () => {
    expect(bulkNote(bulkOutcome({ error: forbidden }, sent)).text).toBe(
      'Bạn không có quyền thực hiện thao tác này cho các hồ sơ đã chọn. Không hồ sơ nào bị thay đổi.',
    );
    expect(bulkNote(bulkOutcome({ data: { bulkActOnAssessments: { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Assessment x' } } }, sent)).text).toBe(
      'Không tìm thấy hồ sơ: Assessment x',
    );
    expect(bulkOutcome({ error: new CombinedError({ networkError: new Error('offline') }) }, sent)).toEqual({ kind: 'failed', message: '[Network] offline' });
  });
});
