#include "daemon/intake/intake.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "daemon/compose/reply_token.h"
#include "daemon/store/sqlite_store.h"
#include "tests/unit/core_testing.h"
#include "tests/unit/faulty_store.h"

namespace deskd {
namespace {

using testing::FaultyStore;
using testing::TempDir;
using testing::TestStart;
using Action = IntakeOutcome::Action;

// A raw mail, CRLF line ends.
struct Mail {
  std::string from = "Anna Tamm <anna@client.example>";
  std::string to = "support@itdesk.example";
  std::string cc;
  std::string reply_to;
  std::string subject = "Printer on floor 3 is jammed";
  std::string message_id = "<m1@client.example>";
  std::string in_reply_to;
  std::string references;
  std::vector<std::string> extra;  // whole header lines
  std::string body = "Hello,\n\nthe printer on floor 3 is jammed again.\n\nAnna\n";

  std::string Raw() const {
    std::string r;
    auto header = [&](const std::string& name, const std::string& value) {
      if (!value.empty()) r += name + ": " + value + "\r\n";
    };
    header("From", from);
    header("To", to);
    header("Cc", cc);
    header("Reply-To", reply_to);
    header("Subject", subject);
    header("Date", "Mon, 23 Nov 2026 09:58:00 +0200");
    header("Message-ID", message_id);
    header("In-Reply-To", in_reply_to);
    header("References", references);
    for (const auto& line : extra) r += line + "\r\n";
    r += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    for (char c : body) {
      if (c == '\n') r += "\r\n";
      else r += c;
    }
    return r;
  }
};

class IntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.desk.name = "IT Support";
    config_.desk.address = "support@itdesk.example";
    config_.desk.prefix = "Ticket";
    config_.desk.first_ticket_number = 1000;
    config_.desk.reopen_window_days = 14;
    config_.secret = "0123456789abcdef0123456789abcdef";
    MailboxSection box;
    box.name = "support";
    box.queue = "support";
    config_.mailboxes.push_back(box);
    TechnicianSection maria;
    maria.name = "maria";
    maria.display_name = "Maria Kask";
    maria.address = "maria@itdesk.example";
    maria.queues = {"support"};
    TechnicianSection juri;
    juri.name = "juri";
    juri.display_name = "Juri Lepp";
    juri.address = "juri@itdesk.example";
    juri.queues = {"support"};
    config_.technicians = {maria, juri};
    auto templates = TemplateSet::Load("", "en");
    ASSERT_TRUE(templates.ok()) << templates.error().message;
    templates_ = std::make_unique<TemplateSet>(std::move(*templates));
    Reopen();
  }

  void Reopen() {
    intake_.reset();
    store_.reset();
    auto opened = SqliteStore::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    intake_ = std::make_unique<Intake>(*store_, config_, *templates_, clock_);
  }

  IntakeOutcome Take(const Mail& mail, MailOrigin origin = {}) { return TakeRaw(mail.Raw(), origin); }

  IntakeOutcome TakeRaw(const std::string& raw, MailOrigin origin = {}) {
    auto out = intake_->Process(raw, origin);
    EXPECT_TRUE(out.ok()) << out.error().message;
    return out.ok() ? *out : IntakeOutcome{};
  }

  // Every outbox row, oldest first, with its bytes.
  std::vector<OutboxRow> Outbox() {
    std::vector<OutboxRow> rows;
    for (const char* status : {"queued", "sent", "failed"}) {
      auto listed = store_->ListOutbox(status, 0);
      EXPECT_TRUE(listed.ok());
      for (const auto& r : *listed) rows.push_back(**store_->FindOutbox(r.id));
    }
    std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.id < b.id; });
    return rows;
  }

  std::vector<OutboxRow> OutboxAfter(size_t skip) {
    auto all = Outbox();
    return std::vector<OutboxRow>(all.begin() + std::min(skip, all.size()), all.end());
  }

  static std::vector<std::string> Summary(const std::vector<OutboxRow>& rows) {
    std::vector<std::string> s;
    for (const auto& r : rows) s.push_back(r.kind + " " + r.recipients.at(0));
    std::sort(s.begin(), s.end());
    return s;
  }

  IncidentRow Incident(int64_t n) {
    auto row = store_->FindIncident(n);
    EXPECT_TRUE(row.ok() && row->has_value()) << n;
    return row.ok() && row->has_value() ? **row : IncidentRow{};
  }

  std::vector<std::string> EventKinds(int64_t n) {
    std::vector<std::string> kinds;
    // Named: a range-for over *store_->Events(n) would iterate a vector
    // inside a temporary Result that is already gone.
    auto events = store_->Events(n);
    EXPECT_TRUE(events.ok());
    if (!events.ok()) return kinds;
    for (const auto& e : *events) kinds.push_back(e.kind);
    return kinds;
  }

  int64_t Count(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(store_->db(), sql.c_str(), -1, &s, nullptr);
    int64_t n = -1;
    if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
  }

  // Not a row of a refused mail is left.
  void ExpectNothingStored() {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM incidents"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM messages"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM participants"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM checkpoints"), 0);
  }

  static std::string TokenIn(const std::string& raw) {
    std::smatch m;
    std::regex re("support\\+([a-z0-9.]+)@itdesk\\.example");
    return std::regex_search(raw, m, re) ? m[1].str() : "";
  }

  static std::string HeaderSectionOf(const std::string& raw) {
    return raw.substr(0, raw.find("\r\n\r\n") + 2);
  }

  // The outbox row of `kind` to `address` (the last one).
  std::optional<OutboxRow> RowTo(const std::string& kind, const std::string& address) {
    std::optional<OutboxRow> found;
    for (const auto& r : Outbox()) {
      if (r.kind == kind && r.recipients.at(0) == address) found = r;
    }
    return found;
  }

  // A first mail from Anna (Bob in Cc, Maria in Cc too): incident 1000.
  int64_t NewIncidentFromAnna() {
    Mail m;
    m.cc = "Bob Saar <bob@client.example>, maria@itdesk.example";
    IntakeOutcome out = Take(m);
    EXPECT_EQ(out.action, Action::kCreated);
    return out.ticket;
  }

  TempDir dir_;
  Config config_;
  FakeClock clock_{TestStart()};
  std::unique_ptr<TemplateSet> templates_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Intake> intake_;
};

