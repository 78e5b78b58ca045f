#include "daemon/notify/scheduler.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/notify/digest.h"
#include "daemon/notify/escalation.h"
#include "daemon/notify/incident_values.h"
#include "daemon/core/mail_text.h"
#include "daemon/core/logging.h"
#include "daemon/notify/notify_words.h"

namespace deskd {

namespace {

constexpr int64_t kDay = 86400;
// The client's first mail in a reminder is cut here.
constexpr size_t kMaxReminderClientText = 2000;

std::string DayText(date::sys_days day) { return date::format("%Y-%m-%d", day); }

int WeekdayIndex(const std::string& name) {  // date::weekday c_encoding: sun = 0
  static const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i) {
    if (name == names[i]) return i;
  }
  return 1;
}

}  // namespace

std::vector<ReminderLead> ReminderLeads(const SlaClock& clock, const RemindersSection& reminders,
                                        const BusinessCalendar& calendar) {
  std::vector<ReminderLead> leads;
  if (clock.budget_seconds <= 0) return leads;
  auto add = [&](const std::string& name, double fraction) {
    if (fraction <= 0 || fraction >= 1) return;
    int64_t at = PointAtFraction(clock, fraction, calendar);
    if (at <= clock.started_at || at >= clock.due_at) return;
    leads.push_back({name, at});
  };
  for (int p : reminders.lead_percent) add(std::to_string(p) + "%", p / 100.0);
  for (int m : reminders.lead_minutes) {
    add(std::to_string(m) + "m",
        1.0 - static_cast<double>(m) * 60.0 / static_cast<double>(clock.budget_seconds));
  }
  std::sort(leads.begin(), leads.end(),
            [](const ReminderLead& a, const ReminderLead& b) { return a.at < b.at; });
  return leads;
}

const std::vector<std::string>& Scheduler::TemplateNames() {
  static const std::vector<std::string> names = {"reminder", "escalation", "technician_review",
                                                 "manager_digest", "manager_digest_html"};
  return names;
}

Scheduler::Scheduler(Store& store, const Config& config, const TemplateSet& templates,
                     const BusinessCalendar& calendar)
    : store_(store),
      config_(config),
      templates_(templates),
      calendar_(calendar),
      notifier_(store, config, templates) {}

// --- alarms ---

Result<std::optional<int64_t>> Scheduler::NextAlarm(const SlaClock& clock) {
  if (clock.state != ClockState::kRunning) return std::optional<int64_t>();
  int64_t next = clock.due_at;  // the breach
  for (const ReminderLead& lead : ReminderLeads(clock, config_.reminders, calendar_)) {
    if (lead.at >= next) break;
    DESKD_TRY_ASSIGN(auto sent,
                     notifier_.WasSent(ReminderKey(clock.incident, ClockKindName(clock.kind),
                                                   lead.name, clock.due_at)));
    if (!sent) {
      next = lead.at;
      break;
    }
  }
  return std::optional<int64_t>(next);
}

Status Scheduler::WriteAlarm(int64_t incident, const std::string& clock,
                             std::optional<int64_t> next_at) {
  return next_at ? store_.SetAlarm(incident, clock, *next_at) : store_.DeleteAlarm(incident, clock);
}

Status Scheduler::ComputeDirty(int64_t /*now*/, SchedulerTick* tick) {
  DESKD_TRY_ASSIGN(auto tx, store_.BeginTransaction());
  DESKD_TRY_ASSIGN(auto dirty, store_.AlarmsToCompute(compute_batch_));
  if (dirty.empty()) return Status::Ok();
  int64_t loaded_for = -1;
  std::vector<SlaClock> clocks;
  for (const AlarmRow& alarm : dirty) {
    const int64_t incident = alarm.incident;
    const std::string& name = alarm.clock;
    if (incident != loaded_for) {
      DESKD_TRY_ASSIGN(clocks, store_.Clocks(incident));
      loaded_for = incident;
    }
    std::optional<int64_t> next;
    for (const SlaClock& c : clocks) {
      if (name == ClockKindName(c.kind)) {
        DESKD_TRY_ASSIGN(next, NextAlarm(c));
      }
    }
    DESKD_TRY(WriteAlarm(incident, name, next));
    ++tick->alarms_computed;
  }
  if (static_cast<int>(dirty.size()) >= compute_batch_) tick->more = true;
  return tx->Commit();
}

