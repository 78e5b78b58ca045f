// Small localized words for reminders, escalations and digests (et, ru, ro,
// en; anything else is English): clock and status names, durations, and
// local times. The sentences themselves are in templates/<lang>/; these are
// the words that go into lists the code builds (digest rows, deadlines).
#pragma once

#include <cstdint>
#include <string>

#include "daemon/calendar/calendar.h"

namespace deskd {

// "First response" / "Esimene vastus" / ... for first_response, in_work,
// resolution; the name itself for anything else.
std::string ClockLabel(const std::string& language, const std::string& clock);
// "new", "open", "on hold", ... in the language.
std::string StatusLabel(const std::string& language, const std::string& status);
// "2 d 3 h", "45 min", "1 h 5 min" with the language's unit abbreviations;
// the absolute value of `seconds` (callers say "overdue" themselves).
std::string FormatDuration(const std::string& language, int64_t seconds);
// One of "overdue", "left", "met", "breached", "paused", "running", "none",
// "due" in the language.
std::string Word(const std::string& language, const std::string& key);
// "2026-11-24 09:00" in the calendar's time zone.
std::string FormatLocalTime(const BusinessCalendar& calendar, int64_t unix_seconds);
// "2026-11-24" in the calendar's time zone.
std::string FormatLocalDate(const BusinessCalendar& calendar, int64_t unix_seconds);

}  // namespace deskd
