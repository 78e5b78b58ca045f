#include "parsers/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <utility>

#include "parsers/text_util.h"
#include "parsers/decoders/utf8.h"

namespace deskd {

namespace {

constexpr std::size_t kDetectSample = 64 * 1024;
constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

std::string CleanLabel(std::string_view label) {
  std::string s;
  for (char c : label) {
    if (c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return s;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Strips one of `prefixes` from `s`; true when one was there.
bool StripPrefix(std::string_view* s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s->substr(0, p.size()) == p) {
      s->remove_prefix(p.size());
      return true;
    }
  }
  return false;
}

bool IconvKnows(const std::string& name) {
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

struct Alias {
  const char* label;
  const char* canonical;
};

constexpr Alias kAliases[] = {
    {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"}, {"x-unicode20utf8", "utf-8"},
    {"unicode-2-0-utf-8", "utf-8"},
    {"ascii", "us-ascii"}, {"us", "us-ascii"}, {"ansi_x3.4-1968", "us-ascii"},
    {"ansi_x3.4-1986", "us-ascii"}, {"iso646-us", "us-ascii"}, {"csascii", "us-ascii"},
    {"646", "us-ascii"}, {"iso-ir-6", "us-ascii"}, {"cp367", "us-ascii"}, {"ibm367", "us-ascii"},
    {"latin1", "iso-8859-1"}, {"latin-1", "iso-8859-1"}, {"l1", "iso-8859-1"},
    {"cp819", "iso-8859-1"}, {"ibm819", "iso-8859-1"}, {"iso-ir-100", "iso-8859-1"},
    {"csisolatin1", "iso-8859-1"},
    {"latin2", "iso-8859-2"}, {"l2", "iso-8859-2"}, {"latin3", "iso-8859-3"},
    {"latin4", "iso-8859-4"}, {"latin5", "iso-8859-9"}, {"latin6", "iso-8859-10"},
    {"latin7", "iso-8859-13"}, {"l7", "iso-8859-13"}, {"latin8", "iso-8859-14"},
    {"latin9", "iso-8859-15"}, {"l9", "iso-8859-15"}, {"latin10", "iso-8859-16"},
    {"cyrillic", "iso-8859-5"},
    {"ms-ee", "windows-1250"}, {"ms-cyrl", "windows-1251"}, {"ms-ansi", "windows-1252"},
    {"ms-greek", "windows-1253"}, {"ms-turk", "windows-1254"}, {"ms-hebr", "windows-1255"},
    {"ms-arab", "windows-1256"}, {"winbaltrim", "windows-1257"},
    {"koi8r", "koi8-r"}, {"koi8", "koi8-r"}, {"cskoi8r", "koi8-r"}, {"koi", "koi8-r"},
    {"koi8u", "koi8-u"}, {"koi8-ru", "koi8-ru"},
    {"866", "ibm866"}, {"cp866", "ibm866"}, {"csibm866", "ibm866"},
    {"gb2312", "gbk"}, {"csgb2312", "gbk"}, {"x-gbk", "gbk"}, {"cp936", "gbk"},
    {"euc-cn", "gbk"}, {"chinese", "gbk"},
    {"x-big5", "big5"}, {"csbig5", "big5"}, {"cn-big5", "big5"},
    {"ks_c_5601-1987", "cp949"}, {"ks_c_5601", "cp949"}, {"euc-kr", "cp949"},
    {"cseuckr", "cp949"}, {"korean", "cp949"}, {"windows-949", "cp949"},
    {"x-windows-949", "cp949"},
    {"x-euc-jp", "euc-jp"}, {"sjis", "shift_jis"}, {"x-sjis", "shift_jis"},
    {"ms_kanji", "shift_jis"}, {"csshiftjis", "shift_jis"}, {"shift-jis", "shift_jis"},
    {"csiso2022jp", "iso-2022-jp"},
    {"unicode-1-1-utf-7", "utf-7"}, {"utf7", "utf-7"},
    {"utf16", "utf-16"}, {"utf16le", "utf-16le"}, {"utf16be", "utf-16be"},
    {"mac", "macintosh"}, {"x-mac-roman", "macintosh"}, {"csmacintosh", "macintosh"},
    {"x-mac-cyrillic", "mac-cyrillic"}, {"maccyrillic", "mac-cyrillic"},
    {"x-mac-ukrainian", "mac-cyrillic"},
};

constexpr std::string_view kUnusable[] = {
    "", "x-unknown", "unknown", "unknown-8bit", "x-unknown-8bit", "x-user-defined",
    "default", "charset", "none", "8bit", "7bit", "binary", "auto", "_autodetect_all",
};

// --- Plausibility score of decoded text, for choosing among 8-bit charsets.

bool IsCyrillic(char32_t cp) { return cp >= 0x400 && cp <= 0x52F; }

bool IsLetter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x370 && cp <= 0x3FF) return true;
  return IsCyrillic(cp);
}

bool IsUpper(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  if (cp == 0x218 || cp == 0x21A) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

// Letters that the languages deskd serves (and the common Western ones) use.
int LetterScore(char32_t cp) {
  if (cp < 0x80) return 0;
  if (IsCyrillic(cp)) return 2;
  switch (cp) {
    // et, de, fi, nordic
    case 0xE4: case 0xF6: case 0xFC: case 0xF5: case 0x161: case 0x17E: case 0xE5:
    case 0xF8: case 0xE6: case 0xDF: case 0xC4: case 0xD6: case 0xDC: case 0xD5:
    case 0x160: case 0x17D: case 0xC5: case 0xD8: case 0xC6:
    // ro
    case 0x103: case 0xE2: case 0xEE: case 0x219: case 0x21B: case 0x15F: case 0x163:
    case 0x102: case 0xC2: case 0xCE: case 0x218: case 0x21A: case 0x15E: case 0x162:
    // fr, es, it, pt
    case 0xE9: case 0xE8: case 0xEA: case 0xEB: case 0xE0: case 0xE1: case 0xE7:
    case 0xED: case 0xEC: case 0xEF: case 0xF3: case 0xF2: case 0xF4: case 0xFA:
    case 0xF9: case 0xFB: case 0xF1: case 0x153: case 0xC9: case 0xC8: case 0xCA:
    case 0xC0: case 0xC7: case 0xD1: case 0xD3: case 0xDA: case 0xCD: case 0x152:
      return 2;
    case 0xF0: case 0xFE: case 0xD0: case 0xDE: case 0xFF:
      return 0;  // ð þ Ð Þ ÿ: mostly mis-decoded Cyrillic or Baltic letters
    default:
      return IsLetter(cp) ? 1 : 0;
  }
}

bool IsApostropheLike(char32_t cp) {
  return cp == 0x2019 || cp == 0x2018 || cp == 0xB4 || cp == 0x60;
}

int PlausibilityScore(std::string_view utf8) {
  std::vector<char32_t> cps;
  for (std::size_t pos = 0; pos < utf8.size();) cps.push_back(text::NextCodePoint(utf8, &pos));
  int score = 0;
  // Per code point.
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t cp = cps[i];
    if (cp < 0x80) continue;
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFD) {
      score -= 10;
    } else if (IsLetter(cp)) {
      score += LetterScore(cp);
    } else if (cp != 0xA0 && !IsApostropheLike(cp) && i > 0 && i + 1 < cps.size() &&
               IsLetter(cps[i - 1]) && IsLetter(cps[i + 1])) {
      score -= 5;  // a symbol inside a word: "Ð¿Ñ", "do¨ta"
    }
  }
  // Per word (maximal run of letters).
  for (std::size_t i = 0; i < cps.size();) {
    if (!IsLetter(cps[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    bool latin = false, cyrillic = false;
    int high_run = 0;
    for (; end < cps.size() && IsLetter(cps[end]); ++end) {
      const char32_t cp = cps[end];
      (IsCyrillic(cp) ? cyrillic : latin) = true;
      if (cp >= 0x80 && !IsCyrillic(cp)) {
        if (++high_run >= 3) score -= 3;  // "Ïðèâåò": Cyrillic read as Latin
      } else {
        high_run = 0;
      }
      if (end > i && IsUpper(cp) && !IsUpper(cps[end - 1])) score -= 2;  // "пРИВЕТ"
    }
    if (latin && cyrillic) score -= 5;
    i = end;
  }
  return score;
}

std::string UchardetGuess(std::string_view sample) {
  uchardet_t u = uchardet_new();
  if (u == nullptr) return "";
  std::string guess;
  if (uchardet_handle_data(u, sample.data(), sample.size()) == 0) {
    uchardet_data_end(u);
    const char* name = uchardet_get_charset(u);
    if (name != nullptr) guess = CanonicalCharset(name);
  }
  uchardet_delete(u);
  return guess;
}

bool IsSingleByteCandidate(std::string_view c) {
  return c.substr(0, 9) == "iso-8859-" || c.substr(0, 8) == "windows-" || c.substr(0, 4) == "koi8" ||
         c == "ibm866" || c == "mac-cyrillic" || c == "macintosh";
}

// How much better another charset must read than the declared one.
constexpr int kLabelBonus = 4;

// The most plausible 8-bit charset for `bytes` (not ASCII, not UTF-8).
// `preferred` (a canonical label, may be empty) wins ties after uchardet.
std::string BestEightBit(std::string_view bytes, std::string_view preferred) {
  const std::string_view sample = bytes.substr(0, kDetectSample);
  std::vector<std::string> candidates;
  auto add = [&](std::string_view c) {
    if (c.empty() || !IsSingleByteCandidate(c)) return;
    for (const auto& have : candidates) {
      if (have == c) return;
    }
    candidates.emplace_back(c);
  };
  const std::string guess = UchardetGuess(sample);
  // uchardet names Romanian text iso-8859-16; windows-1250 has ă â î ş ţ at
  // the same bytes (with the cedilla) and is what Windows mailers write, so
  // it goes first and wins the tie.
  if (guess == "iso-8859-16") add("windows-1250");
  add(guess);
  add(preferred == "us-ascii" ? "windows-1252" : preferred);
  // koi8-u after koi8-r: the same for Russian, and only Ukrainian і ї є ґ
  // (box-drawing symbols in koi8-r) make it read better.
  for (std::string_view c : {"windows-1252", "windows-1257", "iso-8859-15", "windows-1250",
                             "iso-8859-2", "windows-1251", "koi8-r", "koi8-u"}) {
    add(c);
  }
  // A charset the sender declared (not the "us-ascii" of a mailer that did
  // not look) is kept unless another reads clearly better: English with a
  // euro sign is windows-1252 ("€12"), not one stray Cyrillic letter ("Ђ12").
  const bool declared = !preferred.empty() && preferred != "us-ascii";
  std::string best;
  int best_score = 0;
  for (const auto& c : candidates) {
    auto conv = ConvertToUtf8(sample, c);
    if (!conv) continue;
    const int s = PlausibilityScore(conv->text) + (declared && c == preferred ? kLabelBonus : 0);
    if (best.empty() || s > best_score) {
      best = c;
      best_score = s;
    }
  }
  return best.empty() ? "windows-1252" : best;
}

bool IsCyrillicCharset(std::string_view c) {
  return c == "windows-1251" || c == "koi8-r" || c == "koi8-u" || c == "iso-8859-5" ||
         c == "ibm866";
}

// How much better another Cyrillic charset must read than a declared
// Cyrillic one: the classic mix-ups (koi8-r bytes labelled windows-1251 and
// the reverse) read as case soup ("дПВТЩК ДЕОШ"), far below the real text.
constexpr int kCyrillicSwitchMargin = 12;

// PlausibilityScore plus what tells Cyrillic charsets apart: the frequent
// Russian letters (о е а и н т с р в л) against the rare ones (ъ щ э ф ю ё
// ц ж), and words that start lower-case and go on upper-case ("дПВТЩК": case
// is swapped between koi8 and windows-1251).
int CyrillicScore(std::string_view utf8) {
  int score = PlausibilityScore(utf8);
  static const std::u32string kFrequent = U"оеаинтсрвл";
  static const std::u32string kRare = U"ъщэфюёцж";
  bool in_word = false, lower_start = false, swapped = false;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = text::NextCodePoint(utf8, &pos);
    if (IsCyrillic(cp)) {
      const char32_t lower = text::ToLower(cp);
      if (kFrequent.find(lower) != std::u32string::npos) ++score;
      if (kRare.find(lower) != std::u32string::npos) --score;
      if (!in_word) {
        in_word = true;
        lower_start = !IsUpper(cp);
        swapped = false;
      } else if (lower_start && IsUpper(cp) && !swapped) {
        score -= 4;
        swapped = true;
      }
    } else {
      in_word = false;
    }
  }
  return score;
}

// `declared` (a Cyrillic charset) unless another Cyrillic charset reads
// clearly better.
std::string BestCyrillic(std::string_view bytes, const std::string& declared) {
  const std::string_view sample = bytes.substr(0, kDetectSample);
  auto score = [&](std::string_view c) {
    auto conv = ConvertToUtf8(sample, c);
    return conv ? CyrillicScore(conv->text) : -1000000;
  };
  const int declared_score = score(declared);
  std::string best = declared;
  int best_score = declared_score + kCyrillicSwitchMargin;
  for (std::string_view c : {"windows-1251", "koi8-r", "koi8-u", "iso-8859-5", "ibm866"}) {
    if (c == declared) continue;
    const int s = score(c);
    if (s > best_score) {
      best = std::string(c);
      best_score = s;
    }
  }
  return best;
}

Conversion SanitizeUtf8(std::string_view bytes) {
  Conversion out;
  out.text.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    std::size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if (IsValidUtf8(bytes.substr(i, 2)) && c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF && IsValidUtf8(bytes.substr(i, 3))) {
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4 && IsValidUtf8(bytes.substr(i, 4))) {
      len = 4;
    }
    if (len == 0 || i + len > bytes.size()) {
      out.text += kReplacement;
      ++out.replaced;
      ++i;
      continue;
    }
    out.text.append(bytes.substr(i, len));
    i += len;
  }
  return out;
}

// Counts well-formed multi-byte sequences and bad bytes of would-be UTF-8.
std::pair<std::size_t, std::size_t> Utf8Evidence(std::string_view bytes) {
  std::size_t good = 0, bad = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len > 1 && i + len <= bytes.size() && IsValidUtf8(bytes.substr(i, len))) {
      ++good;
      i += len;
    } else {
      ++bad;
      ++i;
    }
  }
  return {good, bad};
}

std::string StripBom(std::string s) {
  if (s.compare(0, 3, "\xEF\xBB\xBF") == 0) s.erase(0, 3);
  return s;
}

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  const std::string s = CleanLabel(label);
  for (std::string_view u : kUnusable) {
    if (s == u) return "";
  }
  for (const Alias& a : kAliases) {
    if (s == a.label) return a.canonical;
  }
  std::string_view rest = s;
  // windows-125x under its many spellings.
  if (StripPrefix(&rest, {"windows-", "windows_", "windows", "win-", "win", "x-cp", "cp-", "cp", "ms-"}) &&
      IsDigits(rest)) {
    if (rest.size() == 4 && rest.substr(0, 3) == "125") return "windows-" + std::string(rest);
    if (rest == "874") return "windows-874";
    if (rest == "866") return "ibm866";
    if (rest == "949") return "cp949";
    if (rest == "932") return "cp932";
    if (rest == "936") return "gbk";
    if (rest == "850" || rest == "437" || rest == "852" || rest == "855") return "ibm" + std::string(rest);
  }
  // iso-8859-N under its many spellings.
  rest = s;
  if (StripPrefix(&rest, {"iso-8859-", "iso_8859-", "iso8859-", "iso-8859_", "iso8859_", "iso8859", "8859-"})) {
    std::string_view num = rest.substr(0, rest.find(':'));
    if (IsDigits(num) && num.size() <= 2) return "iso-8859-" + std::string(num);
  }
  if (s == "utf-8" || s == "us-ascii") return s;
  // Anything else that iconv knows by that name.
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.' || c == ':';
    if (!ok) return "";
  }
  if (s.size() > 40 || !IconvKnows(s)) return "";
  return s;
}

