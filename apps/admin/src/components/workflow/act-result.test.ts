import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { actOutcome, issueMessage, outcomeNote } from './act-result.ts';
import { residentialAreaAssessment } from './test-fixtures.ts';

describe('actOutcome', () => {
  it('returns the new state of the assessment', () => {
    const assessment = residentialAreaAssessment({ currentStep: { id: 'selfAssessment' } });
    expect(actOutcome({ data: { actOnAssessment: assessment } })).toEqual({ kind: 'done', assessment });
    expect(outcomeNote({ kind: 'done', assessment })).toEqual({ tone: 'ok', text: 'Đã ghi nhận thao tác.', details: [] });
  });

  it('tells validation issues in Vietnamese, by code', () => {
    const outcome = actOutcome({
      data: {
        actOnAssessment: {
          __typename: 'ValidationError',
          code: 'VALIDATION',
          message: 'Bước “Đăng ký phấn đấu (Quý I)” cần kèm bản đăng ký',
          issues: [{ code: 'missingArtefact', path: 'action', message: 'Bước “Đăng ký phấn đấu (Quý I)” cần kèm bản đăng ký' }],
        },
      },
    });
    expect(outcome).toEqual({ kind: 'invalid', issues: ['Thiếu tài liệu bắt buộc của bước này.'] });
    expect(outcomeNote(outcome)).toEqual({ tone: 'error', text: 'Không thực hiện được thao tác:', details: ['Thiếu tài liệu bắt buộc của bước này.'] });
  });

  it('keeps the API message of an issue it has no words for', () => {
    expect(issueMessage({ code: 'somethingNew', message: 'Lỗi mới' })).toBe('Lỗi mới');
    expect(issueMessage({ code: 'outcomeNotMet', message: 'kết quả đánh giá chưa đạt, không thể công nhận' })).toBe(
      'Kết quả đánh giá chưa đạt nên không thể công nhận (có thể quyết định không công nhận).',
    );
  });

  it('asks to reload on a conflict, naming the current revision', () => {
    const outcome = actOutcome({ data: { actOnAssessment: { __typename: 'ConflictError', code: 'CONFLICT', message: 'changed', currentRevision: 7 } } });
    expect(outcome).toEqual({ kind: 'conflict', currentRevision: 7 });
    expect(outcomeNote(outcome).text).toBe('Người khác vừa thay đổi hồ sơ này (phiên bản hiện tại: 7). Hãy tải lại rồi thao tác lại.');
  });

  it('says when the assessment is gone', () => {
    const outcome = actOutcome({ data: { actOnAssessment: { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Assessment x' } } });
    expect(outcomeNote(outcome).text).toBe('Không tìm thấy phiếu đánh giá: Assessment x');
  });

  it('tells a FORBIDDEN transport error apart from other failures', () => {
    const forbidden = new CombinedError({ graphQLErrors: [new GraphQLError('no role', { extensions: { code: 'FORBIDDEN' } })] });
    expect(actOutcome({ data: null, error: forbidden })).toEqual({ kind: 'forbidden' });
    expect(outcomeNote({ kind: 'forbidden' }).text).toBe('Bạn không có quyền thực hiện thao tác này ở bước hiện tại.');

    const offline = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(actOutcome({ error: offline })).toEqual({ kind: 'failed', message: '[Network] Failed to fetch' });
  });
});
