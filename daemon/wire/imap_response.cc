#include "daemon/wire/imap_response.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "parsers/decoders/base64.h"
#include "parsers/decoders/utf8.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && text::AsciiLower(a) == text::AsciiLower(b);
}

template <typename T>
std::optional<T> ParseNumber(std::string_view s) {
  T value{};
  if (s.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

// A line (without its CRLF) that announces a literal ends in "{N}" or
// "{N+}"; returns N.
std::optional<uint64_t> LiteralSize(std::string_view line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  size_t open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
  if (digits.empty() || digits.size() > 19) return std::nullopt;
  return ParseNumber<uint64_t>(digits);
}

// The line from `pos` to the newline at `nl`, without CR and LF.
std::string_view LineAt(std::string_view buf, size_t pos, size_t nl) {
  size_t end = nl;
  if (end > pos && buf[end - 1] == '\r') --end;
  return buf.substr(pos, end - pos);
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

// A parsed value of a FETCH response.
struct Value {
  enum class Kind { kAtom, kString, kList, kNil };
  Kind kind = Kind::kAtom;
  std::string s;
  std::vector<Value> list;
};

// Reads values of a response text whose literals are given separately.
class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<std::string>& literals)
      : text_(text), literals_(literals) {}

  Result<Value> Next() {
    SkipSpaces();
    if (pos_ >= text_.size()) return Error::Invalid("unexpected end of response");
    char c = text_[pos_];
    if (c == '(') return List();
    if (c == '"') return Quoted();
    if (c == '{' || (c == '~' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '{')) {
      return Literal();
    }
    if (c == ')') return Error::Invalid("unexpected ')'");
    return Atom();
  }

  bool AtListEnd() {
    SkipSpaces();
    return pos_ < text_.size() && text_[pos_] == ')';
  }
  bool AtEnd() {
    SkipSpaces();
    return pos_ >= text_.size();
  }

 private:
  void SkipSpaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  Result<Value> List() {
    ++pos_;  // (
    Value v;
    v.kind = Value::Kind::kList;
    for (;;) {
      SkipSpaces();
      if (pos_ >= text_.size()) return Error::Invalid("unterminated list");
      if (text_[pos_] == ')') {
        ++pos_;
        return v;
      }
      DESKD_TRY_ASSIGN(auto item, Next());
      v.list.push_back(std::move(item));
    }
  }

  Result<Value> Quoted() {
    ++pos_;  // "
    Value v;
    v.kind = Value::Kind::kString;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return v;
      if (c == '\\' && pos_ < text_.size()) c = text_[pos_++];
      v.s.push_back(c);
    }
    return Error::Invalid("unterminated quoted string");
  }

  Result<Value> Literal() {
    if (text_[pos_] == '~') ++pos_;
    size_t close = text_.find('}', pos_);
    if (close == std::string_view::npos) return Error::Invalid("malformed literal");
    std::string_view digits = text_.substr(pos_ + 1, close - pos_ - 1);
    if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
    auto n = ParseNumber<uint64_t>(digits);
    if (!n) return Error::Invalid("malformed literal size");
    if (next_literal_ >= literals_.size() || literals_[next_literal_].size() != *n) {
      return Error::Invalid("literal marker without its literal");
    }
    pos_ = close + 1;
    Value v;
    v.kind = Value::Kind::kString;
    v.s = std::move(literals_[next_literal_++]);
    return v;
  }

  Result<Value> Atom() {
    size_t start = pos_;
    int depth = 0;  // inside [...], spaces and parens belong to the atom
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '[') {
        ++depth;
      } else if (c == ']' && depth > 0) {
        --depth;
      } else if (depth == 0 && (c == ' ' || c == '(' || c == ')')) {
        break;
      }
      ++pos_;
    }
    if (pos_ == start) return Error::Invalid("empty atom");
    Value v;
    v.s = std::string(text_.substr(start, pos_ - start));
    v.kind = EqualsNoCase(v.s, "NIL") ? Value::Kind::kNil : Value::Kind::kAtom;
    return v;
  }

  std::string_view text_;
  std::vector<std::string>& literals_;
  size_t pos_ = 0;
  size_t next_literal_ = 0;
};

