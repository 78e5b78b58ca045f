// Integration tests of deskd's network edges (ImapSource, SmtpSink) against
// the real mail stack: Postfix on SMTP, Dovecot on IMAP/IMAPS. Run under
// tests/integration/run_with_mailstack.sh, which exports MAILSTACK_ENV.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "daemon/wire/imap_source.h"
#include "daemon/wire/smtp_sink.h"

namespace deskd {
namespace {

using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> LoadStackEnv() {
  std::map<std::string, std::string> env;
  const char* path = std::getenv("MAILSTACK_ENV");
  if (path == nullptr) return env;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

const std::map<std::string, std::string>& Stack() {
  static const auto* env = new std::map<std::string, std::string>(LoadStackEnv());
  return *env;
}

std::string StackValue(const std::string& key) {
  auto it = Stack().find(key);
  return it == Stack().end() ? "" : it->second;
}

std::string Password(const std::string& address) {
  return address.substr(0, address.find('@')) + "-pw";
}

std::string ImapUrl() { return "imap://127.0.0.1:" + StackValue("MAILSTACK_IMAP_PORT"); }
std::string ImapsUrl() { return "imaps://127.0.0.1:" + StackValue("MAILSTACK_IMAPS_PORT"); }

MailboxSection Mailbox(const std::string& user, const std::string& folder = "INBOX") {
  MailboxSection m;
  m.url = ImapUrl();
  m.user = user;
  m.folder = folder;
  m.ca_file = StackValue("MAILSTACK_CA");
  return m;
}

SmtpSection Smtp() {
  SmtpSection s;
  s.url = "smtp://127.0.0.1:" + StackValue("MAILSTACK_SMTP_PORT");
  s.ca_file = StackValue("MAILSTACK_CA");
  s.timeout_seconds = 10;
  return s;
}

// A subject no other test (or earlier run) uses.
std::string UniqueSubject(const std::string& what) {
  static int counter = 0;
  return what + " " + std::to_string(getpid()) + "-" + std::to_string(++counter) + "-" +
         std::to_string(Clock::now().time_since_epoch().count());
}

std::string MakeMessage(const std::string& from, const std::string& to, const std::string& subject,
                        const std::string& body) {
  return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject +
         "\r\nMessage-ID: <" + std::to_string(std::hash<std::string>{}(subject)) +
         "@wire.test>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
         body;
}

bool HasSubject(const std::string& raw, const std::string& subject) {
  return raw.find("\r\nSubject: " + subject + "\r\n") != std::string::npos ||
         raw.rfind("Subject: " + subject + "\r\n", 0) == 0;
}

// Waits (up to 20 s) for a message with `subject` in `source`'s folder.
uint32_t WaitForSubject(ImapSource& source, const std::string& subject) {
  auto deadline = Clock::now() + std::chrono::seconds(20);
  uint32_t next = 1;
  while (Clock::now() < deadline) {
    auto uids = source.UidsFrom(next);
    if (!uids.ok()) {
      ADD_FAILURE() << uids.error().message;
      return 0;
    }
    for (uint32_t uid : *uids) {
      auto raw = source.Fetch(uid);
      if (raw.ok() && HasSubject(*raw, subject)) return uid;
      next = uid + 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "no message with subject " << subject << " arrived within 20 s";
  return 0;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

int RunMailstack(const std::string& verb) {
  std::string cmd = std::string(DESKD_SOURCE_DIR) + "/tests/integration/mailstack " + verb + " " +
                    StackValue("MAILSTACK_DIR") + " >/dev/null";
  return std::system(cmd.c_str());
}

// Puts `raw` into `user`'s INBOX directly (doveadm save), bypassing SMTP, so
// that the bytes are not touched by Postfix.
int SaveDirect(const std::string& user, const std::string& raw) {
  std::string path = StackValue("MAILSTACK_DIR") + "/wire-save.eml";
  std::ofstream(path, std::ios::binary) << raw;
  std::string cmd = "doveadm -c " + StackValue("MAILSTACK_DOVECOT_CONF") + " save -u " + user +
                    " < " + path;
  return std::system(cmd.c_str());
}

class WireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(StackValue("MAILSTACK_IMAP_PORT").empty())
        << "run under tests/integration/run_with_mailstack.sh (MAILSTACK_ENV not set)";
  }
};

TEST_F(WireTest, SmtpToImapDeliversTheExactBytes) {
  const std::string kati = "kati@clients.example";
  const std::string subject = UniqueSubject("exact bytes");
  const std::string body =
      "Tere, Kati! \xC3\x84ra muretse \xE2\x80\x94 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\r\n"
      ".a line that starts with a dot\r\n"
      "..and one with two\r\n"
      "D0004 OK looks like a tagged response\r\n"
      "* 1 FETCH (looks untagged)\r\n"
      "\r\n"
      "last line\r\n";
  const std::string message = MakeMessage("support@itdesk.example", kati, subject, body);
  SmtpSink sink(Smtp(), "");
  Status sent = sink.Send("support@itdesk.example", {kati}, message);
  ASSERT_TRUE(sent.ok()) << sent.error().message;

  ImapSource source(Mailbox(kati), Password(kati));
  auto state = source.Open();
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_GT(state->uidvalidity, 0u);
  uint32_t uid = WaitForSubject(source, subject);
  ASSERT_GT(uid, 0u);
  auto raw = source.Fetch(uid);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  // Postfix puts Return-Path, Delivered-To and Received on top; the rest is ours.
  ASSERT_GE(raw->size(), message.size());
  EXPECT_EQ(raw->substr(raw->size() - message.size()), message);
  EXPECT_NE(raw->find("Received: "), std::string::npos);

  auto all = source.UidsFrom(1);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(std::find(all->begin(), all->end(), uid) != all->end());
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end()));
  EXPECT_EQ(source.connects(), 1);
}

TEST_F(WireTest, FetchReturnsLongLinesAndEightBitExactly) {
  const std::string ivan = "ivan@clients.example";
  const std::string subject = UniqueSubject("long line");
  std::string body = "A 300 KB line follows.\r\n" + std::string(300 * 1024, 'x') + "\r\n";
  body += "latin-1, not UTF-8: \xE4\xF6\xFC\r\n";
  for (int i = 0; i < 2000; ++i) body += "D" + std::to_string(1000 + i) + " OK fake\r\n";
  const std::string message = MakeMessage("a@b.example", ivan, subject, body);
  ASSERT_EQ(SaveDirect(ivan, message), 0);

  ImapSource source(Mailbox(ivan), Password(ivan));
  ASSERT_TRUE(source.Open().ok());
  uint32_t uid = WaitForSubject(source, subject);
  ASSERT_GT(uid, 0u);
  auto raw = source.Fetch(uid);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->size(), message.size());
  EXPECT_TRUE(*raw == message);
}

TEST_F(WireTest, FetchLeavesSeenUnsetAndMarkProcessedSetsIt) {
  const std::string ana = "ana@clients.example";
  const std::string subject = UniqueSubject("seen");
  SmtpSink sink(Smtp(), "");
  ASSERT_TRUE(sink.Send("", {ana}, MakeMessage("x@y.example", ana, subject, "hi\r\n")).ok());

  ImapSource source(Mailbox(ana), Password(ana));
  ASSERT_TRUE(source.Open().ok());
  uint32_t uid = WaitForSubject(source, subject);
  ASSERT_GT(uid, 0u);
  ASSERT_TRUE(source.Fetch(uid).ok());

  ImapSource observer(Mailbox(ana), Password(ana));  // a second connection
  auto flags = observer.Flags(uid);
  ASSERT_TRUE(flags.ok()) << flags.error().message;
  EXPECT_FALSE(Contains(*flags, "\\Seen"));

  Status marked = source.MarkProcessed(uid);
  ASSERT_TRUE(marked.ok()) << marked.error().message;
  flags = observer.Flags(uid);
  ASSERT_TRUE(flags.ok()) << flags.error().message;
  EXPECT_TRUE(Contains(*flags, "\\Seen"));
  // Null sender: Postfix recorded it as an empty Return-Path.
  auto raw = source.Fetch(uid);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->rfind("Return-Path: <>\r\n", 0), 0u) << raw->substr(0, 200);
}

