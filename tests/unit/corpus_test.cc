// The real-world parser corpus (tests/corpus): every <name>.expect.json is a
// test case. Its raw mail <name>.eml goes through ParseMail and MailToJson,
// and each key of the expectation must match the JSON of `deskctl parse
// --json` exactly. Extra keys (see tests/corpus/README.md):
// problems_nonempty, text_contains, new_text_contains, new_text_not_contains,
// charset_detected_one_of, bounce_original_message_id, xfail. new_text is
// compared after trimming blank lines at both ends and white space at line
// ends. At the end of the run a per-field table (passed/total) is printed.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/views/mail_json.h"
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

// The contract field an expectation key scores ("new_text_contains" counts
// for new_text, "charset_detected_one_of" for charset_detected, ...).
std::string FieldOf(const std::string& key) {
  if (key == "problems_nonempty") return "problems";
  if (key == "text_contains") return "text";
  if (key == "charset_detected_one_of") return "charset_detected";
  if (key == "bounce_original_message_id") return "bounce";
  if (key == "new_text_contains" || key == "new_text_not_contains") return "new_text";
  return key;
}

// Checks one expectation key against the parse. Returns "" when it holds,
// else what is wrong.
std::string Check(const std::string& key, const json& want, const json& got, const ParsedMail& mail) {
  if (key == "problems_nonempty") {
    if (!got.contains("problems") || !got["problems"].is_array()) return "no problems array";
    if (!got["problems"].empty() == want.get<bool>()) return "";
    return "problems: " + got["problems"].dump();
  }
  if (key == "text_contains" || key == "new_text_contains" || key == "new_text_not_contains") {
    const std::string field = key == "text_contains" ? "text" : "new_text";
    if (!got.contains(field) || !got[field].is_string()) return "no " + field;
    const std::string text = got[field].get<std::string>();
    const bool must = key != "new_text_not_contains";
    std::string wrong;
    for (const auto& piece : want) {
      const bool found = text.find(piece.get<std::string>()) != std::string::npos;
      if (found != must) wrong += (must ? "missing: " : "present: ") + piece.get<std::string>() + "\n";
    }
    return wrong.empty() ? "" : wrong + field + ":\n" + text;
  }
  if (key == "charset_detected_one_of") {
    if (!got.contains("charset_detected")) return "no charset_detected";
    if (std::find(want.begin(), want.end(), got["charset_detected"]) != want.end()) return "";
    return "charset_detected " + got["charset_detected"].dump() + " not in " + want.dump();
  }
  if (key == "bounce_original_message_id") {
    if (!mail.bounce.has_value()) return "no bounce";
    if (json(mail.bounce->original_message_id.value_or("")) == want) return "";
    return "bounce original message id " + json(mail.bounce->original_message_id.value_or("")).dump();
  }
  if (key == "new_text") {
    if (!got.contains("new_text") || !got["new_text"].is_string()) return "no new_text";
    const std::string have = TrimText(got["new_text"].get<std::string>());
    const std::string expected = TrimText(want.get<std::string>());
    if (have == expected) return "";
    return "want new_text:\n" + expected + "\n--- got:\n" + have;
  }
  if (!got.contains(key)) return "not in the parse --json object";
  if (got[key] == want) return "";
  return "want: " + want.dump() + "\n got: " + got[key].dump();
}

// What one case gives: per field, the errors of its keys ("" = passed),
// and the fields the case lists under "xfail".
struct CaseResult {
  std::string setup_error;  // the case could not be read
  std::map<std::string, std::string> field_errors;
  std::set<std::string> xfail;
};