TEST_F(IntakeTest, NewMailCreatesIncidentAcknowledgementAndTechnicianMails) {
  Mail m;
  m.subject = "Re: Printer on floor 3 is jammed";
  m.cc = "Bob Saar <bob@client.example>, maria@itdesk.example, support+x@itdesk.example";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kCreated);
  EXPECT_EQ(out.ticket, 1000);
  EXPECT_EQ(out.message_id, "<m1@client.example>");
  EXPECT_EQ(out.outbox_rows, 3);

  IncidentRow inc = Incident(1000);
  EXPECT_EQ(inc.subject, "Printer on floor 3 is jammed");
  EXPECT_EQ(inc.status, "new");
  EXPECT_EQ(inc.priority, 3);
  EXPECT_EQ(inc.queue, "support");
  EXPECT_EQ(inc.received_at, ToUnix(TestStart()));
  ASSERT_TRUE(inc.requester_id.has_value());

  auto people = *store_->Participants(1000);
  std::vector<std::string> roles;
  for (const auto& p : people) roles.push_back(p.role + " " + p.address);
  std::sort(roles.begin(), roles.end());
  EXPECT_EQ(roles, (std::vector<std::string>{"cc bob@client.example",
                                             "requester anna@client.example",
                                             "technician juri@itdesk.example",
                                             "technician maria@itdesk.example"}));
  EXPECT_EQ(EventKinds(1000), std::vector<std::string>{"created"});

  auto rows = Outbox();
  EXPECT_EQ(Summary(rows), (std::vector<std::string>{"acknowledgement anna@client.example",
                                                     "technician_new juri@itdesk.example",
                                                     "technician_new maria@itdesk.example"}));
  auto ack = RowTo("acknowledgement", "anna@client.example");
  ASSERT_TRUE(ack);
  std::string head = HeaderSectionOf(ack->raw);
  EXPECT_NE(head.find("[Ticket#1000]"), std::string::npos) << head;
  EXPECT_NE(head.find("Auto-Submitted: auto-replied"), std::string::npos);
  EXPECT_NE(head.find("X-Loop: support@itdesk.example"), std::string::npos);
  EXPECT_NE(head.find("X-Deskd-Ticket: 1000"), std::string::npos);
  EXPECT_NE(head.find("In-Reply-To: <m1@client.example>"), std::string::npos);
  EXPECT_NE(head.find("Message-ID: " + ack->message_id), std::string::npos);
  EXPECT_EQ(ack->envelope_from, "support@itdesk.example");
  // The Reply-To token is bound to Anna's participant row.
  std::string token = TokenIn(head);
  auto claim = ReadTokenClaim(token);
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->ticket, 1000);
  EXPECT_EQ(claim->participant_id, *inc.requester_id);
  EXPECT_TRUE(VerifyReplyToken(config_.secret, token, "anna@client.example"));

  auto tech = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(tech);
  EXPECT_NE(tech->raw.find("Auto-Submitted: auto-generated"), std::string::npos);
  EXPECT_TRUE(VerifyReplyToken(config_.secret, TokenIn(tech->raw), "maria@itdesk.example"));
  EXPECT_NE(tech->message_id, ack->message_id);

  // The raw mail is kept byte for byte.
  auto messages = *store_->Messages(1000);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(**store_->MessageRaw(messages[0].id), m.Raw());
  EXPECT_FALSE(messages[0].is_internal);
}

