import type { WorkflowChange, WorkflowChangeInput } from './workflow-change.ts';

/** A residential area's registration completed: the change the events tests publish. */
export const sampleChangeInput: WorkflowChangeInput = {
  assessmentId: '0b6f3f38-52d6-4b43-9d1f-1d2f6d3c1a01',
  unitId: '5e0c1f0e-7a57-4d5f-8f0e-4c1b1c0f9a02',
  unitPath: '31/10507/10507-KDC01',
  programId: 'safeSecurityOrder',
  periodYear: 2026,
  type: 'complete',
  fromStepId: 'registration',
  toStepId: 'selfAssessment',
  role: 'unitHead',
  locked: false,
  revision: 2,
  certificateSerial: null,
  revokedSerials: [],
};

export const sampleChange: WorkflowChange = { ...sampleChangeInput, unitCode: '10507-KDC01', at: '2026-11-23T08:00:00.000Z' };
