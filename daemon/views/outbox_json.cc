#include "daemon/views/outbox_json.h"

#include <vector>

#include "daemon/core/mail_text.h"
#include "daemon/views/view_util.h"
#include "parsers/mail.h"

namespace deskd {

namespace {

using nlohmann::json;

json OptText(const std::optional<std::string>& s) {
  return s ? json(ValidUtf8(*s)) : json(nullptr);
}

}  // namespace

Result<json> ListOutboxJson(Store& store, const std::string& status, int limit) {
  std::string store_status = status;
  bool retry_only = false;
  if (status == "retry") {
    store_status = "queued";
    retry_only = true;
  } else if (!status.empty() && status != "queued" && status != "sent" && status != "failed") {
    return Error::Invalid("unknown outbox status \"" + status +
                          "\": queued, retry, sent or failed");
  }
  // "retry" filters after reading, so the limit is applied here.
  DESKD_TRY_ASSIGN(auto rows, store.ListOutbox(store_status, retry_only ? 0 : limit));
  json out = json::array();
  for (const OutboxRow& listed : rows) {
    if (retry_only && listed.attempts == 0) continue;
    if (limit > 0 && static_cast<int>(out.size()) >= limit) break;
    // The subject is only in the raw mail.
    DESKD_TRY_ASSIGN(auto found, store.FindOutbox(listed.id));
    std::string subject;
    if (found) {
      ParsedMail head = ParseMail(HeaderSection(found->raw, 1 << 20), ParseOptions());
      subject = head.subject;
    }
    json to = json::array();
    for (const std::string& r : listed.recipients) to.push_back(ValidUtf8(r));
    out.push_back({{"id", listed.id},
                   {"ticket", listed.incident ? json(*listed.incident) : json(nullptr)},
                   {"kind", ValidUtf8(listed.kind)},
                   {"status", listed.status},
                   {"retrying", listed.status == "queued" && listed.attempts > 0},
                   {"to", to},
                   {"subject", ValidUtf8(subject)},
                   {"message_id", ValidUtf8(listed.message_id)},
                   {"attempts", listed.attempts},
                   {"next_attempt_at", Rfc3339Utc(listed.next_attempt_at)},
                   {"created_at", Rfc3339Utc(listed.created_at)},
                   {"sent_at", listed.sent_at ? json(Rfc3339Utc(*listed.sent_at)) : json(nullptr)},
                   {"last_error", OptText(listed.last_error)}});
  }
  return out;
}

std::string FormatOutboxList(const json& mails) {
  if (!mails.is_array() || mails.empty()) return "outbox empty\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"ID", "STATUS", "TRIES", "NEXT (UTC)", "TICKET", "KIND", "TO", "SUBJECT"});
  std::vector<std::string> errors;  // parallel to rows
  errors.push_back("");
  for (const json& m : mails) {
    std::string status = Field(m, "status");
    if (m.value("retrying", false)) status = "retry";
    std::string to;
    if (m.contains("to") && m["to"].is_array()) {
      for (const json& a : m["to"]) to += (to.empty() ? "" : ",") + a.get<std::string>();
    }
    std::string next = status == "sent" ? "-" : ShortTime(Field(m, "next_attempt_at"));
    rows.push_back({Field(m, "id"), status, Field(m, "attempts"), next, Field(m, "ticket"),
                    Field(m, "kind"), to.empty() ? "-" : to, Field(m, "subject", "")});
    errors.push_back(status == "sent" ? "" : Field(m, "last_error", ""));
  }
  // Aligned as a whole, then the errors go below their mails.
  std::string table = FormatColumns(rows);
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    size_t end = table.find('\n', start);
    out += table.substr(start, end - start + 1);
    if (!errors[i].empty()) out += "    last error: " + errors[i] + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace deskd
