import type { WorkflowDefinition } from '../workflow.ts';

/*
 * Recognition workflows from the domain reference (§3.7, §4.1, §6). Who recognises communes after
 * 1 July 2025 is not verified (TT48/2025 was not read): the deciding body is data a province can
 * change, and the steps that rest on practice rather than text are marked unverified.
 */

/** "An toàn về ANTT" for residential areas, agencies, enterprises, schools and communes (TT124). */
export const tt124RecognitionWorkflow: WorkflowDefinition = {
  id: 'tt124-recognition',
  title: { vi: 'Xét công nhận “An toàn về an ninh, trật tự”', en: 'Recognition as "safe in security and order"' },
  programIds: ['safeSecurityOrder'],
  unlockRoles: ['provinceAdmin', 'nationalAdmin'],
  notes: ['Cơ quan công nhận cấp xã sau ngày 01/7/2025 chưa được xác minh (TT48/2025) — tỉnh cấu hình.'],
  steps: [
    {
      id: 'registration',
      title: { vi: 'Đăng ký phấn đấu (Quý I)', en: 'Registration (quarter 1)' },
      actingBody: { vi: 'Người đứng đầu khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục' },
      roles: ['unitHead'],
      artefact: { kind: 'registration', required: true },
      deadline: { from: 'fixed', month: 3, day: 31, yearOffset: 0 },
    },
    {
      id: 'selfAssessment',
      title: { vi: 'Tự đánh giá, họp bình xét', en: 'Self-assessment meeting' },
      actingBody: { vi: 'Người đứng đầu đơn vị chủ trì họp' },
      roles: ['unitHead'],
      artefact: { kind: 'minutes', required: true },
      deadline: { from: 'periodEnd', offsetDays: 0 },
    },
    {
      id: 'verification',
      title: { vi: 'Kiểm tra, tổng hợp hồ sơ', en: 'Verification and compilation' },
      actingBody: { vi: 'Công an xã (Thường trực Ban Chỉ đạo)' },
      roles: ['communePoliceOfficer'],
      artefact: { kind: 'report', required: false },
      deadline: { from: 'periodEnd', offsetDays: 10 },
      canReturnTo: ['selfAssessment'],
    },
    {
      id: 'appraisal',
      title: { vi: 'Thẩm định (họp hoặc lấy ý kiến bằng văn bản)', en: 'Appraisal (meeting or written consultation)' },
      actingBody: { vi: 'Ban Chỉ đạo cấp xã' },
      roles: ['steeringCommitteeMember'],
      artefact: { kind: 'proposal', required: true },
      modes: ['meeting', 'writtenConsultation'],
      deadline: { from: 'periodEnd', offsetDays: 20 },
      canReturnTo: ['selfAssessment', 'verification'],
    },
    {
      id: 'decision',
      title: { vi: 'Quyết định công nhận', en: 'Recognition decision' },
      actingBody: { vi: 'Ủy ban nhân dân có thẩm quyền' },
      roles: ['peoplesCommitteeApprover'],
      artefact: { kind: 'decision', required: true },
      decides: true,
      deadline: { from: 'periodEnd', offsetDays: 30 },
      canReturnTo: ['appraisal'],
      unverified: true,
    },
  ],
};

/** Model ward police: provincial police review, proposal, decision of the Minister (§4.1). */
export const modelWardPoliceWorkflow: WorkflowDefinition = {
  id: 'model-ward-police-recognition',
  title: { vi: 'Công nhận Công an phường điển hình, kiểu mẫu', en: 'Model ward police recognition' },
  programIds: ['modelWardPolice'],
  unlockRoles: ['nationalAdmin'],
  steps: [
    {
      id: 'selfAssessment',
      title: { vi: 'Tự đánh giá theo bộ tiêu chí', en: 'Self-assessment' },
      actingBody: { vi: 'Công an phường' },
      roles: ['communePoliceOfficer'],
      artefact: { kind: 'selfAssessment', required: true },
      deadline: { from: 'periodEnd', offsetDays: 15 },
    },
    {
      id: 'provincialReview',
      title: { vi: 'Họp xét của Công an tỉnh', en: 'Provincial police review' },
      actingBody: { vi: 'Công an tỉnh' },
      roles: ['provincialPoliceOfficer'],
      artefact: { kind: 'minutes', required: true },
      canReturnTo: ['selfAssessment'],
    },
    {
      id: 'proposal',
      title: { vi: 'Đề nghị Bộ Công an công nhận', en: 'Proposal to the Ministry' },
      actingBody: { vi: 'Công an tỉnh' },
      roles: ['provincialPoliceOfficer'],
      artefact: { kind: 'proposal', required: true },
    },
    {
      id: 'decision',
      title: { vi: 'Quyết định của Bộ trưởng Bộ Công an', en: 'Decision of the Minister' },
      actingBody: { vi: 'Bộ Công an' },
      roles: ['ministryOfficer'],
      artefact: { kind: 'decision', required: true },
      decides: true,
      canReturnTo: ['provincialReview'],
    },
  ],
};

export const nationalWorkflows: readonly WorkflowDefinition[] = [tt124RecognitionWorkflow, modelWardPoliceWorkflow];
