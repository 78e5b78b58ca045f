#include "daemon/config/config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace deskd {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            (std::string("deskd_config_test_") + info->name() + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string str() const { return path_.string(); }
  std::string Write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << text;
    return (path_ / rel).string();
  }

 private:
  fs::path path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The error message of parsing `text` as "deskd.toml" from `base_dir`.
std::string ErrorOf(const std::string& text, const std::string& base_dir = "") {
  Result<Config> c = ParseConfig(text, "deskd.toml", base_dir);
  if (c.ok()) return "(no error)";
  EXPECT_EQ(c.error().kind, Error::Kind::kConfig);
  return c.error().message;
}

const char kMailbox[] =
    "[[mailbox]]\nurl = \"imaps://imap.example.org\"\nuser = \"support@example.org\"\n";

TEST(Config, EmptyTextGivesStructDefaults) {
  Result<Config> c = ParseConfig("", "deskd.toml", "");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->file, "deskd.toml");
  EXPECT_EQ(c->desk, DeskSection{});
  EXPECT_EQ(c->database, DatabaseSection{});
  EXPECT_EQ(c->smtp, SmtpSection{});
  EXPECT_EQ(c->manager, ManagerSection{});
  EXPECT_EQ(c->limits, LimitsSection{});
  EXPECT_TRUE(c->mailboxes.empty());
  EXPECT_TRUE(c->technicians.empty());
  EXPECT_TRUE(c->secret.empty());
}

TEST(Config, ExampleFileEqualsDefaults) {
  TempDir dir;
  dir.Write("imap.password", "imap-pw\n");
  std::string text = ReadFile(DESKD_SOURCE_DIR "/deskd.example.toml");
  ASSERT_FALSE(text.empty());
  Result<Config> example = ParseConfig(text, "deskd.example.toml", dir.str());
  ASSERT_TRUE(example.ok()) << example.error().message;
  Result<Config> defaults = ParseConfig("", "deskd.example.toml", dir.str());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(example->desk, defaults->desk);
  EXPECT_EQ(example->database, defaults->database);
  EXPECT_EQ(example->smtp, defaults->smtp);
  EXPECT_EQ(example->manager, defaults->manager);
  EXPECT_EQ(example->limits, defaults->limits);
  EXPECT_EQ(example->sla, defaults->sla);
  EXPECT_EQ(example->priority, defaults->priority);
  EXPECT_EQ(example->reminders, defaults->reminders);
  EXPECT_EQ(example->digest, defaults->digest);
  // The calendar's holidays and half days are an example (Estonia); the rest is default.
  EXPECT_EQ(example->calendar.time_zone, defaults->calendar.time_zone);
  EXPECT_EQ(example->calendar.week, defaults->calendar.week);
  EXPECT_EQ(example->calendar.holidays.size(), 24u);
  EXPECT_EQ(example->calendar.half_days.size(), 6u);
  EXPECT_TRUE(defaults->calendar.holidays.empty());

  // [[mailbox]] and [[technician]] have no default entry; the example's
  // entries hold the defaults wherever a key has one.
  ASSERT_EQ(example->mailboxes.size(), 1u);
  MailboxSection m = example->mailboxes[0];
  MailboxSection expected;
  expected.name = expected.queue;
  expected.url = m.url;
  expected.user = m.user;
  expected.password_file = (fs::path(dir.str()) / "imap.password").string();
  EXPECT_EQ(m, expected);
  EXPECT_EQ(example->mailbox_passwords, std::vector<std::string>{"imap-pw"});
  ASSERT_EQ(example->technicians.size(), 1u);
  EXPECT_TRUE(example->technicians[0].queues.empty());
  EXPECT_TRUE(example->technicians[0].languages.empty());
}

TEST(Config, ExampleFileDocumentsEveryKeyWithAComment) {
  std::string path = DESKD_SOURCE_DIR "/deskd.example.toml";
  toml::table root = toml::parse_file(path);
  std::set<std::string> in_example;
  // Keys of nested tables ([sla.priority.1]) as "sla.priority.1.key".
  std::function<void(const std::string&, const toml::table&)> collect =
      [&](const std::string& prefix, const toml::table& t) {
        for (const auto& [key, value] : t) {
          std::string path = prefix + "." + std::string(key.str());
          if (const toml::table* sub = value.as_table()) {
            collect(path, *sub);
          } else {
            in_example.insert(path);
          }
        }
      };
  for (const auto& [section, node] : root) {
    const toml::table* t = node.as_table();
    if (const toml::array* a = node.as_array()) t = a->empty() ? nullptr : (*a)[0].as_table();
    ASSERT_NE(t, nullptr) << section.str();
    collect(std::string(section.str()), *t);
  }
  std::vector<std::string> keys = ConfigKeyPaths();
  EXPECT_EQ(in_example, std::set<std::string>(keys.begin(), keys.end()));
  EXPECT_EQ(keys.size(), 10u + 1u + 12u + 9u + 5u + 2u + 4u + 10u + 12u + 7u + 2u + 7u);

  // Each key line follows a comment line.
  std::istringstream lines(ReadFile(path));
  std::string line, previous;
  int key_lines = 0;
  while (std::getline(lines, line)) {
    // Lines starting with a space or ']' continue a multi-line array.
    if (!line.empty() && line[0] != '#' && line[0] != '[' && line[0] != ' ' && line[0] != ']') {
      ++key_lines;
      EXPECT_EQ(previous.rfind("# ", 0), 0u) << "no comment above: " << line;
    }
    previous = line;
  }
  EXPECT_EQ(key_lines, static_cast<int>(keys.size()));
}

