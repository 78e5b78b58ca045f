// How StripReply reads a mail, line by line:
//
//  1. Each line gets its quote depth (leading '>' marks) and its body.
//  2. Forward start F: the first forward marker, unquoted, or quoted as the
//     first line of a quote block that no attribution introduces (Gmail's
//     HTML puts forwards into a gmail_quote div, which the HTML converter
//     marks as a quote).
//  3. History cut H, before F: an "Original Message" line, an Outlook
//     From:/Sent:/To:/Subject: block (with an underscore rule or separator
//     just above it), or an "On ... wrote:" attribution that no quote
//     follows. Quoted markers count only as the first line of a quote block
//     (Outlook's divRplyFwdMsg), so that a header block inside an
//     interleaved quote does not swallow the writer's answers below it.
//     Everything from H on is dropped, forwards in it included.
//  4. Signature: from an unquoted "-- " line up to F or H, dropped.
//     Then a sign-off block at the end of what is left of the writer's
//     text: a closing line ("Best regards,", "Lugupidamisega", "С
//     уважением,", "Cu stimă,"; a thanks line only when a line follows, a
//     rule of underscores or dashes only when a name follows)
//     and at most 6 short lines under it (no question, no sentence of
//     three words or more), dropped too; so are legal disclaimer
//     paragraphs ending the writer's text ("... confidential ...").
//  5. Before that: quoted lines, attributions followed by quotes (possibly
//     wrapped over two lines) and mobile trailers are dropped; the rest is
//     the writer's text, interleaved answers included.
//  6. From F on everything is kept, with the forward's quote marks removed
//     (those of the marker line, or of the first line under an unquoted
//     marker: Apple Mail quotes what follows "Begin forwarded message:").
#include "parsers/reply_text.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "parsers/text_util.h"

