-- =============================================================================
-- Orleans 10.x ADO.NET providers on PostgreSQL 15+ (invariant "Npgsql"):
--   clustering   Microsoft.Orleans.Clustering.AdoNet
--   persistence  Microsoft.Orleans.Persistence.AdoNet
--   reminders    Microsoft.Orleans.Reminders.AdoNet
--
-- The providers ship no PostgreSQL schema. At start-up each one runs
--   SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards executes only the SQL it found there, binding named
-- parameters (@DeploymentId, @GrainIdHash, ...) and reading result columns by
-- name. This file provides that table, the named queries and the objects they
-- touch.
--
-- Safe to run any number of times (and concurrently): tables/indexes use
-- IF NOT EXISTS, functions CREATE OR REPLACE, query rows are upserted.
-- Run it as-is; it manages its own transaction. If a function's signature or
-- return type ever changes, add an explicit DROP FUNCTION for the old one.
--
-- Identifiers are deliberately unquoted: PostgreSQL folds them to lower case,
-- which is what the providers' unquoted SQL resolves to, and Npgsql matches
-- result column names case-insensitively.
--
-- All timestamps are timestamptz: Orleans binds DateTime parameters with
-- DbType.DateTime, which Npgsql sends as timestamptz and which only accepts
-- DateTimeKind.Utc values.
-- =============================================================================

BEGIN;

-- Re-runs would otherwise print an "already exists, skipping" notice per object.
SET LOCAL client_min_messages = warning;

-- Serialise concurrent runs (e.g. several silos applying the script at boot);
-- CREATE ... IF NOT EXISTS alone can still collide in the catalogs.
DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('orleans-postgres.sql')); END $$;

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);


-- -----------------------------------------------------------------------------
-- Clustering (membership)
--
-- One version row per cluster (DeploymentId = ClusterOptions.ClusterId). Its
-- version number is the table ETag Orleans uses for optimistic concurrency:
-- every insert/update of a silo row must present the version it last read and
-- bumps it by one. IAmAlive heartbeats bypass the version on purpose.
-- -----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid text        PRIMARY KEY,
    lastchanged  timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid text        NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,  -- provider casts it straight to string: no NULLs
    hostname     text        NOT NULL,
    status       integer     NOT NULL,  -- SiloStatus: 3 = Active, 6 = Dead
    proxyport    integer     NOT NULL,  -- 0 when the silo has no gateway
    suspecttimes text,                  -- "silo,time|silo,time", grows with cluster size
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Registers a silo if the caller's table version is still current.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_silo_name        text,
    p_host_name        text,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql AS
$$
BEGIN
    -- Checking and bumping the version first also takes the row lock that
    -- serialises all membership writers of this cluster.
    UPDATE orleansmembershipversiontable
       SET version = version + 1, lastchanged = now()
     WHERE deploymentid = p_deployment_id
       AND version = p_expected_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname,
         status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
         p_status, p_proxy_port, NULL, p_start_time, p_i_am_alive_time);
    RETURN true;
EXCEPTION
    -- Row already present: report failure; leaving the block also undoes the bump.
    WHEN unique_violation THEN
        RETURN false;
END
$$;

-- Changes a silo's status / suspicions if the caller's table version is still current.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE orleansmembershipversiontable
       SET version = version + 1, lastchanged = now()
     WHERE deploymentid = p_deployment_id
       AND version = p_expected_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleansmembershiptable
       SET status = p_status,
           suspecttimes = p_suspect_times,
           iamalivetime = p_i_am_alive_time
     WHERE deploymentid = p_deployment_id
       AND address = p_address
       AND port = p_port
       AND generation = p_generation;
    IF FOUND THEN
        RETURN true;
    END IF;

    -- Unknown silo: raise so the handler below rolls the version bump back.
    RAISE no_data_found;
EXCEPTION
    WHEN no_data_found THEN
        RETURN false;
END
$$;


-- -----------------------------------------------------------------------------
-- Grain persistence
--
-- A grain's row is identified by the hashes and key parts the provider binds;
-- the hashes only make lookups cheap, the full key is always compared.
-- version is the grain state ETag. Every write/clear/delete function returns
-- the new version, or NULL when the caller's ETag is stale; the provider turns
-- NULL into an InconsistentStateException.
-- -----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,  -- Guid half / 0
    grainidn1              bigint      NOT NULL,  -- Guid half / integer key / 0
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    grainidextensionstring text,                  -- string key or key extension
    serviceid              text        NOT NULL,
    payloadbinary          bytea,                 -- NULL after a clear: "no record"
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL
)
-- Spare room per page lets state updates stay HOT (no index column changes).
WITH (fillfactor = 90);

