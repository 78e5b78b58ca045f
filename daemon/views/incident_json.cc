#include "daemon/views/incident_json.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "daemon/core/mail_text.h"
#include "daemon/views/view_util.h"
#include "parsers/mail.h"

namespace deskd {

namespace {

using nlohmann::json;

json Text(const std::string& s) { return ValidUtf8(s); }

json OptText(const std::optional<std::string>& s) {
  return s ? json(ValidUtf8(*s)) : json(nullptr);
}

json AddressJson(const std::string& address, const std::optional<std::string>& name) {
  return {{"address", Text(address)}, {"name", OptText(name)}};
}

bool IsKnownStatus(const std::string& s) {
  for (const char* known : {"new", "open", "on_hold", "resolved", "closed", "merged"}) {
    if (s == known) return true;
  }
  return false;
}

json OptTime(const std::optional<int64_t>& t) { return t ? json(Rfc3339Utc(*t)) : json(nullptr); }

json ClockJson(const SlaClock& c, int64_t now, const BusinessCalendar* calendar) {
  json remaining = nullptr;
  if (calendar != nullptr && c.Open()) remaining = RemainingSeconds(c, now, *calendar);
  // Past its deadline and not met (a paused clock is not overdue).
  bool overdue = c.Open() && (c.state == ClockState::kBreached ||
                              (c.state == ClockState::kRunning && now > 0 && c.due_at <= now));
  return {{"name", ClockKindName(c.kind)},
          {"due", Rfc3339Utc(c.due_at)},
          {"state", ClockStateName(c.state)},
          {"met_at", OptTime(c.met_at)},
          {"breached_at", OptTime(c.breached_at)},
          {"working_time", c.working_time},
          {"remaining_seconds", remaining},
          {"overdue", overdue}};
}

// The incident object of conventions.md, without messages and events.
Result<json> IncidentJson(Store& store, const IncidentRow& row,
                          const std::vector<ParticipantRow>& people, int64_t now,
                          const BusinessCalendar* calendar) {
  json participants = json::array();
  json requester = nullptr;
  for (const ParticipantRow& p : people) {
    participants.push_back({{"address", Text(p.address)},
                            {"name", OptText(p.name)},
                            {"role", p.role}});
    if (row.requester_id && p.id == *row.requester_id) requester = AddressJson(p.address, p.name);
  }
  DESKD_TRY_ASSIGN(auto links, store.Links(row.number));
  json link_array = json::array();
  for (const LinkRow& l : links) link_array.push_back({{"type", l.type}, {"number", l.other}});
  DESKD_TRY_ASSIGN(auto clocks, store.Clocks(row.number));
  json clock_array = json::array();
  for (const SlaClock& c : clocks) clock_array.push_back(ClockJson(c, now, calendar));
  return json{{"number", row.number},
              {"subject", Text(row.subject)},
              {"status", row.status},
              {"hold_reason", OptText(row.hold_reason)},
              {"priority", row.priority},
              {"queue", Text(row.queue)},
              {"category", OptText(row.category)},
              {"owner", OptText(row.owner)},
              {"requester", requester},
              {"participants", participants},
              {"language", Text(row.language)},
              {"received", Rfc3339Utc(row.received_at)},
              {"updated", Rfc3339Utc(row.updated_at)},
              {"clocks", clock_array},
              {"links", link_array}};
}

// What a stored incoming mail was, for a person reading the incident.
std::string IncomingKind(const MessageRow& m, const std::map<int64_t, ParticipantRow>& by_id) {
  if (m.classification == "bounce") return "bounce";
  if (m.outside_sender) return "outside_sender";
  if (m.participant_id) {
    auto it = by_id.find(*m.participant_id);
    if (it != by_id.end() && it->second.role == "technician") {
      return m.is_internal ? "internal" : "technician";
    }
  }
  if (m.classification != "human") return m.classification;
  return m.is_internal ? "internal" : "client";
}

// Only subjects, addresses, dates and text are read: no desk settings.
ParseOptions ViewParseOptions() { return ParseOptions(); }

json AddressList(const std::vector<MailAddress>& list) {
  json out = json::array();
  for (const MailAddress& a : list) out.push_back(AddressJson(a.address, a.name));
  return out;
}

struct TimedMessage {
  int64_t at;
  int order;  // in (0) before out (1) at the same second
  int64_t id;
  json value;
};

Result<std::vector<TimedMessage>> IncomingMessages(
    Store& store, int64_t number, const std::map<int64_t, ParticipantRow>& by_id) {
  DESKD_TRY_ASSIGN(auto messages, store.Messages(number));
  std::vector<TimedMessage> out;
  for (const MessageRow& m : messages) {
    // To, Cc and Date are not columns: read them from the stored header.
    json to = json::array();
    json date = nullptr;
    DESKD_TRY_ASSIGN(auto raw, store.MessageRaw(m.id));
    if (raw) {
      ParsedMail head = ParseMail(HeaderSection(*raw, 1 << 20), ViewParseOptions());
      to = AddressList(head.to);
      for (const MailAddress& a : head.cc) to.push_back(AddressJson(a.address, a.name));
      if (head.date) date = Text(*head.date);
    }
    json problems = json::array();
    try {
      json parsed = json::parse(m.problems_json);
      if (parsed.is_array()) problems = parsed;
    } catch (const json::exception&) {
      problems.push_back("problems column is not JSON");
    }
    json v = {{"id", m.id},
              {"direction", m.direction},
              {"kind", IncomingKind(m, by_id)},
              {"from", AddressJson(m.from_address.value_or(""), m.from_name)},
              {"to", to},
              {"subject", Text(m.subject)},
              {"date", Rfc3339Utc(m.received_at)},
              {"header_date", date},
              {"message_id", OptText(m.message_id)},
              {"internal", m.is_internal},
              {"outside_sender", m.outside_sender},
              {"classification", m.classification},
              {"language", OptText(m.language)},
              {"size", m.raw_size},
              {"text", Text(m.text)},
              {"new_text", Text(m.new_text)},
              {"problems", problems}};
    out.push_back({m.received_at, 0, m.id, std::move(v)});
  }
  return out;
}

Result<std::vector<TimedMessage>> OutgoingMessages(
    Store& store, int64_t number, const std::map<std::string, std::string>& role_of) {
  DESKD_TRY_ASSIGN(auto rows, store.OutboxOf(number));
  std::vector<TimedMessage> out;
  for (const OutboxRow& o : rows) {
    ParsedMail mail = ParseMail(o.raw, ViewParseOptions());
    json to = AddressList(mail.to);
    if (to.empty()) {
      for (const std::string& r : o.recipients) to.push_back(AddressJson(r, std::nullopt));
    }
    // Internal: no client among the recipients (mail to technicians).
    bool internal = true;
    for (const std::string& r : o.recipients) {
      auto it = role_of.find(r);
      if (it == role_of.end() || it->second != "technician") internal = false;
    }
    int64_t at = o.sent_at.value_or(o.created_at);
    json v = {{"id", o.id},
              {"direction", "out"},
              {"kind", Text(o.kind)},
              {"from", AddressJson(o.envelope_from, mail.from.name)},
              {"to", to},
              {"subject", Text(mail.subject)},
              {"date", Rfc3339Utc(at)},
              {"message_id", Text(o.message_id)},
              {"internal", internal},
              {"outside_sender", false},
              {"status", o.status},
              {"text", Text(mail.text)},
              {"new_text", Text(mail.text)}};
    out.push_back({o.created_at, 1, o.id, std::move(v)});
  }
  return out;
}

Result<json> EventsJson(Store& store, int64_t number) {
  DESKD_TRY_ASSIGN(auto events, store.Events(number));
  json out = json::array();
  for (const EventRow& e : events) {
    json detail;
    try {
      detail = json::parse(e.detail_json);
    } catch (const json::exception&) {
      detail = Text(e.detail_json);
    }
    out.push_back({{"id", e.id},
                   {"at", Rfc3339Utc(e.at)},
                   {"actor", Text(e.actor)},
                   {"kind", Text(e.kind)},
                   {"detail", detail},
                   {"message", e.message ? json(*e.message) : json(nullptr)}});
  }
  return out;
}

// 90061 -> "1d 1h 1m" (days of 24 h; `days` false: "25h 1m", for working
// time, where a day of 24 h would mislead); "0m" under a minute.
std::string DurationText(int64_t seconds, bool days) {
  int64_t d = days ? seconds / 86400 : 0;
  int64_t h = (seconds - d * 86400) / 3600, m = seconds % 3600 / 60;
  std::string out;
  if (d > 0) out += std::to_string(d) + "d ";
  if (h > 0) out += std::to_string(h) + "h ";
  if (m > 0 || out.empty()) out += std::to_string(m) + "m ";
  out.pop_back();
  return out;
}

// "met 2026-11-23 10:30", "breached, overdue 2h (working time)", "running, 5h left".
std::string ClockStateText(const json& c) {
  std::string state = Field(c, "state");
  std::string met = Field(c, "met_at", "");
  if (!met.empty()) return state + (state == "met" ? " " : ", met late ") + ShortTime(met);
  std::string out = state;
  if (c.contains("remaining_seconds") && c["remaining_seconds"].is_number_integer()) {
    int64_t left = c["remaining_seconds"].get<int64_t>();
    bool working = c.value("working_time", false);
    std::string kind = working ? " working time" : "";
    out += left >= 0 && !c.value("overdue", false)
               ? ", " + DurationText(left, !working) + kind + " left"
               : ", overdue " + DurationText(left < 0 ? -left : 0, !working) + kind;
  }
  return out;
}

// The earliest due of a clock not met yet, "(clock) OVERDUE" when breached
// or past due; "-" when none.
std::string NextDeadline(const json& incident) {
  const json* best = nullptr;
  if (incident.contains("clocks") && incident["clocks"].is_array()) {
    for (const json& c : incident["clocks"]) {
      if (!c.value("met_at", json(nullptr)).is_null()) continue;
      if (best == nullptr || Field(c, "due") < Field(*best, "due")) best = &c;
    }
  }
  if (best == nullptr) return "-";
  bool overdue = best->value("overdue", false);
  return ShortTime(Field(*best, "due")) + " " + Field(*best, "name") + (overdue ? " OVERDUE" : "");
}

}  // namespace

Result<json> ListIncidentsJson(Store& store, const IncidentFilter& filter) {
  if (!filter.status.empty() && !IsKnownStatus(filter.status)) {
    return Error::Invalid("unknown status \"" + filter.status +
                          "\": new, open, on_hold, resolved, closed or merged");
  }
  json out = json::array();
  IncidentQuery query;
  if (filter.overdue) query.overdue_at = filter.now;
  if (!filter.status.empty()) query.status = filter.status;
  if (!filter.owner.empty()) query.owner = filter.owner;
  if (!filter.queue.empty()) query.queue = filter.queue;
  DESKD_TRY_ASSIGN(auto rows, store.ListIncidents(query));
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    DESKD_TRY_ASSIGN(auto people, store.Participants(it->number));
    DESKD_TRY_ASSIGN(json incident, IncidentJson(store, *it, people, filter.now, filter.calendar));
    out.push_back(std::move(incident));
  }
  return out;
}

