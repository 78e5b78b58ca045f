// Urgency from headers and urgent words (parsers/urgency.h).
#include "parsers/urgency.h"

#include "parsers/text_util.h"

namespace deskd {

namespace {

bool IsWordChar(char32_t cp) {
  return (cp >= '0' && cp <= '9') || text::IsLatinLetter(cp) || text::IsCyrillicLetter(cp);
}

// The code point that ends just before byte `pos` (0 when pos is 0).
char32_t CodePointBefore(std::string_view s, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return text::NextCodePoint(s, &start);
}

char32_t CodePointAt(std::string_view s, size_t pos) {
  return pos < s.size() ? text::NextCodePoint(s, &pos) : 0;
}

// Lower-case, diacritics folded: "Urgență" and "urgenta" compare equal.
std::string Fold(std::string_view s) { return text::FoldDiacritics(text::Lower(s)); }

bool ContainsWord(std::string_view haystack, std::string_view word) {
  if (word.empty()) return false;
  for (size_t at = haystack.find(word); at != std::string_view::npos;
       at = haystack.find(word, at + 1)) {
    if (!IsWordChar(CodePointBefore(haystack, at)) &&
        !IsWordChar(CodePointAt(haystack, at + word.size()))) {
      return true;
    }
  }
  return false;
}

// The first number of a header value ("1 (Highest)" -> 1), or -1.
int LeadingNumber(std::string_view v) {
  v = text::Trim(v);
  if (v.empty() || v[0] < '0' || v[0] > '9') return -1;
  return v[0] - '0';
}

}  // namespace

UrgencySignal UrgencyFromHeaders(const ParsedMail& mail) {
  UrgencySignal low;
  if (auto v = mail.Header("x-priority")) {
    int n = LeadingNumber(*v);
    if (n == 1 || n == 2) return {1, "X-Priority: " + std::string(text::Trim(*v))};
    if (n == 4 || n == 5) low = {3, "X-Priority: " + std::string(text::Trim(*v))};
  }
  if (auto v = mail.Header("importance")) {
    std::string lower = text::AsciiLower(text::Trim(*v));
    if (lower == "high") return {1, "Importance: high"};
    if (lower == "low" && !low.urgency) low = {3, "Importance: low"};
  }
  if (auto v = mail.Header("priority")) {
    std::string lower = text::AsciiLower(text::Trim(*v));
    if (lower == "urgent") return {1, "Priority: urgent"};
    if (lower == "non-urgent" && !low.urgency) low = {3, "Priority: non-urgent"};
  }
  return low;
}

std::optional<std::string> FindUrgentWord(std::string_view text,
                                          const std::vector<std::string>& words) {
  std::string folded = Fold(text);
  for (const std::string& w : words) {
    if (ContainsWord(folded, Fold(w))) return w;
  }
  return std::nullopt;
}

UrgencySignal DetectUrgency(const ParsedMail& mail, const std::vector<std::string>& urgent_words) {
  UrgencySignal headers = UrgencyFromHeaders(mail);
  if (headers.urgency == 1) return headers;
  if (auto w = FindUrgentWord(mail.subject + "\n" + mail.new_text, urgent_words)) {
    return {1, "urgent word \"" + *w + "\""};
  }
  return headers;
}

}  // namespace deskd
