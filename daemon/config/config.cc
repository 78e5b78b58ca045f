// Config loading: TOML (toml++) to plain structs, every key checked. Each
// section declares its keys once (the tables below); a key outside them is
// an error, so that a typo never passes silently.
#include "daemon/config/config.h"

#include <date/tz.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <system_error>

#include "parsers/decoders/hex.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

namespace fs = std::filesystem;

const char* const kLanguages[] = {"et", "ru", "ro", "en"};

// The keys of each section. ConfigKeyPaths() lists them; deskd.example.toml
// documents every one.
const std::vector<std::string> kDeskKeys = {
    "name",          "address",   "prefix",          "secret_file",        "default_language",
    "time_zone",     "message_id_domain", "templates_dir", "reopen_window_days",
    "first_ticket_number"};
const std::vector<std::string> kDatabaseKeys = {"path"};
const std::vector<std::string> kMailboxKeys = {
    "name",  "url",  "user",   "password_file",    "folder",  "queue", "poll_interval_seconds",
    "idle",  "after_processing", "move_to",   "tls_verify", "ca_file"};
const std::vector<std::string> kSmtpKeys = {
    "url",             "user",          "password_file",         "tls_verify",      "ca_file",
    "timeout_seconds", "retry_initial_seconds", "retry_max_seconds", "max_attempts"};
const std::vector<std::string> kTechnicianKeys = {"name", "display_name", "address", "queues",
                                                  "languages"};
const std::vector<std::string> kManagerKeys = {"name", "address"};
const std::vector<std::string> kLimitsKeys = {"max_auto_mails_per_address_per_day",
                                              "max_mail_bytes", "max_mime_parts", "max_mime_depth"};

const std::vector<std::string> kCalendarKeys = {
    "time_zone", "monday", "tuesday",  "wednesday", "thursday",
    "friday",    "saturday", "sunday", "holidays",  "half_days"};
const std::vector<std::string> kSlaKeys = {"priority", "queue"};
const std::vector<std::string> kSlaLevelKeys = {"1", "2", "3", "4"};
const std::vector<std::string> kSlaTargetKeys = {"first_response_minutes", "in_work_working_days",
                                                 "resolution_working_days"};
const std::vector<std::string> kSlaQueueKeys = {"priority"};
const std::vector<std::string> kPriorityKeys = {"matrix", "default_urgency", "default_impact",
                                                "urgent_words"};
const std::vector<std::string> kUrgentWordsKeys = {"et", "ru", "ro", "en"};
const std::vector<std::string> kRemindersKeys = {"lead_percent", "lead_minutes"};
const std::vector<std::string> kDigestKeys = {
    "technician_review_hour", "technician_review_every_working_days",
    "manager_daily",          "manager_daily_hour",
    "manager_weekly",         "manager_weekly_day",
    "manager_address"};
const char* const kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

// A TOML string as it would be written, for "got ..." in messages.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

std::string Describe(const toml::node& n) {
  if (auto s = n.as_string()) return Quote(s->get());
  if (auto i = n.as_integer()) return std::to_string(i->get());
  if (auto f = n.as_floating_point()) {
    std::ostringstream os;
    os << f->get();
    return os.str();
  }
  if (auto b = n.as_boolean()) return b->get() ? "true" : "false";
  if (n.is_array()) return "an array";
  if (n.is_table()) return "a table";
  if (n.is_date()) return "a date";
  if (n.is_time()) return "a time";
  if (n.is_date_time()) return "a date-time";
  return "a value";
}

// ---- value checks: nullptr when fine, else what was expected ----

using Check = std::function<const char*(const std::string&)>;

bool HasWhitespace(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

bool IsAddress(std::string_view s) {
  size_t at = s.find('@');
  return !s.empty() && at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos && !HasWhitespace(s);
}

const char* NonEmpty(const std::string& v) {
  return v.empty() ? "a non-empty string" : nullptr;
}
const char* Address(const std::string& v) {
  return IsAddress(v) ? nullptr : "an email address (one '@', no whitespace)";
}
const char* AddressOrEmpty(const std::string& v) {
  return v.empty() || IsAddress(v) ? nullptr
                                   : "an email address (one '@', no whitespace) or \"\"";
}
const char* Language(const std::string& v) {
  return IsKnownLanguage(v) ? nullptr : "one of et, ru, ro, en";
}
const char* Word(const std::string& v) {
  if (v.empty() || v.size() > 64) return "letters, digits, '.', '-' or '_' (1 to 64)";
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    if (!ok) return "letters, digits, '.', '-' or '_' (1 to 64)";
  }
  return nullptr;
}
const char* Prefix(const std::string& v) {
  if (v.empty() || v.size() > 32) return "letters, digits, '-' or '_' (1 to 32)";
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return "letters, digits, '-' or '_' (1 to 32)";
  }
  return nullptr;
}
const char* DomainOrEmpty(const std::string& v) {
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-';
    if (!ok) return "a domain name such as itdesk.example, or \"\"";
  }
  return nullptr;
}
const char* TimeZone(const std::string& v) {
  try {
    if (!v.empty() && date::locate_zone(v) != nullptr) return nullptr;
  } catch (const std::exception&) {
  }
  return "an IANA time zone such as Europe/Tallinn";
}
bool UrlWithScheme(const std::string& v, std::initializer_list<const char*> schemes) {
  if (HasWhitespace(v)) return false;
  size_t sep = v.find("://");
  if (sep == std::string::npos || sep + 3 >= v.size() || v[sep + 3] == '/' || v[sep + 3] == ':') {
    return false;
  }
  std::string scheme = text::AsciiLower(v.substr(0, sep));
  return std::any_of(schemes.begin(), schemes.end(), [&](const char* s) { return scheme == s; });
}
const char* ImapUrl(const std::string& v) {
  return UrlWithScheme(v, {"imap", "imaps"}) ? nullptr : "an imap:// or imaps:// URL";
}
const char* SmtpUrl(const std::string& v) {
  return UrlWithScheme(v, {"smtp", "smtps"}) ? nullptr : "an smtp:// or smtps:// URL";
}
const char* AfterProcessing(const std::string& v) {
  return v == "seen" || v == "move" ? nullptr : "\"seen\" or \"move\"";
}

