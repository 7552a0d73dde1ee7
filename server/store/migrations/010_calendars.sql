-- Calendars as server data (issue 17): every publication of a fiscal year's
-- work calendar, numbered from 1. The newest version of a year is the one in
-- force; a year with none uses the seed calendar (shared/calendar/seedTemplate.ts).
-- Versions are kept: who published, when, the note and what changed.
CREATE TABLE calendar_templates (
  fiscal_year   integer NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  template      jsonb NOT NULL,
  published_by  text NOT NULL,
  published_at  timestamptz NOT NULL,
  note          text NOT NULL,
  -- {added, removed, changed, reordered} against the version before (or the seed)
  changes       jsonb NOT NULL,
  PRIMARY KEY (fiscal_year, version)
);
