-- Free text in object names (`q`: name ILIKE '%…%') matching few rows had no
-- index to use: a scan of the whole table (450 ms at 1M rows, bench audit
-- suite). Trigrams find them in ~1 ms; common words still take the time index.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may
-- create it. Where it cannot be had (no contrib, no privilege) the trail still
-- starts and name search scans as before.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE NOTICE 'pg_trgm is not available (%): audit name search scans the table', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS audit_events_name_trgm ON audit_events USING gin (name gin_trgm_ops);
  END IF;
END $$;