// ---- reading one table ----

// The first error of a parse, with the file name every message starts with.
struct Context {
  std::string file;
  std::string base_dir;
  std::optional<Error> error;

  bool failed() const { return error.has_value(); }
  void Fail(const std::string& key, const std::string& expected, const std::string& got) {
    if (!error) error = Error::Config(file + ": key `" + key + "`: expected " + expected + ", got " + got);
  }
  void FailRaw(const std::string& key, const std::string& what) {
    if (!error) error = Error::Config(file + ": key `" + key + "`: " + what);
  }
};

class Section {
 public:
  // `table` may be null (section absent: every key keeps its default).
  Section(Context* ctx, const toml::table* table, std::string path,
          const std::vector<std::string>* keys)
      : ctx_(ctx), table_(table), path_(std::move(path)), keys_(keys) {}

  std::string KeyPath(const std::string& key) const { return path_ + "." + key; }

  // The node of `key`, or null when absent. `key` must be declared.
  const toml::node* Get(const std::string& key) {
    if (std::find(keys_->begin(), keys_->end(), key) == keys_->end()) {
      ctx_->FailRaw(KeyPath(key), "read but not declared (a bug in deskd)");
      return nullptr;
    }
    return table_ ? table_->get(key) : nullptr;
  }

  // Reads a string; `check` (if any) also runs on the default when absent,
  // so that required keys report "got nothing".
  void Str(const std::string& key, std::string* out, const Check& check = nullptr,
           bool required = false) {
    if (ctx_->failed()) return;
    const toml::node* n = Get(key);
    if (n == nullptr) {
      if (required && check) {
        if (const char* expected = check(*out)) ctx_->Fail(KeyPath(key), expected, "nothing");
      }
      return;
    }
    const auto* s = n->as_string();
    if (s == nullptr) return ctx_->Fail(KeyPath(key), check ? Expectation(check) : "a string", Describe(*n));
    if (check) {
      if (const char* expected = check(s->get())) {
        return ctx_->Fail(KeyPath(key), expected, Quote(s->get()));
      }
    }
    *out = s->get();
  }

  void Int64(const std::string& key, int64_t* out, int64_t min, int64_t max) {
    if (ctx_->failed()) return;
    const toml::node* n = Get(key);
    if (n == nullptr) return;
    std::string expected = max == std::numeric_limits<int64_t>::max()
                               ? "an integer >= " + std::to_string(min)
                               : "an integer from " + std::to_string(min) + " to " +
                                     std::to_string(max);
    const auto* i = n->as_integer();
    if (i == nullptr || i->get() < min || i->get() > max) {
      return ctx_->Fail(KeyPath(key), expected, Describe(*n));
    }
    *out = i->get();
  }

  void Int(const std::string& key, int* out, int64_t min, int64_t max) {
    int64_t v = *out;
    Int64(key, &v, min, std::min<int64_t>(max, std::numeric_limits<int>::max()));
    *out = static_cast<int>(v);
  }

  void Bool(const std::string& key, bool* out) {
    if (ctx_->failed()) return;
    const toml::node* n = Get(key);
    if (n == nullptr) return;
    const auto* b = n->as_boolean();
    if (b == nullptr) return ctx_->Fail(KeyPath(key), "true or false", Describe(*n));
    *out = b->get();
  }

  void StrList(const std::string& key, std::vector<std::string>* out, const Check& check) {
    if (ctx_->failed()) return;
    const toml::node* n = Get(key);
    if (n == nullptr) return;
    const auto* arr = n->as_array();
    std::string expected = std::string("an array of ") + (check ? "strings, each " + Expectation(check) : "strings");
    if (arr == nullptr) return ctx_->Fail(KeyPath(key), expected, Describe(*n));
    std::vector<std::string> values;
    for (const toml::node& item : *arr) {
      const auto* s = item.as_string();
      if (s == nullptr) return ctx_->Fail(KeyPath(key), expected, Describe(item));
      if (const char* e = check(s->get())) return ctx_->Fail(KeyPath(key), e, Quote(s->get()));
      values.push_back(s->get());
    }
    *out = std::move(values);
  }