CaseResult RunCase(const std::string& name) {
  CaseResult result;
  const fs::path dir(kCorpusDir);
  std::string raw, expect_text;
  if (!ReadFile(dir / (name + ".eml"), &raw)) {
    result.setup_error = name + ".eml missing";
    return result;
  }
  if (!ReadFile(dir / (name + ".expect.json"), &expect_text)) {
    result.setup_error = name + ".expect.json unreadable";
    return result;
  }
  const json expect = json::parse(expect_text, nullptr, /*allow_exceptions=*/false);
  if (!expect.is_object()) {
    result.setup_error = name + ".expect.json is not a JSON object";
    return result;
  }
  const ParsedMail mail = ParseMail(raw, CorpusOptions());
  const json got = MailToJson(mail, name + ".eml");
  if (expect.contains("xfail")) {
    for (const auto& f : expect["xfail"]) result.xfail.insert(f.get<std::string>());
  }
  for (const auto& [key, want] : expect.items()) {
    if (key == "xfail") continue;
    const std::string error = Check(key, want, got, mail);
    std::string& errors = result.field_errors[FieldOf(key)];
    if (!error.empty()) errors += "key \"" + key + "\": " + error + "\n";
  }
  return result;
}

// The failures of a case that count: a field failing that is not under
// "xfail", a field under "xfail" that passes (remove it), an "xfail" entry
// no key checks.
std::string Regressions(const CaseResult& r) {
  if (!r.setup_error.empty()) return r.setup_error + "\n";
  std::string out;
  for (const auto& [field, errors] : r.field_errors) {
    if (r.xfail.count(field) != 0) {
      if (errors.empty()) out += "field \"" + field + "\" is under xfail but passes: remove it from xfail\n";
    } else {
      out += errors;
    }
  }
  for (const std::string& field : r.xfail) {
    if (r.field_errors.count(field) == 0) out += "xfail names \"" + field + "\", which no key checks\n";
  }
  return out;
}

// Every key of the expectation must hold, except the fields listed under
// "xfail" (known weaknesses, documented in docs/parsing.md): those are
// scored as failures but do not fail the case, and a field that starts to
// pass fails the case so that its "xfail" entry is removed.
class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, MatchesExpectation) {
  const std::string regressions = Regressions(RunCase(GetParam()));
  EXPECT_TRUE(regressions.empty()) << regressions;
}

// The whole corpus at once, scored per field: prints the table (field,
// passed/total, failing cases) and fails on any regression, so that a plain
// `ctest -R CorpusScore -V` or `unit_tests --gtest_filter='CorpusScore*'`
// shows the current figures.
TEST(CorpusScoreTest, PerFieldTable) {
  struct FieldScore {
    int passed = 0;
    int total = 0;
    std::string failed;
  };
  std::map<std::string, FieldScore> scores;
  const std::vector<std::string> names = CaseNames();
  std::string regressions;
  for (const std::string& name : names) {
    const CaseResult r = RunCase(name);
    const std::string bad = Regressions(r);
    if (!bad.empty()) regressions += name + ": " + bad;
    for (const auto& [field, errors] : r.field_errors) {
      FieldScore& score = scores[field];
      ++score.total;
      if (errors.empty()) {
        ++score.passed;
      } else {
        score.failed += (score.failed.empty() ? "" : " ") + name;
      }
    }
  }
  int passed = 0, total = 0;
  std::printf("\nCorpus score per field (%zu cases):\n", names.size());
  std::printf("  %-18s %9s  %s\n", "field", "passed", "failing cases");
  for (const auto& [field, score] : scores) {
    const std::string ratio = std::to_string(score.passed) + "/" + std::to_string(score.total);
    std::printf("  %-18s %9s  %s\n", field.c_str(), ratio.c_str(), score.failed.c_str());
    passed += score.passed;
    total += score.total;
  }
  std::printf("  %-18s %9s\n", "all fields", (std::to_string(passed) + "/" + std::to_string(total)).c_str());
  std::fflush(stdout);
  EXPECT_TRUE(regressions.empty()) << regressions;
}

// The corpus is there and every case has its mail: a broken checkout must
// not pass by running zero cases.
TEST(CorpusFilesTest, EveryExpectationHasItsMail) {
  const std::vector<std::string> names = CaseNames();
  EXPECT_GE(names.size(), 90u) << "corpus dir: " << kCorpusDir;
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
