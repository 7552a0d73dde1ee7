-- The sums the push rules weigh (shared/domain/context.ts SUM_LOOKUPS): what
-- an item or a contract has been paid, what an item's contracts commit, what
-- an ordinance's items allocate. A push adds each up in PostgreSQL from the
-- live rows of one LAO holding one value (server/sync/batch-context.ts): with
-- these indexes that reads those tens of rows, not every row of the LAO.
CREATE INDEX records_paid_by_item_idx ON records (lao_id, (data ->> 'ordinanceItemId')) WHERE table_name = 'disbursements' AND NOT deleted;
CREATE INDEX records_paid_by_contract_idx ON records (lao_id, (data ->> 'contractId')) WHERE table_name = 'disbursements' AND NOT deleted;
CREATE INDEX records_contracted_by_item_idx ON records (lao_id, (data ->> 'ordinanceItemId')) WHERE table_name = 'contracts' AND NOT deleted;
CREATE INDEX records_allocated_by_ordinance_idx ON records (lao_id, (data ->> 'ordinanceId')) WHERE table_name = 'ordinanceItems' AND NOT deleted;
