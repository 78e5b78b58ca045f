#include "parsers/encoded_word.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>

#include "parsers/decoders/base64.h"
#include "parsers/charset.h"
#include "parsers/decoders/hex.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

using text::IsWsp;
using text::TrimWsp;

bool IsAllWsp(std::string_view s) {
  return std::all_of(s.begin(), s.end(), IsWsp);
}

// Base64 of one encoded word: no white space inside; padding optional.
std::optional<std::string> DecodeWordBase64(std::string_view s) {
  auto decoded = base64::DecodeStrict(s, base64::Alphabet::kStandard, /*allow_padding=*/true);
  if (!decoded) return std::nullopt;
  return std::move(decoded->bytes);
}

// Q encoding (RFC 2047 4.2): "=XX" escapes, '_' for a space.
std::string DecodeWordQ(std::string_view s) {
  return hex::DecodeEscapes(s, {.escape = '=', .space = '_'});
}

// A piece of a header value: literal bytes, or the bytes of an encoded word.
struct Segment {
  bool encoded = false;
  std::string bytes;
  std::string charset;  // label of an encoded word, lower-case, without *lang
};

bool IsCharsetChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.' || c == ':' || c == '*' || c == '+';
}

enum class WordParse { kNotAWord, kBroken, kOk };

// Tries to read an encoded word at s[pos] ("=?"). On kOk and kBroken,
// *end is the position after it (kBroken: after what is kept literally).
WordParse ParseWord(std::string_view s, std::size_t pos, Segment* seg, std::size_t* end,
                    std::string* why) {
  std::size_t i = pos + 2;
  const std::size_t cs_start = i;
  while (i < s.size() && IsCharsetChar(s[i]) && i - cs_start < 64) ++i;
  if (i == cs_start || i >= s.size() || s[i] != '?') return WordParse::kNotAWord;
  std::string charset = text::AsciiLower(s.substr(cs_start, i - cs_start));
  if (auto star = charset.find('*'); star != std::string::npos) charset.resize(star);
  ++i;
  if (i + 1 >= s.size() || s[i + 1] != '?') return WordParse::kNotAWord;
  const char enc = s[i];
  if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') return WordParse::kNotAWord;
  i += 2;
  const std::size_t text_start = i;
  // The encoded text ends at the first "?=". Q text is read up to it even
  // when a broken mailer put spaces inside; B text may not hold spaces.
  std::size_t close = s.find("?=", text_start);
  const std::size_t next_word = s.find("=?", text_start);
  const bool q = enc == 'Q' || enc == 'q';
  if (close == std::string_view::npos && next_word == std::string_view::npos) {
    // Cut by a relay at the end of the header: decode what is there.
    std::string_view rest = s.substr(text_start);
    std::optional<std::string> bytes;
    if (q) {
      bytes = DecodeWordQ(rest);
    } else {
      bytes = DecodeWordBase64(rest);
    }
    if (bytes) {
      seg->encoded = true;
      seg->charset = charset;
      seg->bytes = std::move(*bytes);
      *end = s.size();
      *why = "encoded word without \"?=\" end; decoded to the end of the header";
      return WordParse::kOk;
    }
  }
  if (close == std::string_view::npos ||
      (next_word != std::string_view::npos && next_word + 1 < close)) {
    // "=?utf-8?Q?abc" with no end: broken. Keep up to the next white space.
    std::size_t stop = text_start;
    while (stop < s.size() && !IsWsp(s[stop])) ++stop;
    *end = stop;
    *why = "encoded word without \"?=\" end";
    return WordParse::kBroken;
  }
  std::string_view encoded = s.substr(text_start, close - text_start);
  seg->encoded = true;
  seg->charset = charset;
  if (!q) {
    auto bytes = DecodeWordBase64(encoded);
    if (!bytes) {
      *end = close + 2;
      *why = "invalid base64 in encoded word";
      return WordParse::kBroken;
    }
    seg->bytes = std::move(*bytes);
  } else {
    seg->bytes = DecodeWordQ(encoded);
  }
  *end = close + 2;
  return WordParse::kOk;
}

void AddProblem(std::vector<std::string>* problems, std::string p) {
  if (std::find(problems->begin(), problems->end(), p) == problems->end()) {
    problems->push_back(std::move(p));
  }
}

// Raw header bytes (no encoded words) to UTF-8.
std::string LiteralToUtf8(std::string_view bytes, std::string_view fallback,
                          std::vector<std::string>* problems) {
  if (IsAscii(bytes) || IsValidUtf8(bytes)) return std::string(bytes);
  if (!fallback.empty()) {
    if (auto conv = ConvertToUtf8(bytes, fallback)) {
      if (conv->replaced > 0) {
        AddProblem(problems, "invalid bytes in 8-bit header text replaced with U+FFFD");
      }
      return std::move(conv->text);
    }
  }
  DecodedText d = DecodeToUtf8(bytes, "");
  for (auto& p : d.problems) AddProblem(problems, std::move(p));
  return std::move(d.text);
}

