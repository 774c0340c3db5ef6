-- Vision Zero Grid: raw crash records, the ingest ledger, the quarantine and the model registry.
-- Idempotent: applied at every silo start (after orleans-postgres.sql), under an advisory lock so
-- silos starting together do not race on CREATE ... IF NOT EXISTS.

BEGIN;
SELECT pg_advisory_xact_lock(5659, 2);

CREATE TABLE IF NOT EXISTS vz_ingest_run (
    run_id        uuid PRIMARY KEY,
    source        text NOT NULL,
    status        text NOT NULL,                 -- running | completed | abandoned (summary: why, and what it had counted)
    started_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    summary       jsonb
);

-- One row per COLLISION_ID: re-ingesting a record replaces it, never duplicates it.
CREATE TABLE IF NOT EXISTS vz_crash (
    collision_id               bigint PRIMARY KEY,
    crash_date                 date NOT NULL,
    minute_of_day              smallint NOT NULL,     -- -1 when the export has no time
    borough                    text,
    zip_code                   text,
    latitude                   double precision,
    longitude                  double precision,
    on_street                  text,
    cross_street               text,
    off_street                 text,
    persons_injured            smallint NOT NULL,
    persons_killed             smallint NOT NULL,
    pedestrians_injured        smallint NOT NULL,
    pedestrians_killed         smallint NOT NULL,
    cyclists_injured           smallint NOT NULL,
    cyclists_killed            smallint NOT NULL,
    motorists_injured          smallint NOT NULL,
    motorists_killed           smallint NOT NULL,
    factors                    text,                  -- CONTRIBUTING FACTOR VEHICLE 1..5 joined by |
    vehicles                   text,                  -- VEHICLE TYPE CODE 1..5 joined by |
    intersection_id            text,                  -- the corner its ON and CROSS streets name
    content_hash               bigint NOT NULL,
    run_id                     uuid NOT NULL,
    updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- Coordinate-only crashes attributed to the nearest corner at the end of a run. A table of its own
-- (insert-only in the common case) instead of an UPDATE that would rewrite every attributed crash row.
CREATE TABLE IF NOT EXISTS vz_crash_attribution (
    collision_id     bigint PRIMARY KEY,
    intersection_id  text NOT NULL
);

ALTER TABLE vz_crash DROP COLUMN IF EXISTS attributed_intersection_id;

-- The silo holding a run: a run whose silo has left the cluster while it read "running" was cut off
-- (the silo killed outright) and is marked abandoned by the next sweep (OrphanedRunSweep).
ALTER TABLE vz_ingest_run ADD COLUMN IF NOT EXISTS silo text;

-- A replay of abandoned runs (records read back from vz_crash, not a file): its records are applied again,
-- as recovered, when their file is ingested, since a replay lacks the rest of the file that decides where
-- coordinate-only crashes belong.
ALTER TABLE vz_ingest_run ADD COLUMN IF NOT EXISTS replay boolean NOT NULL DEFAULT false;

-- Every crash with the corner it counts at, however it got there.
CREATE OR REPLACE VIEW vz_crash_located AS
SELECT c.*, a.intersection_id AS attributed_intersection_id
FROM vz_crash c LEFT JOIN vz_crash_attribution a USING (collision_id);

CREATE TABLE IF NOT EXISTS vz_quarantine (
    quarantine_id  bigserial PRIMARY KEY,
    run_id         uuid NOT NULL,
    line_number    bigint NOT NULL,
    reason         text NOT NULL,
    detail         text NOT NULL,
    raw_row        text NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS vz_quarantine_reason ON vz_quarantine (reason);

-- Intersection grain state, written in batches by BatchedPostgresGrainStorage (Orleans-serialized
-- payload; version = optimistic-concurrency ETag). Other grains use Orleans' ADO.NET tables.
CREATE TABLE IF NOT EXISTS vz_grain_state (
    service_id  text NOT NULL,
    state_name  text NOT NULL,
    grain_key   text NOT NULL,
    version     integer NOT NULL,
    payload     bytea NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_key)
);

-- Model registry: every registered version with its artifact, and the append-only history of its
-- stages. The partial unique index is the single-production rule, whatever the writer.
CREATE TABLE IF NOT EXISTS vz_model_version (
    version     integer PRIMARY KEY,
    stage       text NOT NULL CHECK (stage IN ('candidate', 'staging', 'canary', 'production', 'archived')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    sha256      text NOT NULL,                    -- of the artifact, lower-case hex
    size_bytes  bigint NOT NULL,
    details     jsonb NOT NULL,                   -- the ModelDraft, System.Text.Json with enum names
    artifact    bytea NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS vz_model_version_one_production ON vz_model_version (stage) WHERE stage = 'production';

CREATE TABLE IF NOT EXISTS vz_model_stage_change (
    id          bigserial PRIMARY KEY,
    version     integer NOT NULL REFERENCES vz_model_version (version),
    from_stage  text CHECK (from_stage IN ('candidate', 'staging', 'canary', 'production', 'archived')),  -- null: registered
    to_stage    text NOT NULL CHECK (to_stage IN ('candidate', 'staging', 'canary', 'production', 'archived')),
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    why         text NOT NULL
);

CREATE INDEX IF NOT EXISTS vz_model_stage_change_version ON vz_model_stage_change (version, id);

-- What edge devices measured for a version on their own copy (vz-edge eval): one row per device and cutoff,
-- replaced when that device evaluates that cutoff again (a retried upload counts once).
CREATE TABLE IF NOT EXISTS vz_model_edge_evaluation (
    version       integer NOT NULL REFERENCES vz_model_version (version),
    device_id     text NOT NULL,
    cutoff        date NOT NULL,
    evaluated_at  timestamptz NOT NULL,           -- when the device measured it
    report        jsonb NOT NULL,                 -- the EdgeEvaluation, System.Text.Json with enum names
    PRIMARY KEY (version, device_id, cutoff)
);

COMMIT;
