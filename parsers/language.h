// Language detection of a short text: et, ru, ro, en (and a fallback).
#pragma once

#include <string>
#include <string_view>

namespace deskd {

// Returns "et", "ru", "ro", "en", or `fallback` when the text is too short
// or too ambiguous to say.
std::string DetectLanguage(std::string_view text, std::string_view fallback);

}  // namespace deskd