Result<json> ShowIncidentJson(Store& store, int64_t number, int64_t now,
                              const BusinessCalendar* calendar) {
  DESKD_TRY_ASSIGN(auto row, store.FindIncident(number));
  if (!row) return Error::NotFound("no incident #" + std::to_string(number));
  DESKD_TRY_ASSIGN(auto people, store.Participants(number));
  DESKD_TRY_ASSIGN(json incident, IncidentJson(store, *row, people, now, calendar));

  std::map<int64_t, ParticipantRow> by_id;
  std::map<std::string, std::string> role_of;
  for (const ParticipantRow& p : people) {
    by_id[p.id] = p;
    role_of[p.address] = p.role;
  }
  DESKD_TRY_ASSIGN(std::vector<TimedMessage> all, IncomingMessages(store, number, by_id));
  DESKD_TRY_ASSIGN(auto out, OutgoingMessages(store, number, role_of));
  for (auto& m : out) all.push_back(std::move(m));
  std::stable_sort(all.begin(), all.end(), [](const TimedMessage& a, const TimedMessage& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.order != b.order) return a.order < b.order;
    return a.id < b.id;
  });
  json messages = json::array();
  for (auto& m : all) messages.push_back(std::move(m.value));
  incident["messages"] = std::move(messages);

  DESKD_TRY_ASSIGN(incident["events"], EventsJson(store, number));
  return incident;
}

