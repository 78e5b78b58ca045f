// BusinessCalendar: local working hours turned into instants day by day.
// Every question walks the local days from the first one concerned; spans
// never cross local midnight, so a day's spans are all that day has.
#include "daemon/calendar/calendar.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace deskd {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// Days a walk may look ahead before giving up (a calendar whose week has
// working time always finds some within 8 days, holidays aside).
constexpr int kMaxDays = 366 * 30;

int WeekdayIndex(date::sys_days day) {
  return static_cast<int>((date::weekday(day).c_encoding() + 6) % 7);  // Monday = 0
}

bool ValidHours(const std::vector<WorkingHours>& hours) {
  int last_end = -1;
  for (const WorkingHours& h : hours) {
    if (h.start_minute < 0 || h.end_minute > 1440 || h.start_minute >= h.end_minute ||
        h.start_minute < last_end) {
      return false;
    }
    last_end = h.end_minute;
  }
  return true;
}

int Minutes(const std::vector<WorkingHours>& hours) {
  int total = 0;
  for (const WorkingHours& h : hours) total += h.end_minute - h.start_minute;
  return total;
}

bool TwoDigits(std::string_view s, size_t at, int* out) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') {
    return false;
  }
  *out = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return true;
}

std::optional<int> ParseClockTime(std::string_view s) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || !TwoDigits(s, 0, &h) || !TwoDigits(s, 3, &m)) {
    return std::nullopt;
  }
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

TimePoint ToTimePoint(date::sys_seconds s) { return TimePoint(s.time_since_epoch()); }

}  // namespace

std::optional<date::sys_days> ParseIsoDay(std::string_view text) {
  int c = 0, y = 0, mo = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !TwoDigits(text, 0, &c) ||
      !TwoDigits(text, 2, &y) || !TwoDigits(text, 5, &mo) || !TwoDigits(text, 8, &d)) {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year(c * 100 + y), date::month(static_cast<unsigned>(mo)),
                           date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

std::optional<WorkingHours> ParseWorkingHours(std::string_view text) {
  size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto start = ParseClockTime(text.substr(0, dash));
  auto end = ParseClockTime(text.substr(dash + 1));
  if (!start || !end || *start >= *end || *start >= 1440) return std::nullopt;
  return WorkingHours{*start, *end};
}

std::string FormatWorkingHours(const WorkingHours& hours) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%02d:%02d-%02d:%02d", hours.start_minute / 60,
                hours.start_minute % 60, hours.end_minute / 60, hours.end_minute % 60);
  return buf;
}

Result<BusinessCalendar> BusinessCalendar::Create(const CalendarSection& section) {
  BusinessCalendar cal;
  try {
    cal.zone_ = date::locate_zone(section.time_zone);
  } catch (const std::exception&) {
    return Error::Config("calendar: unknown time zone \"" + section.time_zone + "\"");
  }
  static const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};
  std::map<int, int> lengths;  // minutes -> weekdays with that length
  for (int i = 0; i < 7; ++i) {
    if (!ValidHours(section.week[i])) {
      return Error::Config(std::string("calendar: ") + kDays[i] +
                           ": ranges must be within 00:00-24:00, sorted, not overlapping");
    }
    cal.week_[i] = section.week[i];
    if (int m = Minutes(section.week[i]); m > 0) ++lengths[m];
  }
  if (lengths.empty()) return Error::Config("calendar: the week has no working hours");
  int best = 0, best_count = 0;
  for (const auto& [length, count] : lengths) {
    if (count >= best_count) best = length, best_count = count;  // ties: the longer
  }
  cal.day_length_ = minutes(best);
  for (const std::string& h : section.holidays) {
    auto day = ParseIsoDay(h);
    if (!day) return Error::Config("calendar: holiday \"" + h + "\" is not a YYYY-MM-DD date");
    cal.holidays_.push_back(*day);
  }
  std::sort(cal.holidays_.begin(), cal.holidays_.end());
  for (const HalfDay& h : section.half_days) {
    auto day = ParseIsoDay(h.date);
    if (!day) return Error::Config("calendar: half day \"" + h.date + "\" is not a YYYY-MM-DD date");
    if (!ValidHours(h.hours)) {
      return Error::Config("calendar: half day " + h.date +
                           ": ranges must be within 00:00-24:00, sorted, not overlapping");
    }
    cal.half_days_.emplace_back(*day, h.hours);
  }
  std::sort(cal.half_days_.begin(), cal.half_days_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return cal;
}