Status Scheduler::FireAlarm(int64_t incident, const std::string& name, int64_t now,
                            SchedulerTick* tick) {
  DESKD_TRY_ASSIGN(auto clocks, store_.Clocks(incident));
  DESKD_TRY_ASSIGN(auto row, store_.FindIncident(incident));
  std::optional<SlaClock> clock;
  for (const SlaClock& c : clocks) {
    if (name == ClockKindName(c.kind)) clock = c;
  }
  if (!clock || !row || clock->state != ClockState::kRunning) {
    return WriteAlarm(incident, name, std::nullopt);
  }
  const IncidentRow& inc = *row;
  if (clock->due_at <= now) {
    // The breach: recorded on the clock, escalated to the manager at once.
    SlaClock breached = *clock;
    BreachIfDue(&breached, now);
    DESKD_TRY(store_.UpsertClocks({breached}, now));
    EventRow e;
    e.incident = incident;
    e.at = now;
    e.actor = "deskd";
    e.kind = "sla_breached";
    e.detail_json = JsonText({{"clock", name}, {"due", clock->due_at}});
    DESKD_TRY(store_.AddEvent(e));
    EscalationRequest request;
    request.key = BreachKey(incident, name);
    request.actor = "deskd";
    request.breached = breached;
    DESKD_TRY_ASSIGN(auto written,
                     QueueEscalation(store_, notifier_, config_, calendar_, inc, request, now));
    if (written) {
      ++tick->escalations;
      tick->outbox_rows += notifier_.last_outbox_rows();
    }
    spdlog::info("sla breached ticket={} clock={} due={}", incident, name, clock->due_at);
    return WriteAlarm(incident, name, std::nullopt);
  }
  std::vector<ReminderLead> due;
  for (const ReminderLead& lead : ReminderLeads(*clock, config_.reminders, calendar_)) {
    if (lead.at > now) break;
    DESKD_TRY_ASSIGN(auto sent,
                     notifier_.WasSent(ReminderKey(incident, name, lead.name, clock->due_at)));
    if (!sent) due.push_back(lead);
  }
  if (!due.empty()) {
    DESKD_TRY(Remind(inc, *clock, due, now, tick));
  }
  DESKD_TRY_ASSIGN(auto next, NextAlarm(*clock));
  return WriteAlarm(incident, name, next);
}

Status Scheduler::Remind(const IncidentRow& incident, const SlaClock& clock,
                         const std::vector<ReminderLead>& due, int64_t now, SchedulerTick* tick) {
  const std::string name = ClockKindName(clock.kind);
  // Several leads passed at once (deskd was down): one reminder, the latest
  // lead's; the earlier ones are recorded as done without a mail.
  for (size_t i = 0; i + 1 < due.size(); ++i) {
    NotificationKey skipped{ReminderKey(incident.number, name, due[i].name, clock.due_at),
                            incident.number, name, "reminder", due[i].name};
    DESKD_TRY(notifier_.QueueOnce(skipped, {}, now));
  }
  const ReminderLead& lead = due.back();
  DESKD_TRY_ASSIGN(std::vector<NotificationMail> mails, ReminderMails(incident, clock, lead, now));
  NotificationKey key{ReminderKey(incident.number, name, lead.name, clock.due_at),
                      incident.number, name, "reminder", lead.name};
  DESKD_TRY_ASSIGN(bool written, notifier_.QueueOnce(key, mails, now));
  if (!written) return Status::Ok();
  DESKD_TRY(RecordReminder(incident, name, lead, clock.due_at, mails, now));
  ++tick->reminders;
  tick->outbox_rows += notifier_.last_outbox_rows();
  return Status::Ok();
}