namespace deskd {

namespace {

struct Line {
  std::string_view raw;   // without '\r'
  int depth = 0;          // number of '>' quote marks
  std::string_view body;  // after the quote marks
  bool blank = false;     // body has nothing but spaces
};

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t'; }

Line ReadLine(std::string_view raw) {
  Line line;
  line.raw = raw;
  std::size_t pos = 0;
  std::size_t body_start = 0;
  while (true) {
    while (pos < raw.size() && IsAsciiSpace(raw[pos])) ++pos;
    if (pos < raw.size() && raw[pos] == '>') {
      ++line.depth;
      ++pos;
      body_start = pos;
      if (body_start < raw.size() && raw[body_start] == ' ') ++body_start;
      continue;
    }
    break;
  }
  line.body = raw.substr(line.depth > 0 ? body_start : 0);
  line.blank = text::IsBlank(line.body);
  return line;
}

// `raw` without its first `levels` quote marks (and one space after them).
std::string_view Unquote(std::string_view raw, int levels) {
  std::size_t pos = 0;
  for (int i = 0; i < levels; ++i) {
    while (pos < raw.size() && IsAsciiSpace(raw[pos])) ++pos;
    if (pos >= raw.size() || raw[pos] != '>') break;
    ++pos;
  }
  if (pos < raw.size() && raw[pos] == ' ') ++pos;
  return raw.substr(pos);
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (text::StartsWith(s, p)) return true;
  }
  return false;
}

bool EndsWithAny(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (std::string_view p : suffixes) {
    if (text::EndsWith(s, p)) return true;
  }
  return false;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0, pos = 0;
  while (pos < s.size()) {
    text::NextCodePoint(s, &pos);
    ++n;
  }
  return n;
}

// The words between the dashes of "-----Original Message-----", lower-case,
// or "" when the line is not of that shape. What follows the closing dashes
// is ignored: Outlook Express writes "----- Original Message ----- " with a
// trailing space, and format=flowed joins the From: line to it.
std::string DashedPhrase(std::string_view body) {
  std::string_view t = text::Trim(body);
  std::size_t lead = 0;
  while (lead < t.size() && t[lead] == '-') ++lead;
  if (lead < 2) return "";
  t.remove_prefix(lead);
  const std::size_t close = t.find("--");
  if (close != std::string_view::npos) t = t.substr(0, close);
  while (!t.empty() && t.back() == '-') t.remove_suffix(1);
  return text::Lower(text::Trim(t));
}

bool IsOriginalMessageLine(std::string_view body) {
  const std::string phrase = DashedPhrase(body);
  // Notes/iNotes: '-----"IT Support" <support@x> wrote: -----'.
  if (phrase.find('@') != std::string::npos &&
      EndsWithAny(phrase, {"wrote:", "kirjutas:", "a scris:", "написал:", "написал(а):",
                           "пишет:", "schrieb:"})) {
    return true;
  }
  return OneOf(phrase,
               {"original message", "algne sõnum", "algne kiri", "исходное сообщение",
                "mesaj original", "mesajul original", "originalnachricht",
                "ursprüngliche nachricht", "message d'origine", "mensaje original",
                "messaggio originale", "oorspronkelijk bericht", "alkuperäinen viesti",
                "originalmeddelande", "mensagem original", "oryginalna wiadomość"});
}

bool IsForwardMarker(std::string_view body) {
  if (OneOf(DashedPhrase(body),
            {"forwarded message", "forwarded message follows", "пересылаемое сообщение",
             "переадресованное сообщение", "пересланное сообщение", "edastatud kiri",
             "edastatud sõnum", "edasisaadetud kiri", "mesaj redirecționat",
             "mesaj redirectionat", "mesaj transmis", "weitergeleitete nachricht",
             "message transféré", "mensaje reenviado", "messaggio inoltrato",
             "doorgestuurd bericht", "välitetty viesti", "vidarebefordrat meddelande"})) {
    return true;
  }
  const std::string t = text::Lower(text::Trim(body));
  return OneOf(t, {"begin forwarded message:", "начало переадресованного сообщения:",
                   "начало пересылаемого сообщения:", "început mesaj redirecționat:",
                   "inceput mesaj redirectionat:", "edastatud kirja algus:",
                   "anfang der weitergeleiteten nachricht:", "début du message réexpédié :"});
}

bool IsUnderscoreRule(std::string_view body) {
  const std::string_view t = text::Trim(body);
  return t.size() >= 8 && t.find_first_not_of('_') == std::string_view::npos;
}

// A line of underscores, dashes or em dashes ("________", "---", "——"):
// above a few short lines at the end, it sets off a signature.
bool IsRuleLine(std::string_view body) {
  const std::string_view t = text::Trim(body);
  if (t.size() < 3) return false;
  std::size_t pos = 0;
  while (pos < t.size()) {
    const char32_t cp = text::NextCodePoint(t, &pos);
    if (cp != '_' && cp != '-' && cp != 0x2014 && cp != 0x2013) return false;
  }
  return true;
}

bool IsSignatureSeparator(std::string_view raw) {
  return text::StartsWith(raw, "--") && text::TrimRight(raw) == "--";
}

bool IsMobileTrailer(std::string_view body) {
  const std::string_view t = text::Trim(body);
  if (t.empty() || CodePoints(t) > 60) return false;
  const std::string s = text::Lower(t);
  return StartsWithAny(
      s, {"sent from my ", "sent from outlook", "sent from yahoo mail", "sent from mail for ",
          "sent from samsung", "sent from the all new aol", "sent with proton mail",
          "sent via blackberry", "get outlook for ", "saadetud minu ", "saadetud mu ",
          "saadetud iphone", "saadetud androidi", "saadetud outlook",
          "saadetud windowsi", "saadetud rakendus", "hankige outlook",
          "отправлено с ", "отправлено из ", "отправлено через ", "получить outlook для",
          "скачайте outlook для", "trimis de pe ", "trimis din ", "trimis cu ",
          "obțineți outlook pentru", "obtineti outlook pentru", "von meinem iphone gesendet",
          "envoyé de mon ", "enviado desde mi ", "inviato da "});
}

// What a line is as a sign-off. kClosing: "Best regards,", "Lugupidamisega",
// "С уважением,", "Cu stimă,". kThanks: a thanks or wish that is a sign-off
// only when a line follows it ("Thanks,\nPeter"), not when it ends the text.
enum class SignOff { kNone, kClosing, kThanks };

// The kind of a closing phrase alone, compared lower-case with diacritics
// folded and trailing punctuation removed.
SignOff PhraseKind(std::string_view body);

// "Peter", "Kati Tamm", "Иван Петров": 1 to 4 words, each starting with an
// upper-case letter, no digits, no sentence end.
bool LooksLikeName(std::string_view s) {
  s = text::Trim(s);
  if (s.empty() || s.back() == '.' || s.back() == '!' || s.back() == '?') return false;
  int words = 0;
  bool word_start = true;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = text::NextCodePoint(s, &pos);
    if (cp >= '0' && cp <= '9') return false;
    if (cp == ' ') {
      word_start = true;
      continue;
    }
    if (word_start) {
      const bool letter = text::IsLatinLetter(cp) || text::IsCyrillicLetter(cp);
      if (!letter || text::ToLower(cp) == cp) return false;
      ++words;
      word_start = false;
    }
  }
  return words >= 1 && words <= 4;
}

