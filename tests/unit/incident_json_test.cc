#include "daemon/views/incident_json.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sstream>

#include "daemon/compose/outgoing_mail.h"
#include "daemon/store/sqlite_store.h"
#include "daemon/views/view_util.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr int64_t kT0 = 1795428000;  // 2026-11-23T10:00:00Z

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool ParseMailWorks() {
  return ParseMail("Subject: x\r\nMessage-ID: <a@b>\r\n\r\n", ParseOptions()).subject == "x";
}

class IncidentJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(dir_.File("deskd.sqlite"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }

  int64_t NewIncident(const std::string& subject, int64_t at, const std::string& queue = "support") {
    IncidentRow row;
    row.subject = subject;
    row.queue = queue;
    row.language = "et";
    row.received_at = at;
    row.updated_at = at;
    auto n = store_->CreateIncident(row, 1000);
    EXPECT_TRUE(n.ok());
    return *n;
  }

  int64_t Person(int64_t incident, const std::string& address, std::optional<std::string> name,
                 const std::string& role) {
    auto id = store_->AddParticipant(incident, address, name, role, kT0);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  int64_t In(int64_t incident, const std::string& from, std::optional<int64_t> participant,
             int64_t at, const std::string& new_text, bool internal = false,
             bool outside = false, const std::string& classification = "human") {
    MessageRow m;
    m.incident = incident;
    m.message_id = "<in" + std::to_string(++seq_) + "@client.example>";
    m.raw = "From: " + from + "\r\nTo: Desk <support@itdesk.example>\r\nCc: bob@client.example\r\n"
            "Subject: s\r\nMessage-ID: " + *m.message_id + "\r\n\r\n" + new_text + "\r\n";
    m.sha256 = "sha" + std::to_string(seq_);
    m.from_address = from;
    m.subject = "Printer";
    m.text = new_text.empty() ? "Delivery failed.\n" : new_text + "\n> old quoted text\n";
    m.new_text = new_text;
    m.classification = classification;
    m.is_internal = internal;
    m.outside_sender = outside;
    m.participant_id = participant;
    m.received_at = at;
    m.problems_json = internal ? R"(["a problem"])" : "[]";
    auto id = store_->InsertMessage(m);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  int64_t Out(int64_t incident, const std::string& kind, const std::string& to, int64_t at,
              const std::string& body) {
    OutgoingSpec spec;
    spec.from = {"support@itdesk.example", "IT Support"};
    spec.to = {{to, std::nullopt}};
    spec.subject = "[Ticket#" + std::to_string(incident) + "] " + kind;
    spec.text_body = body;
    spec.message_id = "<deskd." + std::to_string(incident) + "." + kind + "." +
                      std::to_string(++seq_) + "@itdesk.example>";
    spec.date = FormatRfc5322Date(at);
    auto raw = ComposeMail(spec);
    EXPECT_TRUE(raw.ok()) << raw.error().message;
    OutboxRow o;
    o.incident = incident;
    o.kind = kind;
    o.message_id = spec.message_id;
    o.envelope_from = "support@itdesk.example";
    o.recipients = {to};
    o.raw = *raw;
    o.created_at = at;
    o.next_attempt_at = at;
    auto id = store_->EnqueueOutbox(o);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  void Event(int64_t incident, int64_t at, const std::string& actor, const std::string& kind,
             const std::string& detail, std::optional<int64_t> message) {
    EventRow e;
    e.incident = incident;
    e.at = at;
    e.actor = actor;
    e.kind = kind;
    e.detail_json = detail;
    e.message = message;
    ASSERT_TRUE(store_->AddEvent(e).ok());
  }

  // Incident 1000 with a client mail, its acknowledgement, a technician
  // notification, an outside sender's note, a technician's internal note
  // and a bounce.
  int64_t Story() {
    int64_t n = NewIncident("Printer on floor 3 is jammed", kT0);
    int64_t anna = Person(n, "anna@client.example", "Anna Tamm", "requester");
    EXPECT_TRUE(store_->SetIncidentRequester(n, anna).ok());
    Person(n, "bob@client.example", std::nullopt, "cc");
    int64_t maria = Person(n, "maria@itdesk.example", "Maria Kask", "technician");
    int64_t first = In(n, "anna@client.example", anna, kT0, "The printer is jammed.");
    Event(n, kT0, "anna@client.example", "created", R"({"subject":"Printer","via":"new"})", first);
    Out(n, "acknowledgement", "anna@client.example", kT0, "We got your mail.");
    Out(n, "technician_new", "maria@itdesk.example", kT0, "New incident.");
    int64_t eve = In(n, "eve@elsewhere.example", std::nullopt, kT0 + 60, "Same here.", true, true);
    Event(n, kT0 + 60, "eve@elsewhere.example", "note", R"({"outside_sender":true})", eve);
    int64_t note = In(n, "maria@itdesk.example", maria, kT0 + 120, "Toner is late.", true);
    Event(n, kT0 + 120, "maria", "note", "{}", note);
    int64_t dsn = In(n, "mailer-daemon@mx.example", std::nullopt, kT0 + 180, "", true, false,
                     "bounce");
    Event(n, kT0 + 180, "mailer-daemon@mx.example", "bounce",
          R"({"recipient":"bob@client.example","status":"5.1.1"})", dsn);
    EXPECT_TRUE(store_->AddLink(n, "related", NewIncident("Other printer", kT0 + 200), kT0).ok());
    return n;
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  int seq_ = 0;
};

TEST_F(IncidentJsonTest, ListIsNewestFirstInTheShapeOfTheConventions) {
  int64_t n = Story();
  auto list = ListIncidentsJson(*store_, {});
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_TRUE(list->is_array());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0]["number"], 1001);
  const json& i = (*list)[1];
  EXPECT_EQ(i["number"], n);
  EXPECT_EQ(i["subject"], "Printer on floor 3 is jammed");
  EXPECT_EQ(i["status"], "new");
  EXPECT_EQ(i["priority"], 3);
  EXPECT_EQ(i["queue"], "support");
  EXPECT_TRUE(i["category"].is_null());
  EXPECT_TRUE(i["owner"].is_null());
  EXPECT_EQ(i["requester"], json::parse(R"({"address":"anna@client.example","name":"Anna Tamm"})"));
  ASSERT_EQ(i["participants"].size(), 3u);
  EXPECT_EQ(i["participants"][1],
            json::parse(R"({"address":"bob@client.example","name":null,"role":"cc"})"));
  EXPECT_EQ(i["language"], "et");
  EXPECT_EQ(i["received"], "2026-11-23T10:00:00Z");
  EXPECT_EQ(i["clocks"], json::array());
  EXPECT_EQ(i["links"], json::parse(R"([{"type":"related","number":1001}])"));
  EXPECT_TRUE((*list)[0]["requester"].is_null());
  // No messages or events in the list.
  EXPECT_FALSE(i.contains("messages"));
  EXPECT_FALSE(i.contains("events"));
}

TEST_F(IncidentJsonTest, ListFilters) {
  int64_t a = NewIncident("a", kT0);
  int64_t b = NewIncident("b", kT0 + 1, "network");
  ASSERT_TRUE(store_->SetIncidentStatus(a, "open", std::nullopt, kT0 + 2).ok());
  ASSERT_EQ(sqlite3_exec(store_->db(), "UPDATE incidents SET owner='maria' WHERE number=1001",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto numbers = [&](const IncidentFilter& f) {
    std::vector<int64_t> out;
    auto list = ListIncidentsJson(*store_, f);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const json& i : *list) out.push_back(i["number"].get<int64_t>());
    }
    return out;
  };
  EXPECT_EQ(numbers({}), (std::vector<int64_t>{b, a}));
  EXPECT_EQ(numbers({"open", "", "", false}), std::vector<int64_t>{a});
  EXPECT_EQ(numbers({"", "maria", "", false}), std::vector<int64_t>{b});
  EXPECT_EQ(numbers({"", "", "network", false}), std::vector<int64_t>{b});
  EXPECT_EQ(numbers({"closed", "", "", false}), std::vector<int64_t>{});
  // No SLA clocks yet: nothing is overdue.
  EXPECT_EQ(numbers({"", "", "", true}), std::vector<int64_t>{});
  auto bad = ListIncidentsJson(*store_, {"opne", "", "", false});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kInvalid);
}

TEST_F(IncidentJsonTest, ShowOfAMissingIncident) {
  auto shown = ShowIncidentJson(*store_, 77);
  ASSERT_FALSE(shown.ok());
  EXPECT_EQ(shown.error().kind, Error::Kind::kNotFound);
  EXPECT_EQ(shown.error().message, "no incident #77");
}

TEST_F(IncidentJsonTest, ShowHasMessagesInAndOutAndTheHistory) {
  int64_t n = Story();
  auto shown = ShowIncidentJson(*store_, n);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  const json& msgs = (*shown)["messages"];
  ASSERT_EQ(msgs.size(), 6u);
  std::vector<std::string> seen;
  for (const json& m : msgs) {
    seen.push_back(m["direction"].get<std::string>() + " " + m["kind"].get<std::string>());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"in client", "out acknowledgement",
                                            "out technician_new", "in outside_sender",
                                            "in internal", "in bounce"}));
  const json& first = msgs[0];
  EXPECT_EQ(first["from"], json::parse(R"({"address":"anna@client.example","name":null})"));
  EXPECT_EQ(first["date"], "2026-11-23T10:00:00Z");
  EXPECT_EQ(first["new_text"], "The printer is jammed.");
  EXPECT_EQ(first["text"], "The printer is jammed.\n> old quoted text\n");
  EXPECT_EQ(first["message_id"], "<in1@client.example>");
  EXPECT_EQ(first["internal"], false);
  EXPECT_EQ(first["outside_sender"], false);
  EXPECT_TRUE(first["id"].is_number_integer());
  // The integration tests look for these.
  EXPECT_EQ(msgs[3]["outside_sender"], true);
  EXPECT_EQ(msgs[3]["internal"], true);
  EXPECT_EQ(msgs[4]["internal"], true);
  EXPECT_EQ(msgs[4]["problems"], json::parse(R"(["a problem"])"));
  // Out: to the client is not internal, to a technician is.
  EXPECT_EQ(msgs[1]["internal"], false);
  EXPECT_EQ(msgs[1]["status"], "queued");
  EXPECT_EQ(msgs[2]["internal"], true);
  EXPECT_EQ(msgs[1]["to"][0]["address"], "anna@client.example");
  EXPECT_EQ(msgs[1]["from"]["address"], "support@itdesk.example");
  EXPECT_NE(msgs[1]["message_id"].get<std::string>().find("acknowledgement"), std::string::npos);
  if (ParseMailWorks()) {
    EXPECT_EQ(msgs[1]["subject"], "[Ticket#1000] acknowledgement");
    EXPECT_NE(msgs[1]["text"].get<std::string>().find("We got your mail."), std::string::npos);
    std::vector<std::string> to;
    for (const json& a : first["to"]) to.push_back(a["address"]);
    EXPECT_EQ(to, (std::vector<std::string>{"support@itdesk.example", "bob@client.example"}));
  }

  const json& events = (*shown)["events"];
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0]["kind"], "created");
  EXPECT_EQ(events[0]["at"], "2026-11-23T10:00:00Z");
  EXPECT_EQ(events[0]["actor"], "anna@client.example");
  EXPECT_EQ(events[0]["detail"]["via"], "new");
  EXPECT_EQ(events[0]["message"], first["id"]);
  EXPECT_EQ(events[3]["kind"], "bounce");
  EXPECT_EQ(events[3]["detail"]["status"], "5.1.1");
  EXPECT_EQ(events[3]["message"], msgs[5]["id"]);
  // The incident fields are there too.
  EXPECT_EQ((*shown)["number"], n);
  EXPECT_EQ((*shown)["requester"]["address"], "anna@client.example");
}

