#include "daemon/notify/incident_values.h"

#include "daemon/core/mail_text.h"
#include "daemon/notify/notify_words.h"

namespace deskd {

namespace {

// `s` cut at a UTF-8 character boundary to at most `max_bytes`, " …" added.
std::string Truncate(std::string s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + " …";
}

}  // namespace

Result<TemplateValues> IncidentValues(Store& store, const Config& config,
                                      const IncidentRow& incident, const std::string& language,
                                      const BusinessCalendar* calendar) {
  TemplateValues v;
  v["ticket"] = std::to_string(incident.number);
  v["tag"] = TicketTag(config.desk.prefix, incident.number);
  v["subject"] = SanitizeHeaderText(incident.subject, 250);
  v["desk_name"] = SanitizeHeaderText(config.desk.name, 200);
  v["desk_address"] = config.desk.address;
  v["queue"] = SanitizeHeaderText(incident.queue, 100);
  v["priority"] = std::to_string(incident.priority);
  v["status"] = incident.status;
  v["status_label"] = StatusLabel(language, incident.status);
  v["owner"] = "";
  if (incident.owner) {
    const TechnicianSection* t = config.TechnicianByName(*incident.owner);
    v["owner"] = SanitizeHeaderText(t ? t->DisplayName() : *incident.owner, 200);
  }
  v["requester"] = "";
  v["requester_name"] = "";
  v["requester_address"] = "";
  if (incident.requester_id) {
    DESKD_TRY_ASSIGN(auto person, store.FindParticipant(*incident.requester_id));
    if (person) {
      std::string name = SanitizeHeaderText(person->name.value_or(""), 200);
      v["requester"] = name.empty() ? person->address : name + " <" + person->address + ">";
      v["requester_name"] = name;
      v["requester_address"] = person->address;
    }
  }
  v["received"] = calendar ? FormatLocalTime(*calendar, incident.received_at) : "";
  return v;
}

Result<std::string> FirstClientText(Store& store, int64_t incident, std::size_t max_bytes) {
  DESKD_TRY_ASSIGN(auto messages, store.Messages(incident));
  for (const MessageRow& m : messages) {
    if (m.direction != "in" || m.is_internal) continue;
    std::string text = Truncate(SanitizeBodyText(m.new_text.empty() ? m.text : m.new_text),
                                max_bytes);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
  }
  return std::string();
}

}  // namespace deskd