TEST_F(WireTest, PendingUpToListsOnlyUnflaggedMailUpToTheCheckpoint) {
  const std::string kati = "kati@clients.example";
  std::vector<uint32_t> uids;
  for (int i = 0; i < 3; ++i) {
    const std::string subject = UniqueSubject("pending " + std::to_string(i));
    ASSERT_EQ(SaveDirect(kati, MakeMessage("x@y.example", kati, subject, "p\r\n")), 0);
    ImapSource finder(Mailbox(kati), Password(kati));
    ASSERT_TRUE(finder.Open().ok());
    uids.push_back(WaitForSubject(finder, subject));
    ASSERT_GT(uids.back(), 0u);
  }
  ImapSource source(Mailbox(kati), Password(kati));
  ASSERT_TRUE(source.Open().ok());
  ASSERT_TRUE(source.MarkProcessed(uids[0]).ok());
  // As after a crash: uids[1] committed (checkpoint) but never flagged.
  auto pending = source.PendingUpTo(uids[1]);
  ASSERT_TRUE(pending.ok()) << pending.error().message;
  EXPECT_TRUE(std::find(pending->begin(), pending->end(), uids[0]) == pending->end());
  EXPECT_TRUE(std::find(pending->begin(), pending->end(), uids[1]) != pending->end());
  EXPECT_TRUE(std::find(pending->begin(), pending->end(), uids[2]) == pending->end());
}

