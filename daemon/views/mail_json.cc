#include "daemon/views/mail_json.h"

#include "parsers/charset.h"

namespace deskd {

namespace {

// ParsedMail holds UTF-8; anything else is replaced by U+FFFD here so that
// dumping the JSON never throws.
std::string Utf8(const std::string& s) {
  if (IsValidUtf8(s)) return s;
  if (auto conv = ConvertToUtf8(s, "utf-8"); conv && IsValidUtf8(conv->text)) return conv->text;
  std::string out;
  for (char c : s) out += static_cast<unsigned char>(c) < 0x80 ? c : '?';
  return out;
}

nlohmann::json OptionalString(const std::optional<std::string>& s) {
  return s ? nlohmann::json(Utf8(*s)) : nlohmann::json(nullptr);
}

nlohmann::json Address(const MailAddress& a) {
  return {{"address", Utf8(a.address)}, {"name", OptionalString(a.name)}};
}

nlohmann::json Addresses(const std::vector<MailAddress>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list) out.push_back(Address(a));
  return out;
}

}  // namespace

nlohmann::json MailToJson(const ParsedMail& mail, const std::string& file) {
  nlohmann::json j = nlohmann::json::object();
  j["file"] = Utf8(file);
  j["message_id"] = OptionalString(mail.message_id);
  j["subject"] = Utf8(mail.subject);
  j["from"] = Address(mail.from);
  j["to"] = Addresses(mail.to);
  j["cc"] = Addresses(mail.cc);
  j["date"] = OptionalString(mail.date);
  j["in_reply_to"] = OptionalString(mail.in_reply_to);
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& r : mail.references) refs.push_back(Utf8(r));
  j["references"] = refs;
  j["ticket"] = mail.ticket ? nlohmann::json(*mail.ticket) : nlohmann::json(nullptr);
  j["reply_token"] = OptionalString(mail.reply_token);
  j["classification"] = ClassificationName(mail.classification);
  if (mail.bounce) {
    j["bounce"] = {{"recipient", Utf8(mail.bounce->recipient)},
                   {"status", Utf8(mail.bounce->status)}};
  } else {
    j["bounce"] = nullptr;
  }
  j["body_part"] = mail.body_part;
  j["body_charset"] = OptionalString(mail.body_charset);
  j["charset_detected"] = OptionalString(mail.charset_detected);
  j["language"] = Utf8(mail.language);
  j["text"] = Utf8(mail.text);
  j["new_text"] = Utf8(mail.new_text);
  nlohmann::json commands = nlohmann::json::array();
  for (const auto& [name, arg] : mail.commands) commands.push_back({Utf8(name), Utf8(arg)});
  j["commands"] = commands;
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : mail.attachments) {
    attachments.push_back({{"filename", Utf8(a.filename)},
                           {"content_type", Utf8(a.content_type)},
                           {"size", a.size}});
  }
  j["attachments"] = attachments;
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : mail.problems) problems.push_back(Utf8(p));
  j["problems"] = problems;
  return j;
}

}  // namespace deskd
