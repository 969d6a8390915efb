import { builder } from '../builder.ts';
import './scalars.ts';
import './errors.ts';
import './units.ts';
import './criteria-sets.ts';
import './assessments.ts';
import './reports.ts';

export const schema = builder.toSchema({ sortSchema: true });