TEST_F(IncidentJsonTest, InvalidUtf8NeverMakesDumpThrow) {
  int64_t n = NewIncident("bad \xFF subject", kT0);
  In(n, "x@client.example", std::nullopt, kT0, "bad \xC3 text");
  auto shown = ShowIncidentJson(*store_, n);
  ASSERT_TRUE(shown.ok());
  std::string dumped;
  EXPECT_NO_THROW(dumped = shown->dump());
  EXPECT_NE(dumped.find("bad \xEF\xBF\xBD subject"), std::string::npos);
}

TEST_F(IncidentJsonTest, FormatIncidentListAlignsItsColumns) {
  Story();
  auto list = ListIncidentsJson(*store_, {});
  ASSERT_TRUE(list.ok());
  std::vector<std::string> lines = Lines(FormatIncidentList(*list));
  ASSERT_EQ(lines.size(), 3u);  // heading + 2
  // Every column starts at the same offset on every line.
  size_t subject_at = lines[0].find("SUBJECT");
  ASSERT_NE(subject_at, std::string::npos);
  EXPECT_EQ(lines[1].find("Other printer"), subject_at);
  EXPECT_EQ(lines[2].find("Printer on floor 3 is jammed"), subject_at);
  size_t requester_at = lines[0].find("REQUESTER");
  EXPECT_EQ(lines[2].find("anna@client.example"), requester_at);
  EXPECT_EQ(lines[2].rfind("1000", 0), 0u);
  EXPECT_NE(lines[2].find("2026-11-23 10:00"), std::string::npos);
  EXPECT_NE(lines[2].find("P3"), std::string::npos);
  EXPECT_EQ(FormatIncidentList(json::array()), "no incidents\n");
}