// A sign-off line: a closing phrase alone ("Best regards,"), bilingual
// ("Lugupidamisega / Best regards"), or with the name on the same line
// ("Best regards, Peter", "С уважением, Иван Петров": a closing then).
SignOff SignOffKind(std::string_view body) {
  const std::string_view t = text::Trim(body);
  if (t.empty() || t.size() > 80) return SignOff::kNone;
  if (const SignOff kind = PhraseKind(t); kind != SignOff::kNone) return kind;
  if (const std::size_t slash = t.find(" / "); slash != std::string_view::npos) {
    const SignOff a = PhraseKind(t.substr(0, slash));
    const SignOff b = PhraseKind(t.substr(slash + 3));
    if (a != SignOff::kNone && b != SignOff::kNone) {
      return a == SignOff::kClosing || b == SignOff::kClosing ? SignOff::kClosing : SignOff::kThanks;
    }
  }
  if (const std::size_t comma = t.find(", "); comma != std::string_view::npos) {
    if (PhraseKind(t.substr(0, comma)) != SignOff::kNone && LooksLikeName(t.substr(comma + 2))) {
      return SignOff::kClosing;
    }
  }
  return SignOff::kNone;
}

SignOff PhraseKind(std::string_view body) {
  std::string_view t = text::Trim(body);
  while (!t.empty() && (t.back() == ',' || t.back() == '.' || t.back() == '!' || t.back() == ';' ||
                        t.back() == ' ' || t.back() == '-')) {
    t.remove_suffix(1);
  }
  if (t.empty() || t.size() > 60) return SignOff::kNone;
  const std::string s = text::FoldDiacritics(text::Lower(t));
  if (OneOf(s, {// en
                "regards", "best regards", "kind regards", "warm regards", "warmest regards",
                "with regards", "with best regards", "with kind regards", "best wishes",
                "all the best", "cheers", "sincerely", "yours sincerely", "sincerely yours",
                "yours faithfully", "yours truly", "respectfully", "br", "kr", "rgds",
                "thanks and regards", "thanks & regards", "many thanks and best regards",
                // et
                "lugupidamisega", "lugupidamisega teie", "parimat", "parimate soovidega",
                "parimate tervitustega", "heade soovidega", "tervitades", "tervitustega",
                "tervitusega", "lp", "koike head",
                // ru
                "с уважением", "с наилучшими пожеланиями", "всего доброго", "всего хорошего",
                "с уважением и благодарностью", "с благодарностью", "искренне ваш",
                // ro
                "cu stima", "cu respect", "cu bine", "cu drag", "toate cele bune", "numai bine",
                "salutari", "cu consideratie", "cu deosebita consideratie", "cu stima si respect"})) {
    return SignOff::kClosing;
  }
  if (OneOf(s, {"thanks", "thank you", "many thanks", "thanks in advance", "thanks again", "thx",
                "best", "aitah", "tanan", "tanud", "suur aitah", "ette tanades", "tanan ette",
                "head paeva", "ilusat paeva", "спасибо", "заранее спасибо", "большое спасибо",
                "благодарю", "хорошего дня", "multumesc", "va multumesc", "multumesc frumos",
                "multumiri", "va multumesc anticipat", "o zi buna", "o zi frumoasa"})) {
    return SignOff::kThanks;
  }
  return SignOff::kNone;
}

enum class Label { kNone, kFrom, kDate, kTo, kSubject };