TEST(Config, EmbeddedDefaultConfig) {
  TempDir dir;
  // Without the password file the demo writes, the error names the key.
  std::string err = ErrorOf(DefaultConfigToml(), dir.str());
  EXPECT_EQ(err.rfind("deskd.toml: key `mailbox[0].password_file`: expected a readable file, got \"" +
                          dir.str() + "/var/support.password\"",
                      0),
            0u)
      << err;

  dir.Write("var/support.password", "pw\n");
  Result<Config> c = ParseConfig(DefaultConfigToml(), "(default)", dir.str());
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->desk.address, "support@itdesk.example");
  EXPECT_EQ(c->database.path, dir.str() + "/var/deskd.sqlite");
  ASSERT_EQ(c->mailboxes.size(), 1u);
  EXPECT_EQ(c->mailboxes[0].url, "imap://127.0.0.1:14143");
  EXPECT_EQ(c->mailboxes[0].user, "support@itdesk.example");
  EXPECT_EQ(c->mailboxes[0].queue, "support");
  EXPECT_EQ(c->mailbox_passwords[0], "pw");
  EXPECT_EQ(c->smtp.url, "smtp://127.0.0.1:14025");
  ASSERT_EQ(c->technicians.size(), 2u);
  EXPECT_EQ(c->technicians[0].address, "maria@itdesk.example");
  EXPECT_EQ(c->technicians[1].address, "jaan@itdesk.example");
  EXPECT_EQ(c->TechniciansOf("support").size(), 2u);
  EXPECT_EQ(c->manager.address, "boss@itdesk.example");
  EXPECT_TRUE(ValidateForDaemon(*c).ok());
}