TEST_F(IntakeTest, ReplyByTokenThreadsWithoutSecondAcknowledgement) {
  int64_t n = NewIncidentFromAnna();
  auto ack = RowTo("acknowledgement", "anna@client.example");
  ASSERT_TRUE(ack);
  size_t before = Outbox().size();
  Mail reply;
  reply.to = "IT Support <support+" + TokenIn(ack->raw) + "@itdesk.example>";
  reply.subject = "something else entirely";
  reply.message_id = "<m2@client.example>";
  reply.body = "It is still jammed.\n";
  IntakeOutcome out = Take(reply);
  EXPECT_EQ(out.action, Action::kThreaded);
  EXPECT_EQ(out.ticket, n);
  EXPECT_EQ(Summary(OutboxAfter(before)),
            (std::vector<std::string>{"technician_update juri@itdesk.example",
                                      "technician_update maria@itdesk.example"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM incidents"), 1);
  EXPECT_EQ(EventKinds(n), (std::vector<std::string>{"created", "message"}));
}

TEST_F(IntakeTest, ReplyByInReplyToOfTheAcknowledgement) {
  int64_t n = NewIncidentFromAnna();
  auto ack = RowTo("acknowledgement", "anna@client.example");
  ASSERT_TRUE(ack);
  Mail reply;
  reply.subject = "Re: your mail";
  reply.message_id = "<m2@client.example>";
  reply.in_reply_to = ack->message_id;
  reply.references = "<m1@client.example> " + ack->message_id;
  IntakeOutcome out = Take(reply);
  EXPECT_EQ(out.action, Action::kThreaded);
  EXPECT_EQ(out.ticket, n);
  int acks = 0;
  for (const auto& r : Outbox()) acks += r.kind == "acknowledgement";
  EXPECT_EQ(acks, 1);  // no second acknowledgement
}

TEST_F(IntakeTest, ReplyBySubjectTagOnly) {
  int64_t n = NewIncidentFromAnna();
  size_t before = Outbox().size();
  Mail reply;
  reply.subject = "Re: [Ticket#1000] Printer on floor 3 is jammed";
  reply.message_id = "<m2@client.example>";
  IntakeOutcome out = Take(reply);
  EXPECT_EQ(out.action, Action::kThreaded);
  EXPECT_EQ(out.ticket, n);
  for (const auto& r : OutboxAfter(before)) EXPECT_EQ(r.kind, "technician_update");
  EXPECT_EQ(OutboxAfter(before).size(), 2u);
}

TEST_F(IntakeTest, TicketNumbersIncrease) {
  NewIncidentFromAnna();
  Mail second;
  second.message_id = "<other@client.example>";
  second.subject = "VPN does not connect";
  EXPECT_EQ(Take(second).ticket, 1001);
}

TEST_F(IntakeTest, OutsiderBecomesInternalNoteAndClientIsNotMailed) {
  int64_t n = NewIncidentFromAnna();
  size_t before = Outbox().size();
  Mail m;
  m.from = "Eve <eve@elsewhere.example>";
  m.subject = "Re: [Ticket#1000] Printer";
  m.message_id = "<e1@elsewhere.example>";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  EXPECT_EQ(out.ticket, n);
  EXPECT_EQ(Summary(OutboxAfter(before)),
            (std::vector<std::string>{"outside_sender_note juri@itdesk.example",
                                      "outside_sender_note maria@itdesk.example"}));
  auto messages = *store_->Messages(n);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_TRUE(messages[1].is_internal);
  EXPECT_TRUE(messages[1].outside_sender);
  EXPECT_EQ(*store_->FindParticipantByAddress(n, "eve@elsewhere.example"), std::nullopt);
}

TEST_F(IntakeTest, TechnicianAddressWithoutTokenIsNotTrusted) {
  int64_t n = NewIncidentFromAnna();
  size_t before = Outbox().size();
  Mail m;
  m.from = "Maria Kask <maria@itdesk.example>";  // could be forged
  m.subject = "Re: [Ticket#1000] Printer";
  m.message_id = "<forged@elsewhere.example>";
  m.body = "#status resolved\n\nFixed, closing.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  for (const auto& r : OutboxAfter(before)) {
    EXPECT_EQ(r.kind, "outside_sender_note");
    EXPECT_NE(r.recipients[0], "anna@client.example");
  }
  EXPECT_EQ(Incident(n).status, "new");
}

TEST_F(IntakeTest, TechnicianReplyByTokenIsRelayedAndOpensTheIncident) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  Mail m;
  m.from = "Maria Kask <maria@itdesk.example>";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000] New: Printer";
  m.message_id = "<t1@itdesk.example>";
  m.in_reply_to = note->message_id;
  m.body = "Please switch it off and on again.\n\n> the printer on floor 3 is jammed\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kThreaded);
  EXPECT_EQ(out.ticket, n);
  auto rows = OutboxAfter(before);
  EXPECT_EQ(Summary(rows), (std::vector<std::string>{"technician_reply anna@client.example",
                                                     "technician_reply bob@client.example"}));
  for (const auto& r : rows) {
    EXPECT_NE(r.raw.find("switch it off"), std::string::npos);
    // Each client gets a token of their own.
    EXPECT_TRUE(VerifyReplyToken(config_.secret, TokenIn(r.raw), r.recipients[0]));
  }
  EXPECT_EQ(Incident(n).status, "open");
  EXPECT_EQ(EventKinds(n), (std::vector<std::string>{"created", "message", "status"}));
}

TEST_F(IntakeTest, TechnicianCommandsAreAppliedAndTheClientIsToldOfTheStatus) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  Mail m;
  m.from = "Maria Kask <maria@itdesk.example>";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000] New: Printer";
  m.message_id = "<cmd1@itdesk.example>";
  m.body = "#assign juri\n#priority 2\n#category printers\n"
           "#hold waiting for the toner delivery\n\nThe toner is ordered.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kThreaded);
  IncidentRow row = Incident(n);
  EXPECT_EQ(row.owner, "juri");
  EXPECT_EQ(row.priority, 2);
  EXPECT_EQ(row.category, "printers");
  EXPECT_EQ(row.status, "on_hold");
  EXPECT_EQ(row.hold_reason, "waiting for the toner delivery");
  auto rows = OutboxAfter(before);
  EXPECT_EQ(Summary(rows), (std::vector<std::string>{"client_on_hold anna@client.example",
                                                     "client_on_hold bob@client.example",
                                                     "technician_reply anna@client.example",
                                                     "technician_reply bob@client.example"}));
  for (const auto& r : rows) {
    if (r.kind == "client_on_hold") {
      EXPECT_NE(r.raw.find("waiting for the toner delivery"), std::string::npos);
    }
  }
  auto kinds = EventKinds(n);
  for (const char* kind : {"owner", "priority", "category", "status"}) {
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind;
  }

  // Resolved: the client is told, and how long a reply reopens it.
  before = Outbox().size();
  m.message_id = "<cmd2@itdesk.example>";
  m.body = "#status resolved\n";
  Take(m);
  EXPECT_EQ(Incident(n).status, "resolved");
  rows = OutboxAfter(before);
  EXPECT_EQ(Summary(rows), (std::vector<std::string>{"client_resolved anna@client.example",
                                                     "client_resolved bob@client.example"}));
}

