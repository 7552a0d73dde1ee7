-- Sign-off of periods (issue 17): a supervisor verifies an LAO's task for its
-- period; while the sign-off is active (not reopened) the records the task
-- judged are locked (shared/calendar/signoff.ts). Rows are never deleted: a
-- reopening stamps who, when and why, so the table is its own audit trail.
CREATE TABLE signoffs (
  id             uuid PRIMARY KEY,
  province_code  text NOT NULL,
  lao_id         text NOT NULL,
  fiscal_year    integer NOT NULL,
  task_id        text NOT NULL,
  -- the task's rule when signed: what it judged, whatever later calendars say
  rule           jsonb NOT NULL,
  -- {year, month} for an every-month task; null for the task's whole period
  month          jsonb,
  signed_by      text NOT NULL,
  signed_at      timestamptz NOT NULL,
  note           text NOT NULL,
  reopened_by    text,
  reopened_at    timestamptz,
  reopen_reason  text
);
CREATE INDEX signoffs_lao_active ON signoffs (lao_id) WHERE reopened_at IS NULL;
CREATE INDEX signoffs_province ON signoffs (province_code, fiscal_year);