-- One row per grain and service. md5() keeps index entries small and clear of
-- the ~2.7 kB btree limit for long string keys or generic type names; NULLS
-- NOT DISTINCT (PostgreSQL 15+) makes grains without a key extension unique too.
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_grain_uq
    ON orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1,
                       md5(serviceid), md5(graintypestring), md5(grainidextensionstring))
    NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION orleans_storage_read(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_key_extension   text,
    p_service_id      text)
RETURNS TABLE (payloadbinary bytea, version integer)
LANGUAGE sql STABLE AS
$$
    SELECT s.payloadbinary, s.version
      FROM orleansstorage AS s
     WHERE s.grainidhash = p_grain_id_hash
       AND s.graintypehash = p_grain_type_hash
       AND s.grainidn0 = p_grain_id_n0
       AND s.grainidn1 = p_grain_id_n1
       AND s.serviceid = p_service_id
       AND s.graintypestring = p_grain_type
       AND s.grainidextensionstring IS NOT DISTINCT FROM p_key_extension;
$$;

CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_key_extension    text,
    p_service_id       text,
    p_expected_version integer,
    p_payload          bytea)
RETURNS integer
LANGUAGE plpgsql AS
$$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- First write of this grain. If a row exists after all, another
        -- activation got there first: no insert, NULL result, version conflict.
        INSERT INTO orleansstorage AS s
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
             grainidextensionstring, serviceid, payloadbinary, version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
             p_key_extension, p_service_id, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING s.version INTO new_version;
    ELSE
        UPDATE orleansstorage AS s
           SET payloadbinary = p_payload,
               version = s.version + 1,
               modifiedon = now()
         WHERE s.grainidhash = p_grain_id_hash
           AND s.graintypehash = p_grain_type_hash
           AND s.grainidn0 = p_grain_id_n0
           AND s.grainidn1 = p_grain_id_n1
           AND s.serviceid = p_service_id
           AND s.graintypestring = p_grain_type
           AND s.grainidextensionstring IS NOT DISTINCT FROM p_key_extension
           AND s.version = p_expected_version
        RETURNING s.version INTO new_version;
    END IF;
    RETURN new_version;
END
$$;

-- ClearStateAsync with DeleteStateOnClear = false (the default): the row and its
-- version survive, so a later first write still has to present the right ETag.
CREATE OR REPLACE FUNCTION orleans_storage_clear(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_key_extension    text,
    p_service_id       text,
    p_expected_version integer)
RETURNS integer
LANGUAGE sql AS
$$
    UPDATE orleansstorage AS s
       SET payloadbinary = NULL,
           version = s.version + 1,
           modifiedon = now()
     WHERE s.grainidhash = p_grain_id_hash
       AND s.graintypehash = p_grain_type_hash
       AND s.grainidn0 = p_grain_id_n0
       AND s.grainidn1 = p_grain_id_n1
       AND s.serviceid = p_service_id
       AND s.graintypestring = p_grain_type
       AND s.grainidextensionstring IS NOT DISTINCT FROM p_key_extension
       AND s.version = p_expected_version
    RETURNING s.version;
$$;

-- ClearStateAsync with DeleteStateOnClear = true: the row goes away. The result
-- only has to differ from the caller's ETag (the provider then resets it to null).
CREATE OR REPLACE FUNCTION orleans_storage_delete(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_key_extension    text,
    p_service_id       text,
    p_expected_version integer)
RETURNS integer
LANGUAGE sql AS
$$
    DELETE FROM orleansstorage AS s
     WHERE s.grainidhash = p_grain_id_hash
       AND s.graintypehash = p_grain_type_hash
       AND s.grainidn0 = p_grain_id_n0
       AND s.grainidn1 = p_grain_id_n1
       AND s.serviceid = p_service_id
       AND s.graintypestring = p_grain_type
       AND s.grainidextensionstring IS NOT DISTINCT FROM p_key_extension
       AND s.version = p_expected_version
    RETURNING s.version + 1;
$$;


-- -----------------------------------------------------------------------------
-- Reminders
--
-- grainhash is GrainId.GetUniformHashCode() reinterpreted as a signed int; the
-- provider binds the ring range bounds the same way, so plain signed
-- comparisons select the right slice (ReadRangeRows2Key handles wrap-around).
-- -----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    period       bigint      NOT NULL,  -- milliseconds; may exceed int range
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