Result<std::vector<NotificationMail>> Scheduler::ReminderMails(const IncidentRow& incident,
                                                               const SlaClock& clock,
                                                               const ReminderLead& lead,
                                                               int64_t now) {
  const std::string name = ClockKindName(clock.kind);
  // The owner, else every technician of the queue.
  std::vector<const TechnicianSection*> to;
  const TechnicianSection* owner =
      incident.owner ? config_.TechnicianByName(*incident.owner) : nullptr;
  if (owner != nullptr) {
    to.push_back(owner);
  } else {
    to = config_.TechniciansOf(incident.queue);
  }
  DESKD_TRY_ASSIGN(std::string client_text,
                   FirstClientText(store_, incident.number, kMaxReminderClientText));
  // One read of the incident's values for all recipients; only the status
  // label depends on each technician's language.
  DESKD_TRY_ASSIGN(const TemplateValues shared,
                   IncidentValues(store_, config_, incident, config_.desk.default_language,
                                  &calendar_));
  std::vector<NotificationMail> mails;
  for (const TechnicianSection* t : to) {
    if (t->address.empty()) continue;
    NotificationMail m;
    m.template_name = "reminder";
    m.language = TechnicianLanguage(config_, *t);
    m.to = MailAddress{t->address, t->DisplayName()};
    m.technician_reply_token = true;
    m.values = shared;
    TemplateValues& v = m.values;
    v["status_label"] = StatusLabel(m.language, incident.status);
    v["technician_name"] = SanitizeHeaderText(t->DisplayName(), 200);
    v["clock"] = name;
    v["clock_label"] = ClockLabel(m.language, name);
    v["lead"] = lead.name;
    v["due"] = FormatLocalTime(calendar_, clock.due_at);
    // Wall time: "1 d 22 h" of working time would read as two calendar days.
    v["remaining"] = FormatDuration(m.language, clock.due_at - now);
    v["client_text"] = client_text;
    mails.push_back(std::move(m));
  }
  return mails;
}

Status Scheduler::RecordReminder(const IncidentRow& incident, const std::string& clock,
                                 const ReminderLead& lead, int64_t due_at,
                                 const std::vector<NotificationMail>& mails, int64_t now) {
  nlohmann::json recipients = nlohmann::json::array();
  for (const NotificationMail& m : mails) recipients.push_back(m.to.address);
  EventRow e;
  e.incident = incident.number;
  e.at = now;
  e.actor = "deskd";
  e.kind = "reminder";
  e.detail_json = JsonText({{"clock", clock}, {"lead", lead.name}, {"due", due_at},
                            {"recipients", recipients}});
  DESKD_TRY(store_.AddEvent(e));
  if (mails.empty()) {
    spdlog::warn("reminder recorded, nobody to tell ticket={} clock={} lead={} queue={}",
                 incident.number, clock, lead.name, LogValue(incident.queue));
  } else {
    spdlog::info("reminder queued ticket={} clock={} lead={} recipients={}", incident.number,
                 clock, lead.name, mails.size());
  }
  return Status::Ok();
}

Result<std::optional<std::string>> Scheduler::LastDigestDay(const std::string& lead) {
  DESKD_TRY_ASSIGN(auto last, store_.LastDigestKey(lead));
  if (!last) return std::optional<std::string>();
  const std::string& key = *last;
  size_t colon = key.rfind(':');
  return std::optional<std::string>(colon == std::string::npos ? key : key.substr(colon + 1));
}

Result<int64_t> Scheduler::DigestAnchor() {
  if (anchor_) return *anchor_;
  DESKD_TRY_ASSIGN(anchor_, store_.MigrationAppliedAt(3));
  return *anchor_;
}