// Strict UTF-8 (RFC 3629): the code point at `i`, advancing it; nullopt
// when invalid.
std::optional<uint32_t> NextCodePoint(std::string_view s, size_t& i) {
  auto cp = utf8::DecodeAt(s, i, utf8::Strictness::kStrict);
  if (!cp) return std::nullopt;
  i += cp->length;
  return cp->value;
}

// Appends a run of UTF-16BE bytes as "&" modified base64 "-".
void FlushBase64(std::string& out, std::vector<uint8_t>& bytes) {
  if (bytes.empty()) return;
  out.push_back('&');
  out += base64::Encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                        base64::Alphabet::kImapMailbox, /*pad=*/false);
  out.push_back('-');
  bytes.clear();
}

}  // namespace

ImapFrame FrameImapResponse(std::string_view buf, const ImapFrameLimits& limits) {
  ImapFrame frame;
  size_t pos = 0;
  for (;;) {
    size_t nl = buf.find('\n', pos);
    if (nl == std::string_view::npos) {
      if (buf.size() - pos > limits.max_line_bytes) {
        frame.state = ImapFrame::State::kMalformed;
        frame.problem = "response line longer than " + std::to_string(limits.max_line_bytes);
        return frame;
      }
      frame.state = ImapFrame::State::kIncomplete;
      frame.length = buf.size() + 1;
      return frame;
    }
    if (nl - pos > limits.max_line_bytes) {
      frame.state = ImapFrame::State::kMalformed;
      frame.problem = "response line longer than " + std::to_string(limits.max_line_bytes);
      return frame;
    }
    std::optional<uint64_t> literal = LiteralSize(LineAt(buf, pos, nl));
    if (!literal) {
      frame.state = ImapFrame::State::kComplete;
      frame.length = nl + 1;
      return frame;
    }
    if (*literal > limits.max_literal_bytes) {
      frame.state = ImapFrame::State::kMalformed;
      frame.problem = "literal of " + std::to_string(*literal) + " bytes exceeds the limit";
      return frame;
    }
    size_t after = nl + 1 + static_cast<size_t>(*literal);
    if (after >= buf.size()) {
      // The literal and at least the line end after it are still to come.
      frame.state = ImapFrame::State::kIncomplete;
      frame.length = after + 1;
      return frame;
    }
    pos = after;
  }
}

ImapResponse ParseImapResponse(std::string_view framed) {
  ImapResponse r;
  size_t pos = 0;
  bool first = true;
  while (pos < framed.size()) {
    size_t nl = framed.find('\n', pos);
    if (nl == std::string_view::npos) nl = framed.size();
    std::string_view line = LineAt(framed, pos, nl);
    if (first) {
      size_t sp = line.find(' ');
      r.tag = std::string(line.substr(0, sp));
      line = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
      first = false;
    }
    r.text.append(line);
    pos = nl + 1;
    std::optional<uint64_t> literal = LiteralSize(line);
    if (!literal || pos > framed.size()) break;
    size_t n = std::min<size_t>(static_cast<size_t>(*literal), framed.size() - pos);
    r.literals.emplace_back(framed.substr(pos, n));
    pos += n;
  }
  return r;
}

