/** The eight record categories of mission.md, in the order the work calendar asks for them. */
import type { RecordCategory } from '../../../../shared/domain/tables';
import type { TableDef } from '../types';
import { antiDrugDef } from './antiDrug';
import { contractDef } from './contract';
import { disbursementDef, quarterReportDef } from './disbursement';
import { fiscalStatsDef } from './fiscalStats';
import { grantDef } from './grant';
import { ordinanceDef, ordinanceItemDef } from './ordinance';
import { planAmendmentDef, planDef, planProjectDef } from './plan';
import { visionDef } from './vision';

export interface CategoryDef {
  key: RecordCategory;
  sections: readonly TableDef[];
}

export const CATEGORIES: readonly CategoryDef[] = [
  { key: 'vision', sections: [visionDef] },
  { key: 'plan', sections: [planDef, planAmendmentDef, planProjectDef] },
  { key: 'ordinance', sections: [ordinanceDef, ordinanceItemDef] },
  { key: 'contract', sections: [contractDef] },
  { key: 'disbursement', sections: [disbursementDef, quarterReportDef] },
  { key: 'grant', sections: [grantDef] },
  { key: 'fiscalStats', sections: [fiscalStatsDef] },
  { key: 'antiDrug', sections: [antiDrugDef] },
];

export const TABLE_DEFS = Object.fromEntries(CATEGORIES.flatMap((c) => c.sections).map((def) => [def.table, def])) as Record<string, TableDef>;

export { antiDrugDef, contractDef, disbursementDef, quarterReportDef, fiscalStatsDef, grantDef, ordinanceDef, ordinanceItemDef, planAmendmentDef, planDef, planProjectDef, visionDef };
