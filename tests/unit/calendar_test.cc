#include "daemon/calendar/calendar.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// An instant from Tallinn local time, through the tz database directly.
TimePoint Tallinn(int y, unsigned m, unsigned d, int h, int min = 0) {
  auto local = date::local_days{date::year(y) / m / d} + hours(h) + minutes(min);
  return TimePoint(date::locate_zone("Europe/Tallinn")->to_sys(local).time_since_epoch());
}

TimePoint Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return TimePoint((date::sys_days{date::year(y) / m / d} + hours(h) + minutes(min)).time_since_epoch());
}

CalendarSection Estonia() {
  CalendarSection s;
  s.time_zone = "Europe/Tallinn";
  s.holidays = {"2026-01-01", "2026-02-24", "2026-04-03", "2026-04-05", "2026-05-01",
                "2026-05-24", "2026-06-23", "2026-06-24", "2026-08-20", "2026-12-24",
                "2026-12-25", "2026-12-26"};
  s.half_days = {{"2026-02-23", {{540, 840}}}, {"2026-06-22", {{540, 840}}},
                 {"2026-12-23", {{540, 840}}}};
  return s;
}

BusinessCalendar Make(const CalendarSection& s) {
  auto cal = BusinessCalendar::Create(s);
  EXPECT_TRUE(cal.ok()) << cal.error().message;
  return std::move(*cal);
}

// 2026-11-20 is a Friday, 2026-11-23 a Monday.
TEST(Calendar, WorkingTimeIsMondayToFridayNineToFive) {
  BusinessCalendar cal = BusinessCalendar::Default();
  EXPECT_TRUE(cal.IsWorkingTime(Tallinn(2026, 11, 23, 9)));
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 11, 23, 9) - seconds(1)));
  EXPECT_TRUE(cal.IsWorkingTime(Tallinn(2026, 11, 23, 17) - seconds(1)));
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 11, 23, 17)));  // end is exclusive
  EXPECT_TRUE(cal.IsWorkingTime(Tallinn(2026, 11, 20, 12)));
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 11, 21, 12)));  // Saturday
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 11, 22, 12)));  // Sunday
  EXPECT_EQ(cal.WorkingDayLength(), hours(8));
}

TEST(Calendar, FridayEveningPlusTwoWorkingDaysIsTuesdayFive) {
  BusinessCalendar cal = BusinessCalendar::Default();
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 11, 20, 18), 2), Tallinn(2026, 11, 24, 17));
  // Received during the day: the same time two working days later.
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 11, 23, 10), 2), Tallinn(2026, 11, 25, 10));
  // Received Friday 15:30: Friday 1.5 h + Monday 8 h + Tuesday 6.5 h.
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 11, 20, 15, 30), 2), Tallinn(2026, 11, 24, 15, 30));
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 11, 20, 18), 0), Tallinn(2026, 11, 20, 18));
}

TEST(Calendar, AfterHoursArrivalStartsNextWorkingMorning) {
  BusinessCalendar cal = BusinessCalendar::Default();
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 23, 20), hours(1)), Tallinn(2026, 11, 24, 10));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 23, 7), hours(1)), Tallinn(2026, 11, 23, 10));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 22, 3), hours(1)), Tallinn(2026, 11, 23, 10));
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 11, 23, 20), 1), Tallinn(2026, 11, 24, 17));
  EXPECT_EQ(cal.NextWorkingMoment(Tallinn(2026, 11, 21, 12)), Tallinn(2026, 11, 23, 9));
  EXPECT_EQ(cal.NextWorkingMoment(Tallinn(2026, 11, 23, 12)), Tallinn(2026, 11, 23, 12));
  EXPECT_EQ(cal.NextWorkingMoment(Tallinn(2026, 11, 23, 17)), Tallinn(2026, 11, 24, 9));
}

TEST(Calendar, DeadlineOnTheEndOfADayIsThatEvening) {
  BusinessCalendar cal = BusinessCalendar::Default();
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 23, 9), hours(8)), Tallinn(2026, 11, 23, 17));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 20, 16), hours(2)), Tallinn(2026, 11, 23, 10));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 20, 16), seconds(0)), Tallinn(2026, 11, 20, 16));
}

