#include "parsers/auto_reply.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace deskd {
namespace {

ParsedMail Mail(std::string from, std::string subject, std::vector<HeaderField> headers = {}) {
  ParsedMail mail;
  mail.from.address = std::move(from);
  mail.subject = std::move(subject);
  mail.message_id = "<CAF=abc123@mail.gmail.com>";
  mail.headers = std::move(headers);
  return mail;
}

constexpr const char* kDomain = "itdesk.example";

TEST(Classify, PlainMailFromAPersonIsHuman) {
  EXPECT_EQ(Classify(Mail("kati.tamm@firma.ee", "Printer ei tööta"), kDomain),
            Classification::kHuman);
  EXPECT_EQ(Classify(Mail("ivan@company.ru", "Re: [Ticket#1042] принтер",
                          {{"auto-submitted", "no"}, {"precedence", "normal"},
                           {"return-path", "<ivan@company.ru>"},
                           {"x-auto-response-suppress", "DR, RN"}}),
                     kDomain),
            Classification::kHuman);
}

TEST(Classify, Bounces) {
  ParsedMail m = Mail("ana@firma.ro", "whatever");
  m.bounce = BounceInfo{"x@y.example", "5.1.1", std::nullopt};
  EXPECT_EQ(Classify(m, kDomain), Classification::kBounce);

  EXPECT_EQ(Classify(Mail("postmaster@firma.ee", "Delivery report",
                          {{"content-type",
                            "multipart/report; report-type=\"delivery-status\"; boundary=x"}}),
                     kDomain),
            Classification::kBounce);
  EXPECT_EQ(Classify(Mail("MAILER-DAEMON@mx.firma.ee", "Undelivered Mail Returned to Sender"),
                     kDomain),
            Classification::kBounce);
  EXPECT_EQ(Classify(Mail("mailer-daemon@googlemail.com",
                          "Delivery Status Notification (Failure)"),
                     kDomain),
            Classification::kBounce);
  EXPECT_EQ(Classify(Mail("postmaster@yandex.ru", "Недоставленное сообщение"), kDomain),
            Classification::kBounce);
  EXPECT_EQ(Classify(Mail("mailer-daemon@host", "Mail delivery failed: returning message"),
                     kDomain),
            Classification::kBounce);
  EXPECT_EQ(Classify(Mail("x@host", "Hi", {{"x-failed-recipients", "a@b.example"}}), kDomain),
            Classification::kBounce);
}

TEST(Classify, BounceWinsOverEverythingElse) {
  // A bounce of deskd's own mail that also carries Auto-Submitted.
  ParsedMail m = Mail("MAILER-DAEMON@mx.example", "Undelivered Mail Returned to Sender",
                      {{"auto-submitted", "auto-replied"}, {"list-id", "<x.example>"}});
  m.message_id = "<20261123.1042@itdesk.example>";
  EXPECT_EQ(Classify(m, kDomain), Classification::kBounce);
}

TEST(Classify, DaemonWithoutBounceSubjectIsNoReply) {
  EXPECT_EQ(Classify(Mail("postmaster@firma.ee", "Your mailbox is almost full"), kDomain),
            Classification::kNoReply);
}

TEST(Classify, OwnLoops) {
  ParsedMail m = Mail("someone@firma.ee", "Re: [Ticket#1042] x");
  m.message_id = "<deskd.1042.5@ITDESK.example>";
  EXPECT_EQ(Classify(m, kDomain), Classification::kAutoReply);

  EXPECT_EQ(Classify(Mail("someone@firma.ee", "x", {{"x-loop", "support@itdesk.example"}}),
                     kDomain),
            Classification::kAutoReply);
  EXPECT_EQ(Classify(Mail("someone@firma.ee", "x", {{"x-loop", "help@desk.other"}}), "",
                     {"help@desk.other"}),
            Classification::kAutoReply);
  EXPECT_EQ(Classify(Mail("someone@firma.ee", "x", {{"x-loop", "procmail@home.example"}}),
                     kDomain),
            Classification::kHuman);
  EXPECT_EQ(Classify(Mail("someone@firma.ee", "x", {{"x-deskd-ticket", "1042"}}), kDomain),
            Classification::kAutoReply);
  // A technician's own mail client writes Message-IDs on the desk's domain
  // too: that is a person, not a loop.
  ParsedMail tech = Mail("maria@itdesk.example", "RE: [Ticket#1042] x");
  tech.message_id = "<DB9PR01MB1234.eurprd01.prod.outlook@itdesk.example>";
  EXPECT_EQ(Classify(tech, kDomain), Classification::kHuman);
  // No own domain configured: a Message-ID never matches "".
  EXPECT_EQ(Classify(Mail("someone@firma.ee", "x"), ""), Classification::kHuman);
}

TEST(Classify, AutoReplyHeaders) {
  const std::vector<std::vector<HeaderField>> cases = {
      {{"auto-submitted", "auto-replied"}},
      {{"auto-submitted", "Auto-Generated"}},
      {{"auto-submitted", "auto-notified; owner-email=\"x@y\""}},
      {{"x-autoreply", "yes"}},
      {{"x-autorespond", "Out of office"}},
      {{"x-auto-response-suppress", "All"}},
      {{"x-auto-response-suppress", "DR, OOF, AutoReply"}},
      {{"precedence", "auto_reply"}},
      {{"content-type", "multipart/report; report-type=disposition-notification; boundary=a"}},
  };
  for (const auto& headers : cases) {
    EXPECT_EQ(Classify(Mail("kati@firma.ee", "Hello", headers), kDomain),
              Classification::kAutoReply)
        << headers[0].name << ": " << headers[0].value;
  }
}

TEST(Classify, OutOfOfficeSubjects) {
  for (const char* subject :
       {"Automatic reply: [Ticket#1042] Printer", "Autoreply: Printer", "Out of Office: x",
        "Out of Office AutoReply: x", "Automaatne vastus: Printer",
        "Автоматический ответ: принтер", "АВТОМАТИЧЕСКИЙ ОТВЕТ: принтер",
        "Răspuns automat: imprimanta", "Out of office"}) {
    EXPECT_EQ(Classify(Mail("kati@firma.ee", subject), kDomain), Classification::kAutoReply)
        << subject;
  }
  EXPECT_EQ(Classify(Mail("kati@firma.ee", "Out of office laptop will not charge"), kDomain),
            Classification::kHuman);
  EXPECT_EQ(Classify(Mail("kati@firma.ee", "Re: automatic replies do not work"), kDomain),
            Classification::kHuman);
}

TEST(Classify, AutoReplyWinsOverList) {
  EXPECT_EQ(Classify(Mail("kati@firma.ee", "x",
                          {{"list-id", "<it.firma.ee>"}, {"auto-submitted", "auto-replied"}}),
                     kDomain),
            Classification::kAutoReply);
}

TEST(Classify, Lists) {
  for (const char* p : {"bulk", "junk", "list", "Bulk"}) {
    EXPECT_EQ(Classify(Mail("news@shop.example", "Sale", {{"precedence", p}}), kDomain),
              Classification::kList)
        << p;
  }
  EXPECT_EQ(Classify(Mail("a@b.example", "x", {{"list-id", "IT <it.lists.example>"}}), kDomain),
            Classification::kList);
  EXPECT_EQ(Classify(Mail("a@b.example", "x", {{"list-unsubscribe", "<mailto:u@b.example>"}}),
                     kDomain),
            Classification::kList);
  // A list mail from a noreply address: list is decided first.
  EXPECT_EQ(Classify(Mail("noreply@b.example", "x", {{"list-id", "<l.example>"}}), kDomain),
            Classification::kList);
}

TEST(Classify, NoReplySenders) {
  for (const char* from : {"noreply@github.com", "no-reply@accounts.google.com",
                           "DoNotReply@bank.example", "do-not-reply@x.example",
                           "noreply.jira@firma.ee", "bounces+12345@sendgrid.net",
                           "bounce-17@x.example", "no_reply@x.example", "<>", ""}) {
    EXPECT_EQ(Classify(Mail(from, "Notification"), kDomain), Classification::kNoReply) << from;
  }
  EXPECT_EQ(Classify(Mail("kati@firma.ee", "x", {{"return-path", "<>"}}), kDomain),
            Classification::kNoReply);
  // Words that merely start like it are people.
  for (const char* from : {"noreen@x.example", "bouncer@club.example", "post@firma.ee"}) {
    EXPECT_EQ(Classify(Mail(from, "Hello"), kDomain), Classification::kHuman) << from;
  }
}

}  // namespace
}  // namespace deskd