TEST_F(IntakeTest, AWrongCommandChangesNothingAndTheTechnicianIsTold) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  Mail m;
  m.from = "maria@itdesk.example";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000]";
  m.message_id = "<bad1@itdesk.example>";
  m.body = "#assign juri\n#priority 9\n\nLooking into it.\n";
  Take(m);
  EXPECT_FALSE(Incident(n).owner);
  EXPECT_EQ(Incident(n).priority, 3);
  auto error = RowTo("command_error", "maria@itdesk.example");
  ASSERT_TRUE(error);
  EXPECT_NE(error->raw.find("#priority 9"), std::string::npos);
  auto kinds = EventKinds(n);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "command_error"), kinds.end());
  EXPECT_EQ(std::find(kinds.begin(), kinds.end(), "owner"), kinds.end());
  // The text itself still reaches the client.
  EXPECT_TRUE(RowTo("technician_reply", "anna@client.example"));
  EXPECT_GT(Outbox().size(), before);
}

TEST_F(IntakeTest, MergeSendsLaterMailToTheTargetAndEscalateTellsTheManager) {
  config_.manager.name = "Boss";
  config_.manager.address = "boss@itdesk.example";
  int64_t first = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");  // of the first
  ASSERT_TRUE(note);
  Mail other;
  other.from = "Carl <carl@client.example>";
  other.subject = "Printer again";
  other.message_id = "<carl1@client.example>";
  int64_t second = Take(other).ticket;
  ASSERT_NE(second, first);
  Mail m;
  m.from = "maria@itdesk.example";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000]";
  m.message_id = "<merge1@itdesk.example>";
  m.body = "#merge " + std::to_string(second) + "\n#escalate needs a new printer\n";
  Take(m);
  EXPECT_EQ(Incident(first).status, "merged");
  EXPECT_EQ(Incident(first).merged_into, second);
  auto escalation = RowTo("escalation", "boss@itdesk.example");
  ASSERT_TRUE(escalation);
  EXPECT_NE(escalation->raw.find("needs a new printer"), std::string::npos);

  // Anna's follow-up on the merged incident lands on the target.
  Mail follow;
  follow.subject = "Re: [Ticket#1000] Printer on floor 3 is jammed";
  follow.message_id = "<m2@client.example>";
  IntakeOutcome out = Take(follow);
  EXPECT_EQ(out.ticket, second);
}

TEST_F(IntakeTest, TechnicianInternalNoteStaysInternal) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "juri@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  Mail m;
  m.from = "juri@itdesk.example";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000]";
  m.message_id = "<t2@itdesk.example>";
  m.body = "#internal\n#priority 2\n\nThe toner supplier is late again.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  EXPECT_TRUE(OutboxAfter(before).empty());
  EXPECT_EQ(Incident(n).status, "new");
  // The note records the commands, and they were applied: priority 2.
  auto events = *store_->Events(n);
  auto note_event = std::find_if(events.begin(), events.end(), [](auto& e) { return e.kind == "note"; });
  ASSERT_NE(note_event, events.end());
  auto detail = nlohmann::json::parse(note_event->detail_json);
  EXPECT_EQ(detail["commands"], nlohmann::json::parse(R"([["internal",""],["priority","2"]])"));
  EXPECT_EQ(detail["commands_applied"], true);
  EXPECT_EQ(events.back().kind, "priority");
  EXPECT_EQ(Incident(n).priority, 2);
  EXPECT_TRUE((*store_->Messages(n)).back().is_internal);
}

// #lang: a technician overrides the language detected for the client; the
// relay in the same mail and later client mails use it.
TEST_F(IntakeTest, TechnicianLangCommandSetsTheClientsLanguage) {
  int64_t n = NewIncidentFromAnna();
  EXPECT_EQ(Incident(n).language, "en");
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  Mail m;
  m.from = "Maria Kask <maria@itdesk.example>";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000] New: Printer";
  m.message_id = "<lang1@itdesk.example>";
  m.body = "#lang RU\n\nPlease switch it off and on again.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kThreaded);
  EXPECT_EQ(Incident(n).language, "ru");
  auto rows = OutboxAfter(before);
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) {
    EXPECT_EQ(r.kind, "technician_reply");
    EXPECT_NE(r.raw.find("Content-Language: ru\r\n"), std::string::npos);
    EXPECT_NE(r.raw.find("Please switch it off"), std::string::npos);
  }
  auto events = *store_->Events(n);
  bool language_event = false;
  for (const auto& e : events) {
    if (e.kind != "language") continue;
    language_event = true;
    auto detail = nlohmann::json::parse(e.detail_json);
    EXPECT_EQ(detail["from"], "en");
    EXPECT_EQ(detail["to"], "ru");
  }
  EXPECT_TRUE(language_event);
  // The message event records the command as applied.
  int messages = 0;
  for (const auto& e : events) {
    if (e.kind != "message" || e.actor != "maria") continue;
    ++messages;
    EXPECT_EQ(nlohmann::json::parse(e.detail_json)["commands_applied"], true) << e.detail_json;
  }
  EXPECT_EQ(messages, 1);

  // A later answer without #lang: the client is still written to in Russian.
  before = Outbox().size();
  m.message_id = "<lang1b@itdesk.example>";
  m.body = "Is it working now?\n";
  Take(m);
  rows = OutboxAfter(before);
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) EXPECT_NE(r.raw.find("Content-Language: ru\r\n"), std::string::npos);
  EXPECT_EQ(Incident(n).language, "ru");
}

