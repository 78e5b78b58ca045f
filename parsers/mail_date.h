// The Date header (RFC 5322 3.3, with the obsolete forms of 4.3 and what
// mailers really write): to seconds since the epoch and to RFC 3339 text in
// the mail's own UTC offset. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskd {

struct MailDate {
  int64_t unix_seconds = 0;
  int offset_minutes = 0;  // east of UTC
  std::string rfc3339;     // "2026-11-23T09:58:00+02:00"
  bool zone_missing = false;  // no zone given: read as UTC
};

// Reads "Mon, 23 Nov 2026 09:58:00 +0200" and its variants: day of week
// optional, 2- and 3-digit years, seconds optional, obsolete zone names
// (UT, GMT, EST/EDT, CST/CDT, MST/MDT, PST/PDT; military letters as UTC),
// common names (CET, CEST, EET, EEST, MSK, UTC), "+02:00", comments,
// asctime order ("Mon Nov 23 09:58:00 2026"). nullopt when unreadable or
// out of range.
std::optional<MailDate> ParseMailDate(std::string_view value);

// `unix_seconds` shown in the offset `offset_minutes` as RFC 3339.
std::string FormatRfc3339(int64_t unix_seconds, int offset_minutes);

}  // namespace deskd
