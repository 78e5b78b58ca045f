// Bounce parsing: RFC 3464 fields read as header blocks; plain-text bounces
// by the markers of the mailers that write them, with a last resort that
// looks for an enhanced status code next to an address.
#include "parsers/bounce.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "parsers/text_util.h"

namespace deskd {

namespace {

using text::AsciiLower;
using text::StartsWith;
using text::Trim;

struct Field {
  std::string name;  // lower-case
  std::string value;
};

// Header-style blocks separated by blank lines; continuation lines (leading
// space or tab) are joined to their field with one space.
std::vector<std::vector<Field>> ReadFieldBlocks(std::string_view body) {
  std::vector<std::vector<Field>> blocks(1);
  for (std::string_view line : text::SplitLines(body)) {
    if (Trim(line).empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !blocks.back().empty()) {
      blocks.back().back().value += ' ';
      blocks.back().back().value += std::string(Trim(line));
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    blocks.back().push_back(
        {AsciiLower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1)))});
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

const std::string* FindField(const std::vector<Field>& block, std::string_view name) {
  for (const Field& f : block) {
    if (f.name == name) return &f.value;
  }
  return nullptr;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The first enhanced status code "c.s.d" in `s` with class 2, 4 or 5
// ("5.1.1", "4.4.7", "5.7.26"), or "".
std::string FindStatusCode(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '.')) continue;
    if (i + 1 >= s.size() || s[i + 1] != '.') continue;
    std::size_t j = i + 2;
    std::size_t k = j;
    while (k < s.size() && IsDigit(s[k]) && k - j < 3) ++k;
    if (k == j || k >= s.size() || s[k] != '.') continue;
    std::size_t m = k + 1;
    std::size_t n = m;
    while (n < s.size() && IsDigit(s[n]) && n - m < 3) ++n;
    if (n == m) continue;
    if (n < s.size() && (IsDigit(s[n]) || (s[n] == '.' && n + 1 < s.size() && IsDigit(s[n + 1])))) {
      continue;  // an IP address or a version number
    }
    return std::string(s.substr(i, n - i));
  }
  return "";
}

// The first SMTP reply code (4xx or 5xx, standing alone) in `s`, or 0.
int FindSmtpCode(std::string_view s) {
  for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
    if ((s[i] != '4' && s[i] != '5') || !IsDigit(s[i + 1]) || !IsDigit(s[i + 2])) continue;
    if (i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ':')) continue;
    if (i + 3 < s.size() && s[i + 3] != ' ' && s[i + 3] != '-' && s[i + 3] != '\'' &&
        s[i + 3] != '\n') {
      continue;
    }
    return (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
  }
  return 0;
}

// Status for a failure described by `s`: its enhanced code, else the class
// of its SMTP code, else `fallback`.
std::string StatusFrom(std::string_view s, std::string_view fallback) {
  std::string code = FindStatusCode(s);
  if (!code.empty()) return code;
  int smtp = FindSmtpCode(s);
  if (smtp >= 500) return "5.0.0";
  if (smtp >= 400) return "4.0.0";
  return std::string(fallback);
}

bool IsLocalChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c)) return true;
  if (static_cast<unsigned char>(c) >= 0x80) return true;  // RFC 6531
  switch (c) {
    case '.': case '_': case '%': case '+': case '-': case '=': case '!': case '#':
    case '$': case '&': case '\'': case '*': case '/': case '?': case '^': case '`':
    case '{': case '|': case '}': case '~':
      return true;
    default:
      return false;
  }
}

bool IsDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '.' ||
         c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