TEST_F(WireTest, MoveMovesToProcessed) {
  const std::string john = "john@clients.example";
  const std::string subject = UniqueSubject("move");
  SmtpSink sink(Smtp(), "");
  ASSERT_TRUE(sink.Send("a@b.example", {john}, MakeMessage("a@b.example", john, subject, "m\r\n")).ok());

  MailboxSection config = Mailbox(john);
  config.after_processing = "move";
  config.move_to = "Processed";
  ImapSource source(config, Password(john));
  ASSERT_TRUE(source.Open().ok());
  uint32_t uid = WaitForSubject(source, subject);
  ASSERT_GT(uid, 0u);
  Status moved = source.MarkProcessed(uid);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  auto left = source.UidsFrom(uid);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(std::find(left->begin(), left->end(), uid) == left->end());
  EXPECT_EQ(source.Fetch(uid).error().kind, Error::Kind::kNotFound);

  ImapSource processed(Mailbox(john, "Processed"), Password(john));
  ASSERT_TRUE(processed.Open().ok());
  EXPECT_GT(WaitForSubject(processed, subject), 0u);
}

TEST_F(WireTest, MoveWithoutMoveCreatesANonAsciiFolder) {
  const std::string john = "john@clients.example";
  const std::string folder = "T\xC3\xB6\xC3\xB6" "deldud " + std::to_string(getpid());
  const std::string subject = UniqueSubject("copy fallback");
  SmtpSink sink(Smtp(), "");
  ASSERT_TRUE(sink.Send("a@b.example", {john}, MakeMessage("a@b.example", john, subject, "c\r\n")).ok());

  MailboxSection config = Mailbox(john);
  config.after_processing = "move";
  config.move_to = folder;  // does not exist yet: TRYCREATE, then CREATE
  ImapSource::Options options;
  options.use_move = false;  // COPY + \Deleted + UID EXPUNGE
  ImapSource source(config, Password(john), options);
  ASSERT_TRUE(source.Open().ok());
  uint32_t uid = WaitForSubject(source, subject);
  ASSERT_GT(uid, 0u);
  Status moved = source.MarkProcessed(uid);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(source.Fetch(uid).error().kind, Error::Kind::kNotFound);

  ImapSource target(Mailbox(john, folder), Password(john));
  auto state = target.Open();
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->exists, 1u);
  EXPECT_GT(WaitForSubject(target, subject), 0u);
}

TEST_F(WireTest, UidsFromAboveTheHighestIsEmpty) {
  const std::string kati = "kati@clients.example";
  ImapSource source(Mailbox(kati), Password(kati));
  auto state = source.Open();
  ASSERT_TRUE(state.ok()) << state.error().message;
  auto uids = source.UidsFrom(state->uidnext + 100);
  ASSERT_TRUE(uids.ok()) << uids.error().message;
  EXPECT_TRUE(uids->empty());
  EXPECT_EQ(source.Fetch(state->uidnext + 100).error().kind, Error::Kind::kNotFound);
  auto again = source.Open();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->uidvalidity, state->uidvalidity);
  EXPECT_EQ(source.connects(), 1);
}

TEST_F(WireTest, UidsFromSeesMailThatArrivedSinceTheLastCommand) {
  const std::string ivan = "ivan@clients.example";
  ImapSource source(Mailbox(ivan), Password(ivan));
  auto state = source.Open();
  ASSERT_TRUE(state.ok()) << state.error().message;
  auto none = source.UidsFrom(state->uidnext);
  ASSERT_TRUE(none.ok());
  ASSERT_TRUE(none->empty());
  const std::string subject = UniqueSubject("arrives later");
  ASSERT_EQ(SaveDirect(ivan, MakeMessage("a@b.example", ivan, subject, "new\r\n")), 0);
  // One call, no polling: the kept connection must see the new message.
  auto uids = source.UidsFrom(state->uidnext);
  ASSERT_TRUE(uids.ok()) << uids.error().message;
  ASSERT_EQ(uids->size(), 1u);
  auto raw = source.Fetch(uids->front());
  ASSERT_TRUE(raw.ok());
  EXPECT_TRUE(HasSubject(*raw, subject));
  EXPECT_EQ(source.connects(), 1);
}

