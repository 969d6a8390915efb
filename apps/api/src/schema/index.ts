import { builder } from '../builder.ts';
import './scalars.ts';
import './errors.ts';
import './identity.ts';
import './audit.ts';
import './units.ts';
import './criteria-sets.ts';
import './assessments.ts';
import './reports.ts';
import './imports.ts';
import './packages.ts';
import './restatement.ts';
import './workflow.ts';
import './events.ts';
import './workflow-bulk.ts';
import './workflow-queue.ts';
import './targets.ts';

export const schema = builder.toSchema({ sortSchema: true });