// The header label of an Outlook/Apple header line ("From: x", "*Sent:* y",
// "Saatja: z", "От: Иван"), or kNone. `value` gets what follows the colon.
Label HeaderLabel(std::string_view body, std::string_view* value) {
  std::string_view t = text::TrimLeft(body);
  while (!t.empty() && (t.front() == '*' || t.front() == '_')) t.remove_prefix(1);
  const std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return Label::kNone;
  std::string_view name = t.substr(0, colon);
  while (!name.empty() && (name.back() == '*' || name.back() == ' ')) name.remove_suffix(1);
  std::string_view rest = t.substr(colon + 1);
  while (!rest.empty() && (rest.front() == '*' || rest.front() == '_')) rest.remove_prefix(1);
  if (value) *value = text::Trim(rest);
  const std::string n = text::Lower(text::Trim(name));
  if (OneOf(n, {"from", "saatja", "от", "от кого", "de la", "de", "von", "van", "fra",
                "från", "lähettäjä", "od", "da"})) {
    return Label::kFrom;
  }
  if (OneOf(n, {"sent", "date", "saadetud", "kuupäev", "saatmisaeg", "отправлено", "дата",
                "trimis", "data", "dată", "gesendet", "datum", "envoyé", "enviado", "inviato", "fecha",
                "verzonden", "lähetetty", "sendt", "skickat", "wysłano"})) {
    return Label::kDate;
  }
  if (OneOf(n, {"to", "cc", "adressaat", "saaja", "kellele", "koopia", "кому", "копия",
                "către", "catre", "an", "à", "a", "para", "aan", "till", "til",
                "vastaanottaja", "do", "destinatar"})) {
    return Label::kTo;
  }
  if (OneOf(n, {"subject", "teema", "тема", "subiect", "betreff", "objet", "asunto", "oggetto",
                "onderwerp", "emne", "ämne", "aihe", "temat", "assunto"})) {
    return Label::kSubject;
  }
  return Label::kNone;
}

bool IsTimeOrDate(std::string_view s) {
  // "10:00" or "23.11.2026" or "2026-11-23" or "11/23/26".
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
    if (digit(i) && (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == '/' || s[i + 1] == '-') &&
        digit(i + 2)) {
      return true;
    }
    if (digit(i) && digit(i + 1) && i + 3 < s.size() &&
        (s[i + 2] == ':' || s[i + 2] == '.' || s[i + 2] == '/' || s[i + 2] == '-') &&
        digit(i + 3)) {
      return true;
    }
  }
  return false;
}

// Is `s` (one line, or two joined) a reply attribution: "On <date>, <name>
// wrote:", "<date> kell 10:00 kirjutas <name>:", "<date>, <name> пишет:",
// "În <date>, <name> a scris:", Gmail's Russian "<date> г. в 10:00, <name>
// <addr>:"? Without a quote after it, it must also carry a date or time
// and an address or an opening word, to be safe to cut at.
bool IsAttribution(std::string_view line, bool followed_by_quote) {
  const std::string_view s = text::Trim(line);
  if (s.empty() || s.size() > 400 || s.back() != ':') return false;
  const std::string lower = text::Lower(s);
  const bool verb =
      EndsWithAny(lower, {"wrote:", "writes:", "schrieb:", "a écrit :", "a écrit:",
                          "escribió:", "ha scritto:", "scrisse:", "skrev:", "kirjoitti:",
                          "napisał:", "пишет:", "написал:", "написала:", "написал(а):",
                          "писал:", "писала:", "a scris:", "kirjutas:"}) ||
      lower.find("kirjutas ") != std::string::npos || lower.find(" пишет ") != std::string::npos ||
      lower.find(" schrieb ") != std::string::npos ||
      // The Bat!: "You wrote on 16.11.2026, 17:10:", "Вы писали 16.11.2026, 17:10:".
      StartsWithAny(lower, {"you wrote ", "вы писали ", "ați scris ", "ati scris "}) ||
      // Roundcube and others: "IT Support писал(а) 16.11.2026 17:10:".
      lower.find(" писал") != std::string::npos || lower.find(" написал") != std::string::npos;
  const bool has_digit = lower.find_first_of("0123456789") != std::string::npos;
  const bool has_address = lower.find('@') != std::string::npos;
  if (verb) {
    if (followed_by_quote) return true;
    const bool opener = StartsWithAny(lower, {"on ", "am ", "le ", "el ", "op ", "în ", "in ",
                                              "pe ", "il ", "em "}) ||
                        (lower[0] >= '0' && lower[0] <= '9');
    return has_digit && (has_address || opener);
  }
  // No verb (Gmail ru/et/ro, Yandex, Mail.ru): "<date> <time>, <name> <addr>:".
  return followed_by_quote && has_address && IsTimeOrDate(lower);
}

