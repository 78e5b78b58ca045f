// Outgoing mail bytes. Header values are checked for CR/LF/NUL first; then
// unstructured text (Subject, extra headers) and display names are written
// as ASCII words and RFC 2047 encoded words (UTF-8; Q for mostly-Latin
// text, B otherwise), folded at 78 columns. Bodies are quoted-printable UTF-8.
#include "daemon/compose/outgoing_mail.h"
#include "parsers/decoders/base64.h"
#include "parsers/decoders/hex.h"
#include "parsers/decoders/quoted_printable.h"
#include "parsers/text_util.h"
#include "parsers/decoders/utf8.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace deskd {

namespace {

constexpr size_t kFoldColumn = 78;       // RFC 5322 "SHOULD" line length
constexpr size_t kMaxEncodedWord = 75;   // RFC 2047 limit for one encoded word
constexpr size_t kEncodedWordOverhead = 12;  // "=?UTF-8?B?" + "?="

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool HasLineBreakOrNul(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool IsAtext(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

// local@domain with a dot-atom-ish local part and a host name domain. No
// quoted local parts, no address literals, no non-ASCII (no SMTPUTF8).
bool IsPlainMailbox(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size()) return false;
  if (a.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char c : a.substr(0, at)) {
    if (!IsAtext(c) && c != '.') return false;
  }
  for (unsigned char c : a.substr(at + 1)) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The number of bytes of the UTF-8 sequence that starts at s[i]; 1 for a
// stray continuation byte or an invalid sequence, so that bad input is still
// consumed (and encoded) byte by byte.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto cp = utf8::DecodeAt(s, i, utf8::Strictness::kLeadBytes);
  return cp ? cp->length : 1;
}

// Q encoding for words that may sit in a phrase (RFC 2047 section 5 (3)).
bool IsQLiteral(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}
size_t QCost(unsigned char c) { return (IsQLiteral(c) || c == ' ') ? 1 : 3; }
void AppendQ(std::string* out, unsigned char c) {
  if (IsQLiteral(c)) {
    out->push_back(static_cast<char>(c));
  } else if (c == ' ') {
    out->push_back('_');
  } else {
    hex::AppendEscape('=', c, out);
  }
}

size_t BLength(size_t bytes) { return kEncodedWordOverhead + (bytes + 2) / 3 * 4; }

// Builds one header field, folding between tokens so that lines stay within
// 78 columns where the tokens allow it. Tokens never contain spaces that a
// fold could break, except quoted strings, which are kept whole.
class HeaderFolder {
 public:
  explicit HeaderFolder(std::string_view name) : out_(name), col_(name.size() + 1) {
    out_.push_back(':');
  }

  // Space left on the current line for one more token after its space.
  size_t Room() const { return col_ + 1 >= kFoldColumn ? 0 : kFoldColumn - col_ - 1; }
  bool LineHasToken() const { return tokens_on_line_ > 0; }

  void Fold() {
    out_ += "\r\n";
    col_ = 0;
    tokens_on_line_ = 0;
  }

  void Add(std::string_view token) {
    if (LineHasToken() && token.size() > Room()) Fold();
    out_.push_back(' ');
    out_ += token;
    col_ += 1 + token.size();
    ++tokens_on_line_;
  }

  // Appends `text` (UTF-8) as one or more encoded words. Adjacent encoded
  // words decode without the space between them, so `text` keeps its own
  // spaces inside the encoding. A word never splits a UTF-8 sequence.
  void AddEncoded(std::string_view text) {
    size_t q_total = kEncodedWordOverhead;
    for (unsigned char c : text) q_total += QCost(c);
    // Q stays readable for mostly-Latin text (et, ro); B is shorter for
    // Cyrillic. Q is taken while it is at most a third longer.
    bool use_q = q_total * 3 <= BLength(text.size()) * 4;
    size_t whole = use_q ? q_total : BLength(text.size());
    // Rather start on a new line than split a short text across two.
    if (LineHasToken() && Room() < std::min(whole, kMaxEncodedWord)) Fold();
    size_t i = 0;
    while (i < text.size()) {
      size_t budget = std::min(kMaxEncodedWord, Room());
      size_t end = FitChunk(text, i, budget, use_q);
      if (end == i) {
        // Not even one character fits here: continue on a new line.
        if (LineHasToken()) Fold();
        budget = kMaxEncodedWord;
        end = FitChunk(text, i, budget, use_q);
      }
      std::string_view chunk = text.substr(i, end - i);
      std::string word = use_q ? "=?UTF-8?Q?" : "=?UTF-8?B?";
      if (use_q) {
        for (unsigned char c : chunk) AppendQ(&word, c);
      } else {
        word += base64::Encode(chunk);
      }
      word += "?=";
      Add(word);
      i = end;
    }
  }

  std::string Finish() { return out_ + "\r\n"; }

 private:
  // The end of the longest run of whole UTF-8 sequences from `start` whose
  // encoded word fits in `budget` characters.
  static size_t FitChunk(std::string_view text, size_t start, size_t budget, bool use_q) {
    size_t end = start;
    size_t q_len = kEncodedWordOverhead;
    while (end < text.size()) {
      size_t n = Utf8SequenceLength(text, end);
      size_t len;
      if (use_q) {
        size_t add = 0;
        for (size_t k = 0; k < n; ++k) add += QCost(static_cast<unsigned char>(text[end + k]));
        len = q_len + add;
        if (len > budget) break;
        q_len = len;
      } else {
        len = BLength(end + n - start);
        if (len > budget) break;
      }
      end += n;
    }
    return end;
  }

  std::string out_;
  size_t col_;
  int tokens_on_line_ = 0;
};

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

bool WordNeedsEncoding(std::string_view w) {
  return !IsAscii(w) || w.find("=?") != std::string_view::npos;
}

// Unstructured text (RFC 5322 3.2.5): runs of whitespace become one space;
// ASCII words stay readable, runs of words that need it are encoded.
void AddUnstructured(HeaderFolder* f, std::string_view value) {
  std::vector<std::string_view> words = SplitWords(value);
  size_t i = 0;
  while (i < words.size()) {
    if (!WordNeedsEncoding(words[i])) {
      f->Add(words[i]);
      ++i;
      continue;
    }
    std::string run(words[i]);
    ++i;
    while (i < words.size() && WordNeedsEncoding(words[i])) {
      run.push_back(' ');
      run += words[i];
      ++i;
    }
    f->AddEncoded(run);
  }
}

// A display name as a phrase: atoms as they are, ASCII with specials as a
// quoted string, anything with non-ASCII as encoded words.
void AddDisplayName(HeaderFolder* f, std::string_view name) {
  std::vector<std::string_view> words = SplitWords(name);
  if (words.empty()) return;
  std::string joined;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k > 0) joined.push_back(' ');
    joined += words[k];
  }
  if (!IsAscii(joined) || joined.find("=?") != std::string::npos) {
    f->AddEncoded(joined);
    return;
  }
  bool atoms = true;
  for (unsigned char c : joined) {
    if (!IsAtext(c) && c != ' ') atoms = false;
  }
  if (atoms) {
    for (std::string_view w : words) f->Add(w);
    return;
  }
  std::string quoted = "\"";
  for (char c : joined) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  f->Add(quoted);
}