TEST(Config, ReadsEverySection) {
  TempDir dir;
  dir.Write("secrets/smtp.password", "smtp-pw\r\n\n");
  dir.Write("secrets/hmac", "0123456789abcdef0123\n");
  std::string text = R"(
[desk]
name = "Tugi"
address = "tugi@firma.ee"
prefix = "Tugi"
secret_file = "secrets/hmac"
default_language = "et"
time_zone = "Europe/Bucharest"
message_id_domain = "mail.firma.ee"
templates_dir = "/etc/deskd/templates"
reopen_window_days = 0
first_ticket_number = 1

[database]
path = "/var/lib/deskd/deskd.sqlite"

[[mailbox]]
name = "tugi-in"
url = "imaps://imap.firma.ee:993"
user = "tugi"
folder = "Tugi"
queue = "it"
poll_interval_seconds = 1
idle = true
after_processing = "move"
move_to = "Done"
tls_verify = false
ca_file = "ca.pem"

[[mailbox]]
url = "imap://127.0.0.1:143"
user = "hr"
queue = "hr"

[smtp]
url = "smtps://smtp.firma.ee:465"
user = "tugi"
password_file = "secrets/smtp.password"
tls_verify = false
ca_file = "/etc/ssl/ca.pem"
timeout_seconds = 5
retry_initial_seconds = 10
retry_max_seconds = 10
max_attempts = 3

[[technician]]
name = "maria"
address = "Maria@Firma.ee"
queues = ["it", "hr"]
languages = ["et", "ru"]

[manager]
name = "Juht"
address = "juht@firma.ee"

[limits]
max_auto_mails_per_address_per_day = 0
max_mail_bytes = 1024
max_mime_parts = 1
max_mime_depth = 1
)";
  Result<Config> c = ParseConfig(text, "deskd.toml", dir.str());
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->desk.name, "Tugi");
  EXPECT_EQ(c->desk.prefix, "Tugi");
  EXPECT_EQ(c->desk.secret_file, dir.str() + "/secrets/hmac");
  EXPECT_EQ(c->secret, "0123456789abcdef0123");
  EXPECT_EQ(c->desk.default_language, "et");
  EXPECT_EQ(c->desk.time_zone, "Europe/Bucharest");
  EXPECT_EQ(c->MessageIdDomain(), "mail.firma.ee");
  EXPECT_EQ(c->desk.templates_dir, "/etc/deskd/templates");
  EXPECT_EQ(c->desk.reopen_window_days, 0);
  EXPECT_EQ(c->desk.first_ticket_number, 1);
  EXPECT_EQ(c->database.path, "/var/lib/deskd/deskd.sqlite");
  ASSERT_EQ(c->mailboxes.size(), 2u);
  const MailboxSection& m = c->mailboxes[0];
  EXPECT_EQ(m.name, "tugi-in");
  EXPECT_EQ(m.folder, "Tugi");
  EXPECT_EQ(m.queue, "it");
  EXPECT_EQ(m.poll_interval_seconds, 1);
  EXPECT_TRUE(m.idle);
  EXPECT_EQ(m.after_processing, "move");
  EXPECT_EQ(m.move_to, "Done");
  EXPECT_FALSE(m.tls_verify);
  EXPECT_EQ(m.ca_file, dir.str() + "/ca.pem");
  EXPECT_EQ(c->mailboxes[1].name, "hr");  // "" = the queue name
  EXPECT_EQ(c->mailbox_passwords, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(c->smtp.url, "smtps://smtp.firma.ee:465");
  EXPECT_EQ(c->smtp_password, "smtp-pw");
  EXPECT_EQ(c->smtp.ca_file, "/etc/ssl/ca.pem");
  EXPECT_EQ(c->smtp.timeout_seconds, 5);
  EXPECT_EQ(c->smtp.retry_max_seconds, 10);
  EXPECT_EQ(c->smtp.max_attempts, 3);
  ASSERT_EQ(c->technicians.size(), 1u);
  EXPECT_EQ(c->technicians[0].display_name, "maria");  // "" = name
  EXPECT_EQ(c->technicians[0].queues, (std::vector<std::string>{"it", "hr"}));
  EXPECT_EQ(c->technicians[0].languages, (std::vector<std::string>{"et", "ru"}));
  EXPECT_EQ(c->manager.address, "juht@firma.ee");
  EXPECT_EQ(c->limits.max_auto_mails_per_address_per_day, 0);
  EXPECT_EQ(c->limits.max_mail_bytes, 1024);
  EXPECT_TRUE(ValidateForDaemon(*c).ok());
}

