-- Field visits are synced records too.
ALTER TABLE records DROP CONSTRAINT records_table_name_check;
ALTER TABLE records ADD CONSTRAINT records_table_name_check CHECK (table_name IN (
  'visions', 'plans', 'planAmendments', 'planProjects',
  'ordinances', 'ordinanceItems', 'contracts', 'disbursements',
  'quarterReports', 'grants', 'fiscalStats', 'antiDrugActivities', 'fieldVisits'));