TEST_F(IncidentJsonTest, FormatIncidentShowsFieldsHistoryAndMessages) {
  int64_t n = Story();
  auto shown = ShowIncidentJson(*store_, n);
  ASSERT_TRUE(shown.ok());
  std::string text = FormatIncident(*shown);
  for (const char* expected :
       {"Incident #1000: Printer on floor 3 is jammed", "Status:", "new",
        "Requester:  Anna Tamm <anna@client.example>", "Links:      related #1001",
        "Participants:", "technician  Maria Kask <maria@itdesk.example>", "History:",
        "bounce", "\"status\":\"5.1.1\"", "Messages:", "<- in  2026-11-23 10:00  client",
        "from anna@client.example", "| The printer is jammed.", "-> out", "acknowledgement",
        "to anna@client.example", "[queued]", "outside_sender (internal)", "| Toner is late."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // The quoted text is left out: new text only, else the whole text.
  EXPECT_EQ(text.find("old quoted text"), std::string::npos);
  EXPECT_NE(text.find("| Delivery failed."), std::string::npos);
  // History in order.
  EXPECT_LT(text.find("created"), text.find("bounce"));
}

TEST_F(IncidentJsonTest, OutboxListsWaitingRetryingAndFailedMail) {
  int64_t n = NewIncident("x", kT0);
  int64_t waiting = Out(n, "acknowledgement", "anna@client.example", kT0, "a");
  int64_t retrying = Out(n, "technician_new", "maria@itdesk.example", kT0, "b");
  int64_t failed = Out(n, "technician_new", "juri@itdesk.example", kT0, "c");
  int64_t sent = Out(n, "technician_new", "jaan@itdesk.example", kT0, "d");
  ASSERT_TRUE(store_->MarkOutboxRetry(retrying, 2, kT0 + 60, "421 try later").ok());
  ASSERT_TRUE(store_->MarkOutboxFailed(failed, 50, "550 no such user").ok());
  ASSERT_TRUE(store_->MarkOutboxSent(sent, 1, kT0 + 5).ok());

  auto all = ListOutboxJson(*store_, "");
  ASSERT_TRUE(all.ok()) << all.error().message;
  std::vector<int64_t> ids;
  for (const json& m : *all) ids.push_back(m["id"]);
  EXPECT_EQ(ids, (std::vector<int64_t>{failed, retrying, waiting}));  // newest first, not sent
  const json& r = (*all)[1];
  EXPECT_EQ(r["status"], "queued");
  EXPECT_EQ(r["retrying"], true);
  EXPECT_EQ(r["attempts"], 2);
  EXPECT_EQ(r["next_attempt_at"], "2026-11-23T10:01:00Z");
  EXPECT_EQ(r["last_error"], "421 try later");
  EXPECT_EQ(r["ticket"], n);
  EXPECT_EQ(r["to"], json::parse(R"(["maria@itdesk.example"])"));
  EXPECT_EQ(r["kind"], "technician_new");
  EXPECT_NE(r["message_id"].get<std::string>().find("@itdesk.example>"), std::string::npos);
  EXPECT_EQ((*all)[2]["status"], "queued");
  EXPECT_EQ((*all)[2]["retrying"], false);
  EXPECT_TRUE((*all)[2]["last_error"].is_null());
  EXPECT_EQ((*all)[0]["status"], "failed");
  if (ParseMailWorks()) {
    EXPECT_EQ((*all)[2]["subject"], "[Ticket#1000] acknowledgement");
  }

  auto only = [&](const std::string& status) {
    std::vector<int64_t> out;
    auto list = ListOutboxJson(*store_, status);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const json& m : *list) out.push_back(m["id"]);
    }
    return out;
  };
  EXPECT_EQ(only("retry"), std::vector<int64_t>{retrying});
  EXPECT_EQ(only("queued"), (std::vector<int64_t>{retrying, waiting}));
  EXPECT_EQ(only("failed"), std::vector<int64_t>{failed});
  EXPECT_EQ(only("sent"), std::vector<int64_t>{sent});
  auto limited = ListOutboxJson(*store_, "", 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 1u);
  auto bad = ListOutboxJson(*store_, "pending");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::kInvalid);

  std::string text = FormatOutboxList(*all);
  std::vector<std::string> lines = Lines(text);
  ASSERT_EQ(lines.size(), 6u);  // heading, 3 mails, 2 errors
  EXPECT_NE(lines[1].find("failed"), std::string::npos);
  EXPECT_NE(lines[2].find("last error: 550 no such user"), std::string::npos);
  EXPECT_NE(lines[3].find("retry"), std::string::npos);
  EXPECT_NE(lines[4].find("last error: 421 try later"), std::string::npos);
  EXPECT_NE(lines[5].find("queued"), std::string::npos);
  EXPECT_EQ(lines[0].find("TO"), lines[5].find("anna@client.example"));
  EXPECT_EQ(FormatOutboxList(json::array()), "outbox empty\n");
}

