// Incident views for deskctl: incidents as the JSON objects of
// `deskctl list --json` and `deskctl show N --json` (shared/conventions.md,
// "Incident JSON"), and the human text of `deskctl list` and `deskctl show N`
// made from that same JSON. Reads only; every string in the JSON is valid
// UTF-8, so dump() never throws.
//
// Incident object: number, subject, status, hold_reason, priority, queue,
// category, owner, requester {address, name} | null, participants
// [{address, name, role}], language, received, updated (RFC 3339, UTC),
// clocks (always [] until the SLA clocks exist), links [{type, number}].
// show adds:
//   "messages": mail in and out, in time order; each {id, direction "in" |
//     "out", kind, from {address, name}, to [{address, name}], subject, date,
//     message_id, internal, outside_sender, classification, text, new_text,
//     problems}; "in": id is the messages row, kind client | technician |
//     internal | outside_sender | bounce | auto_reply | list | noreply;
//     "out": id is the outbox row, kind the template (acknowledgement,
//     technician_new, ...), plus status queued | sent | failed.
//   "events": the history, in order; each {id, at, actor, kind, detail
//     (JSON object), message (messages row id) | null}.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/outbox_json.h"
#include "daemon/store.h"
#include "parsers/result.h"

namespace deskd {

// `deskctl list` options; "" = any.
struct IncidentFilter {
  std::string status, owner, queue;
  bool overdue = false;  // a breached clock; matches nothing until SLA clocks exist
};

// The incidents that match, newest (highest number) first. Error kInvalid
// for a status that does not exist.
Result<nlohmann::json> ListIncidentsJson(Store& store, const IncidentFilter& filter);

// One incident with its messages and events. Error kNotFound "no incident #N".
Result<nlohmann::json> ShowIncidentJson(Store& store, int64_t number);

// One aligned line per incident (number, status, priority, queue, owner,
// requester, received, subject) under a heading line; "no incidents\n" for
// an empty array.
std::string FormatIncidentList(const nlohmann::json& incidents);

// The whole incident for a person: fields, participants, links, history,
// then each message with its direction, sender, date and new text.
std::string FormatIncident(const nlohmann::json& incident);

}  // namespace deskd