// Does `s` begin like an attribution ("On Mon, 23 ...", "E, 23. nov ...",
// "23.11.2026, ...", "Пн, 23 ...", "În lun., ...")? Used to join an
// attribution wrapped over two lines.
bool IsAttributionHead(std::string_view s) {
  const std::string lower = text::Lower(text::Trim(s));
  if (lower.empty() || lower.find_first_of("0123456789") == std::string::npos) return false;
  if (lower[0] >= '0' && lower[0] <= '9') return true;
  if (StartsWithAny(lower, {"on ", "am ", "le ", "el ", "op ", "în ", "in ", "pe ", "il ",
                            "em "})) {
    return true;
  }
  // A weekday abbreviation: "E, 23", "Mon, 23", "Пн, 23".
  const std::size_t comma = lower.find(", ");
  return comma != std::string::npos && comma > 0 && CodePoints(lower.substr(0, comma)) <= 4 &&
         lower.find(' ') > comma && comma + 2 < lower.size() && lower[comma + 2] >= '0' &&
         lower[comma + 2] <= '9';
}

class Stripper {
 public:
  Stripper(std::string_view text, bool forward_subject) : forward_subject_(forward_subject) {
    for (std::string_view raw : text::SplitLines(text)) lines_.push_back(ReadLine(raw));
  }

  // full: cut at history markers and signatures; otherwise only drop quotes,
  // attributions and trailers.
  std::string Run(bool full) {
    const int n = static_cast<int>(lines_.size());
    std::vector<bool> keep(n, true);
    int forward = n;
    int history = n;
    if (full) {
      forward = FindForward(n);
      history = FindHistoryCut(forward);  // == forward when there is none
      if (history < forward && forward_subject_) {
        // An Outlook forward: its header block starts the forwarded content.
        forward = history;
        history = n;
      } else if (history < forward) {
        forward = n;  // a forward inside the history is history
      } else {
        history = n;
      }
    }
    const int end = std::min(forward, history);
    int signature = end;
    if (full) {
      for (int i = 0; i < end; ++i) {
        if (lines_[i].depth == 0 && IsSignatureSeparator(lines_[i].raw)) {
          signature = i;
          break;
        }
      }
    }
    for (int i = signature; i < n; ++i) keep[i] = false;
    for (int i = 0; i < signature; ++i) {
      const Line& line = lines_[i];
      if (line.depth > 0 || IsMobileTrailer(line.body)) {
        keep[i] = false;
        continue;
      }
      if (line.blank || text::TrimRight(line.body).back() != ':') continue;
      if (!FollowedByQuote(i)) continue;
      if (const int first = AttributionStart(i, true); first >= 0) {
        for (int k = first; k <= i; ++k) keep[k] = false;
      }
    }
    if (full) DropSignOff(signature, &keep);
    std::vector<std::string_view> out(lines_.size());
    for (int i = 0; i < n; ++i) out[i] = lines_[i].raw;
    if (forward < history && forward < n) {
      // Quote marks the forward carries: those of its marker, or, after an
      // unquoted "Begin forwarded message:" (Apple Mail), those of the
      // quoted lines under it.
      int levels = lines_[forward].depth;
      if (levels == 0) {
        const int next = NextNonBlank(forward);
        if (next >= 0) levels = lines_[next].depth;
      }
      for (int i = forward; i < n; ++i) {
        keep[i] = true;
        if (levels > 0 && lines_[i].depth >= levels) out[i] = Unquote(lines_[i].raw, levels);
      }
    }
    return Assemble(out, keep);
  }

  bool HasUnquotedText() const {
    for (const Line& line : lines_) {
      if (line.depth == 0 && !line.blank) return true;
    }
    return false;
  }

