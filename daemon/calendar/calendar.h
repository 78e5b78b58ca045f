// BusinessCalendar: working-time arithmetic on the desk's business calendar
// ([calendar]: time zone, weekly hours, public holidays, half days). The
// working-day service levels (daemon/sla/sla.h), reminders and digests run on it.
//
// Every function is pure: time points in, time points out; the calendar
// never reads the clock. Local hours are turned into instants with the IANA
// time zone (Howard Hinnant's date/tz), so a working day across a DST change
// still has its local 09:00-17:00. A local time that does not exist (spring
// forward) is taken as the instant of the change; an ambiguous one (fall
// back) as its earlier instant.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "daemon/core/clock.h"
#include "parsers/result.h"

namespace deskd {

// One span of working time in a local day: [start_minute, end_minute),
// minutes since local midnight, 0 <= start < end <= 1440. TOML: "09:00-17:00".
struct WorkingHours {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const WorkingHours&) const = default;
};

// A day with other hours than its weekday's (a shortened day before a
// holiday). `date` is "YYYY-MM-DD"; `hours` may be empty (a day off).
struct HalfDay {
  std::string date;
  std::vector<WorkingHours> hours;
  bool operator==(const HalfDay&) const = default;
};

// [calendar] of the config: the business calendar that working-day
// deadlines run on (BusinessCalendar below builds the arithmetic from it).
struct CalendarSection {
  std::string time_zone;            // IANA name; "" = desk.time_zone (filled in at load)
  // week[0] = Monday ... week[6] = Sunday; several ranges a day allowed,
  // sorted and not overlapping (checked at load). Default Mon-Fri 09:00-17:00.
  std::array<std::vector<WorkingHours>, 7> week = {
      std::vector<WorkingHours>{{540, 1020}}, std::vector<WorkingHours>{{540, 1020}},
      std::vector<WorkingHours>{{540, 1020}}, std::vector<WorkingHours>{{540, 1020}},
      std::vector<WorkingHours>{{540, 1020}}, std::vector<WorkingHours>{},
      std::vector<WorkingHours>{}};
  std::vector<std::string> holidays;  // "YYYY-MM-DD", sorted, no working time at all
  std::vector<HalfDay> half_days;     // sorted by date; a holiday wins over a half day
  bool operator==(const CalendarSection&) const = default;
};

class BusinessCalendar {
 public:
  // Error kConfig ("calendar: ...") for an unknown time zone, a malformed
  // date or range, or a week without any working time.
  static Result<BusinessCalendar> Create(const CalendarSection& section);
  // Default [calendar] (Mon-Fri 09:00-17:00, no holidays) in `time_zone`.
  // REQUIRES: time_zone is a valid IANA name.
  static BusinessCalendar Default(const std::string& time_zone = "Europe/Tallinn");

  // True when `t` lies inside a working span (start inclusive, end exclusive).
  bool IsWorkingTime(TimePoint t) const;
  // `t` itself when it is working time, else the start of the next working span.
  TimePoint NextWorkingMoment(TimePoint t) const;

  // The instant at which `d` of working time has passed since `start`.
  // Time outside working spans does not count. A deadline that falls exactly
  // on the end of a span is that end (17:00), not the next morning.
  // d <= 0 gives `start`.
  TimePoint AddWorkingTime(TimePoint start, std::chrono::seconds d) const;

  // "n working days after start": n x WorkingDayLength() of working time,
  // counted from the first working moment at or after `start`. So a mail
  // received Friday 18:00 with 2 working days is due Tuesday 17:00, one
  // received Monday 10:00 is due Wednesday 10:00. n <= 0 gives `start`.
  TimePoint AddWorkingDays(TimePoint start, int n) const;

  // Working time inside [a, b); zero when b <= a.
  std::chrono::seconds WorkingTimeBetween(TimePoint a, TimePoint b) const;

  // The length of a normal working day: the most frequent non-zero day
  // length of the weekly hours (a tie: the longer). 8 h by default.
  std::chrono::seconds WorkingDayLength() const { return day_length_; }

  // --- days, for digests ("every other working day at 09:00") ---
  // The local calendar day of `t`.
  date::sys_days LocalDay(TimePoint t) const;
  // True when the local day has any working time (not a holiday, not a
  // weekday without hours).
  bool IsWorkingDay(date::sys_days day) const;
  // The next working day strictly after `day`.
  date::sys_days NextWorkingDay(date::sys_days day) const;
  // The instant of local time `minutes` after midnight of `day`.
  TimePoint AtLocalTime(date::sys_days day, std::chrono::minutes since_midnight) const;
  // Working spans of one local day as instants, in order.
  std::vector<std::pair<TimePoint, TimePoint>> WorkingSpans(date::sys_days day) const;

  const date::time_zone* zone() const { return zone_; }

 private:
  BusinessCalendar() = default;
  const std::vector<WorkingHours>& HoursOf(date::sys_days day) const;

  const date::time_zone* zone_ = nullptr;
  std::array<std::vector<WorkingHours>, 7> week_;  // [0] = Monday
  std::vector<date::sys_days> holidays_;           // sorted
  std::vector<std::pair<date::sys_days, std::vector<WorkingHours>>> half_days_;  // sorted
  std::chrono::seconds day_length_{0};
};

// "2026-02-24" -> the day; nullopt when malformed or not a real date.
std::optional<date::sys_days> ParseIsoDay(std::string_view text);
// "09:00-17:00" -> {540, 1020}; "24:00" allowed as an end; nullopt otherwise.
std::optional<WorkingHours> ParseWorkingHours(std::string_view text);
// {540, 1020} -> "09:00-17:00".
std::string FormatWorkingHours(const WorkingHours& hours);

}  // namespace deskd
