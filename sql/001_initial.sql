-- 001_initial: incidents, their participants, messages, history, the outbox,
-- IMAP checkpoints, links and full-text search. Times are unix seconds (UTC).
-- Applied by Store::Open inside one transaction; recorded in schema_migrations.

-- One incident (ticket). `number` is the ticket number of [Ticket#N]; the
-- first one is desk.first_ticket_number, then max + 1 (chosen by the Store).
CREATE TABLE incidents (
  number       INTEGER PRIMARY KEY,
  subject      TEXT    NOT NULL DEFAULT '',
  status       TEXT    NOT NULL DEFAULT 'new'
               CHECK (status IN ('new', 'open', 'on_hold', 'resolved', 'closed', 'merged')),
  hold_reason  TEXT,
  priority     INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
  queue        TEXT    NOT NULL,
  category     TEXT,
  owner        TEXT,                          -- technician name (config)
  requester_id INTEGER REFERENCES participants(id),
  language     TEXT    NOT NULL DEFAULT 'en',
  received_at  INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  resolved_at  INTEGER,
  closed_at    INTEGER,
  merged_into  INTEGER REFERENCES incidents(number)
);
CREATE INDEX incidents_status ON incidents(status, number);
CREATE INDEX incidents_owner ON incidents(owner, number);
CREATE INDEX incidents_queue ON incidents(queue, number);

-- People on an incident. Reply tokens are made for a participant row, so a
-- technician who was mailed about an incident has a row too.
CREATE TABLE participants (
  id        INTEGER PRIMARY KEY,
  incident  INTEGER NOT NULL REFERENCES incidents(number),
  address   TEXT    NOT NULL,                 -- lower-case mailbox
  name      TEXT,
  role      TEXT    NOT NULL CHECK (role IN ('requester', 'cc', 'technician')),
  added_at  INTEGER NOT NULL,
  UNIQUE (incident, address)
);

-- Every mail deskd took in, raw, with what the parser saw in it.
-- `incident` is NULL for a mail that could not be attached to any incident
-- (an unthreadable bounce, an empty mail): kept anyway.
CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  incident        INTEGER REFERENCES incidents(number),
  direction       TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
  message_id      TEXT,                        -- with angle brackets
  raw             BLOB    NOT NULL,
  raw_size        INTEGER NOT NULL,
  sha256          TEXT    NOT NULL,            -- hex of raw
  mailbox         TEXT,
  uid             INTEGER,
  uidvalidity     INTEGER,
  from_address    TEXT,
  from_name       TEXT,
  subject         TEXT    NOT NULL DEFAULT '',
  text            TEXT    NOT NULL DEFAULT '',
  new_text        TEXT    NOT NULL DEFAULT '',
  classification  TEXT    NOT NULL DEFAULT 'human',
  language        TEXT,
  is_internal     INTEGER NOT NULL DEFAULT 0,
  outside_sender  INTEGER NOT NULL DEFAULT 0,
  participant_id  INTEGER REFERENCES participants(id),  -- the sender, when known
  received_at     INTEGER NOT NULL,
  problems        TEXT    NOT NULL DEFAULT '[]'  -- JSON array of strings
);
CREATE INDEX messages_message_id ON messages(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX messages_sha256 ON messages(sha256);
CREATE INDEX messages_incident ON messages(incident, id);

-- The history of an incident: one row per change (who, when, what, from
-- which message). `detail` is a JSON object.
CREATE TABLE events (
  id        INTEGER PRIMARY KEY,
  incident  INTEGER NOT NULL REFERENCES incidents(number),
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,                  -- address, technician name or 'deskd'
  kind      TEXT    NOT NULL,                  -- created, message, note, status, bounce, ...
  detail    TEXT    NOT NULL DEFAULT '{}',
  message   INTEGER REFERENCES messages(id)
);
CREATE INDEX events_incident ON events(incident, id);

-- Mail waiting to be sent, and what became of it. The Message-ID is chosen
-- when the row is written and stays the same on every retry.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  incident         INTEGER REFERENCES incidents(number),
  kind             TEXT    NOT NULL,          -- template name: acknowledgement, ...
  message_id       TEXT    NOT NULL UNIQUE,
  envelope_from    TEXT    NOT NULL,
  recipients       TEXT    NOT NULL,          -- JSON array of addresses
  raw              BLOB    NOT NULL,          -- the complete message, CRLF
  status           TEXT    NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER,
  cause_message    INTEGER REFERENCES messages(id)  -- the mail that caused it
);
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_status ON outbox(status, id);

-- One row per recipient of an outbox mail: the per-address daily limit of
-- automatic mail counts here.
CREATE TABLE outbox_recipients (
  outbox      INTEGER NOT NULL REFERENCES outbox(id),
  address     TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (outbox, address)
);
CREATE INDEX outbox_recipients_address ON outbox_recipients(address, created_at);

-- Per mailbox: the folder's UIDVALIDITY and the last UID taken in.
CREATE TABLE checkpoints (
  mailbox     TEXT    PRIMARY KEY,
  uidvalidity INTEGER NOT NULL,
  last_uid    INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Relations between incidents (merged_into, duplicate_of, related, parent, child).
CREATE TABLE links (
  id          INTEGER PRIMARY KEY,
  incident    INTEGER NOT NULL REFERENCES incidents(number),
  type        TEXT    NOT NULL
              CHECK (type IN ('merged_into', 'duplicate_of', 'related', 'parent', 'child')),
  other       INTEGER NOT NULL REFERENCES incidents(number),
  created_at  INTEGER NOT NULL,
  UNIQUE (incident, type, other)
);

-- Full-text search over what people wrote (deskctl search), kept in step
-- with `messages` by triggers.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  subject, new_text,
  content = 'messages', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, subject, new_text) VALUES (new.id, new.subject, new.new_text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, subject, new_text)
    VALUES ('delete', old.id, old.subject, old.new_text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, new_text ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, subject, new_text)
    VALUES ('delete', old.id, old.subject, old.new_text);
  INSERT INTO messages_fts(rowid, subject, new_text) VALUES (new.id, new.subject, new.new_text);
END;
