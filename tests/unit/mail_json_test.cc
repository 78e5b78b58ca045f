#include "daemon/views/mail_json.h"

#include <gtest/gtest.h>

#include <set>

namespace deskd {
namespace {

TEST(MailJson, ExactContractKeysAndNulls) {
  ParsedMail m;
  m.subject = "Printer";
  m.from = {"anna@client.example", std::nullopt};
  m.language = "en";
  nlohmann::json j = MailToJson(m, "x.eml");
  std::set<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
  EXPECT_EQ(keys, (std::set<std::string>{
                      "file", "message_id", "subject", "from", "to", "cc", "date",
                      "in_reply_to", "references", "ticket", "reply_token", "classification",
                      "bounce", "body_part", "body_charset", "charset_detected", "language",
                      "text", "new_text", "commands", "attachments", "problems"}));
  EXPECT_EQ(j["file"], "x.eml");
  EXPECT_TRUE(j["message_id"].is_null());
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_TRUE(j["in_reply_to"].is_null());
  EXPECT_TRUE(j["ticket"].is_null());
  EXPECT_TRUE(j["reply_token"].is_null());
  EXPECT_TRUE(j["bounce"].is_null());
  EXPECT_TRUE(j["body_charset"].is_null());
  EXPECT_TRUE(j["charset_detected"].is_null());
  EXPECT_TRUE(j["from"]["name"].is_null());
  EXPECT_EQ(j["from"]["address"], "anna@client.example");
  EXPECT_TRUE(j["to"].is_array());
  EXPECT_TRUE(j["references"].is_array());
  EXPECT_TRUE(j["problems"].is_array());
  EXPECT_EQ(j["classification"], "human");
  EXPECT_EQ(j["body_part"], "text/plain");
}

TEST(MailJson, FilledValues) {
  ParsedMail m;
  m.message_id = "<a@b>";
  m.to = {{"support@itdesk.example", std::string("IT tugi")}};
  m.date = "2026-11-23T09:58:00+02:00";
  m.ticket = 1042;
  m.classification = Classification::kBounce;
  m.bounce = BounceInfo{"gone@client.example", "5.1.1", std::string("<x@y>")};
  m.commands = {{"status", "resolved"}, {"hold", "waiting for the disk"}};
  m.attachments = {{"Arve.pdf", "application/pdf", 1234}};
  m.references = {"<a@b>", "<c@d>"};
  nlohmann::json j = MailToJson(m, "y.eml");
  EXPECT_EQ(j["ticket"], 1042);
  EXPECT_EQ(j["date"], "2026-11-23T09:58:00+02:00");
  EXPECT_EQ(j["to"][0]["name"], "IT tugi");
  EXPECT_EQ(j["classification"], "bounce");
  EXPECT_EQ(j["bounce"], (nlohmann::json{{"recipient", "gone@client.example"}, {"status", "5.1.1"}}));
  EXPECT_EQ(j["commands"], nlohmann::json::parse(
                               R"([["status","resolved"],["hold","waiting for the disk"]])"));
  EXPECT_EQ(j["attachments"][0]["size"], 1234);
  EXPECT_EQ(j["attachments"][0]["filename"], "Arve.pdf");
  EXPECT_EQ(j["references"].size(), 2u);
}

TEST(MailJson, InvalidUtf8NeverReachesTheOutput) {
  ParsedMail m;
  m.subject = "bad \xFF\xFE byte";
  m.text = "ok \xC3";
  nlohmann::json j = MailToJson(m, "z\xE4.eml");
  std::string dumped;
  EXPECT_NO_THROW(dumped = j.dump());
  EXPECT_NE(j["subject"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(j["subject"].get<std::string>().substr(0, 4), "bad ");
}

}  // namespace
}  // namespace deskd