TEST(Config, ErrorMessagesNameFileKeyExpectationAndValue) {
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {"[[mailbox]]\nurl = \"http://x\"\nuser = \"u\"\n",
       "deskd.toml: key `mailbox[0].url`: expected an imap:// or imaps:// URL, got \"http://x\""},
      {"[[mailbox]]\nuser = \"u\"\n",
       "deskd.toml: key `mailbox[0].url`: expected an imap:// or imaps:// URL, got nothing"},
      {"[[mailbox]]\nurl = 143\nuser = \"u\"\n",
       "deskd.toml: key `mailbox[0].url`: expected an imap:// or imaps:// URL, got 143"},
      {"[[mailbox]]\nurl = \"imap://\"\nuser = \"u\"\n",
       "deskd.toml: key `mailbox[0].url`: expected an imap:// or imaps:// URL, got \"imap://\""},
      {std::string(kMailbox) + "poll_interval_seconds = 0\n",
       "deskd.toml: key `mailbox[0].poll_interval_seconds`: expected an integer from 1 to 86400, got 0"},
      {std::string(kMailbox) + "poll_interval_seconds = \"30\"\n",
       "deskd.toml: key `mailbox[0].poll_interval_seconds`: expected an integer from 1 to 86400, got \"30\""},
      {std::string(kMailbox) + "after_processing = \"delete\"\n",
       "deskd.toml: key `mailbox[0].after_processing`: expected \"seen\" or \"move\", got \"delete\""},
      {std::string(kMailbox) + "idle = \"yes\"\n",
       "deskd.toml: key `mailbox[0].idle`: expected true or false, got \"yes\""},
      {std::string(kMailbox) + "folder = \"\"\n",
       "deskd.toml: key `mailbox[0].folder`: expected a non-empty string, got \"\""},
      {"[smtp]\nurl = \"imap://x\"\n",
       "deskd.toml: key `smtp.url`: expected an smtp:// or smtps:// URL, got \"imap://x\""},
      {"[smtp]\nretry_initial_seconds = 60\nretry_max_seconds = 30\n",
       "deskd.toml: key `smtp.retry_max_seconds`: expected an integer >= smtp.retry_initial_seconds (60), got 30"},
      {"[desk]\naddress = \"support at itdesk\"\n",
       "deskd.toml: key `desk.address`: expected an email address (one '@', no whitespace), got \"support at itdesk\""},
      {"[desk]\naddress = \"a@b@c\"\n",
       "deskd.toml: key `desk.address`: expected an email address (one '@', no whitespace), got \"a@b@c\""},
      {"[desk]\naddress = \"a @b.c\"\n",
       "deskd.toml: key `desk.address`: expected an email address (one '@', no whitespace), got \"a @b.c\""},
      {"[desk]\ndefault_language = \"fi\"\n",
       "deskd.toml: key `desk.default_language`: expected one of et, ru, ro, en, got \"fi\""},
      {"[desk]\ntime_zone = \"Europe/Talinn\"\n",
       "deskd.toml: key `desk.time_zone`: expected an IANA time zone such as Europe/Tallinn, got \"Europe/Talinn\""},
      {"[desk]\nprefix = \"Ticket #\"\n",
       "deskd.toml: key `desk.prefix`: expected letters, digits, '-' or '_' (1 to 32), got \"Ticket #\""},
      {"[desk]\nfirst_ticket_number = 0\n",
       "deskd.toml: key `desk.first_ticket_number`: expected an integer from 1 to 2147483647, got 0"},
      {"[desk]\nname = [\"a\"]\n",
       "deskd.toml: key `desk.name`: expected a non-empty string, got an array"},
      {"[desk]\nreopen_window_days = 1.5\n",
       "deskd.toml: key `desk.reopen_window_days`: expected an integer from 0 to 36500, got 1.5"},
      {"[limits]\nmax_mail_bytes = 10\n",
       "deskd.toml: key `limits.max_mail_bytes`: expected an integer >= 1024, got 10"},
      {"[[technician]]\nname = \"maria\"\naddress = \"m@x.org\"\nlanguages = [\"et\", \"fi\"]\n",
       "deskd.toml: key `technician[0].languages`: expected one of et, ru, ro, en, got \"fi\""},
      {"[[technician]]\nname = \"maria\"\naddress = \"m@x.org\"\nqueues = \"support\"\n",
       "deskd.toml: key `technician[0].queues`: expected an array of strings, each letters, digits, "
       "'.', '-' or '_' (1 to 64), got \"support\""},
      {"[[technician]]\naddress = \"m@x.org\"\n",
       "deskd.toml: key `technician[0].name`: expected letters, digits, '.', '-' or '_' (1 to 64), got nothing"},
      {"[[technician]]\nname = \"maria\"\naddress = \"support@itdesk.example\"\n",
       "deskd.toml: key `technician[0].address`: expected an address other than desk.address, got "
       "\"support@itdesk.example\""},
      {"[[technician]]\nname = \"maria\"\naddress = \"m@x.org\"\n[[technician]]\nname = \"Maria\"\naddress = \"n@x.org\"\n",
       "deskd.toml: key `technician[1].name`: expected a name no other technician has, got \"Maria\""},
      {"[[technician]]\nname = \"a\"\naddress = \"m@x.org\"\n[[technician]]\nname = \"b\"\naddress = \"M@X.org\"\n",
       "deskd.toml: key `technician[1].address`: expected an address no other technician has, got \"M@X.org\""},
      {std::string(kMailbox) + kMailbox,
       "deskd.toml: key `mailbox[1].name`: expected a name no other mailbox has (\"\" = the queue name), got \"support\""},
      {"[manager]\naddress = \"boss\"\n",
       "deskd.toml: key `manager.address`: expected an email address (one '@', no whitespace) or \"\", got \"boss\""},
      {"[mailbox]\nurl = \"imaps://x\"\n",
       "deskd.toml: key `mailbox`: expected an array of tables ([[mailbox]]), got a table"},
      {"desk = 5\n", "deskd.toml: key `desk`: expected a table ([desk]), got 5"},
      {"[desk]\nnmae = \"x\"\n",
       "deskd.toml: key `desk.nmae`: unknown key (known: name, address, prefix, secret_file, "
       "default_language, time_zone, message_id_domain, templates_dir, reopen_window_days, "
       "first_ticket_number)"},
      {std::string(kMailbox) + "pasword_file = \"x\"\n",
       "deskd.toml: key `mailbox[0].pasword_file`: unknown key (known: name, url, user, password_file, "
       "folder, queue, poll_interval_seconds, idle, after_processing, move_to, tls_verify, ca_file)"},
      {"[databse]\npath = \"x\"\n",
       "deskd.toml: key `databse`: unknown section (known: desk, database, mailbox, smtp, technician, "
       "manager, limits, calendar, sla, reminders, digest, priority)"},
      {"name = \"x\"\n",
       "deskd.toml: key `name`: unknown section (known: desk, database, mailbox, smtp, technician, "
       "manager, limits, calendar, sla, reminders, digest, priority)"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ErrorOf(c.text), c.message) << c.text;
  }
}

