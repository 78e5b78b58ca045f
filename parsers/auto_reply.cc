#include "parsers/auto_reply.h"

#include "parsers/text_util.h"

namespace deskd {

namespace {

// Lower-cased, trimmed values of every header named `name` (lower-case).
std::vector<std::string> HeaderValues(const ParsedMail& mail, std::string_view name) {
  std::vector<std::string> values;
  for (const HeaderField& h : mail.headers) {
    if (text::AsciiLower(h.name) == name) values.push_back(text::Lower(text::Trim(h.value)));
  }
  return values;
}

bool HasHeader(const ParsedMail& mail, std::string_view name) {
  for (const HeaderField& h : mail.headers) {
    if (text::AsciiLower(h.name) == name) return true;
  }
  return false;
}

// The part of a header value before its first ';' (parameters), trimmed.
std::string_view MainValue(std::string_view value) {
  return text::Trim(value.substr(0, value.find(';')));
}

bool ContainsAny(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (haystack.find(n) != std::string_view::npos) return true;
  }
  return false;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (text::StartsWith(s, p)) return true;
  }
  return false;
}

// Local part of `address` (lower-case) without a "+tag".
std::string LocalPart(std::string_view address) {
  std::string local = text::AsciiLower(text::Trim(address));
  const std::size_t at = local.rfind('@');
  if (at != std::string::npos) local.resize(at);
  const std::size_t plus = local.find('+');
  if (plus != std::string::npos) local.resize(plus);
  return local;
}

bool IsNullAddress(std::string_view address) {
  const std::string_view a = text::Trim(address);
  return a.empty() || a == "<>";
}

bool IsDaemonSender(const ParsedMail& mail) {
  const std::string local = LocalPart(mail.from.address);
  if (local == "mailer-daemon" || local == "mailer_daemon" || local == "postmaster" ||
      IsNullAddress(mail.from.address)) {
    return true;
  }
  if (mail.from.name) {
    const std::string name = text::Lower(*mail.from.name);
    if (ContainsAny(name, {"mail delivery system", "mail delivery subsystem", "mailer-daemon"})) {
      return true;
    }
  }
  return false;
}

bool IsBounceSubject(std::string_view lower_subject) {
  return ContainsAny(lower_subject,
                     {"undelivered mail returned to sender", "delivery status notification",
                      "mail delivery failed", "mail delivery failure", "undeliverable",
                      "returned mail", "delivery failure", "failure notice",
                      "delivery has failed", "could not be delivered", "недоставленное сообщение",
                      "не удалось доставить", "сообщение не доставлено", "nedeliverabil",
                      "nu a putut fi livrat", "kättetoimetamatu", "edastamatu"});
}

bool IsBounce(const ParsedMail& mail) {
  if (mail.bounce) return true;
  for (const std::string& ct : HeaderValues(mail, "content-type")) {
    if (text::StartsWith(ct, "multipart/report") && ct.find("delivery-status") != std::string::npos &&
        ct.find("report-type") != std::string::npos) {
      return true;
    }
  }
  if (HasHeader(mail, "x-failed-recipients")) return true;
  return IsDaemonSender(mail) && IsBounceSubject(text::Lower(mail.subject));
}

// Domain of a Message-ID "<local@domain>", lower-case, or "".
std::string MessageIdDomain(std::string_view message_id) {
  std::string_view id = text::Trim(message_id);
  if (!id.empty() && id.back() == '>') id.remove_suffix(1);
  const std::size_t at = id.rfind('@');
  if (at == std::string_view::npos) return "";
  return text::AsciiLower(text::Trim(id.substr(at + 1)));
}

bool IsOwnLoop(const ParsedMail& mail, std::string_view own_domain,
               const std::vector<std::string>& desk_addresses) {
  const std::string domain = text::AsciiLower(text::Trim(own_domain));
  // Only deskd's own form (<deskd.N.kind.x@domain>, MakeMessageId): the
  // technicians' own mail clients write Message-IDs on the same domain.
  if (!domain.empty() && mail.message_id && MessageIdDomain(*mail.message_id) == domain &&
      text::AsciiLower(text::Trim(*mail.message_id)).rfind("<deskd.", 0) == 0) {
    return true;
  }
  for (const std::string& loop : HeaderValues(mail, "x-loop")) {
    if (!domain.empty() && loop.find(domain) != std::string::npos) return true;
    for (const std::string& desk : desk_addresses) {
      const std::string d = text::AsciiLower(text::Trim(desk));
      if (!d.empty() && loop.find(d) != std::string::npos) return true;
    }
  }
  return HasHeader(mail, "x-deskd-ticket");
}

