// The real-world parser corpus (tests/corpus): every <name>.expect.json is a
// test case. Its raw mail <name>.eml goes through ParseMail and MailToJson,
// and each key of the expectation must match the JSON of `deskctl parse
// --json` exactly. Extra keys (see tests/corpus/README.md):
// problems_nonempty, text_contains, charset_detected_one_of,
// bounce_original_message_id. new_text is compared after trimming blank
// lines at both ends and white space at line ends.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/mail_json.h"
#include "parsers/mail.h"

namespace deskd {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char kCorpusDir[] = DESKD_CORPUS_DIR;

// Case names: the expectation files' stems, sorted.
std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCorpusDir, ec)) {
    const std::string file = entry.path().filename().string();
    const std::string suffix = ".expect.json";
    if (file.size() > suffix.size() &&
        file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(file.substr(0, file.size() - suffix.size()));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Spaces a line may end in without a reader seeing them: ASCII space, tab,
// CR and NO-BREAK SPACE (what &nbsp; lines of HTML mail become).
std::string TrimLineEnd(std::string line) {
  while (true) {
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    } else if (line.size() >= 2 && line.compare(line.size() - 2, 2, "\xC2\xA0") == 0) {
      line.resize(line.size() - 2);
    } else {
      return line;
    }
  }
}

// `text` with white space at line ends removed and blank lines at both ends dropped.
std::string TrimText(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(TrimLineEnd(line));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  std::string out;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (i > first) out += '\n';
    out += lines[i];
  }
  return out;
}

ParseOptions CorpusOptions() {
  ParseOptions options;
  options.ticket_prefix = "Ticket";
  options.desk_address = "support@itdesk.example";
  options.message_id_domain = "itdesk.example";
  options.default_language = "en";
  return options;
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, MatchesExpectation) {
  const std::string name = GetParam();
  const fs::path dir(kCorpusDir);
  std::string raw, expect_text;
  ASSERT_TRUE(ReadFile(dir / (name + ".eml"), &raw)) << name << ".eml missing";
  ASSERT_TRUE(ReadFile(dir / (name + ".expect.json"), &expect_text));
  const json expect = json::parse(expect_text, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(expect.is_object()) << name << ".expect.json is not a JSON object";

  const ParsedMail mail = ParseMail(raw, CorpusOptions());
  const json got = MailToJson(mail, name + ".eml");

  for (const auto& [key, want] : expect.items()) {
    SCOPED_TRACE("key \"" + key + "\"");
    if (key == "problems_nonempty") {
      ASSERT_TRUE(got.contains("problems") && got["problems"].is_array());
      EXPECT_EQ(!got["problems"].empty(), want.get<bool>()) << "problems: " << got["problems"].dump();
    } else if (key == "text_contains") {
      ASSERT_TRUE(got.contains("text") && got["text"].is_string());
      const std::string text = got["text"].get<std::string>();
      for (const auto& piece : want) {
        EXPECT_NE(text.find(piece.get<std::string>()), std::string::npos)
            << "missing: " << piece.get<std::string>() << "\ntext:\n" << text;
      }
    } else if (key == "charset_detected_one_of") {
      ASSERT_TRUE(got.contains("charset_detected"));
      const json& detected = got["charset_detected"];
      EXPECT_TRUE(std::find(want.begin(), want.end(), detected) != want.end())
          << "charset_detected " << detected.dump() << " not in " << want.dump();
    } else if (key == "bounce_original_message_id") {
      ASSERT_TRUE(mail.bounce.has_value()) << "no bounce";
      EXPECT_EQ(json(mail.bounce->original_message_id.value_or("")), want);
    } else if (key == "new_text") {
      ASSERT_TRUE(got.contains("new_text") && got["new_text"].is_string());
      EXPECT_EQ(TrimText(got["new_text"].get<std::string>()), TrimText(want.get<std::string>()));
    } else {
      ASSERT_TRUE(got.contains(key)) << "not in the parse --json object";
      EXPECT_EQ(got[key], want) << "want: " << want.dump() << "\n got: " << got[key].dump();
    }
  }
}

// The corpus is there and every case has its mail: a broken checkout must
// not pass by running zero cases.
TEST(CorpusFilesTest, EveryExpectationHasItsMail) {
  const std::vector<std::string> names = CaseNames();
  EXPECT_GE(names.size(), 35u) << "corpus dir: " << kCorpusDir;
  for (const std::string& name : names) {
    EXPECT_TRUE(fs::exists(fs::path(kCorpusDir) / (name + ".eml"))) << name;
  }
}

std::string CaseTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char c : info.param) {
    out += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(CaseNames()), CaseTestName);

}  // namespace
}  // namespace deskd