TEST_F(WireTest, WrongPasswordIsInvalidQuicklyAndNotLeaked) {
  ImapSource source(Mailbox("support@itdesk.example"), "not-the-password");
  auto start = Clock::now();
  auto state = source.Open();
  auto took = Clock::now() - start;
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, Error::Kind::kInvalid);
  EXPECT_EQ(state.error().message, "login refused for support@itdesk.example at " + ImapUrl());
  EXPECT_EQ(state.error().message.find("not-the-password"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(3));
}

TEST_F(WireTest, MissingFolderIsInvalid) {
  ImapSource source(Mailbox("kati@clients.example", "No Such Folder"), "kati-pw");
  auto state = source.Open();
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, Error::Kind::kInvalid);
  EXPECT_NE(state.error().message.find("No Such Folder"), std::string::npos);
}

TEST_F(WireTest, NothingListeningIsTemporary) {
  MailboxSection config = Mailbox("kati@clients.example");
  config.url = "imap://127.0.0.1:1";
  ImapSource source(config, "kati-pw");
  auto state = source.Open();
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, Error::Kind::kTemporary);
}

TEST_F(WireTest, ReconnectsAfterTheServerDropsTheConnection) {
  const std::string maria = "maria@itdesk.example";
  const std::string subject = UniqueSubject("reconnect");
  SmtpSink sink(Smtp(), "");
  ASSERT_TRUE(sink.Send("a@b.example", {maria}, MakeMessage("a@b.example", maria, subject, "r\r\n")).ok());
  ImapSource source(Mailbox(maria), Password(maria));
  ASSERT_TRUE(source.Open().ok());
  uint32_t uid = WaitForSubject(source, subject);
  ASSERT_GT(uid, 0u);
  ASSERT_EQ(source.connects(), 1);

  std::string kick = "doveadm -c " + StackValue("MAILSTACK_DOVECOT_CONF") + " kick " + maria +
                     " >/dev/null";
  ASSERT_EQ(std::system(kick.c_str()), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  auto raw = source.Fetch(uid);
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_TRUE(HasSubject(*raw, subject));
  EXPECT_EQ(source.connects(), 2);
}

TEST_F(WireTest, ChangedUidValidityAfterAReconnectVoidsTheUidsUntilOpen) {
  const std::string maria = "maria@itdesk.example";
  const std::string folder = "Recreated " + std::to_string(getpid());
  const std::string doveadm = "doveadm -c " + StackValue("MAILSTACK_DOVECOT_CONF");
  const std::string quoted = "'" + folder + "'";
  ASSERT_EQ(std::system((doveadm + " mailbox create -u " + maria + " " + quoted).c_str()), 0);
  ImapSource source(Mailbox(maria, folder), Password(maria));
  auto before = source.Open();
  ASSERT_TRUE(before.ok()) << before.error().message;

  // Recreate the folder (a new UIDVALIDITY) and drop deskd's connection.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // UIDVALIDITY is a time
  ASSERT_EQ(std::system((doveadm + " kick " + maria + " >/dev/null").c_str()), 0);
  ASSERT_EQ(std::system((doveadm + " mailbox delete -u " + maria + " " + quoted).c_str()), 0);
  ASSERT_EQ(std::system((doveadm + " mailbox create -u " + maria + " " + quoted).c_str()), 0);

  auto uids = source.UidsFrom(1);
  ASSERT_FALSE(uids.ok());
  EXPECT_EQ(uids.error().kind, Error::Kind::kTemporary);
  EXPECT_NE(uids.error().message.find("UIDVALIDITY"), std::string::npos) << uids.error().message;
  EXPECT_FALSE(source.Fetch(1).ok());  // still void

  auto after = source.Open();
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_NE(after->uidvalidity, before->uidvalidity);
  EXPECT_TRUE(source.UidsFrom(1).ok());
}

TEST_F(WireTest, ImapsVerifiesWithTheStackCa) {
  MailboxSection config = Mailbox("kati@clients.example");
  config.url = ImapsUrl();
  {
    ImapSource source(config, "kati-pw");
    auto state = source.Open();
    ASSERT_TRUE(state.ok()) << state.error().message;
    EXPECT_GT(state->uidvalidity, 0u);
  }
  config.ca_file = "";  // the system store does not know the stack's CA
  {
    ImapSource source(config, "kati-pw");
    auto state = source.Open();
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().kind, Error::Kind::kInvalid);
    EXPECT_NE(state.error().message.find("TLS"), std::string::npos) << state.error().message;
  }
  config.tls_verify = false;
  {
    ImapSource source(config, "kati-pw");
    auto state = source.Open();
    EXPECT_TRUE(state.ok()) << state.error().message;
  }
}

