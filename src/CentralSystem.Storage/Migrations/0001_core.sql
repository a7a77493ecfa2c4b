-- 0001_core.sql
-- Purpose: the spine's schema: chargers and credentials, id tokens, connector status (current + history),
--          protocol-neutral charging sessions, meter readings, 2.0.1 transaction events (dedupe by seqNo),
--          accounting anomalies, acknowledged notifications and raw frames.
-- Related: issue #2 (spine). Safe to re-run: yes (IF NOT EXISTS everywhere).
-- High-volume append tables (history, readings, events, frames) carry no foreign keys: every insert would pay
-- for a lookup, and rows for a charger deleted later are still worth keeping for audit.

CREATE TABLE IF NOT EXISTS chargers (
    id                  text PRIMARY KEY,
    password_salt       bytea,
    password_hash       bytea,
    registration_status text NOT NULL CHECK (registration_status IN ('Accepted', 'Pending', 'Rejected')),
    lenient_validation  boolean NOT NULL DEFAULT false,
    log_frames          boolean,
    vendor              text,
    model               text,
    serial_number       text,
    firmware_version    text,
    iccid               text,
    imsi                text,
    meter_type          text,
    meter_serial_number text,
    ocpp_version        text,
    created_at          timestamptz NOT NULL,
    last_boot_at        timestamptz,
    last_seen_at        timestamptz
);

CREATE TABLE IF NOT EXISTS id_tokens (
    id_token       text PRIMARY KEY,
    token_type     text NOT NULL,
    status         text NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
    expires_at     timestamptz,
    group_id_token text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS connector_status (
    charger_id        text NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    evse_id           integer NOT NULL,
    connector_id      integer NOT NULL,
    status            text NOT NULL,
    error_code        text,
    info              text,
    vendor_error_code text,
    reported_at       timestamptz NOT NULL,
    received_at       timestamptz NOT NULL,
    PRIMARY KEY (charger_id, evse_id, connector_id)
);

CREATE TABLE IF NOT EXISTS connector_status_history (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger_id        text NOT NULL,
    evse_id           integer NOT NULL,
    connector_id      integer NOT NULL,
    status            text NOT NULL,
    error_code        text,
    info              text,
    vendor_error_code text,
    reported_at       timestamptz NOT NULL,
    received_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS connector_status_history_charger ON connector_status_history (charger_id, reported_at);

-- 1.6 transactionId is a 32-bit integer assigned by the CSMS: the session id doubles as it.
CREATE SEQUENCE IF NOT EXISTS sessions_id_seq AS integer MAXVALUE 2147483647;

CREATE TABLE IF NOT EXISTS sessions (
    id             bigint PRIMARY KEY DEFAULT nextval('sessions_id_seq'),
    charger_id     text NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,
    transaction_id text NOT NULL,
    evse_id        integer,
    connector_id   integer,
    id_token       text,
    started_at     timestamptz NOT NULL,
    meter_start_wh numeric,
    first_meter_wh numeric,
    last_meter_wh  numeric,
    stopped_at     timestamptz,
    meter_stop_wh  numeric,
    energy_wh      numeric CHECK (energy_wh >= 0),
    stop_reason    text,
    status         text NOT NULL CHECK (status IN ('Active', 'Completed')),
    flags          text[] NOT NULL DEFAULT '{}',
    ocpp_version   text NOT NULL,
    UNIQUE (charger_id, transaction_id)
);
CREATE INDEX IF NOT EXISTS sessions_active_connector ON sessions (charger_id, evse_id, connector_id) WHERE status = 'Active';
CREATE INDEX IF NOT EXISTS sessions_started ON sessions (started_at DESC);

CREATE TABLE IF NOT EXISTS meter_readings (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger_id     text NOT NULL,
    evse_id        integer,
    connector_id   integer,
    session_id     bigint,
    transaction_id text,
    sampled_at     timestamptz NOT NULL,
    sampled_values jsonb NOT NULL,
    received_at    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS meter_readings_session ON meter_readings (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS meter_readings_charger ON meter_readings (charger_id, sampled_at);

CREATE TABLE IF NOT EXISTS transaction_events (
    charger_id     text NOT NULL,
    transaction_id text NOT NULL,
    seq_no         integer NOT NULL,
    event_type     text NOT NULL,
    event_at       timestamptz NOT NULL,
    payload        jsonb NOT NULL,
    PRIMARY KEY (charger_id, transaction_id, seq_no)
);

CREATE TABLE IF NOT EXISTS accounting_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger_id     text NOT NULL,
    kind           text NOT NULL,
    transaction_id text,
    detail         text NOT NULL,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS accounting_events_charger ON accounting_events (charger_id, id);

CREATE TABLE IF NOT EXISTS charger_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger_id  text NOT NULL,
    action      text NOT NULL,
    payload     jsonb NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS charger_events_charger ON charger_events (charger_id, id);

CREATE TABLE IF NOT EXISTS frames (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger_id text NOT NULL,
    direction  text NOT NULL CHECK (direction IN ('in', 'out')),
    at         timestamptz NOT NULL,
    frame      text NOT NULL
);
CREATE INDEX IF NOT EXISTS frames_charger ON frames (charger_id, id DESC);
CREATE INDEX IF NOT EXISTS frames_at ON frames (at);