// The first mail address in `s` at or after `from`, lower-case; "" if none.
// *end (if given) is set past it.
std::string FindAddress(std::string_view s, std::size_t from = 0, std::size_t* end = nullptr) {
  for (std::size_t at = s.find('@', from); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t b = at;
    while (b > from && IsLocalChar(s[b - 1])) --b;
    while (b < at && (s[b] == '.' || s[b] == '\'')) ++b;
    std::size_t e = at + 1;
    while (e < s.size() && IsDomainChar(s[e])) ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
    if (b == at || e == at + 1) continue;
    std::string_view domain = s.substr(at + 1, e - at - 1);
    const bool bracketed = b > 0 && s[b - 1] == '<' && e < s.size() && s[e] == '>';
    if (domain.find('.') == std::string_view::npos && !bracketed) continue;
    if (end != nullptr) *end = e;
    return AsciiLower(s.substr(b, e - b));
  }
  return "";
}

// The address of a field value "rfc822; user@example.org" (any type, or
// none): lower-case, without angle brackets.
std::string RecipientValue(std::string_view value) {
  std::size_t semi = value.find(';');
  std::string_view addr = Trim(semi == std::string_view::npos ? value : value.substr(semi + 1));
  if (!addr.empty() && addr.front() == '<') addr.remove_prefix(1);
  if (!addr.empty() && addr.back() == '>') addr.remove_suffix(1);
  return AsciiLower(Trim(addr));
}

// The text before the returned copy of the bounced mail, so that its
// addresses and codes are not taken for the failure's.
std::string_view BeforeReturnedMessage(std::string_view text) {
  static const char* const kMarkers[] = {
      "--- below this line is a copy of the message",
      "------ this is a copy of the message",
      "------ this is a copy of your message",
      "original message headers:",
      "----- original message -----",
      "----- original message follows -----",
      "----- the header of the original message is following -----",
      "----- transcript of session follows -----\n\n-----",
      "content-type: message/rfc822",
      "content-type: text/rfc822-headers",
  };
  std::string lower = AsciiLower(text);
  std::size_t cut = text.size();
  for (const char* m : kMarkers) {
    std::size_t p = lower.find(m);
    if (p != std::string::npos && p < cut) cut = p;
  }
  return text.substr(0, cut);
}

bool ContainsAny(std::string_view hay, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (hay.find(n) != std::string_view::npos) return true;
  }
  return false;
}

// The status to report when the bounce gives no code: from what its words
// say (`lower` is the bounce text, lower-case).
std::string FallbackStatus(std::string_view lower) {
  if (ContainsAny(lower, {"delayed mail", "still being retried", "not yet been delivered",
                          "will retry", "will keep trying", "delivery incomplete",
                          "has been delayed", "temporary problem", "warning only",
                          "will be retried"})) {
    return "4.0.0";
  }
  if (ContainsAny(lower, {"address not found", "does not exist", "user unknown",
                          "unknown user", "no such user", "recipient not found",
                          "address couldn't be found", "mailbox unavailable"})) {
    return "5.1.1";
  }
  if (ContainsAny(lower, {"mailbox full", "mailbox is full", "over quota", "quota exceeded"})) {
    return "5.2.2";
  }
  return "5.0.0";
}

// Lines from `lines[first]` until a blank line (or the end), joined.
std::string ParagraphFrom(const std::vector<std::string_view>& lines, std::size_t first) {
  std::string out;
  for (std::size_t i = first; i < lines.size() && !text::IsBlank(lines[i]); ++i) {
    out += std::string(Trim(lines[i]));
    out += '\n';
  }
  return out;
}

// Postfix and qmail: "<user@example.org>: ..." at the start of a line
// (Postfix: also "<user@example.org> (expanded from <alias@...>): ...").
std::optional<BounceInfo> AngleAddressLine(const std::vector<std::string_view>& lines,
                                           std::string_view fallback_status) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.empty() || line[0] != '<') continue;
    std::size_t close = line.find('>');
    if (close == std::string_view::npos) continue;
    std::string_view rest = line.substr(close + 1);
    if (!(StartsWith(rest, ":") || StartsWith(rest, " (expanded from"))) continue;
    std::string addr = FindAddress(line.substr(0, close + 1));
    if (addr.empty()) continue;
    BounceInfo info;
    info.recipient = addr;
    info.status = StatusFrom(ParagraphFrom(lines, i), fallback_status);
    return info;
  }
  return std::nullopt;
}