TEST_F(IntakeTest, TechnicianLangCommandWithAnUnknownLanguageIsACommandError) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  Mail m;
  m.from = "Maria Kask <maria@itdesk.example>";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: [Ticket#1000] New: Printer";
  m.message_id = "<lang2@itdesk.example>";
  m.body = "#lang de\n#internal\n\nGerman speaker?\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  EXPECT_EQ(Incident(n).language, "en");
  const std::vector<std::string> kinds = EventKinds(n);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "command_error"), kinds.end());
  EXPECT_EQ(std::find(kinds.begin(), kinds.end(), "language"), kinds.end());
  auto error = RowTo("command_error", "maria@itdesk.example");
  ASSERT_TRUE(error);
  EXPECT_NE(error->raw.find("#lang de"), std::string::npos);
  EXPECT_FALSE(out.problems.empty());
}

// A #lang in a client's mail is no command: nothing changes.
TEST_F(IntakeTest, LangCommandFromAClientChangesNothing) {
  int64_t n = NewIncidentFromAnna();
  Mail m;
  m.subject = "Re: [Ticket#1000] Printer";
  m.message_id = "<lang3@client.example>";
  m.body = "#lang ru\n\nStill jammed.\n";
  Take(m);
  EXPECT_EQ(Incident(n).language, "en");
}

TEST_F(IntakeTest, TechnicianOutOfOfficeWithTokenIsNotRelayed) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  Mail m;
  m.from = "maria@itdesk.example";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Automatic reply: [Ticket#1000] New: Printer";
  m.message_id = "<ooo@itdesk.example>";
  m.extra = {"Auto-Submitted: auto-replied"};
  m.body = "I am out of the office until Monday.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  EXPECT_TRUE(OutboxAfter(before).empty());
  EXPECT_EQ(Incident(n).status, "new");
}

TEST_F(IntakeTest, AutoReplyIsNeverAnswered) {
  Mail m;
  m.from = "robot@client.example";
  m.message_id = "<robot1@client.example>";
  m.subject = "Automatic reply: Printer";
  m.extra = {"Auto-Submitted: auto-replied"};
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kCreated);
  for (const auto& r : Outbox()) EXPECT_EQ(r.kind, "technician_new");
  EXPECT_EQ(Outbox().size(), 2u);

  // An out-of-office answer to the acknowledgement: kept, nobody mailed.
  NewIncidentFromAnna();
  auto ack = RowTo("acknowledgement", "anna@client.example");
  ASSERT_TRUE(ack);
  size_t before = Outbox().size();
  Mail ooo;
  ooo.subject = "Out of office: " + std::string("[Ticket#1001]");
  ooo.message_id = "<ooo@client.example>";
  ooo.in_reply_to = ack->message_id;
  ooo.extra = {"Auto-Submitted: auto-replied"};
  IntakeOutcome threaded = Take(ooo);
  EXPECT_EQ(threaded.action, Action::kThreaded);
  EXPECT_EQ(threaded.ticket, 1001);
  EXPECT_TRUE(OutboxAfter(before).empty());
}

TEST_F(IntakeTest, BounceIsRecordedOnTheIncidentAndNeverAnswered) {
  int64_t n = NewIncidentFromAnna();
  auto ack = RowTo("acknowledgement", "anna@client.example");
  ASSERT_TRUE(ack);
  size_t before = Outbox().size();
  std::string dsn =
      "From: Mail Delivery System <MAILER-DAEMON@mx.itdesk.example>\r\n"
      "To: support@itdesk.example\r\n"
      "Subject: Undelivered Mail Returned to Sender\r\n"
      "Message-ID: <bounce1@mx.itdesk.example>\r\n"
      "Auto-Submitted: auto-replied\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n"
      "\r\n"
      "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
      "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
      "Reporting-MTA: dns; mx.itdesk.example\r\n\r\n"
      "Final-Recipient: rfc822; anna@client.example\r\n"
      "Action: failed\r\nStatus: 5.1.1\r\n\r\n"
      "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
      "From: IT Support <support@itdesk.example>\r\n"
      "To: anna@client.example\r\n"
      "Message-ID: " + ack->message_id + "\r\n"
      "Subject: [Ticket#1000] Printer\r\n\r\n"
      "--B--\r\n";
  IntakeOutcome out = TakeRaw(dsn);
  EXPECT_EQ(out.action, Action::kBounceRecorded);
  EXPECT_EQ(out.ticket, n);
  auto events = *store_->Events(n);
  ASSERT_EQ(events.back().kind, "bounce");
  auto detail = nlohmann::json::parse(events.back().detail_json);
  EXPECT_EQ(detail["recipient"], "anna@client.example");
  EXPECT_EQ(detail["status"], "5.1.1");
  for (const auto& r : OutboxAfter(before)) {
    EXPECT_EQ(r.kind, "technician_update");
    EXPECT_NE(r.recipients[0], "anna@client.example");
    EXPECT_NE(r.recipients[0].find("@itdesk.example"), std::string::npos);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM incidents"), 1);
}

TEST_F(IntakeTest, DuplicatesAreRecognisedAcrossUidValidityChanges) {
  Mail m;
  std::string raw = m.Raw();
  IntakeOutcome first = TakeRaw(raw, {"support", "support", 7, 1});
  EXPECT_EQ(first.action, Action::kCreated);
  int rows = static_cast<int>(Outbox().size());
  IntakeOutcome again = TakeRaw(raw, {"support", "support", 7, 1});
  EXPECT_EQ(again.action, Action::kDuplicate);
  EXPECT_EQ(again.ticket, first.ticket);
  // The folder was recreated: same mail, new UIDVALIDITY and UID.
  IntakeOutcome recreated = TakeRaw(raw, {"support", "support", 8, 1});
  EXPECT_EQ(recreated.action, Action::kDuplicate);
  auto cp = *store_->GetCheckpoint("support");
  ASSERT_TRUE(cp);
  EXPECT_EQ(cp->uidvalidity, 8u);
  EXPECT_EQ(cp->last_uid, 1u);
  // Same Message-ID, different bytes (another Received: line on the way in).
  IntakeOutcome relayed = TakeRaw("Received: from relay.example\r\n" + raw);
  EXPECT_EQ(relayed.action, Action::kDuplicate);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM incidents"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM messages"), 1);
  EXPECT_EQ(static_cast<int>(Outbox().size()), rows);
}