std::string FormatIncidentList(const json& incidents) {
  if (!incidents.is_array() || incidents.empty()) return "no incidents\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"#", "STATUS", "PRI", "QUEUE", "OWNER", "REQUESTER", "RECEIVED (UTC)",
                  "NEXT DEADLINE (UTC)", "SUBJECT"});
  for (const json& i : incidents) {
    std::string requester = "-";
    if (i.contains("requester") && i["requester"].is_object()) {
      requester = Field(i["requester"], "address");
    }
    rows.push_back({Field(i, "number"), Field(i, "status"), "P" + Field(i, "priority"),
                    Field(i, "queue"), Field(i, "owner"), requester,
                    ShortTime(Field(i, "received")), NextDeadline(i), Field(i, "subject", "")});
  }
  return FormatColumns(rows);
}

namespace {

// "Clocks:" and one aligned line per clock under it.
void AddClockFields(const json& incident, std::vector<std::vector<std::string>>* fields) {
  std::vector<std::vector<std::string>> clocks;
  if (incident.contains("clocks") && incident["clocks"].is_array()) {
    for (const json& c : incident["clocks"]) {
      clocks.push_back({Field(c, "name"), "due " + ShortTime(Field(c, "due")), ClockStateText(c)});
    }
  }
  fields->push_back({"Clocks:", clocks.empty() ? "-" : ""});
  if (clocks.empty()) return;
  // The clocks as their own aligned block under "Clocks:".
  std::string block = FormatColumns(clocks);
  fields->back()[1] = block.substr(0, block.find('\n'));
  for (size_t at = block.find('\n') + 1; at < block.size();) {
    size_t end = block.find('\n', at);
    fields->push_back({"", block.substr(at, end - at)});
    at = end + 1;
  }
}

// The header block: status, priority, ..., clocks, links.
std::string IncidentFields(const json& incident) {
  std::vector<std::vector<std::string>> fields;
  std::string status = Field(incident, "status");
  if (Field(incident, "hold_reason", "") != "") {
    status += " (" + Field(incident, "hold_reason") + ")";
  }
  fields.push_back({"Status:", status});
  fields.push_back({"Priority:", Field(incident, "priority")});
  fields.push_back({"Queue:", Field(incident, "queue")});
  fields.push_back({"Category:", Field(incident, "category")});
  fields.push_back({"Owner:", Field(incident, "owner")});
  fields.push_back({"Requester:", incident.contains("requester")
                                      ? AddressText(incident["requester"])
                                      : std::string("-")});
  fields.push_back({"Language:", Field(incident, "language")});
  fields.push_back({"Received:", Field(incident, "received")});
  fields.push_back({"Updated:", Field(incident, "updated")});
  AddClockFields(incident, &fields);
  std::string links;
  if (incident.contains("links") && incident["links"].is_array()) {
    for (const json& l : incident["links"]) {
      if (!links.empty()) links += ", ";
      links += Field(l, "type") + " #" + Field(l, "number");
    }
  }
  fields.push_back({"Links:", links.empty() ? "-" : links});
  return FormatColumns(fields);
}

// "Participants:" with one role and address per line; "" when none.
std::string ParticipantsSection(const json& incident) {
  if (!incident.contains("participants") || incident["participants"].empty()) return "";
  std::vector<std::vector<std::string>> people;
  for (const json& p : incident["participants"]) {
    people.push_back({"  " + Field(p, "role"), AddressText(p)});
  }
  return "\nParticipants:\n" + FormatColumns(people);
}

// "History:" with one event per line; "" when none.
std::string HistorySection(const json& incident) {
  if (!incident.contains("events") || incident["events"].empty()) return "";
  std::vector<std::vector<std::string>> events;
  for (const json& e : incident["events"]) {
    std::string detail;
    if (e.contains("detail") && !(e["detail"].is_object() && e["detail"].empty())) {
      detail = e["detail"].is_string()
                   ? e["detail"].get<std::string>()
                   : e["detail"].dump(-1, ' ', false, json::error_handler_t::replace);
    }
    events.push_back({"  " + ShortTime(Field(e, "at")), Field(e, "actor"), Field(e, "kind"),
                      detail});
  }
  return "\nHistory:\n" + FormatColumns(events);
}

// One message: direction, time, kind, who, subject, and its text indented.
std::string MessageEntry(const json& m) {
  bool in = Field(m, "direction") == "in";
  std::string line = "  " + std::string(in ? "<- in " : "-> out") + " " +
                     ShortTime(Field(m, "date")) + "  " + Field(m, "kind");
  if (m.value("internal", false)) line += " (internal)";
  if (in) {
    line += "  from " + AddressText(m.contains("from") ? m["from"] : json());
  } else {
    std::string to;
    if (m.contains("to") && m["to"].is_array()) {
      for (const json& a : m["to"]) to += (to.empty() ? "" : ", ") + AddressText(a);
    }
    line += "  to " + (to.empty() ? std::string("-") : to);
    if (Field(m, "status", "") != "sent") line += "  [" + Field(m, "status") + "]";
  }
  std::string out = line + "\n";
  if (!Field(m, "subject", "").empty()) out += "     Subject: " + Field(m, "subject") + "\n";
  std::string text = Field(m, "new_text", "");
  if (text.empty()) text = Field(m, "text", "");
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return out + Indent(text, "     | ");
}

}  // namespace

std::string FormatIncident(const json& incident) {
  std::string out;
  out += "Incident #" + Field(incident, "number") + ": " + Field(incident, "subject", "") + "\n";
  out += IncidentFields(incident);
  out += ParticipantsSection(incident);
  out += HistorySection(incident);
  if (incident.contains("messages") && !incident["messages"].empty()) {
    out += "\nMessages:\n";
    for (const json& m : incident["messages"]) out += MessageEntry(m);
  }
  return out;
}

}  // namespace deskd
