-- 0006_audit.sql
-- Purpose: the stored operator audit trail (issue #6): every operator command and every non-GET operator API call,
--          with who sent it, in which role, what it concerned and how it ended. Written before the API answers.
-- Related: issue #6. Safe to re-run: yes (IF NOT EXISTS everywhere).

CREATE TABLE IF NOT EXISTS operator_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    user_name   text NOT NULL,
    role        text NOT NULL,
    method      text NOT NULL,
    path        text NOT NULL,
    -- No foreign key: the trail must outlive deleted chargers and keep calls naming chargers that never existed.
    charger_id  text,
    command     text,
    outcome     text NOT NULL,
    status_code integer
);

-- The endpoint reads newest first, filtered by charger or by user.
CREATE INDEX IF NOT EXISTS operator_audit_charger ON operator_audit (charger_id, id DESC);
CREATE INDEX IF NOT EXISTS operator_audit_user ON operator_audit (user_name, id DESC);
