-- 002_sla: service-level clocks per incident (daemon/sla.h) and the
-- incident's urgency and impact (priority = ITIL matrix of the two).
-- Times are unix seconds (UTC).

-- One row per clock of an incident: first_response, in_work, resolution.
-- `due_at` of a running clock is the scheduler's next wake-up (index
-- sla_clocks_due); a paused clock keeps the deadline as it stood when paused.
CREATE TABLE sla_clocks (
  incident        INTEGER NOT NULL REFERENCES incidents(number),
  name            TEXT    NOT NULL
                  CHECK (name IN ('first_response', 'in_work', 'resolution')),
  state           TEXT    NOT NULL
                  CHECK (state IN ('running', 'paused', 'met', 'breached')),
  started_at      INTEGER NOT NULL,            -- the incident's receipt
  due_at          INTEGER NOT NULL,
  budget_seconds  INTEGER NOT NULL,            -- allowed time (working seconds if working_time)
  working_time    INTEGER NOT NULL DEFAULT 0,  -- 1: runs on the business calendar
  met_at          INTEGER,
  breached_at     INTEGER,                     -- when the breach was recorded
  paused_since    INTEGER,
  paused_seconds  INTEGER NOT NULL DEFAULT 0,  -- working seconds of ended pauses
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (incident, name)
) WITHOUT ROWID;
-- The next deadline of a running clock, and the running clocks due before T.
CREATE INDEX sla_clocks_due ON sla_clocks(due_at, incident) WHERE state = 'running';
-- Open breaches (deskctl list --overdue).
CREATE INDEX sla_clocks_open_breach ON sla_clocks(incident)
  WHERE state = 'breached' AND met_at IS NULL;

-- Urgency and impact, 1 (high) .. 3 (low); incidents.priority is derived
-- from them ([priority] matrix) unless a technician set it.
ALTER TABLE incidents ADD COLUMN urgency INTEGER NOT NULL DEFAULT 2
  CHECK (urgency BETWEEN 1 AND 3);
ALTER TABLE incidents ADD COLUMN impact INTEGER NOT NULL DEFAULT 2
  CHECK (impact BETWEEN 1 AND 3);
