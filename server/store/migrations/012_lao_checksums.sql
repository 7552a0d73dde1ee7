-- Running scope checksums (issue 18, item 4). A pull that reaches the head
-- sends the scope's checksum (shared/sync/checksum.ts: the first 32 bits of
-- md5(id:version) of every live row, summed mod 2^32). Computing it meant
-- hashing every row of the scope on every pull (an officer's few thousand
-- rows, a supervisor's whole province). The sum is additive, so it is kept
-- per LAO here and a pull adds up one row per LAO of its scope.
--
-- The sums are kept by statement triggers on records, in the transaction of
-- the write whatever wrote it (push, seed, migration, a test), so they never
-- disagree with the rows: the REPEATABLE READ snapshot of a pull sees both
-- as of the same moment. push.ts takes the rows of the LAOs a batch writes
-- in LAO order before it writes, so two pushes cannot deadlock on them.
CREATE TABLE lao_checksums (
  province_code  text NOT NULL,
  lao_id         text NOT NULL,
  checksum       bigint NOT NULL CHECK (checksum >= 0 AND checksum < 4294967296),
  PRIMARY KEY (province_code, lao_id)
);

CREATE FUNCTION record_checksum_term(id uuid, version bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ('x' || substr(md5(id::text || ':' || version::text), 1, 8))::bit(32)::bigint $$;

-- Adds each LAO's change (rows come, rows go: deleted rows count as gone) to its sum.
CREATE FUNCTION lao_checksums_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO lao_checksums (province_code, lao_id, checksum)
      SELECT province_code, lao_id, sum(record_checksum_term(id, version)) % 4294967296
      FROM new_rows WHERE NOT deleted GROUP BY province_code, lao_id ORDER BY province_code, lao_id
      ON CONFLICT (province_code, lao_id) DO UPDATE SET checksum = (lao_checksums.checksum + EXCLUDED.checksum) % 4294967296;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO lao_checksums (province_code, lao_id, checksum)
      SELECT province_code, lao_id, ((sum(term) % 4294967296) + 4294967296) % 4294967296
      FROM (SELECT province_code, lao_id, record_checksum_term(id, version) AS term FROM new_rows WHERE NOT deleted
            UNION ALL
            SELECT province_code, lao_id, -record_checksum_term(id, version) FROM old_rows WHERE NOT deleted) AS change
      GROUP BY province_code, lao_id ORDER BY province_code, lao_id
      ON CONFLICT (province_code, lao_id) DO UPDATE SET checksum = (lao_checksums.checksum + EXCLUDED.checksum) % 4294967296;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO lao_checksums (province_code, lao_id, checksum)
      SELECT province_code, lao_id, (4294967296 - sum(record_checksum_term(id, version)) % 4294967296) % 4294967296
      FROM old_rows WHERE NOT deleted GROUP BY province_code, lao_id ORDER BY province_code, lao_id
      ON CONFLICT (province_code, lao_id) DO UPDATE SET checksum = (lao_checksums.checksum + EXCLUDED.checksum) % 4294967296;
  ELSE
    DELETE FROM lao_checksums;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER records_checksum_insert AFTER INSERT ON records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lao_checksums_apply();
CREATE TRIGGER records_checksum_update AFTER UPDATE ON records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lao_checksums_apply();
CREATE TRIGGER records_checksum_delete AFTER DELETE ON records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lao_checksums_apply();
CREATE TRIGGER records_checksum_truncate AFTER TRUNCATE ON records
  FOR EACH STATEMENT EXECUTE FUNCTION lao_checksums_apply();

INSERT INTO lao_checksums (province_code, lao_id, checksum)
  SELECT province_code, lao_id, sum(record_checksum_term(id, version)) % 4294967296
  FROM records WHERE NOT deleted GROUP BY province_code, lao_id;
