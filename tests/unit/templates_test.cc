#include "daemon/compose/templates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>

#include "daemon/core/embedded.h"
#include "daemon/intake/intake.h"

namespace deskd {
namespace {

namespace fs = std::filesystem;

const char* const kLanguages[] = {"en", "et", "ru", "ro"};
const char* const kNames[] = {"acknowledgement",   "technician_new",      "technician_update",
                              "technician_reply",  "outside_sender_note", "command_error"};

TemplateValues FullValues() {
  return {{"ticket", "1042"},
          {"tag", "[Ticket#1042]"},
          {"subject", "Printer & scanner <broken>"},
          {"desk_name", "IT Support"},
          {"desk_address", "support@itdesk.example"},
          {"requester_name", "Mari Maasikas"},
          {"requester_address", "mari@example.org"},
          {"client_text", "The printer on floor 3 says \"PC LOAD LETTER\".\nPlease help."},
          {"technician_name", "Maria Tamm"},
          {"status", "open"},
          {"priority", "2"},
          {"queue", "support"},
          {"error", "unknown command #stauts"},
          {"command", "#stauts resolved"},
          {"sender", "Outsider <out@example.net>"}};
}

TemplateSet Builtin() {
  Result<TemplateSet> set = TemplateSet::Load("", "en");
  EXPECT_TRUE(set.ok()) << set.error().message;
  return std::move(set).value();
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("deskd_templates_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

TEST(Templates, EveryTemplateInEveryLanguage) {
  TemplateSet set = Builtin();
  for (const char* lang : kLanguages) {
    for (const char* name : kNames) EXPECT_TRUE(set.Has(name, lang)) << lang << "/" << name;
  }
}

// Every word of the key list in daemon/compose/templates.h's comment.
std::set<std::string> DocumentedKeys() {
  std::ifstream in(std::string(DESKD_CORPUS_DIR) + "/../../daemon/compose/templates.h");
  std::string header((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t from = header.find("Keys used by the shipped templates:");
  const size_t to = header.find("using TemplateValues");
  std::set<std::string> words;
  if (from == std::string::npos || to == std::string::npos) return words;
  const std::string list = header.substr(from, to - from);
  std::regex word(R"([a-z_0-9]+)");
  for (std::sregex_iterator it(list.begin(), list.end(), word), end; it != end; ++it) {
    words.insert((*it)[0]);
  }
  return words;
}

TEST(Templates, ShippedTemplatesUseOnlyDocumentedKeys) {
  const std::set<std::string> documented = DocumentedKeys();
  ASSERT_GT(documented.size(), 20u) << "daemon/compose/templates.h not found or its key list moved";
  std::regex tag(R"(\{\{\{?\s*[#^/]?\s*([a-z_0-9]+)\s*\}?\}\})");
  std::map<std::string, std::set<std::string>> names_by_language;
  for (const auto& [path, bytes] : EmbeddedFiles()) {
    if (path.rfind("templates/", 0) != 0) continue;
    const std::string rest = path.substr(10);  // "<lang>/<name>.mustache"
    names_by_language[rest.substr(0, rest.find('/'))].insert(rest.substr(rest.find('/') + 1));
    std::string text(bytes);
    for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
      EXPECT_TRUE(documented.count((*it)[1])) << path << " uses {{" << (*it)[1] << "}}";
    }
  }
  // The same templates in each of the four languages.
  ASSERT_EQ(names_by_language.size(), 4u);
  for (const auto& [language, names] : names_by_language) {
    EXPECT_EQ(names, names_by_language.at("en")) << language;
  }
  for (const std::string& name : Intake::TemplateNames()) {
    EXPECT_TRUE(names_by_language.at("en").count(name + ".mustache")) << name;
  }
}

TEST(Templates, RenderAllWithoutLeftoversAndWithTagInSubject) {
  TemplateSet set = Builtin();
  for (const char* lang : kLanguages) {
    for (const char* name : kNames) {
      Result<RenderedMail> mail = set.Render(name, lang, FullValues());
      ASSERT_TRUE(mail.ok()) << mail.error().message;
      EXPECT_EQ(mail->language, lang);
      EXPECT_EQ(mail->subject.rfind("[Ticket#1042] ", 0), 0u) << lang << "/" << name;
      EXPECT_EQ(mail->subject.find('\n'), std::string::npos);
      EXPECT_EQ(mail->body.find("{{"), std::string::npos) << lang << "/" << name;
      EXPECT_EQ(mail->body.find("}}"), std::string::npos) << lang << "/" << name;
      EXPECT_FALSE(mail->body.empty());
      EXPECT_EQ(mail->body.back(), '\n');
      EXPECT_NE(mail->body.substr(0, 1), "\n") << lang << "/" << name;
    }
  }
}

TEST(Templates, ContentOfEachTemplate) {
  TemplateSet set = Builtin();
  TemplateValues v = FullValues();
  for (const char* lang : kLanguages) {
    SCOPED_TRACE(lang);
    auto body = [&](const char* name) { return set.Render(name, lang, v).value().body; };
    EXPECT_NE(body("acknowledgement").find("1042"), std::string::npos);
    EXPECT_NE(body("acknowledgement").find("[Ticket#1042]"), std::string::npos);
    EXPECT_NE(body("acknowledgement").find("IT Support"), std::string::npos);
    // The acknowledgement does not quote the client's text.
    EXPECT_EQ(body("acknowledgement").find("PC LOAD LETTER"), std::string::npos);
    for (const char* name : {"technician_new", "technician_update", "technician_reply",
                             "outside_sender_note"}) {
      EXPECT_NE(body(name).find(v["client_text"]), std::string::npos) << name;
    }
    EXPECT_NE(body("technician_new").find("Mari Maasikas <mari@example.org>"), std::string::npos);
    EXPECT_NE(body("technician_new").find("support"), std::string::npos);
    EXPECT_NE(body("technician_new").find("#internal"), std::string::npos);
    EXPECT_NE(body("technician_update").find("Outsider <out@example.net>"), std::string::npos);
    EXPECT_NE(body("technician_reply").find("Maria Tamm\nIT Support\n"), std::string::npos);
    EXPECT_NE(body("outside_sender_note").find("Outsider <out@example.net>"), std::string::npos);
    EXPECT_NE(body("command_error").find("#stauts resolved"), std::string::npos);
    EXPECT_NE(body("command_error").find("unknown command #stauts"), std::string::npos);
  }
}

TEST(Templates, NoHtmlEscaping) {
  TemplateSet set = Builtin();
  Result<RenderedMail> mail = set.Render("acknowledgement", "en", FullValues());
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->subject, "[Ticket#1042] Printer & scanner <broken>");
  Result<RenderedMail> tech = set.Render("technician_new", "en", FullValues());
  EXPECT_NE(tech->body.find("\"PC LOAD LETTER\""), std::string::npos) << tech->body;
}

TEST(Templates, AcknowledgementExactEnglish) {
  TemplateSet set = Builtin();
  TemplateValues v = FullValues();
  v["requester_name"] = "";
  Result<RenderedMail> mail = set.Render("acknowledgement", "en", v);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->body,
            "Hello,\n"
            "\n"
            "thank you for contacting us. We have received your request and\n"
            "registered it under number 1042.\n"
            "\n"
            "If you would like to add anything, simply reply to this email and keep\n"
            "[Ticket#1042] in the subject line, so that your message reaches the right\n"
            "ticket.\n"
            "\n"
            "Kind regards,\n"
            "IT Support\n");
}

TEST(Templates, EmptyOptionalValuesDropTheirText) {
  TemplateSet set = Builtin();
  TemplateValues v = FullValues();
  v["requester_name"] = "";
  v["priority"] = "";
  v["command"] = "";
  std::string tech = set.Render("technician_new", "en", v).value().body;
  EXPECT_EQ(tech.rfind("New incident 1042 in queue support.\n", 0), 0u) << tech;
  EXPECT_NE(tech.find("From: mari@example.org\n"), std::string::npos) << tech;
  std::string err = set.Render("command_error", "en", v).value().body;
  EXPECT_EQ(err.find("Command:"), std::string::npos) << err;
  EXPECT_NE(err.find("Error: unknown command #stauts"), std::string::npos) << err;
  std::string ack = set.Render("acknowledgement", "et", v).value().body;
  EXPECT_EQ(ack.rfind("Tere!\n", 0), 0u) << ack;
  v["requester_name"] = "Mari";
  ack = set.Render("acknowledgement", "et", v).value().body;
  EXPECT_EQ(ack.rfind("Tere, Mari!\n", 0), 0u) << ack;
}

TEST(Templates, FallbackToDefaultThenEnglish) {
  Result<TemplateSet> et = TemplateSet::Load("", "et");
  ASSERT_TRUE(et.ok());
  Result<RenderedMail> mail = et->Render("acknowledgement", "fi", FullValues());
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->language, "et");
  Result<TemplateSet> xx = TemplateSet::Load("", "xx");
  ASSERT_TRUE(xx.ok());
  mail = xx->Render("acknowledgement", "fi", FullValues());
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->language, "en");
  EXPECT_FALSE(et->Has("acknowledgement", "fi"));
  Result<RenderedMail> missing = et->Render("no_such_template", "et", FullValues());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kNotFound);
}