TEST_F(WireTest, StartTlsOnThePlainPortIsVerifiedToo) {
  MailboxSection config = Mailbox("kati@clients.example");
  config.ca_file = "";
  ImapSource source(config, "kati-pw");
  auto state = source.Open();
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, Error::Kind::kInvalid);

  SmtpSection smtp = Smtp();
  smtp.ca_file = "";
  SmtpSink sink(smtp, "");
  Status sent = sink.Send("a@b.example", {"kati@clients.example"}, "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, Error::Kind::kTemporary);
  EXPECT_NE(sent.error().message.find("TLS"), std::string::npos) << sent.error().message;
}

TEST_F(WireTest, SmtpReusesTheConnection) {
  const std::string jaan = "jaan@itdesk.example";
  SmtpSink sink(Smtp(), "");
  for (int i = 0; i < 3; ++i) {
    Status sent = sink.Send("a@b.example", {jaan},
                            MakeMessage("a@b.example", jaan, UniqueSubject("reuse"), "x\r\n"));
    ASSERT_TRUE(sent.ok()) << sent.error().message;
  }
  EXPECT_EQ(sink.connects(), 1);
}

TEST_F(WireTest, SmtpAuthenticates) {
  SmtpSection smtp = Smtp();
  smtp.user = "support@itdesk.example";
  SmtpSink sink(smtp, "support-pw");
  Status sent = sink.Send("support@itdesk.example", {"jaan@itdesk.example"},
                          MakeMessage("support@itdesk.example", "jaan@itdesk.example",
                                      UniqueSubject("auth"), "x\r\n"));
  EXPECT_TRUE(sent.ok()) << sent.error().message;

  SmtpSink refused(smtp, "wrong");
  sent = refused.Send("support@itdesk.example", {"jaan@itdesk.example"}, "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, Error::Kind::kTemporary);
  EXPECT_NE(sent.error().message.find("login refused for support@itdesk.example"), std::string::npos)
      << sent.error().message;
  EXPECT_EQ(sent.error().message.find("wrong"), std::string::npos);
}

TEST_F(WireTest, UnknownRecipientIsInvalidWithTheServersText) {
  SmtpSink sink(Smtp(), "");
  Status sent = sink.Send("a@b.example", {"nobody@clients.example"}, "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, Error::Kind::kInvalid);
  EXPECT_NE(sent.error().message.find("550"), std::string::npos) << sent.error().message;
  EXPECT_NE(sent.error().message.find("nobody@clients.example"), std::string::npos)
      << sent.error().message;
  // The connection is fine for the next mail.
  EXPECT_TRUE(sink.Send("a@b.example", {"jaan@itdesk.example"}, "Subject: y\r\n\r\ny\r\n").ok());
}

TEST_F(WireTest, UnsendableAddressesAreInvalid) {
  SmtpSink sink(Smtp(), "");
  EXPECT_EQ(sink.Send("a@b.example\r\nRCPT TO:<x@y>", {"jaan@itdesk.example"}, "x\r\n").error().kind,
            Error::Kind::kInvalid);
  EXPECT_EQ(sink.Send("a@b.example", {"jaan@itdesk.example>"}, "x\r\n").error().kind,
            Error::Kind::kInvalid);
  EXPECT_EQ(sink.Send("a@b.example", {}, "x\r\n").error().kind, Error::Kind::kInvalid);
}

TEST_F(WireTest, SmtpDownIsTemporaryAndRecovers) {
  const std::string jaan = "jaan@itdesk.example";
  SmtpSink sink(Smtp(), "");
  ASSERT_TRUE(sink.Send("a@b.example", {jaan}, "Subject: before\r\n\r\nx\r\n").ok());
  ASSERT_EQ(RunMailstack("stop-smtp"), 0);
  Status sent = sink.Send("a@b.example", {jaan}, "Subject: during\r\n\r\nx\r\n");
  ASSERT_EQ(RunMailstack("start-smtp"), 0);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, Error::Kind::kTemporary) << sent.error().message;
  sent = sink.Send("a@b.example", {jaan}, "Subject: after\r\n\r\nx\r\n");
  EXPECT_TRUE(sent.ok()) << sent.error().message;
}

}  // namespace
}  // namespace deskd
