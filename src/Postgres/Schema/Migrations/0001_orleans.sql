-- Orleans ADO.NET contract (Microsoft.Orleans.*.AdoNet 10.4.2) on PostgreSQL: membership, grain
-- state and reminders. Our own tables and functions; the providers only see the named queries stored
-- in orleansquery (they read that table by this exact name). Every date is timestamptz: Orleans sends
-- UTC timestamptz parameters and a plain timestamp column would shift them by the session time zone.
-- The file can run again harmlessly.

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

-- Membership ------------------------------------------------------------------------------------

-- One row per cluster (deployment id = ClusterOptions.ClusterId); its version is the table ETag.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Insert a silo and bump the table version, both or neither, only if the caller read the current
-- version (optimistic concurrency of the membership protocol). The version row is locked first so
-- that concurrent writers serialise.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version
    FROM orleans_membership_version WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF current_version IS NULL OR current_version <> p_version THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, suspect_times, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
    WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$fn$;

CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version
    FROM orleans_membership_version WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF current_version IS NULL OR current_version <> p_version THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
    WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$fn$;

-- Grain state -----------------------------------------------------------------------------------

-- grain_type holds the *state name* Orleans passes (it never sends the grain type): state names are
-- globally unique in our code. A string key lands whole in grain_id_extension; '' stands for none so
-- that the natural key can be unique (the contract itself does not forbid a double first insert).
CREATE TABLE IF NOT EXISTS orleans_storage (
    grain_id_hash      integer     NOT NULL,
    grain_type_hash    integer     NOT NULL,
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NOT NULL DEFAULT '',
    payload            bytea,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Reminders -------------------------------------------------------------------------------------

-- grain_hash is the signed 32-bit uniform hash: range queries compare it as a signed integer.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

-- Named queries ---------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created) AS created
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS inserted
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation,
                                 @Status, @SuspectTimes, @IAmAliveTime, @Version) AS updated
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Only silos declared dead (status 6) are removed, never a live or joining one.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$),

('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
$q$),

-- Always one row: the new version, or NULL when the caller's version is stale (Orleans then raises
-- InconsistentStateException). The version wraps before int32 overflow: it only has to change.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_type,
                                 grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString,
           @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary,
        version = CASE WHEN version >= 2147483646 THEN 1 ELSE version + 1 END,
        modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1) AS NewGrainStateVersion
$q$),

('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL, version = CASE WHEN version >= 2147483646 THEN 1 ELSE version + 1 END, modified_at = now()
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS Version
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted) AS deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