BusinessCalendar BusinessCalendar::Default(const std::string& time_zone) {
  CalendarSection section;
  section.time_zone = time_zone;
  auto cal = Create(section);
  if (cal.ok()) return std::move(*cal);
  section.time_zone = "UTC";
  return std::move(*Create(section));
}

const std::vector<WorkingHours>& BusinessCalendar::HoursOf(date::sys_days day) const {
  static const std::vector<WorkingHours> kNone;
  if (std::binary_search(holidays_.begin(), holidays_.end(), day)) return kNone;
  auto it = std::lower_bound(half_days_.begin(), half_days_.end(), day,
                             [](const auto& h, date::sys_days d) { return h.first < d; });
  if (it != half_days_.end() && it->first == day) return it->second;
  return week_[WeekdayIndex(day)];
}

date::sys_days BusinessCalendar::LocalDay(TimePoint t) const {
  auto local = zone_->to_local(std::chrono::floor<seconds>(t));
  return date::sys_days(std::chrono::floor<date::days>(local).time_since_epoch());
}

bool BusinessCalendar::IsWorkingDay(date::sys_days day) const { return !HoursOf(day).empty(); }

date::sys_days BusinessCalendar::NextWorkingDay(date::sys_days day) const {
  for (int i = 1; i <= kMaxDays; ++i) {
    if (IsWorkingDay(day + date::days(i))) return day + date::days(i);
  }
  return day + date::days(1);
}

TimePoint BusinessCalendar::AtLocalTime(date::sys_days day, minutes since_midnight) const {
  date::local_seconds local{date::local_days(day.time_since_epoch()) + since_midnight};
  return ToTimePoint(zone_->to_sys(local, date::choose::earliest));
}

std::vector<std::pair<TimePoint, TimePoint>> BusinessCalendar::WorkingSpans(
    date::sys_days day) const {
  std::vector<std::pair<TimePoint, TimePoint>> spans;
  for (const WorkingHours& h : HoursOf(day)) {
    TimePoint from = AtLocalTime(day, minutes(h.start_minute));
    TimePoint to = AtLocalTime(day, minutes(h.end_minute));
    if (from < to) spans.emplace_back(from, to);
  }
  return spans;
}

bool BusinessCalendar::IsWorkingTime(TimePoint t) const {
  for (const auto& [from, to] : WorkingSpans(LocalDay(t))) {
    if (from <= t && t < to) return true;
  }
  return false;
}

TimePoint BusinessCalendar::NextWorkingMoment(TimePoint t) const {
  date::sys_days day = LocalDay(t);
  for (int i = 0; i <= kMaxDays; ++i, day += date::days(1)) {
    for (const auto& [from, to] : WorkingSpans(day)) {
      if (to > t) return std::max(from, t);
    }
  }
  return t;
}

TimePoint BusinessCalendar::AddWorkingTime(TimePoint start, seconds d) const {
  if (d <= seconds(0)) return start;
  TimePoint::duration remaining = d;
  date::sys_days day = LocalDay(start);
  for (int i = 0; i <= kMaxDays; ++i, day += date::days(1)) {
    for (const auto& [from, to] : WorkingSpans(day)) {
      if (to <= start) continue;
      TimePoint s = std::max(from, start);
      if (remaining <= to - s) return s + remaining;
      remaining -= to - s;
    }
  }
  return start + remaining;  // unreachable with a sane calendar
}

TimePoint BusinessCalendar::AddWorkingDays(TimePoint start, int n) const {
  if (n <= 0) return start;
  return AddWorkingTime(start, day_length_ * n);
}

seconds BusinessCalendar::WorkingTimeBetween(TimePoint a, TimePoint b) const {
  if (b <= a) return seconds(0);
  TimePoint::duration total{0};
  date::sys_days last = LocalDay(b);
  for (date::sys_days day = LocalDay(a); day <= last; day += date::days(1)) {
    for (const auto& [from, to] : WorkingSpans(day)) {
      TimePoint s = std::max(from, a), e = std::min(to, b);
      if (s < e) total += e - s;
    }
  }
  return std::chrono::duration_cast<seconds>(total);
}

}  // namespace deskd
