// Small UTF-8 text helpers shared by the text-logic parsers (reply stripping,
// commands, ticket references, classification, language). Pure functions;
// invalid UTF-8 never fails, a bad byte is read as U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace deskd::text {

// Decodes the code point at s[*pos] and advances *pos past it; a byte that
// starts no sequence (utf8::Strictness::kBitPattern) is U+FFFD.
// REQUIRES: *pos < s.size().
char32_t NextCodePoint(std::string_view s, std::size_t* pos);

// Appends `cp` to `out` as UTF-8 (utf8::Append).
void AppendUtf8(char32_t cp, std::string* out);

// Header white space: SP, HTAB, CR, LF (ASCII only, unlike IsSpaceLike).
bool IsWsp(char c);

// `s` without IsWsp characters at its ends.
std::string_view TrimWsp(std::string_view s);

// Space for our purposes: ASCII white space, NO-BREAK SPACE and other Unicode
// spaces, and the invisible characters Outlook and web mailers scatter
// (ZERO WIDTH SPACE/JOINER/NON-JOINER, WORD JOINER, BOM, SOFT HYPHEN).
bool IsSpaceLike(char32_t cp);

// `s` without space-like code points at its ends.
std::string_view Trim(std::string_view s);
std::string_view TrimLeft(std::string_view s);
std::string_view TrimRight(std::string_view s);

// True when `s` has nothing but space-like code points.
bool IsBlank(std::string_view s);

// Lower-case of a code point for Latin (ASCII, Latin-1, Latin Extended-A,
// Romanian comma letters) and Cyrillic; others are returned unchanged.
char32_t ToLower(char32_t cp);

// `s` lower-cased with ToLower.
std::string Lower(std::string_view s);

// ASCII-only lower-case (for header names, addresses).
std::string AsciiLower(std::string_view s);

// Latin letters with the diacritics of et/ro (and Latin-1) folded to ASCII:
// "õ" -> "o", "ș" -> "s", "ă" -> "a". Call on lower-case text.
std::string FoldDiacritics(std::string_view s);

// True for letters of the Latin and Cyrillic scripts (what words are made of).
bool IsLatinLetter(char32_t cp);
bool IsCyrillicLetter(char32_t cp);

// `text` split at '\n'; a '\r' before the '\n' is not part of the line.
std::vector<std::string_view> SplitLines(std::string_view text);

// True when `s` starts with `prefix` (byte-wise).
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

}  // namespace deskd::text