  // A path: relative ones are taken from the config file's directory.
  void Path(const std::string& key, std::string* out, bool required = false) {
    Str(key, out, required ? Check(NonEmpty) : Check(nullptr), required);
    if (!ctx_->failed()) *out = Resolve(*out);
  }

  std::string Resolve(const std::string& p) const {
    if (p.empty() || ctx_->base_dir.empty() || p == ":memory:" || p.rfind("file:", 0) == 0) {
      return p;
    }
    fs::path path(p);
    if (path.is_absolute()) return p;
    return (fs::path(ctx_->base_dir) / path).lexically_normal().string();
  }

  // A sub-table (null when absent or on error).
  const toml::table* Table(const std::string& key) {
    if (ctx_->failed()) return nullptr;
    const toml::node* n = Get(key);
    if (n == nullptr) return nullptr;
    if (!n->is_table()) {
      ctx_->Fail(KeyPath(key), "a table", Describe(*n));
      return nullptr;
    }
    return n->as_table();
  }

  void IntList(const std::string& key, std::vector<int>* out, int min, int max) {
    if (ctx_->failed()) return;
    const toml::node* n = Get(key);
    if (n == nullptr) return;
    std::string expected = "an array of integers from " + std::to_string(min) + " to " +
                           std::to_string(max);
    const auto* arr = n->as_array();
    if (arr == nullptr) return ctx_->Fail(KeyPath(key), expected, Describe(*n));
    std::vector<int> values;
    for (const toml::node& item : *arr) {
      const auto* i = item.as_integer();
      if (i == nullptr || i->get() < min || i->get() > max) {
        return ctx_->Fail(KeyPath(key), expected, Describe(item));
      }
      values.push_back(static_cast<int>(i->get()));
    }
    *out = std::move(values);
  }

  // Reports keys the section does not declare.
  void CheckUnknown() {
    if (ctx_->failed() || table_ == nullptr) return;
    for (const auto& [k, v] : *table_) {
      std::string key(k.str());
      if (std::find(keys_->begin(), keys_->end(), key) == keys_->end()) {
        ctx_->FailRaw(KeyPath(key), "unknown key (known: " + Join(*keys_, ", ") + ")");
        return;
      }
    }
  }

 private:
  // What a check says of "" names what it wants; checks that accept ""
  // want just a string.
  static std::string Expectation(const Check& check) {
    const char* e = check("");
    return e ? e : "a string";
  }

  Context* ctx_;
  const toml::table* table_;
  std::string path_;
  const std::vector<std::string>* keys_;
};

// Reads a secret file; one trailing line end (and any further ones) removed.
bool ReadSecretFile(Context* ctx, const std::string& key, const std::string& path,
                    std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ctx->Fail(key, "a readable file", Quote(path) + " (" + std::strerror(errno) + ")");
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  *out = std::move(text);
  return true;
}

const toml::table* SectionTable(Context* ctx, const toml::table& root, const std::string& name) {
  const toml::node* n = root.get(name);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    ctx->Fail(name, "a table ([" + name + "])", Describe(*n));
    return nullptr;
  }
  return n->as_table();
}

// [[name]] entries; a plain [name] table is an error with a hint.
std::vector<const toml::table*> SectionArray(Context* ctx, const toml::table& root,
                                             const std::string& name) {
  std::vector<const toml::table*> out;
  const toml::node* n = root.get(name);
  if (n == nullptr) return out;
  const toml::array* arr = n->as_array();
  if (arr == nullptr) {
    ctx->Fail(name, "an array of tables ([[" + name + "]])", Describe(*n));
    return out;
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (t == nullptr) {
      ctx->Fail(name + "[" + std::to_string(i) + "]", "a table ([[" + name + "]])",
                Describe((*arr)[i]));
      return {};
    }
    out.push_back(t);
  }
  return out;
}

void ReadDesk(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "desk"), "desk", &kDeskKeys);
  DeskSection& d = c->desk;
  s.Str("name", &d.name, NonEmpty);
  s.Str("address", &d.address, Address);
  s.Str("prefix", &d.prefix, Prefix);
  s.Path("secret_file", &d.secret_file);
  s.Str("default_language", &d.default_language, Language);
  s.Str("time_zone", &d.time_zone, TimeZone);
  s.Str("message_id_domain", &d.message_id_domain, DomainOrEmpty);
  s.Path("templates_dir", &d.templates_dir);
  s.Int("reopen_window_days", &d.reopen_window_days, 0, 36500);
  s.Int("first_ticket_number", &d.first_ticket_number, 1, std::numeric_limits<int>::max());
  s.CheckUnknown();
  if (!ctx->failed() && !d.secret_file.empty()) {
    if (ReadSecretFile(ctx, "desk.secret_file", d.secret_file, &c->secret) &&
        c->secret.size() < 16) {
      ctx->Fail("desk.secret_file", "a file holding a secret of at least 16 bytes",
                Quote(d.secret_file) + " (" + std::to_string(c->secret.size()) + " bytes)");
    }
  }
}

