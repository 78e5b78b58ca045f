#include "daemon/views/view_util.h"

#include <algorithm>
#include <ctime>

namespace deskd {

std::string Rfc3339Utc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buf[32];
  size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

std::string ShortTime(const std::string& rfc3339) {
  // 2026-11-23T10:00:00Z -> 2026-11-23 10:00
  if (rfc3339.size() == 20 && rfc3339[10] == 'T' && rfc3339[19] == 'Z') {
    return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5);
  }
  return rfc3339;
}

namespace {

size_t Utf8Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

std::string FormatColumns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    for (size_t i = 0; i + 1 < row.size(); ++i) {
      if (widths.size() <= i) widths.resize(i + 1, 0);
      widths[i] = std::max(widths[i], Utf8Width(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - Utf8Width(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string Field(const nlohmann::json& value, const char* key, const std::string& absent) {
  if (!value.is_object()) return absent;
  auto it = value.find(key);
  if (it == value.end() || it->is_null()) return absent;
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string AddressText(const nlohmann::json& address) {
  std::string a = Field(address, "address", "");
  std::string name = Field(address, "name", "");
  if (name.empty()) return a.empty() ? "-" : a;
  return a.empty() ? name : name + " <" + a + ">";
}

std::string Indent(const std::string& text, const std::string& indent) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = indent + text.substr(start, end - start);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace deskd
