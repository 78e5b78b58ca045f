// Notifier: writes reminders, escalations and digests into the outbox
// exactly once. Each notification has a unique key (sql/003_notifications);
// its row and its outbox rows are written in ONE transaction, so a crash
// leaves all or nothing, and a second attempt after the commit (a restart,
// a scheduler tick that comes again, two processes) finds the key and
// writes nothing. The outbox sender delivers afterwards, as for all mail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"
#include "parsers/mail.h"
#include "parsers/result.h"

namespace deskd {

// What a notification is, for the table and the log.
struct NotificationKey {
  std::string key;                 // unique: see the Key* helpers below
  std::optional<int64_t> incident;
  std::string clock;               // "" = none
  std::string kind;                // reminder | escalation | digest
  std::string lead;                // 75%, 60m, breach, manual, technician, daily, weekly
};

// One mail of a notification.
struct NotificationMail {
  std::string template_name;       // reminder, escalation, technician_review, manager_digest
  std::string html_template;       // "" = text only, else its body is the HTML part
  std::string language;
  TemplateValues values;
  MailAddress to;
  // A technician: Reply-To carries a reply token for (incident, this
  // technician), so that an answer acts as the technician's mail (a
  // participant row of role technician is added for it). Needs an incident.
  bool technician_reply_token = false;
};

// "reminder:1042:resolution:75%:1795430000" and the like.
std::string ReminderKey(int64_t incident, const std::string& clock, const std::string& lead,
                        int64_t due);
std::string BreachKey(int64_t incident, const std::string& clock);
std::string DigestKey(const std::string& who, const std::string& period);

class Notifier {
 public:
  // REQUIRES: all references outlive the notifier; used from the store's thread.
  Notifier(Store& store, const Config& config, const TemplateSet& templates);

  // REQUIRES: a transaction is open on the store (the caller commits).
  // Writes the notification row and one outbox row per mail (a mail that
  // cannot be composed is skipped and logged). Returns false, writing
  // nothing, when `key.key` was written before.
  Result<bool> QueueOnce(const NotificationKey& key, const std::vector<NotificationMail>& mails,
                         int64_t now);

  // QueueOnce in its own transaction, committed.
  Result<bool> SendOnce(const NotificationKey& key, const std::vector<NotificationMail>& mails,
                        int64_t now);

  // True when a notification with this key exists.
  Result<bool> WasSent(const std::string& key);

  // Number of outbox rows the last QueueOnce wrote.
  int last_outbox_rows() const { return last_outbox_rows_; }

 private:
  Result<std::optional<int64_t>> QueueMail(const NotificationKey& key,
                                           const NotificationMail& mail, int64_t now);

  Store& store_;
  const Config& config_;
  const TemplateSet& templates_;
  int last_outbox_rows_ = 0;
};

// The language to write to a technician in: technician.languages[0], else
// the desk's default.
std::string TechnicianLanguage(const Config& config, const TechnicianSection& technician);

}  // namespace deskd