TEST(Config, TomlSyntaxErrorHasLineAndColumn) {
  std::string err = ErrorOf("[desk]\nname = \"unterminated\n");
  EXPECT_EQ(err.rfind("deskd.toml:2:", 0), 0u) << err;
  err = ErrorOf("[desk]\nname = \"a\"\nname = \"b\"\n");  // duplicate key
  EXPECT_EQ(err.rfind("deskd.toml:3:", 0), 0u) << err;
}

TEST(Config, ServiceLevelDefaults) {
  Result<Config> c = ParseConfig("[desk]\ntime_zone = \"Europe/Riga\"\n[manager]\naddress = "
                                 "\"boss@example.org\"\n",
                                 "deskd.toml", "");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->calendar.time_zone, "Europe/Riga");  // from [desk]
  EXPECT_EQ(c->calendar.week[0], (std::vector<WorkingHours>{{540, 1020}}));
  EXPECT_TRUE(c->calendar.week[5].empty());
  EXPECT_EQ(c->sla.For("support", 1).first_response_minutes, 60);
  EXPECT_EQ(c->sla.For("support", 3).first_response_minutes, 1440);
  EXPECT_EQ(c->sla.For("support", 4).in_work_working_days, 2);
  EXPECT_EQ(c->sla.For("support", 2).resolution_working_days, 3);
  EXPECT_EQ(c->sla.For("support", 9).first_response_minutes, 1440);  // clamped to 4
  EXPECT_EQ(c->sla.For("support", 0).first_response_minutes, 60);    // clamped to 1
  EXPECT_EQ(c->priority.matrix[0][0], 1);
  EXPECT_EQ(c->priority.matrix[2][2], 4);
  EXPECT_EQ(c->priority.default_urgency, 2);
  EXPECT_EQ(c->reminders.lead_percent, std::vector<int>{75});
  EXPECT_EQ(c->reminders.lead_minutes, std::vector<int>{60});
  EXPECT_EQ(c->digest.manager_address, "boss@example.org");  // from [manager]
  std::vector<std::string> et = c->priority.UrgentWordsFor("et");
  EXPECT_NE(std::find(et.begin(), et.end(), "kiire"), et.end());
  EXPECT_NE(std::find(et.begin(), et.end(), "asap"), et.end());  // English too
  std::vector<std::string> ru = c->priority.UrgentWordsFor("ru");
  EXPECT_NE(std::find(ru.begin(), ru.end(), "срочно"), ru.end());
  EXPECT_EQ(std::find(ru.begin(), ru.end(), "kiire"), ru.end());
}

TEST(Config, ServiceLevelSections) {
  Result<Config> c = ParseConfig(R"(
[calendar]
time_zone = "Europe/Tallinn"
monday = ["08:00-12:00", "13:00-17:00"]
saturday = ["10:00-14:00"]
holidays = [2026-12-25, "2026-01-01"]
half_days = [{ date = 2026-12-23, hours = ["09:00-14:00"] }, { date = "2026-12-31", hours = [] }]
[sla.priority.1]
first_response_minutes = 30
[sla.priority.3]
resolution_working_days = 5
[sla.queue.servers.priority.1]
first_response_minutes = 15
[priority]
matrix = [[1, 1, 2], [2, 3, 3], [3, 4, 4]]
default_urgency = 3
default_impact = 1
[priority.urgent_words]
et = ["põleb"]
[reminders]
lead_percent = [50, 90]
lead_minutes = []
[digest]
technician_review_hour = 10
technician_review_every_working_days = 1
manager_daily = false
manager_weekly_day = "fri"
manager_address = "head@example.org"
)",
                                 "deskd.toml", "");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->calendar.week[0], (std::vector<WorkingHours>{{480, 720}, {780, 1020}}));
  EXPECT_EQ(c->calendar.week[1], (std::vector<WorkingHours>{{540, 1020}}));  // default kept
  EXPECT_EQ(c->calendar.week[5], (std::vector<WorkingHours>{{600, 840}}));
  EXPECT_EQ(c->calendar.holidays, (std::vector<std::string>{"2026-01-01", "2026-12-25"}));
  ASSERT_EQ(c->calendar.half_days.size(), 2u);
  EXPECT_EQ(c->calendar.half_days[0].date, "2026-12-23");
  EXPECT_EQ(c->calendar.half_days[0].hours, (std::vector<WorkingHours>{{540, 840}}));
  EXPECT_TRUE(c->calendar.half_days[1].hours.empty());
  EXPECT_EQ(c->sla.For("support", 1), (SlaTargets{30, 2, 3}));
  EXPECT_EQ(c->sla.For("support", 3), (SlaTargets{1440, 2, 5}));
  // A queue's override: keys left out take [sla.priority.N].
  EXPECT_EQ(c->sla.For("servers", 1), (SlaTargets{15, 2, 3}));
  EXPECT_EQ(c->sla.For("servers", 3), (SlaTargets{1440, 2, 5}));
  EXPECT_EQ(c->priority.matrix[0][1], 1);
  EXPECT_EQ(c->priority.default_urgency, 3);
  EXPECT_EQ(c->priority.default_impact, 1);
  EXPECT_EQ(c->priority.urgent_words.at("et"), std::vector<std::string>{"põleb"});
  EXPECT_FALSE(c->priority.urgent_words.at("ru").empty());  // untouched default
  EXPECT_EQ(c->reminders.lead_percent, (std::vector<int>{50, 90}));
  EXPECT_TRUE(c->reminders.lead_minutes.empty());
  EXPECT_EQ(c->digest.technician_review_hour, 10);
  EXPECT_EQ(c->digest.technician_review_every_working_days, 1);
  EXPECT_FALSE(c->digest.manager_daily);
  EXPECT_TRUE(c->digest.manager_weekly);
  EXPECT_EQ(c->digest.manager_weekly_day, "fri");
  EXPECT_EQ(c->digest.manager_address, "head@example.org");
}

