// Incident views for deskctl: incidents as the JSON objects of
// `deskctl list --json` and `deskctl show N --json` (shared/conventions.md,
// "Incident JSON"), and the human text of `deskctl list` and `deskctl show N`
// made from that same JSON. Reads only; every string in the JSON is valid
// UTF-8, so dump() never throws.
//
// Incident object: number, subject, status, hold_reason, priority, queue,
// category, owner, requester {address, name} | null, participants
// [{address, name, role}], language, received, updated (RFC 3339, UTC),
// clocks [{name first_response | in_work | resolution, due, state running |
// paused | met | breached, met_at | null, breached_at | null, working_time
// (bool: the deadline runs on the business calendar), remaining_seconds
// (until due, negative when overdue; working seconds when working_time;
// null when met or when no calendar was given), overdue (bool: not met and
// breached, or running with due <= now)}], links [{type, number}].
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

#include "daemon/calendar/calendar.h"
#include "daemon/views/outbox_json.h"
#include "daemon/sla/sla.h"
#include "daemon/store/store.h"
#include "parsers/result.h"

namespace deskd {

// `deskctl list` options; "" = any.
struct IncidentFilter {
  std::string status, owner, queue;
  bool overdue = false;  // a breached clock, or a running one due at or before `now`
  int64_t now = 0;       // unix seconds: what "overdue" and remaining_seconds count from
  const BusinessCalendar* calendar = nullptr;  // null: no remaining_seconds
};

// The incidents that match, newest (highest number) first. Error kInvalid
// for a status that does not exist.
Result<nlohmann::json> ListIncidentsJson(Store& store, const IncidentFilter& filter);

// One incident with its messages and events. Error kNotFound "no incident #N".
// `now` and `calendar` as in IncidentFilter.
Result<nlohmann::json> ShowIncidentJson(Store& store, int64_t number, int64_t now = 0,
                                        const BusinessCalendar* calendar = nullptr);

// One aligned line per incident (number, status, priority, queue, owner,
// requester, received, the nearest open deadline, subject) under a heading line; "no incidents\n" for
// an empty array.
std::string FormatIncidentList(const nlohmann::json& incidents);

// The whole incident for a person: fields, each clock (deadline, remaining
// or overdue time, met/breached), participants, links, history,
// then each message with its direction, sender, date and new text.
std::string FormatIncident(const nlohmann::json& incident);

}  // namespace deskd