Status CheckValue(std::string_view header, std::string_view value) {
  if (!IsSafeHeaderValue(std::string(value))) {
    if (HasLineBreakOrNul(value)) {
      return Error::Invalid(std::string(header) + ": contains CR, LF or NUL");
    }
    return Error::Invalid(std::string(header) + ": longer than 997 bytes");
  }
  return Status::Ok();
}

Status CheckAddress(std::string_view header, const MailAddress& a) {
  DESKD_TRY(CheckValue(header, a.address));
  if (a.name) {
    DESKD_TRY(CheckValue(header, *a.name));
  }
  if (!IsPlainMailbox(a.address)) {
    return Error::Invalid(std::string(header) + ": not a plain mailbox: \"" + a.address + "\"");
  }
  return Status::Ok();
}

Result<std::string> AddressHeader(std::string_view header, const std::vector<MailAddress>& list) {
  HeaderFolder f(header);
  for (size_t k = 0; k < list.size(); ++k) {
    const MailAddress& a = list[k];
    DESKD_TRY(CheckAddress(header, a));
    std::string comma = k + 1 < list.size() ? "," : "";
    if (a.name && !SplitWords(*a.name).empty()) {
      AddDisplayName(&f, *a.name);
      f.Add("<" + a.address + ">" + comma);
    } else {
      f.Add(a.address + comma);
    }
  }
  return f.Finish();
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsHeaderName(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c < 33 || c > 126 || c == ':') return false;
  }
  return true;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