TEST_F(IntakeTest, DailyLimitOfAutomaticMailsPerAddress) {
  config_.limits.max_auto_mails_per_address_per_day = 2;
  for (int i = 0; i < 3; ++i) {
    Mail m;
    m.message_id = "<limit" + std::to_string(i) + "@client.example>";
    m.subject = "Problem " + std::to_string(i);
    EXPECT_EQ(Take(m).action, Action::kCreated);
  }
  int acks = 0;
  for (const auto& r : Outbox()) acks += r.kind == "acknowledgement";
  EXPECT_EQ(acks, 2);
  auto kinds = EventKinds(1002);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "auto_reply_suppressed"), kinds.end());
  EXPECT_EQ(RowTo("technician_new", "maria@itdesk.example")->incident, 1002);  // still told

  clock_.Advance(std::chrono::hours(24) + std::chrono::seconds(1));
  Mail later;
  later.message_id = "<later@client.example>";
  later.subject = "Next day";
  Take(later);
  EXPECT_EQ(RowTo("acknowledgement", "anna@client.example")->incident, 1003);
}

TEST_F(IntakeTest, CheckpointIsCommittedWithTheMail) {
  Mail m;
  TakeRaw(m.Raw(), {"support", "support", 42, 17});
  Reopen();  // what the next start of deskd sees
  auto cp = *store_->GetCheckpoint("support");
  ASSERT_TRUE(cp);
  EXPECT_EQ(cp->uidvalidity, 42u);
  EXPECT_EQ(cp->last_uid, 17u);
  EXPECT_TRUE(store_->FindIncident(1000)->has_value());
  // deskctl ingest (uid 0) keeps no checkpoint.
  Mail other;
  other.message_id = "<other@client.example>";
  TakeRaw(other.Raw(), {"", "support", 0, 0});
  EXPECT_EQ((*store_->GetCheckpoint("support"))->last_uid, 17u);
  EXPECT_EQ(*store_->GetCheckpoint(""), std::nullopt);
}

TEST_F(IntakeTest, AFailureHalfwayLeavesNothingBehind) {
  // The moments that matter: the message row is written, the first outbox
  // row is about to be, the commit.
  const FaultyStore::Fault faults[] = {
      {.method = "InsertMessage", .after = true},
      {.method = "EnqueueOutbox"},
      {.method = "Commit"},
  };
  FaultyStore faulty(*store_);
  Intake intake(faulty, config_, *templates_, clock_);
  for (const FaultyStore::Fault& fault : faults) {
    SCOPED_TRACE(fault.method);
    faulty.Inject(fault);
    Mail m;
    auto out = intake.Process(m.Raw(), {"support", "support", 1, 5});
    ASSERT_TRUE(faulty.fired());
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().kind, Error::Kind::kTemporary);
    ExpectNothingStored();
  }
  // The retry (the same mail fetched again) goes through whole.
  faulty.Clear();
  Mail m;
  auto out = intake.Process(m.Raw(), {"support", "support", 1, 5});
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->action, Action::kCreated);
  EXPECT_EQ(out->ticket, 1000);
  EXPECT_EQ(Outbox().size(), 3u);
}

TEST_F(IntakeTest, AFailureAtAnyWriteLeavesNothingBehind) {
  // Every write of a new incident's mail fails in turn, from BEGIN to the
  // COMMIT: each time the mail is refused whole and nothing is kept.
  FaultyStore faulty(*store_);
  Intake intake(faulty, config_, *templates_, clock_);
  int failed = 0;
  for (int nth = 1; nth < 200; ++nth) {
    SCOPED_TRACE(nth);
    faulty.Inject({.method = "", .nth = nth});
    Mail m;
    auto out = intake.Process(m.Raw(), {"support", "support", 1, 5});
    if (!faulty.fired()) {  // fewer than nth writes: it went through
      ASSERT_TRUE(out.ok()) << out.error().message;
      EXPECT_EQ(out->action, Action::kCreated);
      EXPECT_EQ(Outbox().size(), 3u);
      break;
    }
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().kind, Error::Kind::kTemporary);
    ExpectNothingStored();
    ++failed;
  }
  // BEGIN, incident, participant, message, events, clocks, three outbox
  // rows, the checkpoint, COMMIT: at least these were each failed once.
  EXPECT_GE(failed, 10);
}

TEST_F(IntakeTest, EncodedCrLfInSubjectAndNameCannotInjectHeaders) {
  Mail m;
  // "Help\r\nBcc: victim@evil.example" and "Anna\r\nX-Evil: 1", RFC 2047 B.
  m.subject = "=?utf-8?B?SGVscA0KQmNjOiB2aWN0aW1AZXZpbC5leGFtcGxl?=";
  m.from = "=?utf-8?B?QW5uYQ0KWC1FdmlsOiAx?= <anna@client.example>";
  IntakeOutcome out = Take(m);
  ASSERT_EQ(out.action, Action::kCreated);
  EXPECT_EQ(Incident(out.ticket).subject.find('\n'), std::string::npos);
  EXPECT_EQ(Incident(out.ticket).subject.find('\r'), std::string::npos);
  auto rows = Outbox();
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) {
    std::string head = HeaderSectionOf(r.raw);
    EXPECT_EQ(head.find("\r\nBcc:"), std::string::npos) << head;
    EXPECT_EQ(head.find("\r\nX-Evil:"), std::string::npos) << head;
    // Only CRLF line ends, no bare CR or LF.
    for (size_t i = 0; i < head.size(); ++i) {
      if (head[i] == '\n') {
        EXPECT_TRUE(i > 0 && head[i - 1] == '\r');
      }
      if (head[i] == '\r') {
        EXPECT_TRUE(i + 1 < head.size() && head[i + 1] == '\n');
      }
    }
  }
}