 private:
  // Drops a sign-off block at the end of the kept lines before `end`: a
  // closing line and at most 6 short lines under it (name, title, company,
  // phone), when text of the writer remains above it.
  void DropSignOff(int end, std::vector<bool>* keep) const {
    end = DropDisclaimers(end, keep);
    int after = 0;   // kept non-blank lines below the candidate
    int below = -1;  // the first of them
    for (int i = end - 1; i >= 0; --i) {
      if (!(*keep)[i] || lines_[i].blank) continue;
      const SignOff kind = SignOffKind(lines_[i].body);
      if (kind == SignOff::kClosing || (kind == SignOff::kThanks && after > 0) ||
          (after > 0 && IsRuleLine(lines_[i].body) && LooksLikeName(lines_[below].body))) {
        bool text_above = false;
        for (int k = 0; k < i && !text_above; ++k) text_above = (*keep)[k] && !lines_[k].blank;
        if (!text_above) return;
        for (int k = i; k < end; ++k) (*keep)[k] = false;
        return;
      }
      const std::string_view t = text::Trim(lines_[i].body);
      below = i;
      if (++after > 6 || CodePoints(t) > 60 || t.back() == '?') return;
      // A sentence ("Everything works now.") is text, not a name or title.
      if ((t.back() == '.' || t.back() == '!') && std::count(t.begin(), t.end(), ' ') >= 2) return;
    }
  }

  // Drops the paragraphs at the end of the kept lines before `end` that are
  // a legal disclaimer ("This e-mail ... is confidential", "Käesolev e-kiri
  // ... konfidentsiaalne", "Данное сообщение ... конфиденциальн", "Acest
  // mesaj ... confidenţial"), when text remains above them. Returns the new
  // end of the writer's text.
  int DropDisclaimers(int end, std::vector<bool>* keep) const {
    while (true) {
      int last = end - 1;  // last kept non-blank line
      while (last >= 0 && (!(*keep)[last] || lines_[last].blank)) --last;
      if (last < 0) return end;
      int first = last;  // first line of its paragraph
      while (first > 0 && (*keep)[first - 1] && !lines_[first - 1].blank) --first;
      std::string paragraph;
      for (int k = first; k <= last; ++k) paragraph += text::Lower(lines_[k].body) + " ";
      const std::string folded = text::FoldDiacritics(paragraph);
      const bool disclaimer =
          folded.size() >= 60 &&
          (folded.find("confidential") != std::string::npos ||
           folded.find("konfidentsiaal") != std::string::npos ||
           folded.find("конфиденциальн") != std::string::npos ||
           folded.find("intended recipient") != std::string::npos ||
           folded.find("disclaimer") != std::string::npos);
      if (!disclaimer) return end;
      bool text_above = false;
      for (int k = 0; k < first && !text_above; ++k) text_above = (*keep)[k] && !lines_[k].blank;
      if (!text_above) return end;
      for (int k = first; k < end; ++k) (*keep)[k] = false;
      end = first;
    }
  }

  // Index of the previous line with a non-blank body, or -1.
  int PrevNonBlank(int i) const {
    for (int j = i - 1; j >= 0; --j) {
      if (!lines_[j].blank) return j;
    }
    return -1;
  }

  int NextNonBlank(int i) const {
    for (int j = i + 1; j < static_cast<int>(lines_.size()); ++j) {
      if (!lines_[j].blank) return j;
    }
    return -1;
  }

  bool FollowedByQuote(int i) const {
    const int j = NextNonBlank(i);
    return j >= 0 && lines_[j].depth > 0;
  }

  // First line of an attribution ending at line i (i itself, or i - 1 when
  // it is wrapped over two lines), or -1.
  int AttributionStart(int i, bool followed_by_quote) const {
    if (lines_[i].depth != 0) return -1;
    const std::string_view current = text::Trim(lines_[i].body);
    if (i > 0 && !IsAttributionHead(current)) {
      const Line& prev = lines_[i - 1];
      const std::string_view p = text::Trim(prev.body);
      if (prev.depth == 0 && !prev.blank && p.back() != ':' && IsAttributionHead(p)) {
        std::string joined(p);
        joined += ' ';
        joined += current;
        if (IsAttribution(joined, followed_by_quote)) return i - 1;
      }
    }
    return IsAttribution(current, followed_by_quote) ? i : -1;
  }

  // May a marker on line i start history or a forward? Unquoted: yes.
  // Quoted: only as the first line of its quote block, with no attribution
  // introducing the quote.
  bool MarkerPosition(int i) const {
    if (lines_[i].depth == 0) return true;
    const int prev = PrevNonBlank(i);
    if (prev < 0) return true;
    if (lines_[prev].depth > 0) return false;
    return AttributionStart(prev, true) < 0;
  }