TEST(Calendar, HolidaysAndHalfDays) {
  BusinessCalendar cal = Make(Estonia());
  // Tue 22 Dec 10:00 + 2 working days (16 h): Tue 7 h, Wed 23 Dec (half
  // day, 09-14) 5 h, Thu 24 and Fri 25 holidays, weekend, Mon 28 Dec 4 h.
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 12, 22, 10), 2), Tallinn(2026, 12, 28, 13));
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 12, 23, 15)));  // after the short day
  EXPECT_TRUE(cal.IsWorkingTime(Tallinn(2026, 12, 23, 13)));
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 12, 24, 10)));
  // Good Friday 3 Apr 2026: Thu 15:00 + 1 working day = Mon 6 Apr 15:00.
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 4, 2, 15), 1), Tallinn(2026, 4, 6, 15));
  // Independence Day (Tue 24 Feb) and the short Monday before it.
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 2, 23, 0), Tallinn(2026, 2, 26, 0)), hours(5 + 8));
  EXPECT_EQ(cal.WorkingDayLength(), hours(8));  // half days do not change a normal day
  date::sys_days dec23 = date::sys_days{date::year(2026) / 12 / 23};
  EXPECT_TRUE(cal.IsWorkingDay(dec23));
  EXPECT_FALSE(cal.IsWorkingDay(dec23 + date::days(1)));
  EXPECT_EQ(cal.NextWorkingDay(dec23), date::sys_days{date::year(2026) / 12 / 28});
}

TEST(Calendar, SpringForwardInTallinn) {
  // 29 Mar 2026, 03:00 EET -> 04:00 EEST. Working hours stay 09-17 local.
  BusinessCalendar cal = BusinessCalendar::Default();
  EXPECT_EQ(Tallinn(2026, 3, 27, 13), Utc(2026, 3, 27, 11));  // EET, UTC+2
  EXPECT_EQ(Tallinn(2026, 3, 30, 13), Utc(2026, 3, 30, 10));  // EEST, UTC+3
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 3, 27, 13), 1), Utc(2026, 3, 30, 10));
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 3, 27, 9), Tallinn(2026, 3, 30, 17)), hours(16));
  EXPECT_TRUE(cal.IsWorkingTime(Utc(2026, 3, 30, 6)));  // 09:00 EEST
  EXPECT_FALSE(cal.IsWorkingTime(Utc(2026, 3, 30, 5, 59)));
}

TEST(Calendar, FallBackInTallinn) {
  // 25 Oct 2026, 04:00 EEST -> 03:00 EET.
  BusinessCalendar cal = BusinessCalendar::Default();
  EXPECT_EQ(cal.AddWorkingDays(Tallinn(2026, 10, 23, 13), 1), Utc(2026, 10, 26, 11));
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 10, 23, 9), Tallinn(2026, 10, 26, 17)), hours(16));
}

TEST(Calendar, RoundTheClockDaysAreShortAndLongAtDstChanges) {
  CalendarSection s;
  s.time_zone = "Europe/Tallinn";
  for (auto& day : s.week) day = {{0, 1440}};
  BusinessCalendar cal = Make(s);
  EXPECT_EQ(cal.WorkingDayLength(), hours(24));
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 3, 29, 0), Tallinn(2026, 3, 30, 0)), hours(23));
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 10, 25, 0), Tallinn(2026, 10, 26, 0)), hours(25));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 3, 29, 0), hours(24)), Tallinn(2026, 3, 30, 1));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 10, 25, 0), hours(24)), Tallinn(2026, 10, 25, 23));
  EXPECT_TRUE(cal.IsWorkingTime(Utc(2026, 3, 29, 1)));  // 04:00 EEST, the change itself
}

TEST(Calendar, SeveralRangesADay) {
  CalendarSection s;
  s.time_zone = "Europe/Tallinn";
  for (int i = 0; i < 5; ++i) s.week[i] = {{480, 720}, {780, 1020}};  // 08-12, 13-17
  BusinessCalendar cal = Make(s);
  EXPECT_EQ(cal.WorkingDayLength(), hours(8));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 23, 11, 30), hours(1)), Tallinn(2026, 11, 23, 13, 30));
  EXPECT_FALSE(cal.IsWorkingTime(Tallinn(2026, 11, 23, 12, 30)));
  EXPECT_EQ(cal.AddWorkingTime(Tallinn(2026, 11, 23, 8), hours(4)), Tallinn(2026, 11, 23, 12));
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 11, 23, 11), Tallinn(2026, 11, 23, 14)), hours(2));
}