void ReadDatabase(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "database"), "database", &kDatabaseKeys);
  s.Path("path", &c->database.path, /*required=*/true);
  s.CheckUnknown();
}

void ReadMailboxes(Context* ctx, const toml::table& root, Config* c) {
  std::vector<const toml::table*> tables = SectionArray(ctx, root, "mailbox");
  std::set<std::string> names;
  for (size_t i = 0; i < tables.size() && !ctx->failed(); ++i) {
    std::string path = "mailbox[" + std::to_string(i) + "]";
    Section s(ctx, tables[i], path, &kMailboxKeys);
    MailboxSection m;
    s.Str("name", &m.name, nullptr);
    s.Str("url", &m.url, ImapUrl, /*required=*/true);
    s.Str("user", &m.user, NonEmpty, /*required=*/true);
    s.Path("password_file", &m.password_file);
    s.Str("folder", &m.folder, NonEmpty);
    s.Str("queue", &m.queue, Word);
    s.Int("poll_interval_seconds", &m.poll_interval_seconds, 1, 86400);
    s.Bool("idle", &m.idle);
    s.Str("after_processing", &m.after_processing, AfterProcessing);
    s.Str("move_to", &m.move_to, NonEmpty);
    s.Bool("tls_verify", &m.tls_verify);
    s.Path("ca_file", &m.ca_file);
    s.CheckUnknown();
    if (ctx->failed()) return;
    if (m.name.empty()) m.name = m.queue;
    if (!names.insert(m.name).second) {
      ctx->Fail(path + ".name", "a name no other mailbox has (\"\" = the queue name)",
                Quote(m.name));
      return;
    }
    std::string password;
    if (!m.password_file.empty() &&
        !ReadSecretFile(ctx, path + ".password_file", m.password_file, &password)) {
      return;
    }
    c->mailboxes.push_back(std::move(m));
    c->mailbox_passwords.push_back(std::move(password));
  }
}

void ReadSmtp(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "smtp"), "smtp", &kSmtpKeys);
  SmtpSection& m = c->smtp;
  s.Str("url", &m.url, SmtpUrl);
  s.Str("user", &m.user, nullptr);
  s.Path("password_file", &m.password_file);
  s.Bool("tls_verify", &m.tls_verify);
  s.Path("ca_file", &m.ca_file);
  s.Int("timeout_seconds", &m.timeout_seconds, 1, 3600);
  s.Int("retry_initial_seconds", &m.retry_initial_seconds, 1, 86400);
  s.Int("retry_max_seconds", &m.retry_max_seconds, 1, 7 * 86400);
  s.Int("max_attempts", &m.max_attempts, 1, 100000);
  s.CheckUnknown();
  if (ctx->failed()) return;
  if (m.retry_max_seconds < m.retry_initial_seconds) {
    ctx->Fail("smtp.retry_max_seconds",
              "an integer >= smtp.retry_initial_seconds (" +
                  std::to_string(m.retry_initial_seconds) + ")",
              std::to_string(m.retry_max_seconds));
    return;
  }
  if (!m.password_file.empty()) {
    ReadSecretFile(ctx, "smtp.password_file", m.password_file, &c->smtp_password);
  }
}

void ReadTechnicians(Context* ctx, const toml::table& root, Config* c) {
  std::vector<const toml::table*> tables = SectionArray(ctx, root, "technician");
  std::set<std::string> names, addresses;
  for (size_t i = 0; i < tables.size() && !ctx->failed(); ++i) {
    std::string path = "technician[" + std::to_string(i) + "]";
    Section s(ctx, tables[i], path, &kTechnicianKeys);
    TechnicianSection t;
    s.Str("name", &t.name, Word, /*required=*/true);
    s.Str("display_name", &t.display_name, nullptr);
    s.Str("address", &t.address, Address, /*required=*/true);
    s.StrList("queues", &t.queues, Word);
    s.StrList("languages", &t.languages, Language);
    s.CheckUnknown();
    if (ctx->failed()) return;
    if (!names.insert(text::AsciiLower(t.name)).second) {
      return ctx->Fail(path + ".name", "a name no other technician has", Quote(t.name));
    }
    if (!addresses.insert(text::AsciiLower(t.address)).second) {
      return ctx->Fail(path + ".address", "an address no other technician has", Quote(t.address));
    }
    if (text::AsciiLower(t.address) == text::AsciiLower(c->desk.address)) {
      return ctx->Fail(path + ".address", "an address other than desk.address", Quote(t.address));
    }
    if (t.display_name.empty()) t.display_name = t.name;
    c->technicians.push_back(std::move(t));
  }
}

void ReadManager(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "manager"), "manager", &kManagerKeys);
  s.Str("name", &c->manager.name, nullptr);
  s.Str("address", &c->manager.address, AddressOrEmpty);
  s.CheckUnknown();
}

