#include "parsers/ticket_ref.h"

#include "parsers/text_util.h"

namespace deskd {

namespace {

std::size_t SkipSpaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  // NBSP, which some clients put into subjects.
  while (pos + 1 < s.size() && s[pos] == '\xC2' && s[pos + 1] == '\xA0') {
    pos += 2;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  }
  return pos;
}

bool EqualsAsciiNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && text::AsciiLower(a) == text::AsciiLower(b);
}

// The number of a "[prefix#n]" tag starting at subject[open] == '[', or 0.
int64_t TagAt(std::string_view subject, std::size_t open, std::string_view prefix) {
  std::size_t pos = SkipSpaces(subject, open + 1);
  if (!EqualsAsciiNoCase(subject.substr(pos, prefix.size()), prefix)) return 0;
  pos = SkipSpaces(subject, pos + prefix.size());
  if (pos >= subject.size() || subject[pos] != '#') return 0;
  pos = SkipSpaces(subject, pos + 1);
  int64_t number = 0;
  int digits = 0;
  while (pos < subject.size() && subject[pos] >= '0' && subject[pos] <= '9') {
    if (++digits > 18) return 0;
    number = number * 10 + (subject[pos] - '0');
    ++pos;
  }
  if (digits == 0) return 0;
  pos = SkipSpaces(subject, pos);
  if (pos >= subject.size() || subject[pos] != ']') return 0;
  return number;
}

}  // namespace

std::optional<int64_t> FindTicketTag(std::string_view subject, std::string_view prefix) {
  prefix = text::Trim(prefix);
  for (std::size_t open = subject.find('['); open != std::string_view::npos;
       open = subject.find('[', open + 1)) {
    if (const int64_t n = TagAt(subject, open, prefix); n > 0) return n;
  }
  return std::nullopt;
}

std::optional<std::string> FindReplyToken(const std::vector<MailAddress>& recipients,
                                          std::string_view desk_address) {
  const std::string desk = text::AsciiLower(text::Trim(desk_address));
  const std::size_t desk_at = desk.rfind('@');
  if (desk_at == std::string::npos || desk_at == 0) return std::nullopt;
  const std::string_view desk_local = std::string_view(desk).substr(0, desk_at);
  const std::string_view desk_domain = std::string_view(desk).substr(desk_at + 1);
  for (const MailAddress& recipient : recipients) {
    const std::string address = text::AsciiLower(text::Trim(recipient.address));
    const std::size_t at = address.rfind('@');
    if (at == std::string::npos) continue;
    const std::string_view local = std::string_view(address).substr(0, at);
    if (std::string_view(address).substr(at + 1) != desk_domain) continue;
    if (local.size() <= desk_local.size() + 1 || !text::StartsWith(local, desk_local) ||
        local[desk_local.size()] != '+') {
      continue;
    }
    return std::string(local.substr(desk_local.size() + 1));
  }
  return std::nullopt;
}

namespace {

// Reply and forward markers of mail clients, lower-case. "re" also covers
// "RE", "Re[3]" and "Re(2)", see StripOnePrefix.
constexpr std::string_view kSubjectPrefixes[] = {
    "re", "fwd", "fw", "aw", "wg", "vs", "vast", "vastus", "edasi", "r", "tr", "sv", "antw",
    "rif", "rv", "res", "enc", "odp", "pd", "ynt", "ilt", "răspuns", "redirecționat",
    "отв", "ответ", "пересл", "переслать"};

// Length of one reply/forward marker with its ':' at the start of `s`, or 0.
std::size_t StripOnePrefix(std::string_view s) {
  std::size_t pos = 0;
  // The word: letters up to a ':' '[' '(' '^' or space.
  while (pos < s.size()) {
    const std::size_t before = pos;
    const char32_t cp = text::NextCodePoint(s, &pos);
    if (!text::IsLatinLetter(cp) && !text::IsCyrillicLetter(cp)) {
      pos = before;
      break;
    }
  }
  if (pos == 0) return 0;
  const std::string word = text::Lower(s.substr(0, pos));
  bool known = false;
  for (std::string_view prefix : kSubjectPrefixes) known = known || word == prefix;
  if (!known) return 0;
  // An optional counter: "Re[3]:", "Re(2):", "Re^2:".
  if (pos < s.size() && (s[pos] == '[' || s[pos] == '(')) {
    const char close = s[pos] == '[' ? ']' : ')';
    std::size_t p = pos + 1;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == pos + 1 || p >= s.size() || s[p] != close) return 0;
    pos = p + 1;
  } else if (pos < s.size() && s[pos] == '^') {
    std::size_t p = pos + 1;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == pos + 1) return 0;
    pos = p;
  }
  // Optional spaces (French style "RE :"), then the colon (ASCII or full-width).
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos < s.size() && s[pos] == ':') return pos + 1;
  if (text::StartsWith(s.substr(pos), "\xEF\xBC\x9A")) return pos + 3;  // U+FF1A
  return 0;
}

}  // namespace

std::string CleanSubject(std::string_view subject) {
  std::string_view s = text::Trim(subject);
  while (!s.empty()) {
    const std::size_t n = StripOnePrefix(s);
    if (n == 0) break;
    s = text::Trim(s.substr(n));
  }
  return std::string(s);
}

}  // namespace deskd