ImapStatus ParseImapStatus(std::string_view text) {
  ImapStatus st;
  size_t sp = text.find(' ');
  st.condition = Upper(text.substr(0, sp));
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : text.substr(sp + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == '[') {
    size_t close = rest.find(']');
    if (close != std::string_view::npos) {
      std::string_view inside = rest.substr(1, close - 1);
      size_t isp = inside.find(' ');
      st.code = Upper(inside.substr(0, isp));
      if (isp != std::string_view::npos) st.code_args = std::string(inside.substr(isp + 1));
      rest = rest.substr(close + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    }
  }
  st.text = std::string(rest);
  return st;
}

FolderState ParseSelectResponses(const std::vector<ImapResponse>& untagged) {
  FolderState state;
  for (const ImapResponse& r : untagged) {
    if (r.tag != "*") continue;
    std::vector<std::string_view> words = SplitWords(r.text);
    if (words.size() >= 2 && EqualsNoCase(words[1], "EXISTS")) {
      if (auto n = ParseNumber<uint32_t>(words[0])) state.exists = *n;
      continue;
    }
    ImapStatus st = ParseImapStatus(r.text);
    if (st.condition != "OK") continue;
    if (st.code == "UIDVALIDITY") {
      if (auto n = ParseNumber<uint32_t>(st.code_args)) state.uidvalidity = *n;
    } else if (st.code == "UIDNEXT") {
      if (auto n = ParseNumber<uint32_t>(st.code_args)) state.uidnext = *n;
    }
  }
  return state;
}

std::vector<uint32_t> ParseSearchResponses(const std::vector<ImapResponse>& untagged) {
  std::vector<uint32_t> uids;
  for (const ImapResponse& r : untagged) {
    if (r.tag != "*") continue;
    std::vector<std::string_view> words = SplitWords(r.text);
    if (words.empty() || !EqualsNoCase(words[0], "SEARCH")) continue;
    for (size_t i = 1; i < words.size(); ++i) {
      if (auto n = ParseNumber<uint32_t>(words[i])) uids.push_back(*n);
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

std::set<std::string> ParseCapabilities(const std::vector<ImapResponse>& responses) {
  std::set<std::string> caps;
  auto add_all = [&](std::string_view list) {
    for (std::string_view w : SplitWords(list)) caps.insert(Upper(w));
  };
  for (const ImapResponse& r : responses) {
    std::vector<std::string_view> words = SplitWords(r.text);
    if (r.tag == "*" && !words.empty() && EqualsNoCase(words[0], "CAPABILITY")) {
      add_all(std::string_view(r.text).substr(words[0].size()));
      continue;
    }
    ImapStatus st = ParseImapStatus(r.text);
    if (st.condition == "OK" && st.code == "CAPABILITY") add_all(st.code_args);
  }
  return caps;
}

Result<ImapFetch> ParseImapFetch(ImapResponse&& response) {
  if (response.tag != "*") return Error::Invalid("not an untagged response");
  std::vector<std::string> literals = std::move(response.literals);
  Tokenizer tok(response.text, literals);
  ImapFetch fetch;
  auto seq = tok.Next();
  if (!seq || seq->kind != Value::Kind::kAtom) return Error::Invalid("FETCH without a number");
  auto n = ParseNumber<uint32_t>(seq->s);
  if (!n) return Error::Invalid("FETCH without a number");
  fetch.seq = *n;
  auto word = tok.Next();
  if (!word || !EqualsNoCase(word->s, "FETCH")) return Error::Invalid("not a FETCH response");
  DESKD_TRY_ASSIGN(auto items, tok.Next());
  if (items.kind != Value::Kind::kList || items.list.size() % 2 != 0) {
    return Error::Invalid("FETCH data is not a list of pairs");
  }
  for (size_t i = 0; i < items.list.size(); i += 2) {
    Value& key = items.list[i];
    Value& value = items.list[i + 1];
    if (key.kind != Value::Kind::kAtom) return Error::Invalid("FETCH item name is not an atom");
    std::string name = Upper(key.s);
    if (name == "UID") {
      auto uid = ParseNumber<uint32_t>(value.s);
      if (value.kind != Value::Kind::kAtom || !uid) return Error::Invalid("malformed UID");
      fetch.uid = *uid;
    } else if (name == "BODY[]" || name == "BINARY[]" || name == "RFC822") {
      if (value.kind == Value::Kind::kString) {
        fetch.body = std::move(value.s);
      } else if (value.kind != Value::Kind::kNil) {
        return Error::Invalid("malformed " + name);
      }
    } else if (name == "FLAGS") {
      if (value.kind != Value::Kind::kList) return Error::Invalid("malformed FLAGS");
      std::vector<std::string> flags;
      for (Value& f : value.list) flags.push_back(std::move(f.s));
      fetch.flags = std::move(flags);
    } else if (name == "RFC822.SIZE") {
      auto size = ParseNumber<uint64_t>(value.s);
      if (!size) return Error::Invalid("malformed RFC822.SIZE");
      fetch.size = *size;
    }
  }
  return fetch;
}

Result<std::string> ImapQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u == 0 || u == '\r' || u == '\n' || u >= 0x80) {
      return Error::Invalid("a quoted string cannot hold CR, LF, NUL or 8-bit bytes");
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

Result<std::string> EncodeModifiedUtf7(std::string_view utf8) {
  std::string out;
  std::vector<uint8_t> pending;  // UTF-16BE bytes of a run of non-ASCII
  size_t i = 0;
  while (i < utf8.size()) {
    std::optional<uint32_t> cp = NextCodePoint(utf8, i);
    if (!cp) return Error::Invalid("folder name is not valid UTF-8");
    if (*cp >= 0x20 && *cp <= 0x7E) {
      FlushBase64(out, pending);
      out.push_back(static_cast<char>(*cp));
      if (*cp == '&') out.push_back('-');
      continue;
    }
    auto push16 = [&](uint32_t unit) {
      pending.push_back(static_cast<uint8_t>(unit >> 8));
      pending.push_back(static_cast<uint8_t>(unit & 0xFF));
    };
    if (*cp >= 0x10000) {
      uint32_t v = *cp - 0x10000;
      push16(0xD800 | (v >> 10));
      push16(0xDC00 | (v & 0x3FF));
    } else {
      push16(*cp);
    }
  }
  FlushBase64(out, pending);
  return out;
}

Result<std::string> DecodeModifiedUtf7(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c > 0x7E) return Error::Invalid("modified UTF-7 holds a non-printable byte");
    if (c != '&') {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t end = s.find('-', i + 1);
    if (end == std::string_view::npos) return Error::Invalid("unterminated '&' sequence");
    if (end == i + 1) {
      out.push_back('&');
      i = end + 1;
      continue;
    }
    auto decoded = base64::DecodeStrict(s.substr(i + 1, end - i - 1),
                                        base64::Alphabet::kImapMailbox, /*allow_padding=*/false);
    if (!decoded) return Error::Invalid("bad character in modified base64");
    const std::string& bytes = decoded->bytes;
    auto unit_at = [&](size_t k) {
      return static_cast<uint32_t>((static_cast<unsigned char>(bytes[k]) << 8) |
                                   static_cast<unsigned char>(bytes[k + 1]));
    };
    if (bytes.empty() || bytes.size() % 2 != 0 || decoded->leftover_bits >= 6 ||
        !decoded->leftover_zero) {
      return Error::Invalid("modified base64 does not end on a UTF-16 unit");
    }
    for (size_t k = 0; k < bytes.size(); k += 2) {
      uint32_t unit = unit_at(k);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        if (k + 3 >= bytes.size()) return Error::Invalid("lone high surrogate");
        uint32_t low = unit_at(k + 2);
        if (low < 0xDC00 || low > 0xDFFF) return Error::Invalid("lone high surrogate");
        utf8::Append(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), &out);
        k += 2;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return Error::Invalid("lone low surrogate");
      } else {
        utf8::Append(unit, &out);
      }
    }
    i = end + 1;
  }
  return out;
}

}  // namespace deskd