TEST(Config, ServiceLevelErrorsNameKeyAndExpectation) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[calendar]\ntime_zone = \"Mars/Olympus\"\n",
       "deskd.toml: key `calendar.time_zone`: expected an IANA time zone such as Europe/Tallinn, "
       "got \"Mars/Olympus\""},
      {"[calendar]\nmonday = [\"9-17\"]\n",
       "deskd.toml: key `calendar.monday`: expected a range \"HH:MM-HH:MM\" (start before end, "
       "24:00 allowed as end), got \"9-17\""},
      {"[calendar]\ntuesday = [\"17:00-09:00\"]\n",
       "deskd.toml: key `calendar.tuesday`: expected a range \"HH:MM-HH:MM\" (start before end, "
       "24:00 allowed as end), got \"17:00-09:00\""},
      {"[calendar]\nfriday = [\"13:00-17:00\", \"09:00-14:00\"]\n",
       "deskd.toml: key `calendar.friday`: expected ranges in order, not overlapping, got "
       "\"13:00-17:00\" then \"09:00-14:00\""},
      {"[calendar]\nmonday = []\ntuesday = []\nwednesday = []\nthursday = []\nfriday = []\n",
       "deskd.toml: key `calendar.monday`: expected working hours on at least one weekday, got "
       "none all week"},
      {"[calendar]\nholidays = [\"2026-02-30\"]\n",
       "deskd.toml: key `calendar.holidays`: expected an array of dates (2026-02-24 or "
       "\"2026-02-24\"), got \"2026-02-30\""},
      {"[calendar]\nholidays = \"2026-02-24\"\n",
       "deskd.toml: key `calendar.holidays`: expected an array of dates (2026-02-24 or "
       "\"2026-02-24\"), got \"2026-02-24\""},
      {"[calendar]\nhalf_days = [{ date = 2026-02-23 }, { hours = [] }]\n",
       "deskd.toml: key `calendar.half_days[1].date`: expected a date (2026-02-23 or "
       "\"2026-02-23\"), got nothing"},
      {"[calendar]\nhalf_days = [{ date = 2026-02-23, hour = [] }]\n",
       "deskd.toml: key `calendar.half_days[0].hour`: unknown key (known: date, hours)"},
      {"[calendar]\nweekly = 1\n",
       "deskd.toml: key `calendar.weekly`: unknown key (known: time_zone, monday, tuesday, "
       "wednesday, thursday, friday, saturday, sunday, holidays, half_days)"},
      {"[sla.priority.5]\nfirst_response_minutes = 1\n",
       "deskd.toml: key `sla.priority.5`: unknown key (known: 1, 2, 3, 4)"},
      {"[sla.priority.1]\nfirst_response_minutes = \"1h\"\n",
       "deskd.toml: key `sla.priority.1.first_response_minutes`: expected an integer from 1 to "
       "525600, got \"1h\""},
      {"[sla.priority.2]\nin_work_working_days = 0\n",
       "deskd.toml: key `sla.priority.2.in_work_working_days`: expected an integer from 1 to 365, "
       "got 0"},
      {"[sla.priority.2]\nresolution_days = 3\n",
       "deskd.toml: key `sla.priority.2.resolution_days`: unknown key (known: "
       "first_response_minutes, in_work_working_days, resolution_working_days)"},
      {"[sla.queue.servers.priority.1]\nfirst_response = 1\n",
       "deskd.toml: key `sla.queue.servers.priority.1.first_response`: unknown key (known: "
       "first_response_minutes, in_work_working_days, resolution_working_days)"},
      {"[sla.queue.servers]\nlevel = 1\n",
       "deskd.toml: key `sla.queue.servers.level`: unknown key (known: priority)"},
      {"[sla]\npriority = 1\n", "deskd.toml: key `sla.priority`: expected a table, got 1"},
      {"[priority]\nmatrix = [[1, 2, 3], [2, 3, 4]]\n",
       "deskd.toml: key `priority.matrix`: expected 3 arrays (impact high..low) of 3 priorities "
       "1-4 (urgency high..low), got an array"},
      {"[priority]\nmatrix = [[1, 2, 3], [2, 3, 4], [3, 4, 5]]\n",
       "deskd.toml: key `priority.matrix`: expected 3 arrays (impact high..low) of 3 priorities "
       "1-4 (urgency high..low), got 5"},
      {"[priority]\ndefault_urgency = 4\n",
       "deskd.toml: key `priority.default_urgency`: expected an integer from 1 to 3, got 4"},
      {"[priority.urgent_words]\nde = [\"dringend\"]\n",
       "deskd.toml: key `priority.urgent_words.de`: unknown key (known: et, ru, ro, en)"},
      {"[priority.urgent_words]\nen = [\"ASAP\"]\n",
       "deskd.toml: key `priority.urgent_words.en`: expected a lower-case word or phrase, got "
       "\"ASAP\""},
      {"[reminders]\nlead_percent = [0.75]\n",
       "deskd.toml: key `reminders.lead_percent`: expected an array of integers from 1 to 99, got "
       "0.75"},
      {"[reminders]\nlead_minutes = 60\n",
       "deskd.toml: key `reminders.lead_minutes`: expected an array of integers from 1 to 10080, "
       "got 60"},
      {"[digest]\nmanager_weekly_day = \"monday\"\n",
       "deskd.toml: key `digest.manager_weekly_day`: expected one of mon, tue, wed, thu, fri, sat, "
       "sun, got \"monday\""},
      {"[digest]\ntechnician_review_hour = 24\n",
       "deskd.toml: key `digest.technician_review_hour`: expected an integer from 0 to 23, got 24"},
      {"[digest]\nmanager_address = \"boss\"\n",
       "deskd.toml: key `digest.manager_address`: expected an email address (one '@', no "
       "whitespace) or \"\", got \"boss\""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ErrorOf(c.text), c.message) << c.text;
  }
}

