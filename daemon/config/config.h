// Config: deskd's one TOML file (toml++), as plain values. Loading checks
// every key; an error names the file, the key and what was expected.
// Every key and its default is documented in deskd.example.toml.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/calendar/calendar.h"
#include "parsers/result.h"

namespace deskd {

struct DeskSection {
  std::string name = "IT Support";
  std::string address = "support@itdesk.example";  // the desk's own mailbox
  std::string prefix = "Ticket";                    // [Ticket#1042]
  std::string secret_file;          // HMAC key for reply tokens; "" = generated under the database dir
  std::string default_language = "en";
  std::string time_zone = "Europe/Tallinn";
  std::string message_id_domain;    // "" = the domain of `address`
  std::string templates_dir;        // "" = the templates shipped with deskd
  int reopen_window_days = 14;      // a follow-up to a closed incident within it reopens it
  int first_ticket_number = 1000;   // the number of the first incident
  bool operator==(const DeskSection&) const = default;
};

struct DatabaseSection {
  std::string path = "var/deskd.sqlite";
  bool operator==(const DatabaseSection&) const = default;
};

struct MailboxSection {
  std::string name;                 // "" = the queue name (filled in at load)
  std::string url;                  // imap://host:port or imaps://host:port
  std::string user;
  std::string password_file;        // read at start, never logged
  std::string folder = "INBOX";
  std::string queue = "support";
  int poll_interval_seconds = 30;
  bool idle = false;                // IMAP IDLE (later work); polling always runs
  std::string after_processing = "seen";  // "seen" or "move"
  std::string move_to = "Processed";
  bool tls_verify = true;
  std::string ca_file;              // "" = system trust store
  bool operator==(const MailboxSection&) const = default;
};

struct SmtpSection {
  std::string url = "smtp://127.0.0.1:25";
  std::string user;
  std::string password_file;
  bool tls_verify = true;
  std::string ca_file;
  int timeout_seconds = 30;
  int retry_initial_seconds = 30;   // first retry after a failure
  int retry_max_seconds = 3600;     // backoff cap
  int max_attempts = 50;            // then the mail is marked failed for an operator
  bool operator==(const SmtpSection&) const = default;
};

struct TechnicianSection {
  std::string name;                 // login-like name used by #assign
  std::string display_name;         // "" = name (filled in at load)
  std::string address;
  std::vector<std::string> queues;  // empty = all queues
  std::vector<std::string> languages;  // et, ru, ro, en; the first is used for mails
  bool operator==(const TechnicianSection&) const = default;

  // How mails name the technician: display_name, else name.
  const std::string& DisplayName() const { return display_name.empty() ? name : display_name; }
};

struct ManagerSection {
  std::string name;
  std::string address;              // "" = no manager
  bool operator==(const ManagerSection&) const = default;
};

struct LimitsSection {
  int max_auto_mails_per_address_per_day = 10;
  int64_t max_mail_bytes = 50 * 1024 * 1024;
  int max_mime_parts = 500;
  int max_mime_depth = 20;
  bool operator==(const LimitsSection&) const = default;
};


// Service-level targets for one priority. First response runs on wall time;
// the working-day targets run on the business calendar (see
// BusinessCalendar::AddWorkingDays for what "n working days" means).
struct SlaTargets {
  int first_response_minutes = 1440;  // 24 h; P1: 60
  int in_work_working_days = 2;       // taken into work, on hold (client told) or delegated
  int resolution_working_days = 3;    // resolved; on hold with a reason pauses it
  bool operator==(const SlaTargets&) const = default;
};

// [sla.priority.N] (N = 1..4) and [sla.queue.<queue>.priority.N]. A queue's
// key left out takes the value of [sla.priority.N] (resolved at load).
struct SlaSection {
  std::array<SlaTargets, 4> priority = {SlaTargets{60, 2, 3}, SlaTargets{}, SlaTargets{},
                                        SlaTargets{}};  // [0] = priority 1
  std::map<std::string, std::array<SlaTargets, 4>> queue;  // queue name -> [0] = priority 1
  // The targets of `priority` (clamped to 1..4) in `queue`.
  const SlaTargets& For(const std::string& queue_name, int priority_level) const;
  bool operator==(const SlaSection&) const = default;
};

// The built-in urgent words per language (et, ru, ro, en).
std::map<std::string, std::vector<std::string>> DefaultUrgentWords();

// [priority]: priority 1 (highest) .. 4 from impact x urgency, both 1 (high)
// .. 3 (low), ITIL style; urgency also from the mail (parsers/urgency.h).
struct PrioritySection {
  // matrix[impact - 1][urgency - 1]. TOML: rows impact high..low, columns
  // urgency high..low.
  std::array<std::array<int, 3>, 3> matrix = {
      std::array<int, 3>{1, 2, 3}, std::array<int, 3>{2, 3, 4}, std::array<int, 3>{3, 4, 4}};
  int default_urgency = 2;  // a mail with no sign of urgency
  int default_impact = 2;   // impact until a technician sets it
  // language -> words or phrases (lower-case UTF-8) that make a mail urgent
  // (urgency 1). Defaults for et, ru, ro, en; a language set in
  // [priority.urgent_words] replaces that language's default list.
  std::map<std::string, std::vector<std::string>> urgent_words = DefaultUrgentWords();
  // The words for `language` plus the English ones (mixed-language mail is common).
  std::vector<std::string> UrgentWordsFor(const std::string& language) const;
  bool operator==(const PrioritySection&) const = default;
};

// [reminders]: reminders before each deadline (sent by the scheduler).
struct RemindersSection {
  std::vector<int> lead_percent = {75};  // when this share of the allowed time has passed
  std::vector<int> lead_minutes = {60};  // this long before the deadline
  bool operator==(const RemindersSection&) const = default;
};

// [digest]: the technicians' review digest and the manager's digests.
struct DigestSection {
  int technician_review_hour = 9;                // local hour (calendar time zone)
  int technician_review_every_working_days = 2;  // "every other working day"
  bool manager_daily = true;
  int manager_daily_hour = 8;
  bool manager_weekly = true;
  std::string manager_weekly_day = "mon";        // mon tue wed thu fri sat sun
  std::string manager_address;                   // "" = [manager] address (filled in at load)
  bool operator==(const DigestSection&) const = default;
};

struct Config {
  std::string file;                 // where it was read from ("" = embedded default)
  DeskSection desk;
  DatabaseSection database;
  std::vector<MailboxSection> mailboxes;
  SmtpSection smtp;
  std::vector<TechnicianSection> technicians;
  ManagerSection manager;
  LimitsSection limits;
  CalendarSection calendar;
  SlaSection sla;
  PrioritySection priority;
  RemindersSection reminders;
  DigestSection digest;

