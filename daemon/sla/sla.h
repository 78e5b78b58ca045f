// SLA clocks: the service-level deadlines of one incident (design.md,
// "Service levels") and the rules that start, meet, pause and breach them.
// Pure: values in, values out; times are unix seconds; the calendar and the
// targets are passed in. daemon/sla/sla_tracker.h applies these rules to the
// clocks stored in the database; the scheduler breaches and reminds.
//
// The three clocks, all started at the incident's receipt:
//  - first_response: wall time (SlaTargets::first_response_minutes). Met by
//    the first technician answer that reached the client (never by the
//    automatic acknowledgement).
//  - in_work: in_work_working_days on the calendar. Met when the incident is
//    taken into work (a technician's answer, status open by a technician),
//    put on hold with a reason, delegated (owner changed) or resolved.
//  - resolution: resolution_working_days on the calendar. Met when resolved
//    (or closed, merged). On hold with a reason pauses it: the working time
//    spent paused moves the deadline later. A reopened incident's
//    resolution clock runs again; the time it was resolved counts as paused.
// Resolving (or closing, merging) also meets the other open clocks.
//
// States: running (counting), paused (resolution on hold), met (done in
// time), breached (the deadline passed before it was met; met_at is still
// recorded when it is met late). A clock is breached by BreachIfDue, which
// the scheduler calls at due_at.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/model.h"
#include "daemon/calendar/calendar.h"
#include "daemon/config/config.h"

namespace deskd {

// The clocks of an incident received at `received_at`, all running, in the
// order first_response, in_work, resolution.
std::vector<SlaClock> StartClocks(int64_t incident, int64_t received_at, const SlaTargets& targets,
                                  const BusinessCalendar& calendar);

// --- one clock; each returns true when it changed the clock ---
// An open clock gets met_at = at: state met when at <= its deadline (a
// paused clock's deadline counts the pause up to `at`), else breached (late;
// breached_at = the deadline when not recorded before). Nothing when
// already met.
bool MeetClock(SlaClock* clock, int64_t at, const BusinessCalendar& calendar);
// Running -> paused (paused_since = at). Only working-time clocks pause.
bool PauseClock(SlaClock* clock, int64_t at);
// Paused -> running: the working time since paused_since is added to
// paused_seconds and the deadline moves accordingly.
bool ResumeClock(SlaClock* clock, int64_t at, const BusinessCalendar& calendar);
// Met (or breached with met_at) -> open again: met_at cleared, the working
// time since met_at counts as paused; state running (breached stays breached).
bool ReopenClock(SlaClock* clock, int64_t at, const BusinessCalendar& calendar);
// Running with due_at <= now -> breached (breached_at = now).
bool BreachIfDue(SlaClock* clock, int64_t now);
// New targets (a priority or queue change): the budget is replaced and the
// deadline recomputed from receipt (pauses kept). A met clock stays met; a
// breached clock whose new deadline is later than now runs again unless it
// is met (then it becomes met when met_at <= the new deadline).
void Retarget(SlaClock* clock, const SlaTargets& targets, const BusinessCalendar& calendar,
              int64_t now);

// The deadline a clock's budget and pauses give (what due_at should be).
int64_t DueOf(const SlaClock& clock, const BusinessCalendar& calendar);
// The instant when `fraction` (0..1) of the allowed time has passed, pauses
// before it included (the 75 % reminder).
int64_t PointAtFraction(const SlaClock& clock, double fraction, const BusinessCalendar& calendar);
// Time left until due_at from `now`, negative when overdue: working seconds
// for a working-time clock (a paused one: from paused_since), else wall
// seconds. Meaningless for a met clock (returns 0).
int64_t RemainingSeconds(const SlaClock& clock, int64_t now, const BusinessCalendar& calendar);

// --- the rules, applied to all clocks of an incident (any order) ---
// A technician's answer reached the client: first_response and in_work met.
bool OnAnswerSent(std::vector<SlaClock>* clocks, int64_t at, const BusinessCalendar& calendar);
// The owner changed to another technician: in_work met.
bool OnDelegated(std::vector<SlaClock>* clocks, int64_t at, const BusinessCalendar& calendar);
// Status from -> to (incidents' status names). `hold_reason_told`: on_hold
// with a reason told to the client. open by a technician: in_work met
// (`by_technician`); on_hold with reason: in_work met, resolution paused;
// leaving on_hold: resolution resumed; resolved/closed/merged: every open
// clock met; resolved/closed -> open/new: resolution reopened.
bool OnStatusChange(std::vector<SlaClock>* clocks, const std::string& from,
                    const std::string& to, bool hold_reason_told, bool by_technician,
                    int64_t at, const BusinessCalendar& calendar);

// --- the whole history at once (tests, deskctl recompute) ---
struct SlaFact {
  enum class Kind { kAnswerSent, kDelegated, kStatus };
  Kind kind = Kind::kStatus;
  int64_t at = 0;
  std::string from, to;          // kStatus
  bool hold_reason_told = false;  // kStatus to on_hold
  bool by_technician = false;     // kStatus
};
struct SlaFacts {
  int64_t incident = 0;
  int64_t received_at = 0;
  std::vector<SlaFact> facts;  // in time order
};
// Starts the clocks, applies the facts in order, then BreachIfDue at each
// fact's time and at `now`.
std::vector<SlaClock> ComputeClocks(const SlaFacts& facts, const SlaTargets& targets,
                                    const BusinessCalendar& calendar, int64_t now);

}  // namespace deskd