void ReadLimits(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "limits"), "limits", &kLimitsKeys);
  LimitsSection& l = c->limits;
  s.Int("max_auto_mails_per_address_per_day", &l.max_auto_mails_per_address_per_day, 0, 100000);
  s.Int64("max_mail_bytes", &l.max_mail_bytes, 1024, std::numeric_limits<int64_t>::max());
  s.Int("max_mime_parts", &l.max_mime_parts, 1, 1000000);
  s.Int("max_mime_depth", &l.max_mime_depth, 1, 1000);
  s.CheckUnknown();
}

// ---- [calendar] ----

const char* HoursRange(const std::string& v) {
  return ParseWorkingHours(v) ? nullptr : "a range \"HH:MM-HH:MM\" (start before end, 24:00 allowed as end)";
}

// Ranges of one day: each well-formed (StrList), then sorted without overlap.
void ReadHours(Context* ctx, Section& s, const std::string& key, std::vector<WorkingHours>* out) {
  std::vector<std::string> texts;
  bool present = s.Get(key) != nullptr;
  s.StrList(key, &texts, HoursRange);
  if (ctx->failed() || !present) return;
  std::vector<WorkingHours> hours;
  for (const std::string& t : texts) hours.push_back(*ParseWorkingHours(t));
  for (size_t i = 1; i < hours.size(); ++i) {
    if (hours[i].start_minute < hours[i - 1].end_minute) {
      return ctx->Fail(s.KeyPath(key), "ranges in order, not overlapping",
                       Quote(texts[i - 1]) + " then " + Quote(texts[i]));
    }
  }
  *out = std::move(hours);
}

// A day as a TOML local date (2026-02-24) or a string "2026-02-24".
std::optional<std::string> DayText(const toml::node& n) {
  if (const auto* d = n.as_date()) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", static_cast<int>(d->get().year),
                  static_cast<int>(d->get().month), static_cast<int>(d->get().day));
    if (ParseIsoDay(buf)) return std::string(buf);
    return std::nullopt;
  }
  if (const auto* t = n.as_string(); t != nullptr && ParseIsoDay(t->get())) return t->get();
  return std::nullopt;
}

void ReadHolidays(Context* ctx, Section& s, CalendarSection* cal) {
  const toml::node* n = s.Get("holidays");
  if (ctx->failed() || n == nullptr) return;
  const char* expected = "an array of dates (2026-02-24 or \"2026-02-24\")";
  const toml::array* arr = n->as_array();
  if (arr == nullptr) return ctx->Fail(s.KeyPath("holidays"), expected, Describe(*n));
  std::vector<std::string> days;
  for (const toml::node& item : *arr) {
    auto day = DayText(item);
    if (!day) return ctx->Fail(s.KeyPath("holidays"), expected, Describe(item));
    days.push_back(*day);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  cal->holidays = std::move(days);
}

const std::vector<std::string> kHalfDayKeys = {"date", "hours"};

void ReadHalfDays(Context* ctx, Section& s, CalendarSection* cal) {
  const toml::node* n = s.Get("half_days");
  if (ctx->failed() || n == nullptr) return;
  const char* expected = "an array of tables {date = 2026-02-23, hours = [\"09:00-14:00\"]}";
  const toml::array* arr = n->as_array();
  if (arr == nullptr) return ctx->Fail(s.KeyPath("half_days"), expected, Describe(*n));
  std::vector<HalfDay> days;
  for (size_t i = 0; i < arr->size() && !ctx->failed(); ++i) {
    std::string path = s.KeyPath("half_days") + "[" + std::to_string(i) + "]";
    const toml::table* t = (*arr)[i].as_table();
    if (t == nullptr) return ctx->Fail(path, expected, Describe((*arr)[i]));
    Section h(ctx, t, path, &kHalfDayKeys);
    const toml::node* date = h.Get("date");
    std::optional<std::string> day = date ? DayText(*date) : std::nullopt;
    if (!day) {
      return ctx->Fail(h.KeyPath("date"), "a date (2026-02-23 or \"2026-02-23\")",
                       date ? Describe(*date) : "nothing");
    }
    HalfDay half{*day, {}};
    ReadHours(ctx, h, "hours", &half.hours);
    h.CheckUnknown();
    days.push_back(std::move(half));
  }
  std::sort(days.begin(), days.end(),
            [](const HalfDay& a, const HalfDay& b) { return a.date < b.date; });
  for (size_t i = 1; i < days.size(); ++i) {
    if (days[i].date == days[i - 1].date) {
      return ctx->Fail(s.KeyPath("half_days"), "each date once", Quote(days[i].date) + " twice");
    }
  }
  cal->half_days = std::move(days);
}

void ReadCalendar(Context* ctx, const toml::table& root, Config* c) {
  static const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};
  Section s(ctx, SectionTable(ctx, root, "calendar"), "calendar", &kCalendarKeys);
  CalendarSection& cal = c->calendar;
  s.Str("time_zone", &cal.time_zone, [](const std::string& v) {
    return v.empty() ? nullptr : TimeZone(v);
  });
  for (int i = 0; i < 7; ++i) ReadHours(ctx, s, kDays[i], &cal.week[i]);
  ReadHolidays(ctx, s, &cal);
  ReadHalfDays(ctx, s, &cal);
  s.CheckUnknown();
  if (ctx->failed()) return;
  if (cal.time_zone.empty()) cal.time_zone = c->desk.time_zone;
  bool any = std::any_of(cal.week.begin(), cal.week.end(),
                         [](const std::vector<WorkingHours>& d) { return !d.empty(); });
  if (!any) ctx->Fail("calendar.monday", "working hours on at least one weekday", "none all week");
}

