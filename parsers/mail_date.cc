#include "parsers/mail_date.h"

#include <cstdio>
#include <vector>

#include "parsers/text_util.h"

namespace deskd {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool AllAlpha(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

int Month(std::string_view token) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3 || !AllAlpha(token)) return 0;
  const std::string t = text::AsciiLower(token.substr(0, 3));
  for (int i = 0; i < 12; ++i) {
    if (t == kMonths[i]) return i + 1;
  }
  return 0;
}

bool IsDayName(std::string_view token) {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (token.size() < 3 || !AllAlpha(token)) return false;
  const std::string t = text::AsciiLower(token.substr(0, 3));
  for (const char* d : kDays) {
    if (t == d) return true;
  }
  return false;
}

// Zone token to minutes east of UTC.
std::optional<int> Zone(std::string_view token) {
  if ((token[0] == '+' || token[0] == '-') && token.size() >= 3) {
    std::string digits;
    for (char c : token.substr(1)) {
      if (c != ':') digits += c;
    }
    if (!AllDigits(digits)) return std::nullopt;
    int hh = 0;
    int mm = 0;
    if (digits.size() == 4) {
      hh = std::stoi(digits.substr(0, 2));
      mm = std::stoi(digits.substr(2, 2));
    } else if (digits.size() == 2) {
      hh = std::stoi(digits);
    } else {
      return std::nullopt;
    }
    if (hh > 23 || mm > 59) return std::nullopt;
    const int minutes = hh * 60 + mm;
    return token[0] == '-' ? -minutes : minutes;
  }
  struct Named {
    const char* name;
    int hours;
  };
  static constexpr Named kZones[] = {
      {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
      {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
      {"wet", 0},  {"west", 1}, {"bst", 1},  {"cet", 1},  {"cest", 2}, {"met", 1},
      {"mest", 2}, {"eet", 2},  {"eest", 3}, {"msk", 3},  {"msd", 4},
  };
  const std::string t = text::AsciiLower(token);
  for (const auto& z : kZones) {
    if (t == z.name) return z.hours * 60;
  }
  if (t.size() == 1 && AllAlpha(t)) return 0;  // military: RFC 5322 says -0000
  return std::nullopt;
}

}  // namespace

std::string FormatRfc3339(int64_t unix_seconds, int offset_minutes) {
  const int64_t local = unix_seconds + int64_t{offset_minutes} * 60;
  int64_t days = local / 86400;
  int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  CivilFromDays(days, &y, &m, &d);
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
                static_cast<long long>(y), m, d, static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

namespace {

// The tokens of a Date value without comments; ',' separates like white
// space, a parenthesis ends a token.
std::vector<std::string> DateTokens(std::string_view value) {
  std::vector<std::string> tokens;
  std::string cur;
  int comment = 0;
  for (char c : value) {
    if (c == '(') {
      ++comment;
    } else if (c == ')' && comment > 0) {
      --comment;
    } else if (comment > 0) {
      continue;
    } else if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
      if (!cur.empty()) tokens.push_back(std::move(cur));
      cur.clear();
      continue;
    } else {
      cur += c;
    }
    if ((c == '(' || c == ')') && !cur.empty()) {
      tokens.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  return tokens;
}

// `s` split at each of `separators`; empty pieces kept.
std::vector<std::string> SplitAt(std::string_view s, std::string_view separators) {
  std::vector<std::string> pieces;
  std::string piece;
  for (char c : s) {
    if (separators.find(c) != std::string_view::npos) {
      pieces.push_back(piece);
      piece.clear();
    } else {
      piece += c;
    }
  }
  pieces.push_back(piece);
  return pieces;
}

// Day, month and the still unread year and time of a date.
struct DateFields {
  int day = 0;
  int month = 0;
  std::string year_token;
  std::string time_token;
};

// asctime order from tokens[*i]: "Nov 23 09:58:00 2026" (zone, if any,
// before or after the year). REQUIRES: tokens[*i] a month, tokens[*i+1] digits.
DateFields ReadAsctimeOrder(std::vector<std::string>& tokens, std::size_t* i) {
  DateFields f;
  f.month = Month(tokens[*i]);
  f.day = std::stoi(tokens[*i + 1].substr(0, 3));
  *i += 2;
  if (*i < tokens.size() && tokens[*i].find(':') != std::string::npos) f.time_token = tokens[(*i)++];
  if (*i < tokens.size() && !AllDigits(tokens[*i]) && *i + 1 < tokens.size() &&
      AllDigits(tokens[*i + 1])) {
    std::swap(tokens[*i], tokens[*i + 1]);
  }
  if (*i < tokens.size() && AllDigits(tokens[*i])) f.year_token = tokens[(*i)++];
  return f;
}

// RFC 5322 order from tokens[*i]: "23 Nov 2026 09:58:00", also with
// "23-Nov-2026" as one token. nullopt when it is not that.
std::optional<DateFields> ReadRfcOrder(std::vector<std::string>& tokens, std::size_t* i) {
  if (*i + 2 >= tokens.size()) return std::nullopt;
  if (tokens[*i].find('-') != std::string::npos && !AllDigits(tokens[*i])) {
    const std::vector<std::string> pieces = SplitAt(tokens[*i], "-");
    if (pieces.size() == 3) {
      const auto at = tokens.begin() + static_cast<std::ptrdiff_t>(*i);
      tokens.insert(tokens.erase(at), pieces.begin(), pieces.end());
    }
  }
  if (*i + 2 >= tokens.size() || !AllDigits(tokens[*i]) || tokens[*i].size() > 2) {
    return std::nullopt;
  }
  DateFields f;
  f.day = std::stoi(tokens[*i]);
  f.month = Month(tokens[*i + 1]);
  f.year_token = tokens[*i + 2];
  *i += 3;
  if (*i < tokens.size()) f.time_token = tokens[(*i)++];
  return f;
}

// A year of 2 (50 and later: 19xx), 3 (+1900) or 4 digits, 1900..9999.
std::optional<int64_t> FullYear(const std::string& year_token) {
  if (!AllDigits(year_token) || year_token.size() > 4) return std::nullopt;
  int64_t year = std::stoi(year_token);
  if (year_token.size() == 2) year += year < 50 ? 2000 : 1900;
  else if (year_token.size() == 3) year += 1900;
  if (year < 1900 || year > 9999) return std::nullopt;
  return year;
}

// "hh:mm[:ss]" (or with '.') as seconds of the day; a leap second is :59.
std::optional<int> TimeOfDay(const std::string& time_token) {
  const std::vector<std::string> parts = SplitAt(time_token, ":.");
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  for (const auto& p : parts) {
    if (!AllDigits(p) || p.size() > 2) return std::nullopt;
  }
  const int hh = std::stoi(parts[0]);
  const int mm = std::stoi(parts[1]);
  int ss = parts.size() == 3 ? std::stoi(parts[2]) : 0;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  if (ss == 60) ss = 59;
  return hh * 3600 + mm * 60 + ss;
}

}  // namespace

std::optional<MailDate> ParseMailDate(std::string_view value) {
  std::vector<std::string> tokens = DateTokens(value);
  std::size_t i = 0;
  if (i < tokens.size() && IsDayName(tokens[i])) ++i;
  std::optional<DateFields> f;
  if (i + 1 < tokens.size() && Month(tokens[i]) && AllDigits(tokens[i + 1])) {
    f = ReadAsctimeOrder(tokens, &i);
  } else {
    f = ReadRfcOrder(tokens, &i);
  }
  if (!f || f->month == 0) return std::nullopt;
  const std::optional<int64_t> year = FullYear(f->year_token);
  if (!year) return std::nullopt;
  if (f->day < 1 ||
      static_cast<unsigned>(f->day) > DaysInMonth(*year, static_cast<unsigned>(f->month))) {
    return std::nullopt;
  }
  const std::optional<int> time = TimeOfDay(f->time_token);
  if (!time) return std::nullopt;
  MailDate out;
  std::optional<int> zone;
  // The zone: first token after the time that reads as one ("+0200 (EET)").
  for (; i < tokens.size() && !zone; ++i) zone = Zone(tokens[i]);
  if (!zone) {
    out.zone_missing = true;
    zone = 0;
  }
  out.offset_minutes = *zone;
  out.unix_seconds =
      DaysFromCivil(*year, static_cast<unsigned>(f->month), static_cast<unsigned>(f->day)) *
          86400 +
      *time - int64_t{*zone} * 60;
  out.rfc3339 = FormatRfc3339(out.unix_seconds, out.offset_minutes);
  return out;
}

}  // namespace deskd
