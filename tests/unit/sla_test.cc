#include "daemon/sla/sla.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

int64_t Tallinn(int y, unsigned m, unsigned d, int h, int min = 0) {
  auto local = date::local_days{date::year(y) / m / d} + hours(h) + minutes(min);
  return date::locate_zone("Europe/Tallinn")->to_sys(local).time_since_epoch().count();
}

const BusinessCalendar& Cal() {
  static const BusinessCalendar cal = [] {
    CalendarSection s;
    s.time_zone = "Europe/Tallinn";
    s.holidays = {"2026-12-24", "2026-12-25", "2026-12-26"};
    return std::move(*BusinessCalendar::Create(s));
  }();
  return cal;
}

SlaTargets TargetsFor(int priority) { return SlaSection{}.For("support", priority); }

const SlaClock& Get(const std::vector<SlaClock>& clocks, ClockKind kind) {
  for (const SlaClock& c : clocks) {
    if (c.kind == kind) return c;
  }
  static SlaClock none;
  ADD_FAILURE() << "no clock " << ClockKindName(kind);
  return none;
}

SlaFact Status(int64_t at, std::string from, std::string to, bool told = false,
               bool by_technician = true) {
  SlaFact f;
  f.kind = SlaFact::Kind::kStatus;
  f.at = at;
  f.from = std::move(from);
  f.to = std::move(to);
  f.hold_reason_told = told;
  f.by_technician = by_technician;
  return f;
}

SlaFact Answer(int64_t at) { return SlaFact{SlaFact::Kind::kAnswerSent, at, "", "", false, false}; }
SlaFact Delegated(int64_t at) { return SlaFact{SlaFact::Kind::kDelegated, at, "", "", false, false}; }

// Monday 23 Nov 2026, 10:00 in Tallinn.
const int64_t kMonday10 = Tallinn(2026, 11, 23, 10);

TEST(Sla, NamesRoundTrip) {
  for (ClockKind k : {ClockKind::kFirstResponse, ClockKind::kInWork, ClockKind::kResolution}) {
    EXPECT_EQ(ParseClockKind(ClockKindName(k)), k);
  }
  for (ClockState s : {ClockState::kRunning, ClockState::kPaused, ClockState::kMet,
                       ClockState::kBreached}) {
    EXPECT_EQ(ParseClockState(ClockStateName(s)), s);
  }
  EXPECT_EQ(ParseClockKind("response"), std::nullopt);
  EXPECT_STREQ(ClockKindName(ClockKind::kInWork), "in_work");
  EXPECT_STREQ(ClockStateName(ClockState::kBreached), "breached");
}

TEST(Sla, DeadlinesPerPriority) {
  for (int p = 1; p <= 4; ++p) {
    std::vector<SlaClock> c = StartClocks(7, kMonday10, TargetsFor(p), Cal());
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].kind, ClockKind::kFirstResponse);
    EXPECT_EQ(c[1].kind, ClockKind::kInWork);
    EXPECT_EQ(c[2].kind, ClockKind::kResolution);
    for (const SlaClock& k : c) {
      EXPECT_EQ(k.incident, 7);
      EXPECT_EQ(k.state, ClockState::kRunning);
      EXPECT_EQ(k.started_at, kMonday10);
    }
    // First response: wall time, 1 h for P1 else 24 h.
    EXPECT_FALSE(c[0].working_time);
    EXPECT_EQ(c[0].due_at, kMonday10 + (p == 1 ? 3600 : 86400)) << p;
    // In work: 2 working days; resolution: 3 working days.
    EXPECT_EQ(c[1].due_at, Tallinn(2026, 11, 25, 10)) << p;
    EXPECT_EQ(c[2].due_at, Tallinn(2026, 11, 26, 10)) << p;
  }
}

TEST(Sla, WallTimeFirstResponseIgnoresTheCalendar) {
  // Friday 18:00: P3's first response is due Saturday 18:00, the working-day
  // clocks Tuesday and Wednesday 17:00.
  int64_t friday18 = Tallinn(2026, 11, 20, 18);
  std::vector<SlaClock> c = StartClocks(1, friday18, TargetsFor(3), Cal());
  EXPECT_EQ(c[0].due_at, Tallinn(2026, 11, 21, 18));
  EXPECT_EQ(c[1].due_at, Tallinn(2026, 11, 24, 17));
  EXPECT_EQ(c[2].due_at, Tallinn(2026, 11, 25, 17));
}

