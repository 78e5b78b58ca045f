-- 003_notifications: every reminder, escalation and digest deskd wrote, one
-- row each, inserted in the same transaction as its outbox row(s). The
-- unique `key` makes each one exactly-once: a crash before the commit
-- leaves neither; a second attempt after the commit finds the key and
-- writes nothing (daemon/notifier.h).
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  key         TEXT    NOT NULL UNIQUE,          -- e.g. reminder:1042:resolution:75%:1795430000
  incident    INTEGER REFERENCES incidents(number),  -- NULL for a digest
  clock       TEXT,                             -- first_response|in_work|resolution; NULL if none
  kind        TEXT    NOT NULL CHECK (kind IN ('reminder', 'escalation', 'digest')),
  lead        TEXT    NOT NULL DEFAULT '',      -- 75%, 60m, breach, manual, technician, daily, weekly
  recipients  TEXT    NOT NULL DEFAULT '[]',    -- JSON array of addresses
  outbox      INTEGER REFERENCES outbox(id),    -- the first outbox row written for it
  created_at  INTEGER NOT NULL
);
CREATE INDEX notifications_incident ON notifications(incident, id);
CREATE INDEX notifications_kind ON notifications(kind, created_at);

-- The scheduler's alarm per SLA clock: when it next has something to do for
-- it (a reminder at a lead time, or the breach at due_at). Kept by
-- daemon/scheduler.cc; any change of a clock (intake, deskctl, the
-- scheduler itself) marks its alarm "to compute" (next_at NULL) through the
-- triggers below, in the same transaction. So the next due time is one
-- index lookup, never a scan of all incidents.
CREATE TABLE sla_alarms (
  incident  INTEGER NOT NULL,
  clock     TEXT    NOT NULL,
  next_at   INTEGER,                      -- NULL: the clock changed, compute again
  PRIMARY KEY (incident, clock)
) WITHOUT ROWID;
CREATE INDEX sla_alarms_next ON sla_alarms(next_at) WHERE next_at IS NOT NULL;
CREATE INDEX sla_alarms_dirty ON sla_alarms(incident, clock) WHERE next_at IS NULL;
CREATE TRIGGER sla_clocks_alarm_insert AFTER INSERT ON sla_clocks BEGIN
  INSERT OR REPLACE INTO sla_alarms (incident, clock, next_at) VALUES (new.incident, new.name, NULL);
END;
CREATE TRIGGER sla_clocks_alarm_update AFTER UPDATE ON sla_clocks BEGIN
  INSERT OR REPLACE INTO sla_alarms (incident, clock, next_at) VALUES (new.incident, new.name, NULL);
END;
CREATE TRIGGER sla_clocks_alarm_delete AFTER DELETE ON sla_clocks BEGIN
  DELETE FROM sla_alarms WHERE incident = old.incident AND clock = old.name;
END;
-- Clocks that existed before this migration.
INSERT INTO sla_alarms (incident, clock, next_at) SELECT incident, name, NULL FROM sla_clocks;
CREATE INDEX incidents_received ON incidents(received_at);
