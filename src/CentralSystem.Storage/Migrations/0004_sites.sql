-- 0004_sites.sql
-- Purpose: smart-charging dispatch (issue #4): operator-defined sites (the site JSON document of SITE-FORMAT.md,
--          versioned) and what the dispatcher sent to each charger/EVSE (the last profile per target, its status and
--          retry count), so operators can see rejected or undeliverable profiles.
-- Related: issue #4, shared/specs/smart-charging.md. Safe to re-run: yes (IF NOT EXISTS everywhere).

CREATE TABLE IF NOT EXISTS sites (
    id         text PRIMARY KEY,
    document   jsonb NOT NULL,
    version    integer NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One row per target: evse_id 0 is the charger itself (TxDefault / station max); purpose is the OCPP purpose.
CREATE TABLE IF NOT EXISTS dispatched_profiles (
    charger_id  text NOT NULL,
    evse_id     integer NOT NULL,
    purpose     text NOT NULL,
    site_id     text,
    profile_id  integer NOT NULL,
    limit_value double precision NOT NULL,
    unit        text NOT NULL,
    payload     jsonb NOT NULL,
    status      text NOT NULL,
    attempts    integer NOT NULL,
    last_error  text,
    sent_at     timestamptz NOT NULL,
    PRIMARY KEY (charger_id, evse_id, purpose)
);
