-- 0002_access.sql
-- Purpose: scheduled managed access (issue #3): access sites (time zone + optional inherited schedule), per-charger
--          access schedules, agreements, vehicles and their identifiers (access classes Own / Agreement), the mode
--          each charger should be in and what the charger was told, the mode-change history, and access decision
--          events (every attempt on a scheduled charger; denials are access events, never faults).
-- Related: issue #3, shared/specs/access-control.md. Safe to re-run: yes (IF NOT EXISTS everywhere).
-- Schedules are stored as one jsonb document ({"defaultMode": ..., "rules": [...]}) so that a schedule is replaced
-- atomically and read in one row; the domain validates it before it is written.

CREATE TABLE IF NOT EXISTS access_sites (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    time_zone  text NOT NULL,
    schedule   jsonb,
    updated_at timestamptz NOT NULL
);

-- A charger either has its own schedule or inherits its site's (schedule NULL); the time zone falls back to the site's.
CREATE TABLE IF NOT EXISTS access_charger_schedules (
    charger_id text PRIMARY KEY REFERENCES chargers (id) ON DELETE CASCADE,
    site_id    text REFERENCES access_sites (id) ON DELETE RESTRICT,
    time_zone  text,
    schedule   jsonb,
    updated_at timestamptz NOT NULL,
    CHECK (schedule IS NOT NULL OR site_id IS NOT NULL),
    CHECK (time_zone IS NOT NULL OR site_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS access_charger_schedules_site ON access_charger_schedules (site_id);

-- Validity is [valid_from, valid_to): inclusive from, exclusive to. Empty scopes mean every charger.
CREATE TABLE IF NOT EXISTS access_agreements (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    valid_from  timestamptz,
    valid_to    timestamptz,
    site_ids    text[] NOT NULL DEFAULT '{}',
    charger_ids text[] NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE IF NOT EXISTS access_vehicles (
    id           text PRIMARY KEY,
    name         text,
    access_class text NOT NULL CHECK (access_class IN ('Own', 'Agreement')),
    agreement_id text REFERENCES access_agreements (id) ON DELETE CASCADE,
    updated_at   timestamptz NOT NULL,
    CHECK ((access_class = 'Agreement') = (agreement_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS access_vehicles_agreement ON access_vehicles (agreement_id);

-- identifier_key is the normalised value (upper case, MAC separators removed): one identifier, one vehicle.
CREATE TABLE IF NOT EXISTS access_identifiers (
    identifier_key  text PRIMARY KEY,
    value           text NOT NULL,
    identifier_type text NOT NULL CHECK (identifier_type IN ('Rfid', 'Mac', 'Pin', 'Other')),
    vehicle_id      text NOT NULL REFERENCES access_vehicles (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS access_identifiers_vehicle ON access_identifiers (vehicle_id);

-- desired_*: what the schedule says now. applied_* / apply_status: what the charger was told and how it answered.
CREATE TABLE IF NOT EXISTS access_charger_state (
    charger_id         text PRIMARY KEY REFERENCES chargers (id) ON DELETE CASCADE,
    desired_mode       text NOT NULL CHECK (desired_mode IN ('Freevend', 'Managed')),
    desired_rule       text,
    desired_since      timestamptz NOT NULL,
    next_switch_at     timestamptz,
    applied_mode       text CHECK (applied_mode IN ('Freevend', 'Managed')),
    apply_status       text NOT NULL CHECK (apply_status IN ('Pending', 'Applied', 'Rejected', 'CsmsOnly')),
    apply_detail       text,
    apply_attempted_at timestamptz,
    local_list_version integer NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS access_mode_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charger_id  text NOT NULL,
    mode        text NOT NULL,
    rule        text,
    source      text NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS access_mode_history_charger ON access_mode_history (charger_id, id DESC);

-- Append-only, no foreign keys (like the spine's event tables): an insert must not pay for lookups.
CREATE TABLE IF NOT EXISTS access_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    charger_id      text NOT NULL,
    evse_id         integer,
    connector_id    integer,
    identifier      text NOT NULL,
    identifier_type text,
    access_class    text NOT NULL CHECK (access_class IN ('Own', 'Agreement', 'Unknown')),
    decision        text NOT NULL CHECK (decision IN ('Allowed', 'Denied')),
    reason          text NOT NULL,
    mode            text,
    rule            text,
    protocol        text NOT NULL,
    trigger         text NOT NULL,
    vehicle_id      text,
    agreement_id    text
);
CREATE INDEX IF NOT EXISTS access_events_charger ON access_events (charger_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS access_events_at ON access_events (occurred_at DESC);
