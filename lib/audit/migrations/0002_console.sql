-- Several console installations (their namespaces in a host cluster) may share
-- one database: each row says whose it is, and each reads only its own.
ALTER TABLE audit_events ADD COLUMN console text NOT NULL DEFAULT '';
DROP INDEX audit_events_time;
CREATE INDEX audit_events_time ON audit_events (console, time DESC, id DESC);