TEST(Sla, TechnicianAnswerMeetsFirstResponseAndInWork) {
  SlaFacts f{1, kMonday10, {Answer(kMonday10 + 1800)}};
  std::vector<SlaClock> c = ComputeClocks(f, TargetsFor(1), Cal(), kMonday10 + 7200);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kMet);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).met_at, kMonday10 + 1800);
  EXPECT_EQ(Get(c, ClockKind::kInWork).state, ClockState::kMet);
  EXPECT_EQ(Get(c, ClockKind::kResolution).state, ClockState::kRunning);
  EXPECT_FALSE(Get(c, ClockKind::kResolution).met_at);
}

TEST(Sla, P1WithoutAnswerWithinAnHourIsBreached) {
  SlaFacts f{1, kMonday10, {}};
  std::vector<SlaClock> c = ComputeClocks(f, TargetsFor(1), Cal(), kMonday10 + 3599);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kRunning);
  c = ComputeClocks(f, TargetsFor(1), Cal(), kMonday10 + 3600);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kBreached);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).breached_at, kMonday10 + 3600);
  EXPECT_EQ(Get(c, ClockKind::kInWork).state, ClockState::kRunning);
  // A late answer: stays breached, the time it came is recorded.
  f.facts = {Answer(kMonday10 + 5400)};
  c = ComputeClocks(f, TargetsFor(1), Cal(), kMonday10 + 7200);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kBreached);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).met_at, kMonday10 + 5400);
  EXPECT_EQ(Get(c, ClockKind::kInWork).state, ClockState::kMet);
}

TEST(Sla, P3AnswerAfterTwentyThreeHoursIsInTime) {
  SlaFacts f{1, kMonday10, {Answer(kMonday10 + 23 * 3600)}};
  std::vector<SlaClock> c = ComputeClocks(f, TargetsFor(3), Cal(), kMonday10 + 30 * 3600);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kMet);
}

TEST(Sla, InWorkMetByOpenOnHoldWithReasonOrDelegation) {
  int64_t t = kMonday10 + 3600;
  auto in_work = [&](std::vector<SlaFact> facts) {
    SlaFacts f{1, kMonday10, std::move(facts)};
    return Get(ComputeClocks(f, TargetsFor(3), Cal(), t + 60), ClockKind::kInWork);
  };
  EXPECT_EQ(in_work({Status(t, "new", "open")}).state, ClockState::kMet);
  EXPECT_EQ(in_work({Status(t, "new", "open", false, /*by_technician=*/false)}).state,
            ClockState::kRunning);  // a client's follow-up does not take it into work
  EXPECT_EQ(in_work({Status(t, "new", "on_hold", /*told=*/true)}).state, ClockState::kMet);
  EXPECT_EQ(in_work({Status(t, "new", "on_hold", /*told=*/false)}).state, ClockState::kRunning);
  EXPECT_EQ(in_work({Delegated(t)}).state, ClockState::kMet);
  EXPECT_EQ(in_work({Delegated(t)}).met_at, t);
}

TEST(Sla, InWorkBreachedAfterTwoWorkingDays) {
  SlaFacts f{1, Tallinn(2026, 11, 20, 18), {}};  // Friday evening
  auto c = ComputeClocks(f, TargetsFor(2), Cal(), Tallinn(2026, 11, 24, 16, 59));
  EXPECT_EQ(Get(c, ClockKind::kInWork).state, ClockState::kRunning);
  c = ComputeClocks(f, TargetsFor(2), Cal(), Tallinn(2026, 11, 24, 17));
  EXPECT_EQ(Get(c, ClockKind::kInWork).state, ClockState::kBreached);
  EXPECT_EQ(Get(c, ClockKind::kResolution).state, ClockState::kRunning);
}

TEST(Sla, ResolvedMeetsEveryOpenClock) {
  int64_t t = Tallinn(2026, 11, 23, 15);
  SlaFacts f{1, kMonday10, {Status(t, "open", "resolved")}};
  auto c = ComputeClocks(f, TargetsFor(4), Cal(), t + 86400 * 10);
  for (const SlaClock& k : c) {
    EXPECT_EQ(k.state, ClockState::kMet) << ClockKindName(k.kind);
    EXPECT_EQ(k.met_at, t);
  }
}

TEST(Sla, ResolutionBreachedAfterThreeWorkingDaysOverHolidays) {
  // Tue 22 Dec 10:00; 24-26 Dec are holidays. 3 working days (24 h): Tue
  // 7 h + Wed 8 h + Mon 28 Dec 8 h = 23 h by Mon 17:00, so Tue 29 Dec 10:00.
  int64_t received = Tallinn(2026, 12, 22, 10);
  SlaFacts f{1, received, {}};
  auto c = ComputeClocks(f, TargetsFor(3), Cal(), received);
  EXPECT_EQ(Get(c, ClockKind::kResolution).due_at, Tallinn(2026, 12, 29, 10));
  c = ComputeClocks(f, TargetsFor(3), Cal(), Tallinn(2026, 12, 29, 10));
  EXPECT_EQ(Get(c, ClockKind::kResolution).state, ClockState::kBreached);
}

