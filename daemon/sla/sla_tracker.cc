// SlaTracker: read the clocks, apply a rule of daemon/sla/sla.h, write them back.
#include "daemon/sla/sla_tracker.h"

#include <algorithm>
#include <utility>

namespace deskd {

namespace {

BusinessCalendar CalendarOf(const Config& config) {
  auto cal = BusinessCalendar::Create(config.calendar);
  if (cal.ok()) return std::move(*cal);
  return BusinessCalendar::Default(config.desk.time_zone);
}

}  // namespace

SlaTracker::SlaTracker(Store& store, const Config& config)
    : SlaTracker(store, config, CalendarOf(config)) {}

SlaTracker::SlaTracker(Store& store, const Config& config, BusinessCalendar calendar)
    : store_(store), config_(config), calendar_(std::move(calendar)) {}

template <typename Rule>
Status SlaTracker::Update(int64_t incident, int64_t now, Rule rule) {
  DESKD_TRY_ASSIGN(auto clocks, store_.Clocks(incident));
  if (clocks.empty()) {
    DESKD_TRY_ASSIGN(auto row, store_.FindIncident(incident));
    if (!row) return Error::NotFound("no incident " + std::to_string(incident));
    const SlaTargets& targets = config_.sla.For(row->queue, row->priority);
    clocks = StartClocks(incident, row->received_at, targets, calendar_);
    rule(&clocks);
    return store_.UpsertClocks(clocks, now);
  }
  if (!rule(&clocks)) return Status::Ok();
  return store_.UpsertClocks(clocks, now);
}

Result<PriorityDecision> SlaTracker::OnCreated(const IncidentRow& incident,
                                               const ParsedMail& mail) {
  PriorityDecision d = DecidePriority(config_.priority, mail);
  DESKD_TRY(store_.SetIncidentPriority(incident.number, d.priority, d.urgency, d.impact,
                                      incident.received_at));
  const SlaTargets& targets = config_.sla.For(incident.queue, d.priority);
  DESKD_TRY(store_.UpsertClocks(
      StartClocks(incident.number, incident.received_at, targets, calendar_),
      incident.received_at));
  return d;
}

Status SlaTracker::OnTechnicianAnswer(int64_t incident, int64_t at) {
  return Update(incident, at, [&](std::vector<SlaClock>* c) {
    return OnAnswerSent(c, at, calendar_);
  });
}

Status SlaTracker::OnStatusChange(int64_t incident, const std::string& from,
                                  const std::string& to,
                                  const std::optional<std::string>& hold_reason,
                                  bool by_technician, int64_t at) {
  bool told = hold_reason.has_value() && !hold_reason->empty();
  return Update(incident, at, [&](std::vector<SlaClock>* c) {
    return deskd::OnStatusChange(c, from, to, told, by_technician, at, calendar_);
  });
}

Status SlaTracker::OnDelegated(int64_t incident, int64_t at) {
  return Update(incident, at, [&](std::vector<SlaClock>* c) {
    return deskd::OnDelegated(c, at, calendar_);
  });
}

Status SlaTracker::SetPriority(int64_t incident, int priority, int64_t now) {
  DESKD_TRY_ASSIGN(auto row, store_.FindIncident(incident));
  if (!row) return Error::NotFound("no incident " + std::to_string(incident));
  DESKD_TRY(store_.SetIncidentPriority(incident, std::clamp(priority, 1, 4), row->urgency,
                                       row->impact, now));
  return Recompute(incident, now);
}

Status SlaTracker::Recompute(int64_t incident, int64_t now) {
  DESKD_TRY_ASSIGN(auto row, store_.FindIncident(incident));
  if (!row) return Error::NotFound("no incident " + std::to_string(incident));
  const SlaTargets& targets = config_.sla.For(row->queue, row->priority);
  return Update(incident, now, [&](std::vector<SlaClock>* clocks) {
    for (SlaClock& c : *clocks) Retarget(&c, targets, calendar_, now);
    return true;
  });
}

}  // namespace deskd