std::string EncodedToUtf8(const std::string& bytes, const std::string& charset,
                          std::vector<std::string>* problems) {
  DecodedText d = DecodeToUtf8(bytes, charset);
  for (auto& p : d.problems) AddProblem(problems, "encoded word: " + p);
  return std::move(d.text);
}

// RFC 2231 extended values: "%XX" escapes.
std::string PercentDecode(std::string_view s) { return hex::DecodeEscapes(s, {.escape = '%'}); }

}  // namespace

DecodedHeader DecodeHeaderText(std::string_view value, std::string_view fallback_charset) {
  DecodedHeader out;
  std::vector<Segment> segments;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) {
      Segment seg;
      seg.bytes = std::move(literal);
      segments.push_back(std::move(seg));
      literal.clear();
    }
  };
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t at = value.find("=?", i);
    if (at == std::string_view::npos) {
      literal.append(value.substr(i));
      break;
    }
    literal.append(value.substr(i, at - i));
    Segment seg;
    std::size_t end = at + 2;
    std::string why;
    switch (ParseWord(value, at, &seg, &end, &why)) {
      case WordParse::kOk:
        if (!why.empty()) AddProblem(&out.problems, why);
        flush_literal();
        segments.push_back(std::move(seg));
        i = end;
        break;
      case WordParse::kBroken:
        AddProblem(&out.problems, "broken encoded word kept as it is (" + why + "): " +
                                      std::string(value.substr(at, std::min<std::size_t>(
                                                                       end - at, 60))));
        literal.append(value.substr(at, end - at));
        i = end;
        break;
      case WordParse::kNotAWord:
        literal.append("=?");
        i = at + 2;
        break;
    }
  }
  flush_literal();

  // White space between two encoded words is not part of the text.
  std::vector<Segment> kept;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const bool between = !segments[k].encoded && k > 0 && k + 1 < segments.size() &&
                         segments[k - 1].encoded && segments[k + 1].encoded &&
                         IsAllWsp(segments[k].bytes);
    if (!between) kept.push_back(std::move(segments[k]));
  }
  // Runs of adjacent encoded words in one charset are converted as one.
  for (std::size_t k = 0; k < kept.size();) {
    if (!kept[k].encoded) {
      out.text += LiteralToUtf8(kept[k].bytes, fallback_charset, &out.problems);
      ++k;
      continue;
    }
    std::string bytes = kept[k].bytes;
    const std::string charset = kept[k].charset;
    const std::string canon = CanonicalCharset(charset);
    std::size_t m = k + 1;
    while (m < kept.size() && kept[m].encoded &&
           (kept[m].charset == charset ||
            (!canon.empty() && CanonicalCharset(kept[m].charset) == canon))) {
      bytes += kept[m].bytes;
      ++m;
    }
    out.text += EncodedToUtf8(bytes, charset, &out.problems);
    k = m;
  }
  return out;
}

std::optional<std::string> ParameterizedValue::Param(std::string_view lower_name) const {
  for (const auto& [name, value] : params) {
    if (name == lower_name) return value;
  }
  return std::nullopt;
}

