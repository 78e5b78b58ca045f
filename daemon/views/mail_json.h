// ParsedMail as the JSON object of `deskctl parse --json`
// (shared/conventions.md): the exact keys of the contract, nothing more.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "parsers/mail.h"

namespace deskd {

// `file` is the name printed in "file". Invalid UTF-8 never reaches the
// result (ParsedMail holds UTF-8; anything else is replaced by U+FFFD).
nlohmann::json MailToJson(const ParsedMail& mail, const std::string& file);

}  // namespace deskd
