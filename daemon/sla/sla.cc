// SLA clock rules (daemon/sla/sla.h).
#include "daemon/sla/sla.h"

#include <algorithm>
#include <cmath>

namespace deskd {

namespace {

int64_t BudgetOf(ClockKind kind, const SlaTargets& t, const BusinessCalendar& calendar) {
  int64_t day = calendar.WorkingDayLength().count();
  switch (kind) {
    case ClockKind::kFirstResponse: return int64_t{t.first_response_minutes} * 60;
    case ClockKind::kInWork: return t.in_work_working_days * day;
    case ClockKind::kResolution: return t.resolution_working_days * day;
  }
  return 0;
}

int64_t WorkingSeconds(const BusinessCalendar& calendar, int64_t from, int64_t to) {
  return calendar.WorkingTimeBetween(FromUnix(from), FromUnix(to)).count();
}

SlaClock* Find(std::vector<SlaClock>* clocks, ClockKind kind) {
  for (SlaClock& c : *clocks) {
    if (c.kind == kind) return &c;
  }
  return nullptr;
}

bool IsDone(const std::string& status) {
  return status == "resolved" || status == "closed" || status == "merged";
}

}  // namespace

std::vector<SlaClock> StartClocks(int64_t incident, int64_t received_at, const SlaTargets& targets,
                                  const BusinessCalendar& calendar) {
  std::vector<SlaClock> clocks;
  for (ClockKind kind : {ClockKind::kFirstResponse, ClockKind::kInWork, ClockKind::kResolution}) {
    SlaClock c;
    c.incident = incident;
    c.kind = kind;
    c.started_at = received_at;
    c.working_time = kind != ClockKind::kFirstResponse;
    c.budget_seconds = BudgetOf(kind, targets, calendar);
    c.due_at = DueOf(c, calendar);
    clocks.push_back(c);
  }
  return clocks;
}

int64_t DueOf(const SlaClock& clock, const BusinessCalendar& calendar) {
  if (!clock.working_time) return clock.started_at + clock.budget_seconds;
  return ToUnix(calendar.AddWorkingTime(
      FromUnix(clock.started_at), std::chrono::seconds(clock.budget_seconds + clock.paused_seconds)));
}

bool MeetClock(SlaClock* clock, int64_t at, const BusinessCalendar& calendar) {
  if (clock->met_at) return false;
  ResumeClock(clock, at, calendar);
  clock->met_at = at;
  if (clock->state == ClockState::kBreached) return true;
  if (at <= clock->due_at) {
    clock->state = ClockState::kMet;
  } else {
    clock->state = ClockState::kBreached;
    if (!clock->breached_at) clock->breached_at = clock->due_at;
  }
  return true;
}

bool PauseClock(SlaClock* clock, int64_t at) {
  if (clock->state != ClockState::kRunning || !clock->working_time || clock->due_at <= at) {
    return false;  // an overdue clock is left for the scheduler to breach
  }
  clock->state = ClockState::kPaused;
  clock->paused_since = at;
  return true;
}

bool ResumeClock(SlaClock* clock, int64_t at, const BusinessCalendar& calendar) {
  if (clock->state != ClockState::kPaused) return false;
  if (clock->paused_since) clock->paused_seconds += WorkingSeconds(calendar, *clock->paused_since, at);
  clock->paused_since.reset();
  clock->state = ClockState::kRunning;
  clock->due_at = DueOf(*clock, calendar);
  return true;
}

bool ReopenClock(SlaClock* clock, int64_t at, const BusinessCalendar& calendar) {
  if (!clock->met_at) return false;
  if (clock->working_time) clock->paused_seconds += WorkingSeconds(calendar, *clock->met_at, at);
  clock->met_at.reset();
  if (clock->state == ClockState::kMet) clock->state = ClockState::kRunning;
  clock->due_at = DueOf(*clock, calendar);
  return true;
}

bool BreachIfDue(SlaClock* clock, int64_t now) {
  if (clock->state != ClockState::kRunning || clock->due_at > now) return false;
  clock->state = ClockState::kBreached;
  clock->breached_at = now;
  return true;
}

void Retarget(SlaClock* clock, const SlaTargets& targets, const BusinessCalendar& calendar,
              int64_t now) {
  clock->budget_seconds = BudgetOf(clock->kind, targets, calendar);
  clock->due_at = DueOf(*clock, calendar);
  if (clock->met_at) {
    bool late = *clock->met_at > clock->due_at;
    clock->state = late ? ClockState::kBreached : ClockState::kMet;
    if (!late) clock->breached_at.reset();
    if (late && !clock->breached_at) clock->breached_at = clock->due_at;
  } else if (clock->state == ClockState::kBreached && clock->due_at > now) {
    clock->state = ClockState::kRunning;
    clock->breached_at.reset();
  }
}

int64_t PointAtFraction(const SlaClock& clock, double fraction, const BusinessCalendar& calendar) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  auto part = static_cast<int64_t>(std::llround(static_cast<double>(clock.budget_seconds) * fraction));
  if (!clock.working_time) return clock.started_at + part;
  return ToUnix(calendar.AddWorkingTime(FromUnix(clock.started_at),
                                        std::chrono::seconds(part + clock.paused_seconds)));
}

