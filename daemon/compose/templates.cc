// TemplateSet: loads the shipped (embedded) templates, overlays an
// operator's directory, and renders with mstch. Values are inserted as they
// are, without HTML escaping: every mail deskd writes is text/plain.
#include "daemon/compose/templates.h"

#include <mstch/mstch.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <system_error>
#include <vector>

#include "daemon/core/embedded.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

constexpr std::string_view kSuffix = ".mustache";

// mstch HTML-escapes {{x}} by default, which would turn "Mari <m@x.org>"
// into "Mari &lt;m@x.org&gt;" in a plain-text mail. deskd renders nothing
// but plain text, so the escape is switched off once for the process:
// {{x}} and {{{x}}} both insert the value verbatim.
void DisableHtmlEscape() {
  static std::once_flag once;
  std::call_once(once, [] { mstch::config::escape = [](const std::string& s) { return s; }; });
}

bool IsLanguageName(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_')) return false;
  }
  return true;
}

// Checks the {{...}} tags: closed, and sections properly nested. mstch
// itself silently renders nothing for an unclosed section.
Status CheckTags(const std::string& where, const std::string& text) {
  std::vector<std::string> open;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    bool triple = text.compare(pos, 3, "{{{") == 0;
    std::string close = triple ? "}}}" : "}}";
    size_t start = pos + (triple ? 3 : 2);
    size_t end = text.find(close, start);
    if (end == std::string::npos) return Error::Config(where + ": unclosed {{ tag");
    std::string tag = text.substr(start, end - start);
    size_t a = tag.find_first_not_of(' ');
    size_t b = tag.find_last_not_of(' ');
    tag = a == std::string::npos ? "" : tag.substr(a, b - a + 1);
    if (!tag.empty() && (tag[0] == '#' || tag[0] == '^')) {
      open.push_back(tag.substr(1));
    } else if (!tag.empty() && tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) {
        return Error::Config(where + ": {{" + tag + "}} closes no open section");
      }
      open.pop_back();
    }
    pos = end + close.size();
  }
  if (!open.empty()) return Error::Config(where + ": section {{#" + open.back() + "}} not closed");
  return Status::Ok();
}

// "Subject: ..." line, an optional blank line, then the body.
struct ParsedTemplate {
  std::string subject;
  std::string body;
};

Result<ParsedTemplate> SplitTemplate(const std::string& where, const std::string& text) {
  constexpr std::string_view kSubject = "Subject:";
  if (text.compare(0, kSubject.size(), kSubject) != 0) {
    return Error::Config(where + ": the first line must be \"Subject: ...\"");
  }
  size_t nl = text.find('\n');
  std::string first = text.substr(kSubject.size(), nl == std::string::npos ? nl : nl - kSubject.size());
  if (!first.empty() && first.back() == '\r') first.pop_back();
  ParsedTemplate t;
  size_t s = first.find_first_not_of(' ');
  t.subject = s == std::string::npos ? "" : first.substr(s);
  if (nl != std::string::npos) {
    t.body = text.substr(nl + 1);
    if (t.body.compare(0, 1, "\n") == 0) t.body.erase(0, 1);
    else if (t.body.compare(0, 2, "\r\n") == 0) t.body.erase(0, 2);
  }
  return t;
}

Status Validate(const std::string& where, const std::string& text) {
  DESKD_TRY(SplitTemplate(where, text));
  return CheckTags(where, text);
}

std::string CollapseWhitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (text::IsWsp(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<TemplateSet> TemplateSet::Load(const std::string& dir,
                                      const std::string& default_language) {
  DisableHtmlEscape();
  TemplateSet set;
  set.default_language_ = default_language;

  constexpr std::string_view kPrefix = "templates/";
  for (const auto& [path, bytes] : EmbeddedFiles()) {
    if (path.compare(0, kPrefix.size(), kPrefix) != 0) continue;
    std::string rest = path.substr(kPrefix.size());  // "en/acknowledgement.mustache"
    size_t slash = rest.find('/');
    if (slash == std::string::npos || rest.size() < kSuffix.size() ||
        rest.compare(rest.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      continue;
    }
    std::string lang = rest.substr(0, slash);
    std::string name = rest.substr(slash + 1, rest.size() - slash - 1 - kSuffix.size());
    std::string text(bytes);
    DESKD_TRY(Validate("(built-in) " + path, text));
    set.by_lang_[lang][name] = std::move(text);
  }

  if (dir.empty()) return set;

  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error::Config(dir + ": templates directory not found");
  }
  for (const fs::directory_entry& lang_dir : fs::directory_iterator(dir, ec)) {
    std::string lang = lang_dir.path().filename().string();
    if (!lang_dir.is_directory(ec) || !IsLanguageName(lang)) continue;
    for (const fs::directory_entry& file : fs::directory_iterator(lang_dir.path(), ec)) {
      std::string fname = file.path().filename().string();
      if (!file.is_regular_file(ec) || fname.size() <= kSuffix.size() ||
          fname.compare(fname.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
        continue;
      }
      std::ifstream in(file.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      if (!in) return Error::Config(file.path().string() + ": cannot read");
      std::string text = buffer.str();
      DESKD_TRY(Validate(file.path().string(), text));
      set.by_lang_[lang][fname.substr(0, fname.size() - kSuffix.size())] = std::move(text);
    }
  }
  if (ec) return Error::Config(dir + ": " + ec.message());
  return set;
}

bool TemplateSet::Has(const std::string& name, const std::string& language) const {
  auto lang = by_lang_.find(language);
  return lang != by_lang_.end() && lang->second.count(name) > 0;
}

Result<RenderedMail> TemplateSet::Render(const std::string& name, const std::string& language,
                                         const TemplateValues& values) const {
  DisableHtmlEscape();
  std::string used;
  for (const std::string& candidate : {language, default_language_, std::string("en")}) {
    if (Has(name, candidate)) {
      used = candidate;
      break;
    }
  }
  if (used.empty()) return Error::NotFound("no template \"" + name + "\"");
  const std::string& text = by_lang_.at(used).at(name);
  DESKD_TRY_ASSIGN(ParsedTemplate parts, SplitTemplate(used + "/" + name, text));

  mstch::map context;
  for (const auto& [key, value] : values) context.emplace(key, value);
  RenderedMail mail;
  try {
    mail.subject = CollapseWhitespace(mstch::render(parts.subject, context));
    mail.body = mstch::render(parts.body, context);
  } catch (const std::exception& e) {
    return Error::Internal(used + "/" + name + ": rendering failed: " + e.what());
  }
  mail.language = used;
  return mail;
}

}  // namespace deskd