  int FindForward(int n) const {
    for (int i = 0; i < n; ++i) {
      if (!lines_[i].blank && IsForwardMarker(lines_[i].body) && MarkerPosition(i)) return i;
    }
    return n;
  }

  // Is line i the From: line of a header block (at least two of date, to,
  // subject within the next lines, at the same quote depth)?
  bool IsHeaderBlock(int i) const {
    std::string_view value;
    if (HeaderLabel(lines_[i].body, &value) != Label::kFrom || value.empty()) return false;
    bool date = false, to = false, subject = false;
    int other = 0;
    const int n = static_cast<int>(lines_.size());
    for (int j = i + 1; j < n && j <= i + 12; ++j) {
      const Line& line = lines_[j];
      if (line.blank) continue;
      if (line.depth != lines_[i].depth) break;
      switch (HeaderLabel(line.body, nullptr)) {
        case Label::kDate: date = true; break;
        case Label::kTo: to = true; break;
        case Label::kSubject: subject = true; break;
        case Label::kFrom: return false;
        case Label::kNone:
          if (++other > 2) j = n;  // wrapped values only; stop
          break;
      }
    }
    return date + to + subject >= 2;
  }

  // The first line of quoted history before `limit`, or `limit`.
  int FindHistoryCut(int limit) const {
    for (int i = 0; i < limit; ++i) {
      const Line& line = lines_[i];
      if (line.blank) continue;
      if (IsOriginalMessageLine(line.body) && MarkerPosition(i)) return i;
      if (IsHeaderBlock(i) && MarkerPosition(i)) {
        const int prev = PrevNonBlank(i);
        if (prev >= 0 && (IsUnderscoreRule(lines_[prev].body) ||
                          IsOriginalMessageLine(lines_[prev].body))) {
          return prev;
        }
        return i;
      }
      if (line.depth == 0 && text::TrimRight(line.body).back() == ':' && !FollowedByQuote(i)) {
        if (const int first = AttributionStart(i, false); first >= 0) return first;
      }
    }
    return limit;
  }

  // Joins the kept lines. Where lines were dropped, the blank lines around
  // the gap (kept or dropped) become one blank line.
  static std::string Assemble(const std::vector<std::string_view>& out,
                              const std::vector<bool>& keep) {
    std::vector<std::string_view> kept;
    bool dropped = false;
    bool blank_in_gap = false;
    int pending_blanks = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const bool blank = text::IsBlank(out[i]);
      if (!keep[i]) {
        dropped = true;
        blank_in_gap = blank_in_gap || blank;
        continue;
      }
      if (blank) {
        if (!kept.empty()) ++pending_blanks;
        continue;
      }
      if (dropped && !kept.empty()) {
        while (text::IsBlank(kept.back())) {
          kept.pop_back();
          blank_in_gap = true;
        }
        if (blank_in_gap || pending_blanks > 0) kept.push_back("");
      } else {
        for (int k = 0; k < pending_blanks; ++k) kept.push_back("");
      }
      kept.push_back(out[i]);
      dropped = blank_in_gap = false;
      pending_blanks = 0;
    }
    std::string result;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      if (i > 0) result += '\n';
      result += kept[i];
    }
    return result;
  }

  std::vector<Line> lines_;
  bool forward_subject_;
};

bool IsForwardSubject(std::string_view subject) {
  const std::string s = text::Lower(text::Trim(subject));
  return StartsWithAny(s, {"fwd:", "fwd[", "fwd :", "fw:", "fw :", "tr:", "tr :", "wg:",
                           "edasi:", "пересл:", "переслать:", "enc:", "rv:", "i:", "vb:"});
}

std::string Strip(std::string_view text, bool forward_subject) {
  Stripper stripper(text, forward_subject);
  std::string result = stripper.Run(true);
  if (result.empty() && stripper.HasUnquotedText()) result = stripper.Run(false);
  return result;
}

}  // namespace

std::string StripReply(std::string_view text) { return Strip(text, false); }

std::string StripReply(std::string_view text, std::string_view subject) {
  return Strip(text, IsForwardSubject(subject));
}

}  // namespace deskd