  // Resolved at load time, not keys:
  std::string secret;               // contents of desk.secret_file (or EnsureSecret)
  std::vector<std::string> mailbox_passwords;  // parallel to mailboxes
  std::string smtp_password;

  // The domain used for Message-IDs this desk writes.
  std::string MessageIdDomain() const;
  // Technicians who serve `queue` (those with no queues serve all).
  std::vector<const TechnicianSection*> TechniciansOf(const std::string& queue) const;
  // Case-insensitive (ASCII) lookups; null when there is none.
  const TechnicianSection* TechnicianByAddress(const std::string& address) const;
  const TechnicianSection* TechnicianByName(const std::string& name) const;
};

// Parses TOML text. `file` is used in error messages; relative paths in the
// config (database.path, *password_file, secret_file, templates_dir,
// ca_file) are resolved against `base_dir` ("" = left relative). Password
// and secret files are read (trailing line ends stripped). Error kind
// kConfig, message "FILE: key `a.b`: expected ..., got ..." (for example
// "deskd.toml: key `mailbox[0].url`: expected an imap:// or imaps:// URL,
// got \"http://x\""), or "FILE:LINE:COL: ..." for TOML syntax. Unknown
// keys and sections are errors. [calendar] time_zone "" becomes
// desk.time_zone and [digest] manager_address "" becomes manager.address.
Result<Config> ParseConfig(const std::string& toml_text, const std::string& file,
                           const std::string& base_dir);
// Reads and parses a config file; base_dir is the file's directory.
Result<Config> LoadConfig(const std::string& path);

// Fills config.secret when desk.secret_file is "": reads
// "<database dir>/secret", or creates it (mode 0600, GenerateSecret()) when
// absent; creates the database directory if needed. With database.path
// ":memory:" the secret lives only in this process. Does nothing when the
// secret is already set. Error kIo when the file cannot be made or read.
Status EnsureSecret(Config& config);

// A fresh random secret (32 bytes, hex) for a new installation.
std::string GenerateSecret();

// What the daemon needs beyond a well-formed config: at least one mailbox,
// and every technician queue served by a mailbox. Error kConfig.
Status ValidateForDaemon(const Config& config);

// True for the languages deskd has templates and rules for: et, ru, ro, en.
bool IsKnownLanguage(std::string_view language);

// Every key, as "section.key" ("mailbox.url" for [[mailbox]] entries).
std::vector<std::string> ConfigKeyPaths();
// The embedded default configuration (a local mail stack on loopback, SQLite
// under ./var/), as TOML text.
const char* DefaultConfigToml();

}  // namespace deskd
