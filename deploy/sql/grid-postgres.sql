-- Vision Zero Grid: raw crash records, the ingest ledger, the quarantine, the model registry and the edge uplink.
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

-- The rollout pipeline's steps per version (docs/model.md, "Rollout"): each verdict with its reasons, the
-- thresholds it was judged by and its figures. Append-only: a step run again adds a row.
CREATE TABLE IF NOT EXISTS vz_model_rollout_step (
    id          bigserial PRIMARY KEY,
    version     integer NOT NULL REFERENCES vz_model_version (version),
    step        text NOT NULL,
    verdict     text NOT NULL,
    decided_at  timestamptz NOT NULL,
    detail      jsonb NOT NULL                  -- the RolloutStep, System.Text.Json
);
CREATE INDEX IF NOT EXISTS vz_model_rollout_step_version ON vz_model_rollout_step (version, id);

-- The feedback loop (docs/rollout.md, "Live accuracy"): served predictions, sampled by a stable hash and bounded
-- (the oldest ids pruned past Rollout:Live:MaxRows); one per version, corner and as-of day. Their outcomes are not
-- stored: they are the grid's own counts once 182 days have passed on the data clock.
CREATE TABLE IF NOT EXISTS vz_prediction_log (
    id              bigserial PRIMARY KEY,
    version         integer NOT NULL,
    intersection_id text NOT NULL,
    as_of           date NOT NULL,
    score           double precision NOT NULL,
    risk_class      smallint NOT NULL,
    logged_at       timestamptz NOT NULL,
    UNIQUE (version, intersection_id, as_of)
);

-- Edge uplink (docs/edge.md, "Uplink"): every fix an edge device answered, with its answer, uploaded in
-- batches. A device's row says how far its log is complete: nothing is missing at or below confirmed_seq
-- (stored, or dropped unsent by the device when its own log was full). Entries are only ever inserted,
-- idempotently by (device_id, seq): a batch sent again after a lost answer inserts nothing.
CREATE TABLE IF NOT EXISTS vz_edge_device (
    device_id           text PRIMARY KEY,
    first_seen          timestamptz NOT NULL DEFAULT now(),
    last_seen           timestamptz NOT NULL DEFAULT now(),
    confirmed_seq       bigint NOT NULL DEFAULT 0,
    entries             bigint NOT NULL DEFAULT 0,
    dropped             bigint NOT NULL DEFAULT 0,       -- sequence numbers the device dropped unsent
    last_fix_time       timestamptz,                     -- of its newest stored entry
    last_latitude       double precision,
    last_longitude      double precision,
    last_model_version  integer
);

CREATE TABLE IF NOT EXISTS vz_edge_log (
    device_id          text NOT NULL REFERENCES vz_edge_device (device_id),
    seq                bigint NOT NULL CHECK (seq >= 1),
    fix_time           timestamptz NOT NULL,
    latitude           double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude          double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    speed_mps          double precision,
    course_degrees     double precision,
    model_version      integer,                          -- null: the device held no model yet
    as_of              date,
    highest_class      smallint CHECK (highest_class BETWEEN 0 AND 4),
    expected_crashes   double precision NOT NULL,
    nearest_corner_id  text,
    stale              boolean NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, seq)
);

COMMIT;