// ---- [sla] ----

void ReadTargets(Context* ctx, const toml::table* table, const std::string& path, SlaTargets* t) {
  Section s(ctx, table, path, &kSlaTargetKeys);
  s.Int("first_response_minutes", &t->first_response_minutes, 1, 525600);
  s.Int("in_work_working_days", &t->in_work_working_days, 1, 365);
  s.Int("resolution_working_days", &t->resolution_working_days, 1, 365);
  s.CheckUnknown();
}

// [<path>.priority]: tables "1".."4" over `levels` (already holding defaults).
void ReadLevels(Context* ctx, Section& parent, const std::string& path,
                std::array<SlaTargets, 4>* levels) {
  Section p(ctx, parent.Table("priority"), path + ".priority", &kSlaLevelKeys);
  for (int i = 0; i < 4 && !ctx->failed(); ++i) {
    std::string n = std::to_string(i + 1);
    ReadTargets(ctx, p.Table(n), p.KeyPath(n), &(*levels)[i]);
  }
  p.CheckUnknown();
}

void ReadSla(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "sla"), "sla", &kSlaKeys);
  ReadLevels(ctx, s, "sla", &c->sla.priority);
  const toml::table* queues = s.Table("queue");
  s.CheckUnknown();
  if (queues == nullptr || ctx->failed()) return;
  for (const auto& [k, v] : *queues) {
    std::string queue(k.str());
    std::string path = "sla.queue." + queue;
    if (const char* e = Word(queue)) return ctx->Fail(path, std::string("a queue name: ") + e, Quote(queue));
    if (!v.is_table()) return ctx->Fail(path, "a table", Describe(v));
    Section q(ctx, v.as_table(), path, &kSlaQueueKeys);
    std::array<SlaTargets, 4> levels = c->sla.priority;
    ReadLevels(ctx, q, path, &levels);
    q.CheckUnknown();
    if (ctx->failed()) return;
    c->sla.queue[queue] = levels;
  }
}

// ---- [priority], [reminders], [digest] ----

void ReadMatrix(Context* ctx, Section& s, PrioritySection* p) {
  const toml::node* n = s.Get("matrix");
  if (ctx->failed() || n == nullptr) return;
  const char* expected = "3 arrays (impact high..low) of 3 priorities 1-4 (urgency high..low)";
  const toml::array* rows = n->as_array();
  if (rows == nullptr || rows->size() != 3) return ctx->Fail(s.KeyPath("matrix"), expected, Describe(*n));
  for (size_t r = 0; r < 3; ++r) {
    const toml::array* row = (*rows)[r].as_array();
    if (row == nullptr || row->size() != 3) {
      return ctx->Fail(s.KeyPath("matrix"), expected, Describe((*rows)[r]));
    }
    for (size_t u = 0; u < 3; ++u) {
      const auto* i = (*row)[u].as_integer();
      if (i == nullptr || i->get() < 1 || i->get() > 4) {
        return ctx->Fail(s.KeyPath("matrix"), expected, Describe((*row)[u]));
      }
      p->matrix[r][u] = static_cast<int>(i->get());
    }
  }
}

const char* UrgentWord(const std::string& v) {
  if (v.empty() || v.size() > 100) return "a word or phrase (1 to 100 bytes)";
  for (char ch : v) {
    if (ch >= 'A' && ch <= 'Z') return "a lower-case word or phrase";
  }
  return nullptr;
}

void ReadPriority(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "priority"), "priority", &kPriorityKeys);
  PrioritySection& p = c->priority;
  ReadMatrix(ctx, s, &p);
  s.Int("default_urgency", &p.default_urgency, 1, 3);
  s.Int("default_impact", &p.default_impact, 1, 3);
  Section words(ctx, s.Table("urgent_words"), "priority.urgent_words", &kUrgentWordsKeys);
  for (const std::string& lang : kUrgentWordsKeys) {
    if (words.Get(lang) != nullptr) words.StrList(lang, &p.urgent_words[lang], UrgentWord);
  }
  words.CheckUnknown();
  s.CheckUnknown();
}

void ReadReminders(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "reminders"), "reminders", &kRemindersKeys);
  s.IntList("lead_percent", &c->reminders.lead_percent, 1, 99);
  s.IntList("lead_minutes", &c->reminders.lead_minutes, 1, 10080);
  s.CheckUnknown();
}

const char* WeekdayName(const std::string& v) {
  return std::any_of(std::begin(kWeekdays), std::end(kWeekdays),
                     [&](const char* d) { return v == d; })
             ? nullptr
             : "one of mon, tue, wed, thu, fri, sat, sun";
}

