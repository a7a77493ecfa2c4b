-- 0005_oscp.sql
-- Purpose: OSCP 2.0 Flexibility Provider state (issue #5): peers (registration state, hashed tokens we issued, the
--          token we present to them, group bindings; one JSON document per peer), capacity forecast blocks per
--          (group, type), X-Request-IDs seen (duplicates are answered 204 without re-applying, across restarts),
--          the outbound queue (replies and requests we owe peers, retried until a final outcome) and the cumulative
--          energy reported per group (CONTINUOUS measurements never reset).
-- Related: issue #5, shared/specs/oscp-2.0.md. Safe to re-run: yes (IF NOT EXISTS everywhere).

CREATE TABLE IF NOT EXISTS oscp_peers (
    peer_id    text PRIMARY KEY,
    document   jsonb NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS oscp_forecasts (
    group_id   text NOT NULL,
    type       text NOT NULL,
    blocks     jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (group_id, type)
);

CREATE TABLE IF NOT EXISTS oscp_seen_requests (
    peer_id    text NOT NULL,
    request_id text NOT NULL,
    seen_at    timestamptz NOT NULL,
    PRIMARY KEY (peer_id, request_id)
);
CREATE INDEX IF NOT EXISTS oscp_seen_requests_seen_at ON oscp_seen_requests (seen_at);

-- body is the message as sent on the wire; it is cleared once the message reaches a final outcome because a Register
-- reply carries the token the peer will present to us (stored hashed everywhere else).
CREATE TABLE IF NOT EXISTS oscp_outbound (
    request_id             text PRIMARY KEY,
    peer_id                text NOT NULL,
    kind                   text NOT NULL,
    body                   jsonb,
    correlation_id         text,
    completes_registration boolean NOT NULL,
    created_at             timestamptz NOT NULL,
    attempts               integer NOT NULL DEFAULT 0,
    outcome                text,
    last_status            integer,
    last_error             text,
    last_attempt_at        timestamptz,
    finished_at            timestamptz
);
CREATE INDEX IF NOT EXISTS oscp_outbound_pending ON oscp_outbound (created_at) WHERE finished_at IS NULL;

CREATE TABLE IF NOT EXISTS oscp_group_energy (
    group_id    text PRIMARY KEY,
    energy_wh   double precision NOT NULL,
    measured_at timestamptz NOT NULL
);