-- Each silo periodically loads the reminders of its ring range.
CREATE INDEX IF NOT EXISTS orleansreminderstable_range_ix
    ON orleansreminderstable (serviceid, grainhash);


-- -----------------------------------------------------------------------------
-- Named queries. Keys and @parameter names are fixed by the providers;
-- result columns are read by name.
-- -----------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

-- ---- clustering ----

('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT count(*) = 1 FROM created;
$q$),

('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(
        p_deployment_id    => @DeploymentId,
        p_address          => @Address,
        p_port             => @Port,
        p_generation       => @Generation,
        p_silo_name        => @SiloName,
        p_host_name        => @HostName,
        p_status           => @Status,
        p_proxy_port       => @ProxyPort,
        p_start_time       => @StartTime,
        p_i_am_alive_time  => @IAmAliveTime,
        p_expected_version => @Version);
$q$),

('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(
        p_deployment_id    => @DeploymentId,
        p_address          => @Address,
        p_port             => @Port,
        p_generation       => @Generation,
        p_status           => @Status,
        p_suspect_times    => @SuspectTimes,
        p_i_am_alive_time  => @IAmAliveTime,
        p_expected_version => @Version);
$q$),

('UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable
       SET iamalivetime = @IAmAliveTime
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation;
$q$),

-- The version row is always returned (LEFT JOIN): the provider takes the table
-- version from the first row and treats NULL silo columns as "no such silo".
('MembershipReadRowKey', $q$
    SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname,
           m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime
      FROM orleansmembershipversiontable AS v
      LEFT JOIN orleansmembershiptable AS m
             ON m.deploymentid = v.deploymentid
            AND m.address = @Address
            AND m.port = @Port
            AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
    SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname,
           m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime
      FROM orleansmembershipversiontable AS v
      LEFT JOIN orleansmembershiptable AS m
             ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId;
$q$),

('GatewaysQueryKey', $q$
    SELECT address, proxyport, generation
      FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = @Status
       AND proxyport > 0;
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Fallback used when CleanupDefunctSiloEntryKey is absent.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = 6
       AND iamalivetime < @IAmAliveTime;
$q$),

-- Optional per-row cleanup: the provider passes the values it just read and the
-- row only goes if it is still that dead silo, unchanged. Empty and NULL
-- suspect lists are the same thing to Orleans.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
       AND status = 6
       AND starttime = @StartTime
       AND iamalivetime = @IAmAliveTime
       AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '');
$q$),

-- ---- grain persistence ----

('ReadFromStorageKey', $q$
    SELECT payloadbinary, version
      FROM orleans_storage_read(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
                                @GrainTypeString, @GrainIdExtensionString, @ServiceId);
$q$),

('WriteToStorageKey', $q$
    SELECT orleans_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
                                 @GrainTypeString, @GrainIdExtensionString, @ServiceId,
                                 @GrainStateVersion, @PayloadBinary) AS newgrainstateversion;
$q$),

('ClearStorageKey', $q$
    SELECT orleans_storage_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
                                 @GrainTypeString, @GrainIdExtensionString, @ServiceId,
                                 @GrainStateVersion) AS newgrainstateversion;
$q$),

('DeleteStorageKey', $q$
    SELECT orleans_storage_delete(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
                                  @GrainTypeString, @GrainIdExtensionString, @ServiceId,
                                  @GrainStateVersion) AS newgrainstateversion;
$q$),

-- ---- reminders ----

('UpsertReminderRowKey', $q$
    INSERT INTO orleansreminderstable AS r
        (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
       SET starttime = excluded.starttime,
           period = excluded.period,
           grainhash = excluded.grainhash,
           version = r.version + 1
    RETURNING r.version;
$q$),

('ReadReminderRowKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName;
$q$),

('ReadReminderRowsKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId;
$q$),

-- Range (BeginHash, EndHash] that does not wrap in signed order.
('ReadRangeRows1Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainhash > @BeginHash
       AND grainhash <= @EndHash;
$q$),

-- Range that wraps past the end of the signed int space (or covers all of it).
('ReadRangeRows2Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleansreminderstable
         WHERE serviceid = @ServiceId
           AND grainid = @GrainId
           AND remindername = @ReminderName
           AND version = @Version
        RETURNING 1)
    SELECT count(*) > 0 FROM removed;
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

COMMIT;
