import { createCatalog, type Catalog } from '../catalog.ts';
import type { CriteriaSetDefinition } from '../definition.ts';
import type { DefinitionIssue } from '../issues.ts';
import type { Result } from '../result.ts';
import { nationalUnitKinds } from '../unit-kinds.ts';
import {
  movementClassificationCommune,
  movementClassificationOrganisation,
  movementClassificationResidentialArea,
} from './movement-classification.ts';
import { modelWardPolice2023, modelWardPolice2024 } from './model-ward-police.ts';
import { newRural192AdvancedFrom2021, newRural192From2016, newRural192From2021 } from './new-rural.ts';
import { nationalPrograms } from './programs.ts';
import { caoBangNgocDaoTypicalCommune2021, haiPhongModelNtmCommune2020, phuThoTypicalOrganisation } from './provincial-examples.ts';
import { tt124AgencyEnterprise, tt124Commune, tt124ResidentialArea, tt124School } from './tt124.ts';
import { tt23Commune } from './tt23.ts';
import { typicalCommune9745 } from './typical-movement.ts';
import { urbanCivilisedCriterion4 } from './urban-civilised.ts';

export { nationalPrograms } from './programs.ts';
export { placeholderGradeBands } from './movement-classification.ts';
export {
  caoBangNgocDaoTypicalCommune2021,
  haiPhongModelNtmCommune2020,
  modelWardPolice2023,
  modelWardPolice2024,
  movementClassificationCommune,
  movementClassificationOrganisation,
  movementClassificationResidentialArea,
  newRural192AdvancedFrom2021,
  newRural192From2016,
  newRural192From2021,
  phuThoTypicalOrganisation,
  tt124AgencyEnterprise,
  tt124Commune,
  tt124ResidentialArea,
  tt124School,
  tt23Commune,
  typicalCommune9745,
  urbanCivilisedCriterion4,
};

/** Every national criteria set, oldest rules first within each program. */
export const nationalTemplates: readonly CriteriaSetDefinition[] = [
  tt23Commune,
  tt124ResidentialArea,
  tt124Commune,
  tt124AgencyEnterprise,
  tt124School,
  newRural192From2016,
  newRural192From2021,
  newRural192AdvancedFrom2021,
  urbanCivilisedCriterion4,
  modelWardPolice2023,
  modelWardPolice2024,
  typicalCommune9745,
  movementClassificationResidentialArea,
  movementClassificationCommune,
  movementClassificationOrganisation,
];

/** Provincial sets that show how a province extends or adds to the national templates. */
export const provincialExamples: readonly CriteriaSetDefinition[] = [
  haiPhongModelNtmCommune2020,
  caoBangNgocDaoTypicalCommune2021,
  phuThoTypicalOrganisation,
];

/**
 * The national programs and templates plus the provincial examples, validated and resolved together.
 *
 * @example
 * const catalog = templateCatalog();
 * if (catalog.ok) catalog.value.get({ setId: 'tt124-commune', version: 1 });
 */
export function templateCatalog(): Result<Catalog, DefinitionIssue[]> {
  return createCatalog({
    programs: nationalPrograms,
    sets: [...nationalTemplates, ...provincialExamples],
    unitKinds: nationalUnitKinds.map((kind) => kind.id),
  });
}
