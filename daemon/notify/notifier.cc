#include "daemon/notify/notifier.h"

#include <spdlog/spdlog.h>

#include "daemon/core/mail_text.h"
#include "daemon/core/logging.h"
#include "daemon/compose/outgoing_mail.h"
#include "daemon/compose/reply_token.h"
#include "parsers/text_util.h"

namespace deskd {

std::string ReminderKey(int64_t incident, const std::string& clock, const std::string& lead,
                        int64_t due) {
  return "reminder:" + std::to_string(incident) + ":" + clock + ":" + lead + ":" +
         std::to_string(due);
}

std::string BreachKey(int64_t incident, const std::string& clock) {
  return "escalation:" + std::to_string(incident) + ":" + clock + ":breach";
}

std::string DigestKey(const std::string& who, const std::string& period) {
  return "digest:" + who + ":" + period;
}

std::string TechnicianLanguage(const Config& config, const TechnicianSection& technician) {
  if (!technician.languages.empty() && !technician.languages[0].empty()) {
    return technician.languages[0];
  }
  return config.desk.default_language;
}

Notifier::Notifier(Store& store, const Config& config, const TemplateSet& templates)
    : store_(store), config_(config), templates_(templates) {}

Result<bool> Notifier::WasSent(const std::string& key) { return store_.NotificationExists(key); }

Result<bool> Notifier::QueueOnce(const NotificationKey& key,
                                 const std::vector<NotificationMail>& mails, int64_t now) {
  last_outbox_rows_ = 0;
  NotificationRow row;
  row.key = key.key;
  row.incident = key.incident;
  if (!key.clock.empty()) row.clock = key.clock;
  row.kind = key.kind;
  row.lead = key.lead;
  for (const NotificationMail& m : mails) row.recipients.push_back(text::AsciiLower(m.to.address));
  row.created_at = now;
  DESKD_TRY_ASSIGN(auto row_id, store_.InsertNotification(row));
  if (!row_id) return false;  // written before: exactly once

  std::optional<int64_t> first_outbox;
  for (const NotificationMail& m : mails) {
    DESKD_TRY_ASSIGN(auto id, QueueMail(key, m, now));
    if (id && !first_outbox) first_outbox = id;
  }
  if (first_outbox) {
    DESKD_TRY(store_.SetNotificationOutbox(*row_id, *first_outbox));
  }
  return true;
}

Result<bool> Notifier::SendOnce(const NotificationKey& key,
                                const std::vector<NotificationMail>& mails, int64_t now) {
  DESKD_TRY_ASSIGN(auto tx, store_.BeginTransaction());
  DESKD_TRY_ASSIGN(auto written, QueueOnce(key, mails, now));
  if (!written) return false;
  DESKD_TRY(tx->Commit());
  return true;
}

Result<std::optional<int64_t>> Notifier::QueueMail(const NotificationKey& key,
                                                   const NotificationMail& mail, int64_t now) {
  const std::string& desk = config_.desk.address;
  const std::string to = text::AsciiLower(mail.to.address);
  auto skip = [&](const std::string& why) -> Result<std::optional<int64_t>> {
    spdlog::error("notification mail not written key={} template={} to={} error={}",
                  LogValue(key.key), mail.template_name, LogValue(to), LogValue(why));
    return std::optional<int64_t>();
  };
  if (!IsPlainAddress(to)) return skip("not a plain mailbox");
  if (IsDeskAddress(to, desk)) return skip("the desk's own address");

  auto rendered = templates_.Render(mail.template_name, mail.language, mail.values);
  if (!rendered.ok()) return skip(rendered.error().message);
  std::string html;
  if (!mail.html_template.empty()) {
    auto h = templates_.Render(mail.html_template, rendered->language, mail.values);
    if (!h.ok()) return skip(h.error().message);
    html = h->body;
  }
  std::string subject = SanitizeHeaderText(rendered->subject, 900);
  const int64_t ticket = key.incident.value_or(0);
  if (key.incident) {
    const std::string tag = TicketTag(config_.desk.prefix, *key.incident);
    if (subject.find(tag) == std::string::npos) subject = tag + " " + subject;
  }

  std::optional<std::string> name;
  if (mail.to.name) name = SanitizeHeaderText(*mail.to.name, 200);
  OutgoingSpec spec;
  spec.from = MailAddress{desk, SanitizeHeaderText(config_.desk.name, 200)};
  spec.to.push_back(MailAddress{to, name});
  size_t at = desk.rfind('@');
  if (mail.technician_reply_token && key.incident && at != std::string::npos && at > 0) {
    DESKD_TRY_ASSIGN(auto pid, store_.AddParticipant(*key.incident, to, name, "technician", now));
    std::string token = MakeReplyToken(config_.secret, *key.incident, pid, to);
    spec.reply_to = MailAddress{desk.substr(0, at) + "+" + token + desk.substr(at), spec.from.name};
  }
  spec.subject = subject;
  spec.text_body = rendered->body;
  spec.html_body = html;
  spec.message_id = MakeMessageId(config_.MessageIdDomain(), ticket, mail.template_name);
  spec.auto_submitted = "auto-generated";
  spec.date = FormatRfc5322Date(now);
  spec.language = rendered->language;
  spec.extra_headers.push_back({"X-Loop", desk});
  if (key.incident) spec.extra_headers.push_back({"X-Deskd-Ticket", std::to_string(ticket)});
  spec.extra_headers.push_back({"X-Deskd-Notification", key.kind});
  auto raw = ComposeMail(spec);
  if (!raw.ok()) return skip(raw.error().message);

  OutboxRow row;
  row.incident = key.incident;
  row.kind = mail.template_name;
  row.message_id = spec.message_id;
  row.envelope_from = desk;
  row.recipients = {to};
  row.raw = std::move(*raw);
  row.created_at = now;
  row.next_attempt_at = now;
  DESKD_TRY_ASSIGN(auto id, store_.EnqueueOutbox(row));
  ++last_outbox_rows_;
  return std::optional<int64_t>(id);
}

}  // namespace deskd
