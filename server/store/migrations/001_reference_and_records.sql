-- Reference data (server-owned) and the generic table of synced records.
-- Codes and ids are text: province (2 digits), district (4) and LAO (7) codes
-- are official numbers with meaningful leading zeros.

CREATE TABLE provinces (
  code     text PRIMARY KEY,
  name_th  text NOT NULL,
  name_en  text NOT NULL,
  -- a generated demonstration province, safe to wipe
  demo     boolean NOT NULL DEFAULT false
);

CREATE TABLE districts (
  code           text PRIMARY KEY,
  province_code  text NOT NULL REFERENCES provinces (code),
  name_th        text NOT NULL,
  name_en        text NOT NULL
);
CREATE INDEX districts_province_idx ON districts (province_code);

CREATE TABLE laos (
  id             text PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  type           text NOT NULL CHECK (type IN (
                   'PAO', 'CITY_MUNICIPALITY', 'TOWN_MUNICIPALITY',
                   'SUBDISTRICT_MUNICIPALITY', 'SAO', 'PATTAYA', 'BANGKOK')),
  name_th        text NOT NULL,
  name_en        text NOT NULL,
  province_code  text NOT NULL REFERENCES provinces (code),
  district_code  text REFERENCES districts (code)
);
CREATE INDEX laos_province_idx ON laos (province_code);

CREATE TABLE users (
  id                   text PRIMARY KEY,
  username             text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
  -- assignments: the provinces a user works in and, when not null, only these LAOs
  province_codes       text[] NOT NULL DEFAULT '{}',
  lao_ids              text[],
  contract_signed_on   date,
  hiring_docs_sent_on  date,
  created_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per synced record of any category; the category's fields live in data.
CREATE TABLE records (
  id             uuid PRIMARY KEY,
  table_name     text NOT NULL CHECK (table_name IN (
                   'visions', 'plans', 'planAmendments', 'planProjects',
                   'ordinances', 'ordinanceItems', 'contracts', 'disbursements',
                   'quarterReports', 'grants', 'fiscalStats', 'antiDrugActivities')),
  lao_id         text NOT NULL REFERENCES laos (id),
  province_code  text NOT NULL REFERENCES provinces (code),
  fiscal_year    integer,
  data           jsonb NOT NULL DEFAULT '{}'::jsonb,
  deleted        boolean NOT NULL DEFAULT false,
  version        bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL
);
CREATE INDEX records_province_table_idx ON records (province_code, table_name);
CREATE INDEX records_lao_idx ON records (lao_id);