TEST(Config, RelativePathsResolvedAgainstBaseDir) {
  Result<Config> c = ParseConfig(
      std::string("[database]\npath = \"data/../db/deskd.sqlite\"\n[desk]\ntemplates_dir = "
                  "\"tpl\"\n"),
      "deskd.toml", "/etc/deskd");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->database.path, "/etc/deskd/db/deskd.sqlite");
  EXPECT_EQ(c->desk.templates_dir, "/etc/deskd/tpl");
  EXPECT_EQ(c->desk.secret_file, "");  // "" stays "" (generated)

  c = ParseConfig("[database]\npath = \"/srv/deskd.sqlite\"\n", "deskd.toml", "/etc/deskd");
  EXPECT_EQ(c->database.path, "/srv/deskd.sqlite");
  c = ParseConfig("[database]\npath = \":memory:\"\n", "deskd.toml", "/etc/deskd");
  EXPECT_EQ(c->database.path, ":memory:");
  c = ParseConfig("", "deskd.toml", "");  // no base: left relative
  EXPECT_EQ(c->database.path, "var/deskd.sqlite");
}

TEST(Config, SecretFiles) {
  TempDir dir;
  dir.Write("short", "abc\n");
  EXPECT_EQ(ErrorOf("[desk]\nsecret_file = \"short\"\n", dir.str()),
            "deskd.toml: key `desk.secret_file`: expected a file holding a secret of at least 16 "
            "bytes, got \"" + dir.str() + "/short\" (3 bytes)");
  EXPECT_EQ(ErrorOf("[desk]\nsecret_file = \"missing\"\n", dir.str()),
            "deskd.toml: key `desk.secret_file`: expected a readable file, got \"" + dir.str() +
                "/missing\" (No such file or directory)");
  EXPECT_EQ(ErrorOf("[smtp]\npassword_file = \"nope\"\n", dir.str()),
            "deskd.toml: key `smtp.password_file`: expected a readable file, got \"" + dir.str() +
                "/nope\" (No such file or directory)");
  dir.Write("pw", "with spaces kept \n");
  Result<Config> c = ParseConfig(std::string(kMailbox) + "password_file = \"pw\"\n", "x", dir.str());
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->mailbox_passwords[0], "with spaces kept ");
}