TEST_F(IntakeTest, FollowUpReopensResolvedAndRecentlyClosedIncidents) {
  int64_t n = NewIncidentFromAnna();
  ASSERT_TRUE(store_->SetIncidentStatus(n, "resolved", std::nullopt, ToUnix(clock_.Now())).ok());
  Mail reply;
  reply.subject = "Re: [Ticket#1000] Printer";
  reply.message_id = "<m2@client.example>";
  EXPECT_EQ(Take(reply).action, Action::kThreaded);
  EXPECT_EQ(Incident(n).status, "open");
  auto events = *store_->Events(n);
  EXPECT_EQ(nlohmann::json::parse(events[events.size() - 1].detail_json)["to"], "open");

  ASSERT_TRUE(store_->SetIncidentStatus(n, "closed", std::nullopt, ToUnix(clock_.Now())).ok());
  clock_.Advance(std::chrono::hours(24 * 13));
  reply.message_id = "<m3@client.example>";
  EXPECT_EQ(Take(reply).ticket, n);
  EXPECT_EQ(Incident(n).status, "open");
}

TEST_F(IntakeTest, FollowUpAfterTheReopenWindowMakesALinkedIncident) {
  int64_t n = NewIncidentFromAnna();
  ASSERT_TRUE(store_->SetIncidentStatus(n, "closed", std::nullopt, ToUnix(clock_.Now())).ok());
  clock_.Advance(std::chrono::hours(24 * 15));
  size_t before = Outbox().size();
  Mail reply;
  reply.subject = "Re: [Ticket#1000] Printer on floor 3 is jammed";
  reply.message_id = "<m9@client.example>";
  IntakeOutcome out = Take(reply);
  EXPECT_EQ(out.action, Action::kCreated);
  EXPECT_EQ(out.ticket, 1001);
  EXPECT_EQ(Incident(n).status, "closed");
  EXPECT_EQ(Incident(1001).subject, "Printer on floor 3 is jammed");
  auto links = *store_->Links(1001);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].type, "related");
  EXPECT_EQ(links[0].other, n);
  EXPECT_EQ((*store_->Links(n))[0].other, 1001);
  auto rows = OutboxAfter(before);
  EXPECT_EQ(Summary(rows), (std::vector<std::string>{"acknowledgement anna@client.example",
                                                     "technician_new juri@itdesk.example",
                                                     "technician_new maria@itdesk.example"}));
}

TEST_F(IntakeTest, MergedIncidentForwardsToItsTarget) {
  NewIncidentFromAnna();
  Mail other;
  other.message_id = "<x@client.example>";
  other.subject = "Printer again";
  ASSERT_EQ(Take(other).ticket, 1001);
  ASSERT_EQ(sqlite3_exec(store_->db(),
                         "UPDATE incidents SET status='merged', merged_into=1001 WHERE number=1000",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  Mail reply;
  reply.subject = "Re: [Ticket#1000] Printer";
  reply.message_id = "<m2@client.example>";
  IntakeOutcome out = Take(reply);
  EXPECT_EQ(out.ticket, 1001);
  // Anna is a participant of 1001 as well, so this is her follow-up.
  EXPECT_EQ(out.action, Action::kThreaded);
}

TEST_F(IntakeTest, ReplyToOfTheClientBecomesTheRequester) {
  Mail m;
  m.reply_to = "Anna Private <anna.private@home.example>";
  IntakeOutcome out = Take(m);
  ASSERT_EQ(out.action, Action::kCreated);
  auto ack = RowTo("acknowledgement", "anna.private@home.example");
  ASSERT_TRUE(ack);
  auto from = *store_->FindParticipantByAddress(out.ticket, "anna@client.example");
  ASSERT_TRUE(from);
  EXPECT_EQ(from->role, "cc");
  // A follow-up from the From address is still the client's.
  Mail reply;
  reply.subject = "Re: [Ticket#1000]";
  reply.message_id = "<m2@client.example>";
  EXPECT_EQ(Take(reply).action, Action::kThreaded);
}

TEST_F(IntakeTest, NewCcOnAFollowUpBecomesAParticipant) {
  int64_t n = NewIncidentFromAnna();
  Mail reply;
  reply.subject = "Re: [Ticket#1000]";
  reply.message_id = "<m2@client.example>";
  reply.cc = "Carl <carl@client.example>";
  Take(reply);
  auto carl = *store_->FindParticipantByAddress(n, "carl@client.example");
  ASSERT_TRUE(carl);
  EXPECT_EQ(carl->role, "cc");
  auto kinds = EventKinds(n);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "participant_added"), kinds.end());
}

TEST_F(IntakeTest, ForgedTokenDoesNotAuthenticate) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  std::string token = TokenIn(note->raw);
  token.back() = token.back() == 'a' ? 'b' : 'a';
  size_t before = Outbox().size();
  Mail m;
  m.from = "maria@itdesk.example";
  m.to = "support+" + token + "@itdesk.example";
  m.subject = "Re: [Ticket#1000]";
  m.message_id = "<f@evil.example>";
  m.body = "Closing this.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  EXPECT_EQ(out.ticket, n);
  for (const auto& r : OutboxAfter(before)) EXPECT_EQ(r.kind, "outside_sender_note");
  EXPECT_FALSE(out.problems.empty());
}