TEST(Sla, OnHoldWithReasonPausesResolution) {
  // Received Mon 10:00, resolution due Thu 10:00. On hold (client told)
  // from Mon 12:00 to Tue 12:00: 8 working hours paused -> due Fri 10:00.
  int64_t hold = Tallinn(2026, 11, 23, 12), back = Tallinn(2026, 11, 24, 12);
  SlaFacts f{1, kMonday10, {Status(hold, "open", "on_hold", true)}};
  auto c = ComputeClocks(f, TargetsFor(3), Cal(), back - 60);
  const SlaClock& paused = Get(c, ClockKind::kResolution);
  EXPECT_EQ(paused.state, ClockState::kPaused);
  EXPECT_EQ(paused.paused_since, hold);
  EXPECT_EQ(RemainingSeconds(paused, back - 60, Cal()), 22 * 3600);  // frozen at the pause
  // Paused long past the original deadline: not breached.
  c = ComputeClocks(f, TargetsFor(3), Cal(), Tallinn(2026, 12, 10, 10));
  EXPECT_EQ(Get(c, ClockKind::kResolution).state, ClockState::kPaused);

  f.facts.push_back(Status(back, "on_hold", "open"));
  c = ComputeClocks(f, TargetsFor(3), Cal(), back);
  const SlaClock& resumed = Get(c, ClockKind::kResolution);
  EXPECT_EQ(resumed.state, ClockState::kRunning);
  EXPECT_EQ(resumed.paused_seconds, 8 * 3600);
  EXPECT_EQ(resumed.due_at, Tallinn(2026, 11, 27, 10));
  EXPECT_FALSE(resumed.paused_since);
  // The in_work clock was met by the hold; first response still runs.
  EXPECT_EQ(Get(c, ClockKind::kInWork).state, ClockState::kMet);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kBreached);  // 24 h passed
}

TEST(Sla, OnHoldWithoutReasonDoesNotPause) {
  int64_t hold = Tallinn(2026, 11, 23, 12);
  SlaFacts f{1, kMonday10, {Status(hold, "open", "on_hold", false)}};
  auto c = ComputeClocks(f, TargetsFor(3), Cal(), hold + 60);
  EXPECT_EQ(Get(c, ClockKind::kResolution).state, ClockState::kRunning);
}

TEST(Sla, ResolvedWhileOnHoldCountsThePause) {
  // Resolved Fri 09:00 while on hold since Mon 12:00: met (the hold moved
  // the deadline), though Thu 10:00 had passed.
  SlaFacts f{1, kMonday10,
             {Status(Tallinn(2026, 11, 23, 12), "open", "on_hold", true),
              Status(Tallinn(2026, 11, 27, 9), "on_hold", "resolved")}};
  auto c = ComputeClocks(f, TargetsFor(3), Cal(), Tallinn(2026, 11, 27, 10));
  EXPECT_EQ(Get(c, ClockKind::kResolution).state, ClockState::kMet);
  EXPECT_EQ(Get(c, ClockKind::kResolution).met_at, Tallinn(2026, 11, 27, 9));
}

TEST(Sla, ReopenedResolutionRunsAgainWithTheResolvedTimePaused) {
  // Resolved Mon 12:00 (2 h used), reopened Tue 12:00: 8 h paused, due Fri 10:00.
  SlaFacts f{1, kMonday10,
             {Answer(kMonday10 + 600), Status(Tallinn(2026, 11, 23, 12), "open", "resolved"),
              Status(Tallinn(2026, 11, 24, 12), "resolved", "open", false, false)}};
  auto c = ComputeClocks(f, TargetsFor(3), Cal(), Tallinn(2026, 11, 24, 12));
  const SlaClock& r = Get(c, ClockKind::kResolution);
  EXPECT_EQ(r.state, ClockState::kRunning);
  EXPECT_FALSE(r.met_at);
  EXPECT_EQ(r.due_at, Tallinn(2026, 11, 27, 10));
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kMet);  // stays met
}

