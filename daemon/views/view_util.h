// Small text helpers of deskctl's views (incident_json, outbox_json): times
// as RFC 3339, aligned columns, reading optional JSON fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace deskd {

// "2026-11-23T10:00:00Z".
std::string Rfc3339Utc(int64_t unix_seconds);

// "2026-11-23 10:00" (UTC) from RFC 3339 text as Rfc3339Utc writes it; other
// text is returned as it is.
std::string ShortTime(const std::string& rfc3339);

// Rows of cells as lines: every column but the last padded to its widest
// cell (counted in UTF-8 characters), two spaces apart, trailing spaces
// removed, "\n" after each line.
std::string FormatColumns(const std::vector<std::vector<std::string>>& rows);

// value[key] as text: a string as it is, a number or bool in JSON, `absent`
// when the key is missing or null.
std::string Field(const nlohmann::json& value, const char* key, const std::string& absent = "-");

// {"address", "name"} as "Name <address>", or the address alone.
std::string AddressText(const nlohmann::json& address);

// `text` with every line indented by `indent`, trailing spaces removed;
// "" stays "".
std::string Indent(const std::string& text, const std::string& indent);

}  // namespace deskd
