#include "daemon/notify/escalation.h"

#include <random>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/core/mail_text.h"
#include "daemon/core/logging.h"
#include "daemon/notify/incident_values.h"
#include "daemon/notify/notify_words.h"

namespace deskd {

namespace {

constexpr size_t kMaxHistoryEvents = 60;
constexpr size_t kMaxClientText = 4000;

// "status new -> open", "reason: ...": the few detail fields a reader needs.
std::string EventSummary(const EventRow& e) {
  std::string out = e.kind;
  auto detail = nlohmann::json::parse(e.detail_json, nullptr, false);
  if (!detail.is_object()) return out;
  auto text = [&](const char* key) -> std::string {
    auto it = detail.find(key);
    if (it == detail.end() || it->is_null()) return "";
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  if (!text("from").empty() || !text("to").empty()) out += " " + text("from") + " -> " + text("to");
  for (const char* key : {"clock", "lead", "reason", "address", "recipient", "status", "owner"}) {
    std::string v = text(key);
    if (!v.empty() && std::string(key) != "status") out += ", " + std::string(key) + ": " + v;
  }
  return SanitizeHeaderText(out, 300);
}

}  // namespace

std::string ManualEscalationKey(int64_t incident, int64_t now) {
  std::random_device rd;
  char buf[17];
  snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  return "escalation:" + std::to_string(incident) + ":manual:" + std::to_string(now) + ":" + buf;
}

namespace {

// "  First response: due 2026-11-23 10:00, met (…)" per clock.
Result<std::string> DeadlineLines(Store& store, const BusinessCalendar& calendar,
                                  int64_t incident, const std::string& language) {
  DESKD_TRY_ASSIGN(auto clocks, store.Clocks(incident));
  std::string deadlines;
  for (const SlaClock& c : clocks) {
    std::string line = "  " + ClockLabel(language, ClockKindName(c.kind)) + ": " +
                       Word(language, "due") + " " + FormatLocalTime(calendar, c.due_at) + ", " +
                       Word(language, ClockStateName(c.state));
    if (c.met_at) line += " (" + FormatLocalTime(calendar, *c.met_at) + ")";
    deadlines += line + "\n";
  }
  while (!deadlines.empty() && deadlines.back() == '\n') deadlines.pop_back();
  return deadlines;
}

// The last kMaxHistoryEvents events, one line each; "  -" when none.
Result<std::string> HistoryLines(Store& store, const BusinessCalendar& calendar,
                                 int64_t incident) {
  DESKD_TRY_ASSIGN(auto events, store.Events(incident));
  size_t first = events.size() > kMaxHistoryEvents ? events.size() - kMaxHistoryEvents : 0;
  std::string history;
  for (size_t i = first; i < events.size(); ++i) {
    const EventRow& e = events[i];
    history += "  " + FormatLocalTime(calendar, e.at) + "  " + SanitizeHeaderText(e.actor, 100) +
               "  " + EventSummary(e) + "\n";
  }
  while (!history.empty() && history.back() == '\n') history.pop_back();
  if (history.empty()) history = "  -";
  return history;
}

}  // namespace

Result<TemplateValues> EscalationValues(Store& store, const Config& config,
                                        const BusinessCalendar& calendar,
                                        const IncidentRow& incident,
                                        const EscalationRequest& request,
                                        const std::string& language, int64_t now) {
  DESKD_TRY_ASSIGN(TemplateValues v, IncidentValues(store, config, incident, language, &calendar));
  v["manager_name"] = SanitizeHeaderText(config.manager.name, 200);
  v["actor"] = SanitizeHeaderText(request.actor, 200);
  v["reason"] = SanitizeHeaderText(request.reason, 900);
  v["breach"] = "";
  v["clock_label"] = "";
  v["due"] = "";
  v["overdue"] = "";
  if (request.breached) {
    const SlaClock& c = *request.breached;
    v["breach"] = "1";
    v["clock"] = ClockKindName(c.kind);
    v["clock_label"] = ClockLabel(language, ClockKindName(c.kind));
    v["due"] = FormatLocalTime(calendar, c.due_at);
    v["overdue"] = FormatDuration(language, std::max<int64_t>(0, now - c.due_at));
  }
  DESKD_TRY_ASSIGN(v["deadlines"], DeadlineLines(store, calendar, incident.number, language));
  DESKD_TRY_ASSIGN(v["history"], HistoryLines(store, calendar, incident.number));
  DESKD_TRY_ASSIGN(v["client_text"], FirstClientText(store, incident.number, kMaxClientText));
  return v;
}

Result<bool> QueueEscalation(Store& store, Notifier& notifier, const Config& config,
                             const BusinessCalendar& calendar, const IncidentRow& incident,
                             const EscalationRequest& request, int64_t now) {
  const std::string language = config.desk.default_language;
  NotificationKey key;
  key.key = request.key;
  key.incident = incident.number;
  key.kind = "escalation";
  key.lead = request.breached ? "breach" : "manual";
  if (request.breached) key.clock = ClockKindName(request.breached->kind);

  std::vector<NotificationMail> mails;
  if (!config.manager.address.empty()) {
    NotificationMail mail;
    DESKD_TRY_ASSIGN(mail.values,
                     EscalationValues(store, config, calendar, incident, request, language, now));
    mail.template_name = "escalation";
    mail.language = language;
    mail.to = MailAddress{config.manager.address,
                          config.manager.name.empty() ? std::nullopt
                                                      : std::optional<std::string>(config.manager.name)};
    mails.push_back(std::move(mail));
  }
  auto written = notifier.QueueOnce(key, mails, now);
  if (!written.ok() || !*written) return written;

  EventRow e;
  e.incident = incident.number;
  e.at = now;
  e.actor = request.actor.empty() ? "deskd" : request.actor;
  e.kind = "escalated";
  nlohmann::json detail = {{"by", e.actor}, {"to", config.manager.address}};
  if (!request.reason.empty()) detail["reason"] = SanitizeHeaderText(request.reason, 900);
  if (request.breached) {
    detail["clock"] = ClockKindName(request.breached->kind);
    detail["due"] = request.breached->due_at;
    detail["lead"] = "breach";
  }
  e.detail_json = JsonText(detail);
  DESKD_TRY(store.AddEvent(e));
  if (config.manager.address.empty()) {
    spdlog::warn("escalation recorded, no [manager] address to mail ticket={}", incident.number);
  } else {
    spdlog::info("escalation queued ticket={} to={} by={} clock={}", incident.number,
                 LogValue(config.manager.address), LogValue(e.actor), key.clock);
  }
  return true;
}

Result<bool> EscalateIncident(Store& store, const Config& config, const TemplateSet& templates,
                              const BusinessCalendar& calendar, int64_t number,
                              const std::string& reason, const std::string& actor, int64_t now) {
  DESKD_TRY_ASSIGN(auto tx, store.BeginTransaction());
  DESKD_TRY_ASSIGN(auto incident, store.FindIncident(number));
  if (!incident) return Error::NotFound("no incident " + std::to_string(number));
  Notifier notifier(store, config, templates);
  EscalationRequest request;
  request.key = ManualEscalationKey(number, now);
  request.actor = actor;
  request.reason = reason;
  DESKD_TRY_ASSIGN(auto written,
                   QueueEscalation(store, notifier, config, calendar, *incident, request, now));
  DESKD_TRY(tx->Commit());
  return written;
}

}  // namespace deskd