const char* const kReservedHeaders[] = {
    "date",       "from",         "to",           "cc",
    "bcc",        "reply-to",     "subject",      "message-id",
    "in-reply-to", "references",  "mime-version", "content-type",
    "content-transfer-encoding", "content-language", "auto-submitted"};

}  // namespace

bool IsSafeHeaderValue(const std::string& value) {
  return value.size() < 998 && !HasLineBreakOrNul(value);
}

bool IsValidMessageId(const std::string& id) {
  if (id.size() < 3 || id.size() > 250 || id.front() != '<' || id.back() != '>') return false;
  for (size_t i = 1; i + 1 < id.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(id[i]);
    if (c <= 32 || c >= 127 || c == '<' || c == '>') return false;
  }
  return true;
}

namespace {

// Date, From, To, Cc, Reply-To, Subject.
Status AppendOriginatorHeaders(const OutgoingSpec& spec, std::string* out) {
  DESKD_TRY(CheckValue("Date", spec.date));
  if (spec.date.empty() || !IsAscii(spec.date)) {
    return Error::Invalid("Date: expected an RFC 5322 date, got \"" + spec.date + "\"");
  }
  *out += "Date: " + spec.date + "\r\n";
  DESKD_TRY_ASSIGN(const std::string from, AddressHeader("From", {spec.from}));
  *out += from;
  if (spec.to.empty() && spec.cc.empty()) return Error::Invalid("To: no recipient");
  if (!spec.to.empty()) {
    DESKD_TRY_ASSIGN(const std::string to, AddressHeader("To", spec.to));
    *out += to;
  }
  if (!spec.cc.empty()) {
    DESKD_TRY_ASSIGN(const std::string cc, AddressHeader("Cc", spec.cc));
    *out += cc;
  }
  if (spec.reply_to) {
    DESKD_TRY_ASSIGN(const std::string rt, AddressHeader("Reply-To", {*spec.reply_to}));
    *out += rt;
  }
  DESKD_TRY(CheckValue("Subject", spec.subject));
  HeaderFolder f("Subject");
  AddUnstructured(&f, spec.subject);
  *out += f.Finish();
  return Status::Ok();
}

// A message id header value, checked: "<id@domain>".
Status CheckMessageId(std::string_view header, const std::string& id) {
  DESKD_TRY(CheckValue(header, id));
  if (!IsValidMessageId(id)) {
    return Error::Invalid(std::string(header) + ": expected <id@domain>, got \"" + id + "\"");
  }
  return Status::Ok();
}

// Message-ID, In-Reply-To, References.
Status AppendThreadHeaders(const OutgoingSpec& spec, std::string* out) {
  DESKD_TRY(CheckMessageId("Message-ID", spec.message_id));
  *out += "Message-ID: " + spec.message_id + "\r\n";
  if (!spec.in_reply_to.empty()) {
    DESKD_TRY(CheckMessageId("In-Reply-To", spec.in_reply_to));
    *out += "In-Reply-To: " + spec.in_reply_to + "\r\n";
  }
  if (!spec.references.empty()) {
    HeaderFolder f("References");
    for (const std::string& id : spec.references) {
      DESKD_TRY(CheckMessageId("References", id));
      f.Add(id);
    }
    *out += f.Finish();
  }
  return Status::Ok();
}

// MIME-Version and the body's Content-Type headers into *headers; the body,
// quoted-printable text or multipart/alternative text and HTML, returned.
std::string MimeBody(const OutgoingSpec& spec, std::string* headers) {
  *headers += "MIME-Version: 1.0\r\n";
  const std::string text_part = "Content-Type: text/plain; charset=utf-8\r\n"
                                "Content-Transfer-Encoding: quoted-printable\r\n";
  if (spec.html_body.empty()) {
    *headers += text_part;
    return quoted_printable::Encode(spec.text_body);
  }
  // '=' is always escaped in quoted-printable, so "=_" never occurs in
  // the parts and the boundary is safe without scanning them.
  const std::string boundary = "=_deskd_" + hex::EncodeU64(Fnv1a(spec.message_id));
  *headers += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  std::string body;
  body += "--" + boundary + "\r\n" + text_part + "\r\n" + quoted_printable::Encode(spec.text_body);
  body += "--" + boundary + "\r\n" +
          "Content-Type: text/html; charset=utf-8\r\n"
          "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
          quoted_printable::Encode(spec.html_body);
  body += "--" + boundary + "--\r\n";
  return body;
}

// Content-Language and Auto-Submitted, when set: single tokens.
Status AppendTokenHeaders(const OutgoingSpec& spec, std::string* out) {
  if (!spec.language.empty()) {
    if (!IsToken(spec.language)) {
      return Error::Invalid("Content-Language: expected a language tag, got \"" + spec.language +
                            "\"");
    }
    *out += "Content-Language: " + spec.language + "\r\n";
  }
  if (!spec.auto_submitted.empty()) {
    if (!IsToken(spec.auto_submitted)) {
      return Error::Invalid("Auto-Submitted: expected a keyword, got \"" + spec.auto_submitted +
                            "\"");
    }
    *out += "Auto-Submitted: " + spec.auto_submitted + "\r\n";
  }
  return Status::Ok();
}

// The caller's extra headers: none that ComposeMail writes itself.
Status AppendExtraHeaders(const OutgoingSpec& spec, std::string* out) {
  for (const HeaderField& h : spec.extra_headers) {
    if (!IsHeaderName(h.name)) {
      return Error::Invalid("extra header: invalid name \"" + h.name + "\"");
    }
    std::string lower = text::AsciiLower(h.name);
    for (const char* reserved : kReservedHeaders) {
      if (lower == reserved) {
        return Error::Invalid(h.name + ": set by ComposeMail, not an extra header");
      }
    }
    DESKD_TRY(CheckValue(h.name, h.value));
    HeaderFolder f(h.name);
    AddUnstructured(&f, h.value);
    *out += f.Finish();
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> ComposeMail(const OutgoingSpec& spec) {
  std::string out;
  DESKD_TRY(AppendOriginatorHeaders(spec, &out));
  DESKD_TRY(AppendThreadHeaders(spec, &out));
  const std::string body = MimeBody(spec, &out);
  DESKD_TRY(AppendTokenHeaders(spec, &out));
  DESKD_TRY(AppendExtraHeaders(spec, &out));
  out += "\r\n";
  out += body;
  return out;
}

std::string MakeMessageId(const std::string& domain, int64_t ticket, const std::string& kind) {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    std::fputs("deskd: RAND_bytes failed: no secure random source\n", stderr);
    std::abort();
  }
  const std::string unique =
      hex::Encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
  std::string safe_kind;
  for (char c : kind) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a'), ok = true;
    safe_kind.push_back(ok ? c : '-');
  }
  if (safe_kind.empty()) safe_kind = "mail";
  return "<deskd." + std::to_string(ticket) + "." + safe_kind + "." + unique + "@" +
         text::AsciiLower(domain) + ">";
}

std::string FormatRfc5322Date(int64_t unix_seconds) {
  // Floor division, so that times before 1970 work too.
  int64_t days = unix_seconds / 86400;
  int64_t secs = unix_seconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  int64_t weekday = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04lld %02d:%02d:%02d +0000", kDays[weekday],
                static_cast<int>(d), kMonths[m - 1], static_cast<long long>(y),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

}  // namespace deskd