// Where the failed address stands relative to a marker line.
enum class AddressAt {
  kNextLines,        // on one of the next lines ("...failed:\n\n  user@x")
  kSameLineOrNext,   // after the marker on its line, else on the next lines
  kSameLine,         // after the marker on its line only
};

// The failed address near a line containing `marker` (lower-case; Latin and
// Cyrillic letters compare case-insensitively), and the status from the
// text that follows it.
std::optional<BounceInfo> AfterMarker(const std::vector<std::string_view>& lines,
                                      std::string_view marker, std::string_view fallback_status,
                                      AddressAt where) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string lower = text::Lower(lines[i]);
    std::size_t m = lower.find(marker);
    if (m == std::string::npos) continue;
    std::string addr;
    std::size_t at_line = i;
    if (where != AddressAt::kNextLines && lower.size() == lines[i].size()) {
      addr = FindAddress(lines[i], m + marker.size());
    }
    if (where != AddressAt::kSameLine) {
      for (std::size_t j = i + 1; addr.empty() && j < lines.size() && j < i + 8; ++j) {
        addr = FindAddress(lines[j]);
        at_line = j;
      }
    }
    if (addr.empty()) continue;
    // The reason follows: the rest of the address's paragraph, or the next
    // paragraphs (Gmail: "The response from the remote server was:").
    std::string reason;
    for (std::size_t j = at_line; j < lines.size() && j < at_line + 40; ++j) {
      reason += std::string(lines[j]);
      reason += '\n';
    }
    BounceInfo info;
    info.recipient = addr;
    info.status = StatusFrom(reason, fallback_status);
    return info;
  }
  return std::nullopt;
}

