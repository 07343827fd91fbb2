-- The audit trail: one row per change or refusal through the console, per
-- sign-in (failed ones too), per token made or revoked, per exec session.
-- Newest first by (time, id) everywhere: pages are keyset pages on that pair.
CREATE TABLE audit_events (
  id          bigserial PRIMARY KEY,
  time        timestamptz NOT NULL,
  request_id  text,
  event       text NOT NULL,            -- request | sign-in | token.create | token.revoke | session
  username    text NOT NULL DEFAULT '',
  groups      text[] NOT NULL DEFAULT '{}',
  via         text,                     -- session | token | kubectl
  source      text,                     -- the caller's address
  tenant      text,
  cluster     text,
  namespace   text,
  verb        text,
  api_group   text,
  resource    text,
  name        text,
  status      integer,
  result      text NOT NULL,            -- allowed | refused | failed
  reason      text,
  details     jsonb
);

CREATE INDEX audit_events_time ON audit_events (time DESC, id DESC);
CREATE INDEX audit_events_user ON audit_events (username, time DESC, id DESC);
CREATE INDEX audit_events_tenant ON audit_events (tenant, time DESC, id DESC);
CREATE INDEX audit_events_place ON audit_events (cluster, namespace, time DESC, id DESC);
