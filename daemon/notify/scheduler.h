// Scheduler: sends what is due by the clock: reminders before each running
// SLA clock's deadline (at [reminders] lead_percent of the allowed time and
// lead_minutes before it), the escalation to the manager at a breach, the
// technicians' review digest (every [digest] technician_review_every_working_days
// working days at technician_review_hour) and the manager's daily and weekly
// digests. Each is written exactly once (daemon/notify/notifier.h).
//
// It never scans all incidents: every SLA clock has one alarm row
// (sql/003_notifications.sql, sla_alarms) holding when the scheduler next
// has work for it; a change of a clock marks its alarm "to compute" by a
// trigger. RunDue computes the marked alarms, fires those whose time has
// come, and sends due digests; NextDue is one index lookup.
// REQUIRES: used from the store's thread; references outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/calendar/calendar.h"
#include "daemon/config/config.h"
#include "daemon/notify/notifier.h"
#include "daemon/sla/sla.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"
#include "parsers/result.h"

namespace deskd {

struct SchedulerTick {
  int alarms_computed = 0;  // clocks whose next alarm was (re)computed
  int reminders = 0;        // reminder notifications written
  int escalations = 0;      // breaches escalated
  int digests = 0;          // digest notifications written (one per recipient)
  int outbox_rows = 0;      // mails queued: the outbox sender should run
  bool more = false;        // a batch limit was hit: call RunDue again soon
};

// One reminder lead of a clock: "75%" or "60m", and when it is due.
struct ReminderLead {
  std::string name;
  int64_t at = 0;
};

// The reminder leads of a running clock, earliest first. A lead at or
// before the clock's start, or at or after its deadline, is left out (a
// 60 minutes lead on a one-hour clock).
std::vector<ReminderLead> ReminderLeads(const SlaClock& clock, const RemindersSection& reminders,
                                        const BusinessCalendar& calendar);

class Scheduler {
 public:
  Scheduler(Store& store, const Config& config, const TemplateSet& templates,
            const BusinessCalendar& calendar);

  // The templates the scheduler and escalations render (each also
  // "manager_digest_html"); deskd checks them at start.
  static const std::vector<std::string>& TemplateNames();

  // Does everything due at `now`: one transaction for the alarms computed,
  // one for the alarms fired (reminders, breaches), one per digest. On an
  // error nothing of that transaction is kept; the next call does it again.
  Result<SchedulerTick> RunDue(int64_t now);

  // When RunDue next has work: `now` when alarms wait to be computed, else
  // the earliest alarm or digest time (may be in the past). nullopt: nothing.
  Result<std::optional<int64_t>> NextDue(int64_t now);

  // When the next technician review digest and manager digests are due:
  // after the last one sent (every N working days; the next qualifying day),
  // or, never sent, the first hour after the database got sql/003.
  Result<std::optional<int64_t>> NextTechnicianReview(int64_t now);
  Result<std::optional<int64_t>> NextManagerDigest(int64_t now, bool weekly);

  // Sends the review digest to every technician now (key of today), and the
  // manager digest; for `deskctl digest` and tests. Each at most once per
  // local day. Returns the number of mails queued.
  Result<int> SendTechnicianReviews(int64_t now);
  Result<int> SendManagerDigest(int64_t now, bool weekly);

  // Batch limits per RunDue (tests and the benchmark may lower them).
  void set_batch_limits(int compute, int fire) {
    compute_batch_ = compute;
    fire_batch_ = fire;
  }

 private:
  Status ComputeDirty(int64_t now, SchedulerTick* tick);
  // REQUIRES: a transaction is open.
  Status FireAlarm(int64_t incident, const std::string& clock, int64_t now, SchedulerTick* tick);
  Result<std::optional<int64_t>> NextAlarm(const SlaClock& clock);
  Status WriteAlarm(int64_t incident, const std::string& clock, std::optional<int64_t> next_at);
  Status Remind(const IncidentRow& incident, const SlaClock& clock,
                const std::vector<ReminderLead>& due, int64_t now, SchedulerTick* tick);
  // One reminder mail per technician to tell: the owner, else the queue's.
  Result<std::vector<NotificationMail>> ReminderMails(const IncidentRow& incident,
                                                      const SlaClock& clock,
                                                      const ReminderLead& lead, int64_t now);
  // The "reminder" event with its recipients, and the log line.
  Status RecordReminder(const IncidentRow& incident, const std::string& clock,
                        const ReminderLead& lead, int64_t due_at,
                        const std::vector<NotificationMail>& mails, int64_t now);
  Status RunDigests(int64_t now, SchedulerTick* tick);
  Result<std::optional<std::string>> LastDigestDay(const std::string& lead);
  // When sql/003 was applied: the first digests come after it.
  Result<int64_t> DigestAnchor();

  Store& store_;
  const Config& config_;
  const TemplateSet& templates_;
  const BusinessCalendar& calendar_;
  Notifier notifier_;
  int compute_batch_ = 1000;
  int fire_batch_ = 200;
  std::optional<int64_t> anchor_;
};

}  // namespace deskd