Result<std::optional<int64_t>> Scheduler::NextTechnicianReview(int64_t /*now*/) {
  if (config_.technicians.empty()) return std::optional<int64_t>();
  const auto hour = std::chrono::minutes(config_.digest.technician_review_hour * 60);
  DESKD_TRY_ASSIGN(auto last, LastDigestDay("technician"));
  std::optional<date::sys_days> last_day = last ? ParseIsoDay(*last) : std::nullopt;
  date::sys_days day;
  if (last_day) {
    day = *last_day;
    int every = std::max(1, config_.digest.technician_review_every_working_days);
    for (int i = 0; i < every; ++i) day = calendar_.NextWorkingDay(day);
  } else {
    // Never sent: the first review hour of a working day after the
    // installation (a fixed point, so the time does not move as `now` does).
    DESKD_TRY_ASSIGN(auto anchor, DigestAnchor());
    day = calendar_.LocalDay(FromUnix(anchor));
    if (!calendar_.IsWorkingDay(day) || ToUnix(calendar_.AtLocalTime(day, hour)) <= anchor) {
      day = calendar_.NextWorkingDay(day);
    }
  }
  return std::optional<int64_t>(ToUnix(calendar_.AtLocalTime(day, hour)));
}

Result<std::optional<int64_t>> Scheduler::NextManagerDigest(int64_t now, bool weekly) {
  bool enabled = weekly ? config_.digest.manager_weekly : config_.digest.manager_daily;
  if (!enabled || (config_.digest.manager_address.empty() && config_.manager.address.empty())) {
    return std::optional<int64_t>();
  }
  const auto hour = std::chrono::minutes(config_.digest.manager_daily_hour * 60);
  DESKD_TRY_ASSIGN(auto last, LastDigestDay(weekly ? "weekly" : "daily"));
  std::optional<date::sys_days> last_day = last ? ParseIsoDay(*last) : std::nullopt;
  auto qualifies = [&](date::sys_days d) {
    if (weekly) {
      return date::weekday(d).c_encoding() ==
             static_cast<unsigned>(WeekdayIndex(config_.digest.manager_weekly_day));
    }
    return calendar_.IsWorkingDay(d);
  };
  date::sys_days day;
  if (last_day) {
    day = *last_day + date::days(1);
    // After a long outage: one digest now, not one per missed day.
    date::sys_days today = calendar_.LocalDay(FromUnix(now));
    if (day < today) day = today - date::days(1);
  } else {
    DESKD_TRY_ASSIGN(auto anchor, DigestAnchor());
    day = calendar_.LocalDay(FromUnix(anchor));
    if (ToUnix(calendar_.AtLocalTime(day, hour)) <= anchor) day += date::days(1);
  }
  for (int i = 0; i < 400 && !qualifies(day); ++i) day += date::days(1);
  return std::optional<int64_t>(ToUnix(calendar_.AtLocalTime(day, hour)));
}

Result<int> Scheduler::SendTechnicianReviews(int64_t now) {
  const std::string day = DayText(calendar_.LocalDay(FromUnix(now)));
  int written = 0;
  for (const TechnicianSection& t : config_.technicians) {
    DESKD_TRY_ASSIGN(auto tx, store_.BeginTransaction());
    DESKD_TRY_ASSIGN(auto rows, LoadReview(store_, t.name));
    std::vector<NotificationMail> mails;
    if (!rows.empty() && !t.address.empty()) {
      NotificationMail m;
      m.template_name = "technician_review";
      m.language = TechnicianLanguage(config_, t);
      m.to = MailAddress{t.address, t.DisplayName()};
      m.values = ReviewValues(rows, config_, calendar_, m.language, t.DisplayName(), now);
      mails.push_back(std::move(m));
    }
    NotificationKey key{DigestKey("technician:" + t.name, day), std::nullopt, "", "digest",
                        "technician"};
    DESKD_TRY_ASSIGN(auto w, notifier_.QueueOnce(key, mails, now));
    DESKD_TRY(tx->Commit());
    if (w) {
      written += static_cast<int>(mails.size());
      if (!mails.empty()) {
        spdlog::info("technician review digest queued technician={} incidents={}", t.name,
                     rows.size());
      }
    }
  }
  return written;
}