// Last resort: the first line with an enhanced status code, and an address
// on it or on the three lines above it.
std::optional<BounceInfo> StatusNearAddress(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string code = FindStatusCode(lines[i]);
    if (code.empty() || code[0] == '2') continue;
    for (std::size_t back = 0; back <= 3 && back <= i; ++back) {
      std::string_view line = lines[i - back];
      std::size_t from = 0;
      std::size_t end = 0;
      while (true) {
        std::string addr = FindAddress(line, from, &end);
        if (addr.empty()) break;
        if (!StartsWith(addr, "postmaster@") && !StartsWith(addr, "mailer-daemon@")) {
          return BounceInfo{addr, code, std::nullopt};
        }
        from = end;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<BounceInfo> ParseDeliveryStatus(std::string_view delivery_status) {
  std::vector<std::vector<Field>> blocks = ReadFieldBlocks(delivery_status);
  std::optional<std::string> original_id;
  int best_rank = 0;
  std::optional<BounceInfo> best;
  for (const auto& block : blocks) {
    if (!original_id) {
      if (const std::string* v = FindField(block, "x-original-message-id")) {
        std::string_view id = Trim(*v);
        if (!id.empty()) original_id = std::string(id);
      }
    }
    const std::string* recipient = FindField(block, "final-recipient");
    if (recipient == nullptr || RecipientValue(*recipient).empty()) {
      recipient = FindField(block, "original-recipient");
    }
    if (recipient == nullptr) continue;
    std::string address = RecipientValue(*recipient);
    if (address.empty()) continue;
    const std::string* action = FindField(block, "action");
    std::string act = action == nullptr ? "" : AsciiLower(Trim(*action));
    // failed before delayed before anything else.
    int rank = StartsWith(act, "failed") ? 3 : StartsWith(act, "delayed") ? 2 : 1;
    if (rank <= best_rank) continue;
    BounceInfo info;
    info.recipient = address;
    const std::string* status = FindField(block, "status");
    if (status != nullptr) info.status = FindStatusCode(*status);
    if (info.status.empty()) {
      const std::string* diagnostic = FindField(block, "diagnostic-code");
      info.status = StatusFrom(diagnostic == nullptr ? "" : *diagnostic,
                               rank == 3 ? "5.0.0" : rank == 2 ? "4.0.0" : "");
    }
    best = info;
    best_rank = rank;
    if (rank == 3) break;
  }
  if (best && original_id) {
    std::string_view id = *original_id;
    best->original_message_id = StartsWith(id, "<") ? std::string(id) : "<" + std::string(id) + ">";
  }
  return best;
}

std::optional<std::string> ReturnedMessageId(std::string_view returned_headers) {
  std::vector<std::string_view> lines = text::SplitLines(returned_headers);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = text::TrimLeft(lines[i]);
    if (AsciiLower(line.substr(0, 11)) != "message-id:") continue;
    std::string value(Trim(line.substr(11)));
    for (std::size_t j = i + 1; j < lines.size() && !lines[j].empty() &&
                                (lines[j][0] == ' ' || lines[j][0] == '\t');
         ++j) {
      value += std::string(Trim(lines[j]));
    }
    std::size_t open = value.find('<');
    std::size_t close = value.find('>', open == std::string::npos ? 0 : open);
    if (open != std::string::npos && close != std::string::npos && close > open + 1) {
      return value.substr(open, close - open + 1);
    }
    std::string_view bare = Trim(value);
    if (bare.empty() || bare.find(' ') != std::string_view::npos) continue;
    return "<" + std::string(bare) + ">";
  }
  return std::nullopt;
}

std::optional<BounceInfo> ParsePlainBounce(std::string_view text) {
  // X-Failed-Recipients (Exim), when the caller passes headers along.
  std::vector<std::string_view> all_lines = text::SplitLines(text);
  std::string_view body = BeforeReturnedMessage(text);
  std::string lower = AsciiLower(body);
  const std::string fallback = FallbackStatus(lower);
  std::vector<std::string_view> lines = text::SplitLines(body);

  std::optional<BounceInfo> found;
  // Exim.
  if (!found) {
    found = AfterMarker(lines, "the following address(es) failed", fallback,
                        AddressAt::kNextLines);
  }
  if (!found) {
    found = AfterMarker(lines, "have not yet been delivered", "4.0.0", AddressAt::kNextLines);
  }
  // Exchange (on premises, English and Russian).
  if (!found) {
    found = AfterMarker(lines, "delivery has failed to these recipients", fallback,
                        AddressAt::kNextLines);
  }
  if (!found) {
    found = AfterMarker(lines, "не удалось доставить сообщение следующим получателям", fallback,
                        AddressAt::kNextLines);
  }
  // Gmail.
  if (!found) {
    found = AfterMarker(lines, "delivered to", fallback, AddressAt::kSameLine);
  }
  if (!found) {
    found = AfterMarker(lines, "problem delivering your message to", "4.0.0",
                        AddressAt::kSameLine);
  }
  if (!found) {
    found = AfterMarker(lines, "delivery to the following recipient", fallback,
                        AddressAt::kNextLines);
  }
  // Postfix, qmail.
  if (!found) found = AngleAddressLine(lines, fallback);
  // Office 365: "Your message to user@example.org couldn't be delivered."
  if (!found) found = AfterMarker(lines, "your message to ", fallback, AddressAt::kSameLine);
  if (!found) {
    for (std::string_view line : all_lines) {
      if (AsciiLower(line.substr(0, 20)) == "x-failed-recipients:") {
        std::string addr = FindAddress(line);
        if (!addr.empty()) found = BounceInfo{addr, StatusFrom(body, fallback), std::nullopt};
        break;
      }
    }
  }
  if (!found) found = StatusNearAddress(lines);
  if (found) {
    // The returned headers follow the report; with no marker we know, a
    // Message-ID line anywhere in the text is the bounced mail's.
    found->original_message_id = ReturnedMessageId(text.substr(body.size()));
    if (!found->original_message_id) found->original_message_id = ReturnedMessageId(text);
  }
  return found;
}

}  // namespace deskd