TEST(ViewUtil, TimesAndColumns) {
  EXPECT_EQ(Rfc3339Utc(kT0), "2026-11-23T10:00:00Z");
  EXPECT_EQ(Rfc3339Utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(ShortTime("2026-11-23T10:00:00Z"), "2026-11-23 10:00");
  EXPECT_EQ(ShortTime("-"), "-");
  // Widths count characters, not bytes.
  EXPECT_EQ(FormatColumns({{"ä", "x", "end"}, {"abc", "yy", "e"}}), "ä    x   end\nabc  yy  e\n");
  EXPECT_EQ(Indent("a\nb", "> "), "> a\n> b\n");
  EXPECT_EQ(Indent("", "> "), "");
  EXPECT_EQ(Indent("a\n\nb\n", "> "), "> a\n>\n> b\n");
}

}  // namespace
}  // namespace deskd

namespace deskd {
namespace {

class IncidentClocksTest : public IncidentJsonTest {
 protected:
  // Clocks of a P3 incident received at kT0 (Monday 12:00 in Tallinn).
  void StartClocksFor(int64_t n) {
    ASSERT_TRUE(store_->UpsertClocks(StartClocks(n, kT0, SlaTargets{}, calendar_), kT0).ok());
  }
  BusinessCalendar calendar_ = BusinessCalendar::Default("Europe/Tallinn");
};

TEST_F(IncidentClocksTest, ClocksInTheJsonWithRemainingWorkingTime) {
  int64_t n = NewIncident("Printer", kT0);
  StartClocksFor(n);
  IncidentFilter filter;
  filter.now = kT0 + 3600;
  filter.calendar = &calendar_;
  auto list = ListIncidentsJson(*store_, filter);
  ASSERT_TRUE(list.ok()) << list.error().message;
  const json& clocks = (*list)[0]["clocks"];
  ASSERT_EQ(clocks.size(), 3u);
  EXPECT_EQ(clocks[0]["name"], "first_response");
  EXPECT_EQ(clocks[0]["due"], "2026-11-24T10:00:00Z");
  EXPECT_EQ(clocks[0]["state"], "running");
  EXPECT_TRUE(clocks[0]["met_at"].is_null());
  EXPECT_EQ(clocks[0]["working_time"], false);
  EXPECT_EQ(clocks[0]["remaining_seconds"], 23 * 3600);
  EXPECT_EQ(clocks[1]["name"], "in_work");
  EXPECT_EQ(clocks[1]["due"], "2026-11-25T10:00:00Z");  // Wednesday 12:00 Tallinn
  EXPECT_EQ(clocks[1]["working_time"], true);
  EXPECT_EQ(clocks[1]["remaining_seconds"], 15 * 3600);  // working hours from Mon 13:00
  EXPECT_EQ(clocks[1]["overdue"], false);
  EXPECT_EQ(clocks[2]["name"], "resolution");
  // Without a calendar there is no remaining time.
  auto plain = ListIncidentsJson(*store_, {});
  EXPECT_TRUE((*plain)[0]["clocks"][0]["remaining_seconds"].is_null());
}

TEST_F(IncidentClocksTest, OverdueFilter) {
  int64_t a = NewIncident("a", kT0);
  int64_t b = NewIncident("b", kT0);
  NewIncident("no clocks", kT0);
  StartClocksFor(a);
  StartClocksFor(b);
  std::vector<SlaClock> clocks = *store_->Clocks(b);
  ASSERT_TRUE(MeetClock(&clocks[0], kT0 + 60, calendar_));
  ASSERT_TRUE(store_->UpsertClocks(clocks, kT0 + 60).ok());
  auto numbers = [&](int64_t now) {
    IncidentFilter f;
    f.overdue = true;
    f.now = now;
    std::vector<int64_t> out;
    auto list = ListIncidentsJson(*store_, f);  // named: *temporary would dangle
    for (const json& i : *list) out.push_back(i["number"].get<int64_t>());
    return out;
  };
  EXPECT_EQ(numbers(kT0 + 3600), std::vector<int64_t>{});
  // 24 h later a's first response is overdue; b's was met.
  EXPECT_EQ(numbers(kT0 + 24 * 3600), std::vector<int64_t>{a});
  // A recorded breach stays overdue until met, whatever `now` says.
  clocks = *store_->Clocks(b);
  ASSERT_TRUE(BreachIfDue(&clocks[1], clocks[1].due_at));
  ASSERT_TRUE(store_->UpsertClocks(clocks, kT0).ok());
  EXPECT_EQ(numbers(kT0), std::vector<int64_t>{b});
}

TEST_F(IncidentClocksTest, HumanViewsShowDeadlinesAndOverdueTime) {
  int64_t n = NewIncident("Printer", kT0);
  StartClocksFor(n);
  std::vector<SlaClock> clocks = *store_->Clocks(n);
  ASSERT_TRUE(MeetClock(&clocks[0], kT0 + 1800, calendar_));
  ASSERT_TRUE(store_->UpsertClocks(clocks, kT0).ok());
  // Wednesday 15:00 Tallinn: in_work overdue by 3 working hours.
  int64_t now = kT0 + 48 * 3600 + 3 * 3600;
  auto shown = ShowIncidentJson(*store_, n, now, &calendar_);
  ASSERT_TRUE(shown.ok());
  std::string text = FormatIncident(*shown);
  for (const char* expected :
       {"Clocks:     first_response  due 2026-11-24 10:00  met 2026-11-23 10:30",
        "in_work         due 2026-11-25 10:00  running, overdue 3h working time",
        "resolution      due 2026-11-26 10:00  running, 5h working time left"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  IncidentFilter f;
  f.now = now;
  f.calendar = &calendar_;
  std::string list = FormatIncidentList(*ListIncidentsJson(*store_, f));
  EXPECT_NE(list.find("NEXT DEADLINE (UTC)"), std::string::npos) << list;
  EXPECT_NE(list.find("2026-11-25 10:00 in_work OVERDUE"), std::string::npos) << list;
  // Wednesday 20:00 Tallinn: the rest of Wednesday's working time overdue.
  shown = ShowIncidentJson(*store_, n, kT0 + 56 * 3600, &calendar_);
  text = FormatIncident(*shown);
  EXPECT_NE(text.find("in_work         due 2026-11-25 10:00  running, overdue 5h working time"),
            std::string::npos)
      << text;
  EXPECT_EQ((*shown)["clocks"][1]["overdue"], true);
  // Due at the end of a working day and looked at that evening: overdue,
  // though no working time has passed since.
  int64_t late = NewIncident("Late", kT0 + 5 * 3600);  // Monday 17:00 Tallinn
  ASSERT_TRUE(store_->UpsertClocks(StartClocks(late, kT0 + 5 * 3600, SlaTargets{}, calendar_),
                                   kT0).ok());  // in_work due Wednesday 17:00
  shown = ShowIncidentJson(*store_, late, kT0 + 58 * 3600, &calendar_);  // Wednesday 22:00
  EXPECT_NE(FormatIncident(*shown).find("running, overdue 0m working time"), std::string::npos)
      << FormatIncident(*shown);
}

}  // namespace
}  // namespace deskd