void ReadDigest(Context* ctx, const toml::table& root, Config* c) {
  Section s(ctx, SectionTable(ctx, root, "digest"), "digest", &kDigestKeys);
  DigestSection& d = c->digest;
  s.Int("technician_review_hour", &d.technician_review_hour, 0, 23);
  s.Int("technician_review_every_working_days", &d.technician_review_every_working_days, 1, 30);
  s.Bool("manager_daily", &d.manager_daily);
  s.Int("manager_daily_hour", &d.manager_daily_hour, 0, 23);
  s.Bool("manager_weekly", &d.manager_weekly);
  s.Str("manager_weekly_day", &d.manager_weekly_day, WeekdayName);
  s.Str("manager_address", &d.manager_address, AddressOrEmpty);
  s.CheckUnknown();
  if (!ctx->failed() && d.manager_address.empty()) d.manager_address = c->manager.address;
}

void CheckTopLevel(Context* ctx, const toml::table& root) {
  std::vector<std::string> known = {"desk",    "database", "mailbox", "smtp",     "technician",
                                    "manager", "limits",   "calendar", "sla",     "reminders",
                                    "digest",  "priority"};
  for (const auto& [k, v] : root) {
    std::string key(k.str());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      ctx->FailRaw(key, "unknown section (known: " + Join(known, ", ") + ")");
      return;
    }
  }
}

bool SameAddress(std::string_view a, std::string_view b) {
  return text::AsciiLower(a) == text::AsciiLower(b);
}

}  // namespace

bool IsKnownLanguage(std::string_view language) {
  return std::any_of(std::begin(kLanguages), std::end(kLanguages),
                     [&](const char* l) { return language == l; });
}

std::vector<std::string> ConfigKeyPaths() {
  std::vector<std::string> out;
  auto add = [&](const std::string& section, const std::vector<std::string>& keys) {
    for (const std::string& k : keys) out.push_back(section + "." + k);
  };
  add("desk", kDeskKeys);
  add("database", kDatabaseKeys);
  add("mailbox", kMailboxKeys);
  add("smtp", kSmtpKeys);
  add("technician", kTechnicianKeys);
  add("manager", kManagerKeys);
  add("limits", kLimitsKeys);
  add("calendar", kCalendarKeys);
  for (const std::string& level : kSlaLevelKeys) add("sla.priority." + level, kSlaTargetKeys);
  add("priority", {"matrix", "default_urgency", "default_impact"});
  add("priority.urgent_words", kUrgentWordsKeys);
  add("reminders", kRemindersKeys);
  add("digest", kDigestKeys);
  return out;
}

std::map<std::string, std::vector<std::string>> DefaultUrgentWords() {
  return {
      {"et", {"kiire", "kiiresti", "kiireloomuline", "pakiline", "hädaolukord", "avarii",
              "viivitamatult"}},
      {"ru", {"срочно", "срочный", "срочная", "срочное", "срочные", "авария", "аварийная",
              "немедленно", "критично"}},
      {"ro", {"urgent", "urgentă", "urgenta", "urgență", "urgenţă", "imediat",
              "avarie", "critic"}},
      {"en", {"urgent", "urgently", "asap", "emergency", "critical", "down", "outage",
              "immediately"}},
  };
}

const SlaTargets& SlaSection::For(const std::string& queue_name, int priority_level) const {
  size_t i = static_cast<size_t>(std::clamp(priority_level, 1, 4) - 1);
  auto it = queue.find(queue_name);
  return it != queue.end() ? it->second[i] : priority[i];
}

std::vector<std::string> PrioritySection::UrgentWordsFor(const std::string& language) const {
  std::vector<std::string> out;
  if (auto it = urgent_words.find(language); it != urgent_words.end()) out = it->second;
  if (language != "en") {
    if (auto it = urgent_words.find("en"); it != urgent_words.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
  return out;
}

std::string Config::MessageIdDomain() const {
  if (!desk.message_id_domain.empty()) return text::AsciiLower(desk.message_id_domain);
  size_t at = desk.address.rfind('@');
  return text::AsciiLower(at == std::string::npos ? std::string_view(desk.address)
                                                  : std::string_view(desk.address).substr(at + 1));
}

std::vector<const TechnicianSection*> Config::TechniciansOf(const std::string& queue) const {
  std::vector<const TechnicianSection*> out;
  for (const TechnicianSection& t : technicians) {
    if (t.queues.empty() || std::find(t.queues.begin(), t.queues.end(), queue) != t.queues.end()) {
      out.push_back(&t);
    }
  }
  return out;
}

const TechnicianSection* Config::TechnicianByAddress(const std::string& address) const {
  for (const TechnicianSection& t : technicians) {
    if (SameAddress(t.address, address)) return &t;
  }
  return nullptr;
}

const TechnicianSection* Config::TechnicianByName(const std::string& name) const {
  for (const TechnicianSection& t : technicians) {
    if (SameAddress(t.name, name)) return &t;
  }
  return nullptr;
}

Result<Config> ParseConfig(const std::string& toml_text, const std::string& file,
                           const std::string& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml_text, file);
  } catch (const toml::parse_error& e) {
    return Error::Config(file + ":" + std::to_string(e.source().begin.line) + ":" +
                         std::to_string(e.source().begin.column) + ": " +
                         std::string(e.description()));
  }
  Context ctx{file, base_dir, std::nullopt};
  Config config;
  config.file = file;
  CheckTopLevel(&ctx, root);
  ReadDesk(&ctx, root, &config);
  ReadDatabase(&ctx, root, &config);
  ReadMailboxes(&ctx, root, &config);
  ReadSmtp(&ctx, root, &config);
  ReadTechnicians(&ctx, root, &config);
  ReadManager(&ctx, root, &config);
  ReadLimits(&ctx, root, &config);
  ReadCalendar(&ctx, root, &config);
  ReadSla(&ctx, root, &config);
  ReadPriority(&ctx, root, &config);
  ReadReminders(&ctx, root, &config);
  ReadDigest(&ctx, root, &config);
  if (!ctx.error) {
    if (auto cal = BusinessCalendar::Create(config.calendar); !cal.ok()) {
      ctx.FailRaw("calendar", cal.error().message);
    }
  }
  if (ctx.error) return *ctx.error;
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Config(path + ": cannot read: " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  std::string base_dir = ec ? fs::path(path).parent_path().string()
                            : absolute.parent_path().string();
  return ParseConfig(buffer.str(), path, base_dir);
}

std::string GenerateSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    std::fputs("deskd: RAND_bytes failed: no secure random source\n", stderr);
    std::abort();
  }
  return hex::Encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