namespace {

// One "name=value" of a header as written, before RFC 2231 joining.
struct RawParam {
  std::string base;
  int section = -1;  // -1: not a continuation
  bool extended = false;
  std::string value;
};

// A quoted parameter value from s[*i] (the opening quote), with backslash
// escapes; *i ends after the closing quote. False when it is not closed.
bool ReadQuotedValue(std::string_view s, std::size_t* i, std::string* value) {
  ++*i;
  while (*i < s.size()) {
    const char c = s[*i];
    if (c == '\\' && *i + 1 < s.size()) {
      *value += s[*i + 1];
      *i += 2;
    } else if (c == '"') {
      ++*i;
      return true;
    } else {
      *value += c;
      ++*i;
    }
  }
  return false;
}

// `name` (lower-case) split into its RFC 2231 parts: "title*1*" is section
// 1 of "title", extended (percent-encoded).
RawParam SplitParamName(std::string name, std::string value) {
  RawParam p;
  if (name.back() == '*') {
    p.extended = true;
    name.pop_back();
  }
  if (auto star = name.find('*'); star != std::string::npos) {
    const std::string num = name.substr(star + 1);
    if (!num.empty() && num.size() < 5 &&
        std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      p.section = std::stoi(num);
      name.resize(star);
    }
  }
  p.base = std::move(name);
  p.value = std::move(value);
  return p;
}

// The parameters after the first ';' at `i`, as written. Tokens without '='
// are dropped; an unterminated quoted value is a problem.
std::vector<RawParam> ReadRawParams(std::string_view header_value, std::size_t i,
                                    std::vector<std::string>* problems) {
  std::vector<RawParam> raw;
  while (i != std::string_view::npos && i < header_value.size()) {
    ++i;  // past ';'
    while (i < header_value.size() && IsWsp(header_value[i])) ++i;
    if (i >= header_value.size()) break;
    const std::size_t name_start = i;
    while (i < header_value.size() && header_value[i] != '=' && header_value[i] != ';') ++i;
    if (i >= header_value.size() || header_value[i] == ';') {
      continue;  // a token without '=': nothing to keep
    }
    std::string name = text::AsciiLower(TrimWsp(header_value.substr(name_start, i - name_start)));
    ++i;  // past '='
    while (i < header_value.size() && (header_value[i] == ' ' || header_value[i] == '\t')) ++i;
    std::string value;
    if (i < header_value.size() && header_value[i] == '"') {
      if (!ReadQuotedValue(header_value, &i, &value)) {
        AddProblem(problems, "unterminated quoted parameter " + name);
      }
      i = header_value.find(';', i);
    } else {
      const std::size_t v_start = i;
      i = header_value.find(';', i);
      value = std::string(TrimWsp(header_value.substr(
          v_start, i == std::string_view::npos ? std::string_view::npos : i - v_start)));
    }
    if (name.empty()) continue;
    raw.push_back(SplitParamName(std::move(name), std::move(value)));
  }
  return raw;
}

// Header text to UTF-8 (encoded words, raw 8-bit in `fallback_charset`).
std::string DecodeParamText(std::string_view bytes, std::string_view fallback_charset,
                            std::vector<std::string>* problems) {
  DecodedHeader d = DecodeHeaderText(bytes, fallback_charset);
  for (auto& pr : d.problems) AddProblem(problems, std::move(pr));
  return std::move(d.text);
}

// RFC 2231: sections in order, joined; extended ones percent-decoded, the
// first one's charset'language' prefix naming the charset.
std::string JoinSections(const std::string& base, std::vector<const RawParam*> sections,
                         std::string_view fallback_charset, std::vector<std::string>* problems) {
  std::stable_sort(sections.begin(), sections.end(),
                   [](const RawParam* a, const RawParam* b) { return a->section < b->section; });
  std::string charset;
  std::string bytes;
  bool first = true;
  for (const RawParam* p : sections) {
    std::string_view v = p->value;
    if (first && p->extended) {
      // charset'language'value
      const std::size_t q1 = v.find('\'');
      const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        charset = text::AsciiLower(v.substr(0, q1));
        v.remove_prefix(q2 + 1);
      }
    }
    first = false;
    bytes += p->extended ? PercentDecode(v) : std::string(v);
  }
  if (charset.empty()) return DecodeParamText(bytes, fallback_charset, problems);
  DecodedText d = DecodeToUtf8(bytes, charset);
  for (auto& pr : d.problems) AddProblem(problems, "parameter " + base + ": " + pr);
  return std::move(d.text);
}

// The value of parameter `base`: RFC 2231 sections when there are any,
// else its first plain value (a boundary never decoded: compared as bytes).
std::string ParamValue(const std::string& base, const std::vector<RawParam>& raw,
                       std::string_view fallback_charset, std::vector<std::string>* problems) {
  std::vector<const RawParam*> plain_simple, extended_or_sections;
  for (const auto& p : raw) {
    if (p.base != base) continue;
    if (p.section < 0 && !p.extended) {
      plain_simple.push_back(&p);
    } else {
      extended_or_sections.push_back(&p);
    }
  }
  if (!extended_or_sections.empty()) {
    return JoinSections(base, std::move(extended_or_sections), fallback_charset, problems);
  }
  if (base == "boundary") return plain_simple.front()->value;
  return DecodeParamText(plain_simple.front()->value, fallback_charset, problems);
}

}  // namespace

ParameterizedValue ParseParameterized(std::string_view header_value,
                                      std::vector<std::string>* problems,
                                      std::string_view fallback_charset) {
  ParameterizedValue out;
  std::vector<std::string> local_problems;
  if (problems == nullptr) problems = &local_problems;

  const std::size_t i = header_value.find(';');
  out.value = text::AsciiLower(TrimWsp(header_value.substr(0, i)));
  // Some mailers quote the value itself: "text/plain".
  if (out.value.size() >= 2 && out.value.front() == '"' && out.value.back() == '"') {
    out.value = out.value.substr(1, out.value.size() - 2);
  }
  const std::vector<RawParam> raw = ReadRawParams(header_value, i, problems);
  // Joined by base name, in order of first appearance.
  std::vector<std::string> order;
  for (const auto& p : raw) {
    if (std::find(order.begin(), order.end(), p.base) == order.end()) order.push_back(p.base);
  }
  for (const std::string& base : order) {
    out.params.emplace_back(base, ParamValue(base, raw, fallback_charset, problems));
  }
  return out;
}

}  // namespace deskd