int64_t RemainingSeconds(const SlaClock& clock, int64_t now, const BusinessCalendar& calendar) {
  if (clock.met_at) return 0;
  if (!clock.working_time) return clock.due_at - now;
  int64_t from = clock.state == ClockState::kPaused && clock.paused_since ? *clock.paused_since : now;
  return from <= clock.due_at ? WorkingSeconds(calendar, from, clock.due_at)
                              : -WorkingSeconds(calendar, clock.due_at, from);
}

bool OnAnswerSent(std::vector<SlaClock>* clocks, int64_t at, const BusinessCalendar& calendar) {
  bool changed = false;
  for (ClockKind kind : {ClockKind::kFirstResponse, ClockKind::kInWork}) {
    if (SlaClock* c = Find(clocks, kind)) changed = MeetClock(c, at, calendar) || changed;
  }
  return changed;
}

bool OnDelegated(std::vector<SlaClock>* clocks, int64_t at, const BusinessCalendar& calendar) {
  SlaClock* c = Find(clocks, ClockKind::kInWork);
  return c != nullptr && MeetClock(c, at, calendar);
}

bool OnStatusChange(std::vector<SlaClock>* clocks, const std::string& from,
                    const std::string& to, bool hold_reason_told, bool by_technician,
                    int64_t at, const BusinessCalendar& calendar) {
  bool changed = false;
  SlaClock* resolution = Find(clocks, ClockKind::kResolution);
  SlaClock* in_work = Find(clocks, ClockKind::kInWork);
  if (IsDone(from) && !IsDone(to) && resolution) {
    changed = ReopenClock(resolution, at, calendar) || changed;
  }
  if (from == "on_hold" && to != "on_hold" && resolution) {
    changed = ResumeClock(resolution, at, calendar) || changed;
  }
  if (IsDone(to)) {
    for (SlaClock& c : *clocks) changed = MeetClock(&c, at, calendar) || changed;
    return changed;
  }
  if (to == "open" && by_technician && in_work) {
    changed = MeetClock(in_work, at, calendar) || changed;
  }
  if (to == "on_hold" && hold_reason_told) {
    if (in_work) changed = MeetClock(in_work, at, calendar) || changed;
    if (resolution) changed = PauseClock(resolution, at) || changed;
  }
  return changed;
}

std::vector<SlaClock> ComputeClocks(const SlaFacts& facts, const SlaTargets& targets,
                                    const BusinessCalendar& calendar, int64_t now) {
  std::vector<SlaClock> clocks = StartClocks(facts.incident, facts.received_at, targets, calendar);
  // The scheduler breaches a clock at its deadline; here, before each fact.
  auto breach_until = [&](int64_t t) {
    for (SlaClock& c : clocks) {
      if (BreachIfDue(&c, t)) c.breached_at = c.due_at;
    }
  };
  for (const SlaFact& f : facts.facts) {
    breach_until(f.at);
    switch (f.kind) {
      case SlaFact::Kind::kAnswerSent: OnAnswerSent(&clocks, f.at, calendar); break;
      case SlaFact::Kind::kDelegated: OnDelegated(&clocks, f.at, calendar); break;
      case SlaFact::Kind::kStatus:
        OnStatusChange(&clocks, f.from, f.to, f.hold_reason_told, f.by_technician, f.at, calendar);
        break;
    }
  }
  breach_until(now);
  return clocks;
}

}  // namespace deskd