Result<int> Scheduler::SendManagerDigest(int64_t now, bool weekly) {
  const std::string lead = weekly ? "weekly" : "daily";
  const std::string address = config_.digest.manager_address.empty()
                                  ? config_.manager.address
                                  : config_.digest.manager_address;
  const std::string day = DayText(calendar_.LocalDay(FromUnix(now)));
  DESKD_TRY_ASSIGN(auto tx, store_.BeginTransaction());
  // The period: since the last digest of this kind, else a day (a week).
  int64_t from = now - (weekly ? 7 : 1) * kDay;
  {
    DESKD_TRY_ASSIGN(auto last, store_.LastDigestAt(lead));
    if (last) from = *last;
  }
  DESKD_TRY_ASSIGN(auto digest, LoadManagerDigest(store_, from, now, weekly));
  std::vector<NotificationMail> mails;
  if (!address.empty()) {
    NotificationMail m;
    m.template_name = "manager_digest";
    m.html_template = "manager_digest_html";
    m.language = config_.desk.default_language;
    m.to = MailAddress{address, config_.manager.name.empty()
                                    ? std::nullopt
                                    : std::optional<std::string>(config_.manager.name)};
    m.values = ManagerDigestValues(digest, config_, calendar_, m.language);
    mails.push_back(std::move(m));
  }
  NotificationKey key{DigestKey("manager:" + lead, day), std::nullopt, "", "digest", lead};
  DESKD_TRY_ASSIGN(auto w, notifier_.QueueOnce(key, mails, now));
  DESKD_TRY(tx->Commit());
  if (w) {
    spdlog::info("manager digest queued period={} to={} escalations={} breaches={}", lead,
                 LogValue(address), digest.escalations.size(), digest.breaches.size());
  }
  return w ? static_cast<int>(mails.size()) : 0;
}

Status Scheduler::RunDigests(int64_t now, SchedulerTick* tick) {
  DESKD_TRY_ASSIGN(auto review, NextTechnicianReview(now));
  if (review && *review <= now) {
    DESKD_TRY_ASSIGN(auto n, SendTechnicianReviews(now));
    tick->digests += n;
    tick->outbox_rows += n;
  }
  for (bool weekly : {false, true}) {
    DESKD_TRY_ASSIGN(auto next, NextManagerDigest(now, weekly));
    if (next && *next <= now) {
      DESKD_TRY_ASSIGN(auto n, SendManagerDigest(now, weekly));
      tick->digests += n;
      tick->outbox_rows += n;
    }
  }
  return Status::Ok();
}

// --- the tick ---

Result<SchedulerTick> Scheduler::RunDue(int64_t now) {
  SchedulerTick tick;
  DESKD_TRY(ComputeDirty(now, &tick));
  DESKD_TRY_ASSIGN(auto due, store_.AlarmsDue(now, fire_batch_));
  if (static_cast<int>(due.size()) >= fire_batch_) tick.more = true;
  if (!due.empty()) {
    // One transaction for the batch: all of it or none (each notification
    // is still keyed), and one fsync instead of one per mail.
    DESKD_TRY_ASSIGN(auto tx, store_.BeginTransaction());
    for (const AlarmRow& alarm : due) {
      DESKD_TRY(FireAlarm(alarm.incident, alarm.clock, now, &tick));
    }
    DESKD_TRY(tx->Commit());
  }
  DESKD_TRY(RunDigests(now, &tick));
  return tick;
}

Result<std::optional<int64_t>> Scheduler::NextDue(int64_t now) {
  std::optional<int64_t> next;
  auto take = [&](std::optional<int64_t> t) {
    if (t && (!next || *t < *next)) next = t;
  };
  DESKD_TRY_ASSIGN(auto to_compute, store_.HasAlarmsToCompute());
  if (to_compute) return std::optional<int64_t>(now);
  DESKD_TRY_ASSIGN(auto alarm, store_.NextAlarmAt());
  take(alarm);
  DESKD_TRY_ASSIGN(auto review, NextTechnicianReview(now));
  take(review);
  for (bool weekly : {false, true}) {
    DESKD_TRY_ASSIGN(auto m, NextManagerDigest(now, weekly));
    take(m);
  }
  return next;
}

}  // namespace deskd