TEST(Calendar, NormalDayIsTheMostFrequentLength) {
  CalendarSection s;
  s.time_zone = "Europe/Tallinn";
  s.week[4] = {{540, 900}};  // short Friday, 6 h
  EXPECT_EQ(Make(s).WorkingDayLength(), hours(8));
  s.week = {};
  s.week[0] = {{540, 900}};
  s.week[1] = {{540, 1020}};  // a tie: the longer
  EXPECT_EQ(Make(s).WorkingDayLength(), hours(8));
}

TEST(Calendar, WorkingTimeBetweenInvertsAddWorkingTime) {
  BusinessCalendar cal = Make(Estonia());
  const TimePoint starts[] = {Tallinn(2026, 12, 18, 16, 45), Tallinn(2026, 3, 28, 2),
                              Tallinn(2026, 10, 24, 23), Tallinn(2026, 2, 20, 9)};
  for (TimePoint start : starts) {
    for (int m : {1, 59, 60 * 8, 60 * 13 + 7, 60 * 40}) {
      TimePoint end = cal.AddWorkingTime(start, minutes(m));
      EXPECT_EQ(cal.WorkingTimeBetween(start, end), minutes(m));
      EXPECT_GT(end, start);
    }
  }
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 11, 23, 12), Tallinn(2026, 11, 23, 10)), seconds(0));
  EXPECT_EQ(cal.WorkingTimeBetween(Tallinn(2026, 11, 20, 16), Tallinn(2026, 11, 23, 10)), hours(2));
}

TEST(Calendar, OtherTimeZone) {
  CalendarSection s;
  s.time_zone = "America/New_York";
  BusinessCalendar cal = Make(s);
  EXPECT_TRUE(cal.IsWorkingTime(Utc(2026, 11, 23, 14)));   // 09:00 EST
  EXPECT_FALSE(cal.IsWorkingTime(Utc(2026, 11, 23, 13)));  // 08:00 EST
  EXPECT_EQ(cal.LocalDay(Utc(2026, 11, 24, 3)), date::sys_days{date::year(2026) / 11 / 23});
}

TEST(Calendar, CreateRejectsBadSections) {
  CalendarSection s;
  s.time_zone = "Nowhere/Atlantis";
  EXPECT_FALSE(BusinessCalendar::Create(s).ok());
  s = CalendarSection{};
  s.time_zone = "Europe/Tallinn";
  s.week = {};
  auto empty = BusinessCalendar::Create(s);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, Error::Kind::kConfig);
  s = CalendarSection{};
  s.time_zone = "Europe/Tallinn";
  s.holidays = {"2026-13-01"};
  EXPECT_FALSE(BusinessCalendar::Create(s).ok());
  s.holidays = {};
  s.week[0] = {{600, 700}, {650, 800}};  // overlapping
  EXPECT_FALSE(BusinessCalendar::Create(s).ok());
}

TEST(Calendar, ParseDaysAndHours) {
  EXPECT_EQ(ParseIsoDay("2026-02-24"), date::sys_days{date::year(2026) / 2 / 24});
  EXPECT_EQ(ParseIsoDay("2026-02-29"), std::nullopt);
  EXPECT_EQ(ParseIsoDay("2026-2-24"), std::nullopt);
  EXPECT_EQ(ParseWorkingHours("09:00-17:00"), (WorkingHours{540, 1020}));
  EXPECT_EQ(ParseWorkingHours("00:00-24:00"), (WorkingHours{0, 1440}));
  EXPECT_EQ(ParseWorkingHours("17:00-09:00"), std::nullopt);
  EXPECT_EQ(ParseWorkingHours("09:60-17:00"), std::nullopt);
  EXPECT_EQ(ParseWorkingHours("24:00-24:00"), std::nullopt);
  EXPECT_EQ(ParseWorkingHours("9-17"), std::nullopt);
  EXPECT_EQ(FormatWorkingHours({540, 1020}), "09:00-17:00");
}

}  // namespace
}  // namespace deskd