TEST(Templates, OperatorDirectoryOverlaysBuiltins) {
  TempDir dir;
  dir.Write("et/acknowledgement.mustache", "Subject: {{tag}} Kohandatud\n\nMeie oma tekst {{ticket}}.\n");
  dir.Write("fi/acknowledgement.mustache", "Subject: {{tag}} {{subject}}\n\nKiitos {{ticket}}.\n");
  dir.Write("fi/README.txt", "not a template");
  Result<TemplateSet> set = TemplateSet::Load(dir.path().string(), "en");
  ASSERT_TRUE(set.ok()) << set.error().message;
  Result<RenderedMail> et = set->Render("acknowledgement", "et", FullValues());
  EXPECT_EQ(et->subject, "[Ticket#1042] Kohandatud");
  EXPECT_EQ(et->body, "Meie oma tekst 1042.\n");
  Result<RenderedMail> fi = set->Render("acknowledgement", "fi", FullValues());
  EXPECT_EQ(fi->language, "fi");
  EXPECT_EQ(fi->body, "Kiitos 1042.\n");
  // Not overridden: still the built-in one.
  EXPECT_TRUE(set->Has("technician_new", "et"));
  EXPECT_FALSE(set->Has("technician_new", "fi"));
}

TEST(Templates, LoadErrors) {
  Result<TemplateSet> missing = TemplateSet::Load("/nonexistent/deskd/templates", "en");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::kConfig);
  EXPECT_NE(missing.error().message.find("/nonexistent/deskd/templates"), std::string::npos);

  struct Case {
    const char* text;
    const char* message_part;
  } cases[] = {
      {"Hello {{ticket}}\n", "Subject:"},
      {"Subject: x\n\n{{#status}}open\n", "not closed"},
      {"Subject: x\n\n{{#status}}open{{/priority}}\n", "closes no open section"},
      {"Subject: x\n\n{{ticket\n", "unclosed"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    dir.Write("en/acknowledgement.mustache", c.text);
    Result<TemplateSet> set = TemplateSet::Load(dir.path().string(), "en");
    ASSERT_FALSE(set.ok()) << c.text;
    EXPECT_EQ(set.error().kind, Error::Kind::kConfig);
    EXPECT_NE(set.error().message.find("acknowledgement.mustache"), std::string::npos)
        << set.error().message;
    EXPECT_NE(set.error().message.find(c.message_part), std::string::npos) << set.error().message;
  }
}

TEST(Templates, SubjectIsOneLineEvenWithNewlinesInValues) {
  TemplateSet set = Builtin();
  TemplateValues v = FullValues();
  v["subject"] = "two\nlines  here";
  EXPECT_EQ(set.Render("acknowledgement", "en", v).value().subject,
            "[Ticket#1042] two lines here");
}

}  // namespace
}  // namespace deskd