bool IsOutOfOfficeSubject(std::string_view subject) {
  const std::string s = text::Lower(text::Trim(subject));
  if (StartsWithAny(s, {"automatic reply:", "autoreply:", "auto-reply:", "auto reply:",
                        "automatische antwort:", "automaatne vastus:", "automaatvastus:",
                        "автоматический ответ:", "автоответ:", "răspuns automat:",
                        "raspuns automat:", "réponse automatique", "respuesta automática",
                        "risposta automatica", "abwesenheitsnotiz", "autosvar:",
                        "out of office autoreply", "out of office reply",
                        "out of office:", "out of the office:"})) {
    return true;
  }
  return s == "out of office" || s == "out of the office";
}

bool IsAutoReply(const ParsedMail& mail) {
  for (const std::string& v : HeaderValues(mail, "auto-submitted")) {
    const std::string_view main = MainValue(v);
    if (!main.empty() && main != "no") return true;
  }
  for (std::string_view name : {"x-autoreply", "x-autorespond", "x-autogenerated"}) {
    for (const std::string& v : HeaderValues(mail, name)) {
      if (v != "no" && v != "false" && v != "0") return true;
    }
  }
  for (const std::string& v : HeaderValues(mail, "x-auto-response-suppress")) {
    // A comma-separated list: "DR, RN, NRN, OOF, AutoReply" or "All".
    std::string_view rest = v;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view item = text::Trim(rest.substr(0, comma));
      if (item == "all" || item == "oof") return true;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  for (const std::string& v : HeaderValues(mail, "precedence")) {
    if (MainValue(v) == "auto_reply") return true;
  }
  for (const std::string& ct : HeaderValues(mail, "content-type")) {
    // Read receipts (RFC 8098).
    if (text::StartsWith(ct, "multipart/report") &&
        ct.find("disposition-notification") != std::string::npos) {
      return true;
    }
  }
  return IsOutOfOfficeSubject(mail.subject);
}

bool IsList(const ParsedMail& mail) {
  for (const std::string& v : HeaderValues(mail, "precedence")) {
    const std::string_view main = MainValue(v);
    if (main == "bulk" || main == "junk" || main == "list") return true;
  }
  return HasHeader(mail, "list-id") || HasHeader(mail, "list-unsubscribe");
}

bool IsNoReplyLocal(const std::string& local) {
  for (std::string_view exact : {"mailer-daemon", "mailer_daemon", "mailerdaemon", "postmaster"}) {
    if (local == exact) return true;
  }
  for (std::string_view p : {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply",
                             "do_not_reply", "bounces", "bounce"}) {
    if (!text::StartsWith(local, p)) continue;
    if (local.size() == p.size()) return true;
    const char next = local[p.size()];
    if (!(next >= 'a' && next <= 'z')) return true;  // "noreply.jira", "bounces-123"
  }
  return false;
}

bool IsNoReply(const ParsedMail& mail) {
  if (IsNullAddress(mail.from.address)) return true;
  for (const std::string& v : HeaderValues(mail, "return-path")) {
    if (IsNullAddress(v)) return true;
  }
  return IsNoReplyLocal(LocalPart(mail.from.address));
}

}  // namespace

Classification Classify(const ParsedMail& mail, std::string_view own_message_id_domain,
                        const std::vector<std::string>& desk_addresses) {
  if (IsBounce(mail)) return Classification::kBounce;
  if (IsOwnLoop(mail, own_message_id_domain, desk_addresses)) return Classification::kAutoReply;
  if (IsAutoReply(mail)) return Classification::kAutoReply;
  if (IsList(mail)) return Classification::kList;
  if (IsNoReply(mail)) return Classification::kNoReply;
  return Classification::kHuman;
}

Classification Classify(const ParsedMail& mail, std::string_view own_message_id_domain) {
  return Classify(mail, own_message_id_domain, {});
}

}  // namespace deskd
