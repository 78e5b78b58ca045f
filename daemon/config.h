// Config: deskd's one TOML file (toml++), as plain values. Loading checks
// every key; an error names the file, the key and what was expected.
// Every key and its default is documented in deskd.example.toml.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct Config {
  std::string file;                 // where it was read from ("" = embedded default)
  DeskSection desk;
  DatabaseSection database;
  std::vector<MailboxSection> mailboxes;
  SmtpSection smtp;
  std::vector<TechnicianSection> technicians;
  ManagerSection manager;
  LimitsSection limits;

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
// keys and sections are errors, except the sections calendar, sla,
// reminders, digest and priority, which are accepted unchecked for now.
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