TEST(Sla, PriorityChangeRecomputesFromReceipt) {
  // P3 received Mon 10:00; at 10:30 raised to P1: first response due 11:00.
  std::vector<SlaClock> c = StartClocks(1, kMonday10, TargetsFor(3), Cal());
  for (SlaClock& k : c) Retarget(&k, TargetsFor(1), Cal(), kMonday10 + 1800);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).due_at, kMonday10 + 3600);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).budget_seconds, 3600);
  // Raised at 12:00 instead: already overdue, left running for the scheduler.
  c = StartClocks(1, kMonday10, TargetsFor(3), Cal());
  for (SlaClock& k : c) Retarget(&k, TargetsFor(1), Cal(), kMonday10 + 7200);
  EXPECT_EQ(Get(c, ClockKind::kFirstResponse).state, ClockState::kRunning);
  EXPECT_TRUE(BreachIfDue(&c[0], kMonday10 + 7200));
  EXPECT_EQ(c[0].state, ClockState::kBreached);
  // Lowered back to P3: a breach the new deadline undoes runs again.
  Retarget(&c[0], TargetsFor(3), Cal(), kMonday10 + 7200);
  EXPECT_EQ(c[0].state, ClockState::kRunning);
  EXPECT_FALSE(c[0].breached_at);
  // A met clock is judged against the new deadline.
  SlaClock met = StartClocks(1, kMonday10, TargetsFor(3), Cal())[0];
  ASSERT_TRUE(MeetClock(&met, kMonday10 + 7200, Cal()));
  EXPECT_EQ(met.state, ClockState::kMet);
  Retarget(&met, TargetsFor(1), Cal(), kMonday10 + 9000);
  EXPECT_EQ(met.state, ClockState::kBreached);
  EXPECT_EQ(met.met_at, kMonday10 + 7200);
}

TEST(Sla, PerQueueTargets) {
  SlaSection sla;
  std::array<SlaTargets, 4> servers = sla.priority;
  servers[0].first_response_minutes = 15;
  servers[2].resolution_working_days = 1;
  sla.queue["servers"] = servers;
  auto c = StartClocks(1, kMonday10, sla.For("servers", 1), Cal());
  EXPECT_EQ(c[0].due_at, kMonday10 + 900);
  c = StartClocks(1, kMonday10, sla.For("servers", 3), Cal());
  EXPECT_EQ(c[2].due_at, Tallinn(2026, 11, 24, 10));
  c = StartClocks(1, kMonday10, sla.For("support", 1), Cal());
  EXPECT_EQ(c[0].due_at, kMonday10 + 3600);
}

TEST(Sla, SingleClockTransitions) {
  SlaClock c = StartClocks(1, kMonday10, TargetsFor(3), Cal())[2];
  EXPECT_FALSE(ResumeClock(&c, kMonday10, Cal()));  // not paused
  EXPECT_FALSE(BreachIfDue(&c, c.due_at - 1));
  EXPECT_TRUE(PauseClock(&c, kMonday10 + 60));
  EXPECT_FALSE(PauseClock(&c, kMonday10 + 120));   // already paused
  EXPECT_FALSE(BreachIfDue(&c, c.due_at + 3600));  // paused clocks do not breach
  EXPECT_TRUE(ResumeClock(&c, kMonday10 + 3660, Cal()));
  EXPECT_EQ(c.paused_seconds, 3600);
  EXPECT_EQ(c.due_at, Tallinn(2026, 11, 26, 11));
  // An overdue running clock is not paused (the scheduler breaches it).
  EXPECT_FALSE(PauseClock(&c, c.due_at));
  SlaClock wall = StartClocks(1, kMonday10, TargetsFor(3), Cal())[0];
  EXPECT_FALSE(PauseClock(&wall, kMonday10 + 60));  // wall-time clocks never pause
  EXPECT_TRUE(MeetClock(&wall, kMonday10 + 60, Cal()));
  EXPECT_FALSE(MeetClock(&wall, kMonday10 + 120, Cal()));
  EXPECT_EQ(wall.met_at, kMonday10 + 60);
}

TEST(Sla, RemindersAndRemainingTime) {
  std::vector<SlaClock> c = StartClocks(1, kMonday10, TargetsFor(3), Cal());
  // 75 % of 24 h wall time: 18 h after receipt.
  EXPECT_EQ(PointAtFraction(c[0], 0.75, Cal()), kMonday10 + 18 * 3600);
  // 75 % of 3 working days (18 working hours): Wed 12:00.
  EXPECT_EQ(PointAtFraction(c[2], 0.75, Cal()), Tallinn(2026, 11, 25, 12));
  EXPECT_EQ(DueOf(c[2], Cal()), c[2].due_at);
  EXPECT_EQ(RemainingSeconds(c[0], kMonday10 + 3600, Cal()), 23 * 3600);
  // Working time left from Wed 16:00 to Thu 10:00: 2 h.
  EXPECT_EQ(RemainingSeconds(c[2], Tallinn(2026, 11, 25, 16), Cal()), 2 * 3600);
  // Overdue by Thu 12:00: -2 working hours.
  EXPECT_EQ(RemainingSeconds(c[2], Tallinn(2026, 11, 26, 12), Cal()), -2 * 3600);
  EXPECT_EQ(RemainingSeconds(c[0], kMonday10 + 25 * 3600, Cal()), -3600);
}

}  // namespace
}  // namespace deskd
