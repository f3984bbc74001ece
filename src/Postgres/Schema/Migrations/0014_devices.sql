-- The devices apps register (FHIR Device, the national measurement API's PhdDevice), src/Grains/Devices.

-- One row per (app, identifier value): the id is derived from both (DeviceIds), so a resend names the same Device and
-- a conditional create (ifNoneExist identifier=...) is one INSERT ... ON CONFLICT DO NOTHING. The resource is kept
-- as the app sent it, without the patient it may name (a device is not a person's data; readings name the person).
CREATE TABLE IF NOT EXISTS mes_device (
    id uuid PRIMARY KEY,
    app_id text NOT NULL,
    identifier_system text,
    identifier_value text NOT NULL,
    resource jsonb NOT NULL,
    created_at timestamptz NOT NULL
);