bool IsValidUtf8(std::string_view b) { return utf8::IsValid(b); }

bool IsAscii(std::string_view bytes) {
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::optional<Conversion> ConvertToUtf8(std::string_view bytes, std::string_view charset) {
  if (charset == "utf-8") return SanitizeUtf8(bytes);
  if (charset == "us-ascii") {
    Conversion out;
    for (char c : bytes) {
      if (static_cast<unsigned char>(c) < 0x80) {
        out.text += c;
      } else {
        out.text += kReplacement;
        ++out.replaced;
      }
    }
    return out;
  }
  const std::string name(charset);
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  Conversion out;
  std::string buf(bytes.size() * 3 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  bool flushed = false;
  while (!flushed) {
    char* outp = buf.data() + used;
    std::size_t out_left = buf.size() - used;
    // Once the input is consumed, one more call with no input flushes the
    // shift state of stateful charsets (ISO-2022-JP, UTF-7).
    const bool flush = in_left == 0;
    const std::size_t r = flush ? iconv(cd, nullptr, nullptr, &outp, &out_left)
                                : iconv(cd, &in, &in_left, &outp, &out_left);
    used = static_cast<std::size_t>(outp - buf.data());
    if (r != static_cast<std::size_t>(-1)) {
      flushed = flush;
      continue;
    }
    if (errno == E2BIG) {
      buf.resize(buf.size() * 2 + 16);
      continue;
    }
    if (flush) break;
    // EILSEQ (invalid or undefined) or EINVAL (incomplete at the end).
    out.text.append(buf.data(), used);
    used = 0;
    out.text += kReplacement;
    ++out.replaced;
    if (errno == EINVAL || in_left <= 1) {
      in_left = 0;
    } else {
      ++in;
      --in_left;
    }
  }
  out.text.append(buf.data(), used);
  iconv_close(cd);
  return out;
}

std::string DetectCharset(std::string_view bytes) {
  if (IsAscii(bytes)) return "us-ascii";
  if (IsValidUtf8(bytes)) return "utf-8";
  return BestEightBit(bytes, "");
}

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view declared) {
  DecodedText out;
  const std::string label = CleanLabel(declared);
  std::string canon = CanonicalCharset(declared);
  const bool stateful = canon.substr(0, 8) == "iso-2022" || canon.substr(0, 5) == "utf-7" ||
                        canon.substr(0, 6) == "utf-16" || canon.substr(0, 6) == "utf-32";
  if (!label.empty() && canon.empty() && !IsAscii(bytes)) {
    out.problems.push_back("unknown charset \"" + label + "\"; detected");
  }
  if (!stateful && IsAscii(bytes)) {
    out.text = std::string(bytes);
    out.charset = canon.empty() ? "us-ascii" : canon;
    return out;
  }
  std::string use = canon;
  if (!stateful && canon != "utf-8" && IsValidUtf8(bytes)) {
    use = "utf-8";
  } else if (canon.empty() || canon == "us-ascii" || canon == "iso-8859-1" || canon == "windows-1252") {
    use = BestEightBit(bytes, canon);
  } else if (IsCyrillicCharset(canon)) {
    use = BestCyrillic(bytes, canon);
  } else if (canon == "utf-8") {
    const auto [good, bad] = Utf8Evidence(bytes.substr(0, kDetectSample));
    if (bad > good) use = BestEightBit(bytes, "");
  }
  auto conv = ConvertToUtf8(bytes, use);
  if (!conv) {  // cannot happen for detected names; be safe anyway
    use = "windows-1252";
    conv = ConvertToUtf8(bytes, use);
  }
  out.text = StripBom(std::move(conv->text));
  out.charset = use;
  out.detected = use != canon;
  if (!out.problems.empty()) out.problems.back() += " " + use;
  if (conv->replaced > 0) {
    out.problems.push_back(std::to_string(conv->replaced) + " invalid byte sequence(s) in " + use +
                           " text replaced with U+FFFD");
  }
  return out;
}

}  // namespace deskd