TEST(Config, EnsureSecretCreatesOnceAndRereads) {
  TempDir dir;
  Result<Config> c = ParseConfig("", "deskd.toml", dir.str() + "/state");
  ASSERT_TRUE(c.ok());
  Config first = *c;
  ASSERT_TRUE(EnsureSecret(first).ok());
  EXPECT_EQ(first.secret.size(), 64u);
  std::string path = dir.str() + "/state/var/secret";
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(ReadFile(path), first.secret + "\n");

  Config second = *c;
  ASSERT_TRUE(EnsureSecret(second).ok());
  EXPECT_EQ(second.secret, first.secret);

  Config preset = *c;
  preset.secret = "already-set-secret-value";
  ASSERT_TRUE(EnsureSecret(preset).ok());
  EXPECT_EQ(preset.secret, "already-set-secret-value");

  dir.Write("state/var/secret", "short\n");
  Config bad = *c;
  Status s = EnsureSecret(bad);
  EXPECT_FALSE(s.ok());
}

TEST(Config, LoadConfigFromFile) {
  TempDir dir;
  std::string path = dir.Write("etc/deskd.toml", "[database]\npath = \"db.sqlite\"\n");
  Result<Config> c = LoadConfig(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->file, path);
  EXPECT_EQ(c->database.path, dir.str() + "/etc/db.sqlite");

  Result<Config> missing = LoadConfig(dir.str() + "/nope.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kConfig);
  EXPECT_EQ(missing.error().message.rfind(dir.str() + "/nope.toml: ", 0), 0u);

  dir.Write("etc/bad.toml", "[desk]\nprefix = \"\"\n");
  Result<Config> bad = LoadConfig(dir.str() + "/etc/bad.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind(dir.str() + "/etc/bad.toml: key `desk.prefix`", 0), 0u)
      << bad.error().message;
}

TEST(Config, ValidateForDaemon) {
  Result<Config> none = ParseConfig("", "deskd.toml", "");
  ASSERT_TRUE(none.ok());
  Status s = ValidateForDaemon(*none);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "deskd.toml: key `mailbox`: expected at least one [[mailbox]], got none");

  Result<Config> stray = ParseConfig(std::string(kMailbox) +
                                         "[[technician]]\nname = \"m\"\naddress = \"m@x.org\"\n"
                                         "queues = [\"suport\"]\n",
                                     "deskd.toml", "");
  ASSERT_TRUE(stray.ok()) << stray.error().message;
  s = ValidateForDaemon(*stray);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "deskd.toml: key `technician[0].queues`: expected queues of the mailboxes (support), "
            "got \"suport\"");
}

TEST(Config, Lookups) {
  Result<Config> c = ParseConfig(R"(
[desk]
address = "Support@ITDesk.example"
[[technician]]
name = "maria"
address = "maria@itdesk.example"
queues = ["network"]
[[technician]]
name = "jaan"
display_name = "Jaan Kask"
address = "jaan@itdesk.example"
)",
                                 "deskd.toml", "");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->MessageIdDomain(), "itdesk.example");
  ASSERT_NE(c->TechnicianByAddress("MARIA@itdesk.example"), nullptr);
  EXPECT_EQ(c->TechnicianByAddress("MARIA@itdesk.example")->name, "maria");
  EXPECT_EQ(c->TechnicianByAddress("nobody@itdesk.example"), nullptr);
  ASSERT_NE(c->TechnicianByName("Jaan"), nullptr);
  EXPECT_EQ(c->TechnicianByName("Jaan")->display_name, "Jaan Kask");
  EXPECT_EQ(c->TechnicianByName("peeter"), nullptr);
  auto network = c->TechniciansOf("network");
  ASSERT_EQ(network.size(), 2u);  // maria serves it, jaan serves all
  auto support = c->TechniciansOf("support");
  ASSERT_EQ(support.size(), 1u);
  EXPECT_EQ(support[0]->name, "jaan");
}

TEST(Config, KnownLanguages) {
  for (const char* l : {"et", "ru", "ro", "en"}) EXPECT_TRUE(IsKnownLanguage(l)) << l;
  EXPECT_FALSE(IsKnownLanguage("fi"));
  EXPECT_FALSE(IsKnownLanguage("EN"));
  EXPECT_FALSE(IsKnownLanguage(""));
}

}  // namespace
}  // namespace deskd