TEST_F(IntakeTest, ForwardedTechnicianTokenDoesNotSpeakForTheTechnician) {
  int64_t n = NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  // Maria forwarded her notification to a vendor, who answers it.
  Mail m;
  m.from = "Vendor <help@vendor.example>";
  m.to = "support+" + TokenIn(note->raw) + "@itdesk.example";
  m.subject = "Re: Fwd: [Ticket#1000] New: Printer";
  m.message_id = "<v1@vendor.example>";
  m.body = "#status resolved\n\nWe will send a technician.\n";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kInternalNote);
  EXPECT_EQ(out.ticket, n);
  for (const auto& r : OutboxAfter(before)) EXPECT_EQ(r.kind, "outside_sender_note");
  EXPECT_EQ(OutboxAfter(before).size(), 2u);
  EXPECT_TRUE((*store_->Messages(n)).back().outside_sender);
}

TEST_F(IntakeTest, OwnMailComingBackIsNeitherAnIncidentNorAnswered) {
  NewIncidentFromAnna();
  auto note = RowTo("technician_new", "maria@itdesk.example");
  ASSERT_TRUE(note);
  size_t before = Outbox().size();
  // deskd's notification, forwarded back to the desk by an alias: a note on
  // its incident, nobody mailed (a mail would go round again).
  IntakeOutcome threaded = TakeRaw("X-Forwarded: 1\r\n" + note->raw);
  EXPECT_EQ(threaded.action, Action::kInternalNote);
  EXPECT_EQ(threaded.ticket, 1000);
  EXPECT_TRUE(OutboxAfter(before).empty());
  // One of deskd's mails that threads nowhere (headers lost on the way):
  // kept, but no new incident and nobody told.
  Mail own;
  own.from = "IT Support <support@itdesk.example>";
  own.to = "maria@itdesk.example";
  own.subject = "Fwd: a new incident";
  own.message_id = "<deskd.977.technician_new.0123456789abcdef@itdesk.example>";
  own.extra = {"X-Loop: support@itdesk.example"};
  IntakeOutcome out = Take(own);
  EXPECT_EQ(out.action, Action::kStored);
  EXPECT_EQ(out.ticket, 0);
  EXPECT_TRUE(OutboxAfter(before).empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM incidents"), 1);
  // Each sign alone is enough.
  Mail by_header = own;
  by_header.from = "Maria <maria@itdesk.example>";
  by_header.message_id = "<relay1@itdesk.example>";
  by_header.extra = {"X-Deskd-Ticket: 977"};
  EXPECT_EQ(Take(by_header).action, Action::kStored);
  Mail by_id = by_header;
  by_id.message_id = "<deskd.977.acknowledgement.aa@itdesk.example>";
  by_id.extra = {};
  EXPECT_EQ(Take(by_id).action, Action::kStored);
  EXPECT_TRUE(OutboxAfter(before).empty());
  // A technician's own mail client writes ids on the desk's domain too:
  // that is not deskd's mail.
  Mail person = by_id;
  person.message_id = "<CAF1234@itdesk.example>";
  person.subject = "Monitor broken in room 12";
  EXPECT_EQ(Take(person).action, Action::kCreated);
}

TEST_F(IntakeTest, EmptyMailIsKeptRawWithoutIncident) {
  IntakeOutcome out = TakeRaw("\r\n\r\n");
  EXPECT_EQ(out.action, Action::kStored);
  EXPECT_EQ(out.ticket, 0);
  EXPECT_FALSE(out.problems.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM messages WHERE incident IS NULL"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM incidents"), 0);
  EXPECT_TRUE(Outbox().empty());
}

TEST_F(IntakeTest, MailWithoutFromButWithTextMakesAnIncidentWithoutAcknowledgement) {
  Mail m;
  m.from = "";
  IntakeOutcome out = Take(m);
  EXPECT_EQ(out.action, Action::kCreated);
  for (const auto& r : Outbox()) EXPECT_EQ(r.kind, "technician_new");
  EXPECT_FALSE(out.problems.empty());
}

TEST_F(IntakeTest, TooLargeMailIsKeptWholeButNotRead) {
  config_.limits.max_mail_bytes = 2000;
  Mail m;
  m.body = std::string(5000, 'x') + "\n";
  std::string raw = m.Raw();
  IntakeOutcome out = TakeRaw(raw);
  EXPECT_EQ(out.action, Action::kTooLarge);
  ASSERT_GT(out.ticket, 0);
  auto messages = *store_->Messages(out.ticket);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].raw_size, static_cast<int64_t>(raw.size()));
  EXPECT_EQ(**store_->MessageRaw(messages[0].id), raw);
  EXPECT_EQ(Incident(out.ticket).subject, "Printer on floor 3 is jammed");
  auto kinds = EventKinds(out.ticket);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "too_large"), kinds.end());
  for (const auto& r : Outbox()) EXPECT_EQ(r.kind, "technician_new");  // no acknowledgement
  EXPECT_FALSE(out.problems.empty());
}

TEST_F(IntakeTest, OwnerAloneGetsUpdates) {
  int64_t n = NewIncidentFromAnna();
  ASSERT_EQ(sqlite3_exec(store_->db(), "UPDATE incidents SET owner='juri'", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  size_t before = Outbox().size();
  Mail reply;
  reply.subject = "Re: [Ticket#1000]";
  reply.message_id = "<m2@client.example>";
  EXPECT_EQ(Take(reply).ticket, n);
  EXPECT_EQ(Summary(OutboxAfter(before)),
            std::vector<std::string>{"technician_update juri@itdesk.example"});
}

}  // namespace
}  // namespace deskd