Status EnsureSecret(Config& config) {
  if (!config.secret.empty()) return Status::Ok();
  std::string where = config.file.empty() ? "(default config)" : config.file;
  if (!config.desk.secret_file.empty()) {
    return Error::Config(where + ": key `desk.secret_file`: expected a file holding a secret, got " +
                         Quote(config.desk.secret_file) + " (not read)");
  }
  fs::path db(config.database.path);
  if (config.database.path == ":memory:" || config.database.path.rfind("file:", 0) == 0) {
    // No database directory: a secret for this process only.
    config.secret = GenerateSecret();
    return Status::Ok();
  }
  fs::path dir = db.parent_path();
  fs::path secret_path = dir.empty() ? fs::path("secret") : dir / "secret";
  std::error_code ec;
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) return Error::Io(dir.string() + ": cannot create: " + ec.message());

  int fd = ::open(secret_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    std::string secret = GenerateSecret();
    std::string line = secret + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
      ::unlink(secret_path.c_str());
      return Error::Io(secret_path.string() + ": cannot write: " + std::strerror(errno));
    }
    config.secret = std::move(secret);
    return Status::Ok();
  }
  if (errno != EEXIST) {
    return Error::Io(secret_path.string() + ": cannot create: " + std::strerror(errno));
  }
  std::ifstream in(secret_path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) return Error::Io(secret_path.string() + ": cannot read: " + std::strerror(errno));
  std::string text = buffer.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.size() < 16) {
    return Error::Config(secret_path.string() + ": expected a secret of at least 16 bytes, got " +
                         std::to_string(text.size()) + " bytes");
  }
  config.secret = std::move(text);
  return Status::Ok();
}

Status ValidateForDaemon(const Config& config) {
  std::string where = config.file.empty() ? "(default config)" : config.file;
  if (config.mailboxes.empty()) {
    return Error::Config(where + ": key `mailbox`: expected at least one [[mailbox]], got none");
  }
  for (size_t i = 0; i < config.technicians.size(); ++i) {
    for (const std::string& q : config.technicians[i].queues) {
      bool served = std::any_of(config.mailboxes.begin(), config.mailboxes.end(),
                                [&](const MailboxSection& m) { return m.queue == q; });
      if (!served) {
        std::vector<std::string> queues;
        for (const MailboxSection& m : config.mailboxes) queues.push_back(m.queue);
        return Error::Config(where + ": key `technician[" + std::to_string(i) +
                             "].queues`: expected queues of the mailboxes (" +
                             Join(queues, ", ") + "), got " + Quote(q));
      }
    }
  }
  return Status::Ok();
}

const char* DefaultConfigToml() {
  return R"toml(# deskd's built-in configuration: the demo on a local mail stack
# (Dovecot IMAP on 127.0.0.1:14143, Postfix SMTP on 127.0.0.1:14025),
# SQLite under ./var/. Every other key keeps its default
# (see deskd.example.toml).

[desk]
name = "IT Support"
address = "support@itdesk.example"

[database]
path = "var/deskd.sqlite"

[[mailbox]]
url = "imap://127.0.0.1:14143"
user = "support@itdesk.example"
password_file = "var/support.password"
queue = "support"
poll_interval_seconds = 5

[smtp]
url = "smtp://127.0.0.1:14025"

[[technician]]
name = "maria"
display_name = "Maria Tamm"
address = "maria@itdesk.example"
queues = ["support"]
languages = ["et", "en"]

[[technician]]
name = "jaan"
display_name = "Jaan Kask"
address = "jaan@itdesk.example"
queues = ["support"]
languages = ["et", "ru", "en"]

[manager]
name = "Boss"
address = "boss@itdesk.example"
)toml";
}

}  // namespace deskd
