// A small, explainable language scorer for short support mails.
//
// Each word of the text votes:
//  - a Cyrillic word: +2 for ru (Ukrainian and Bulgarian come out ru too);
//  - a word on a language's list of frequent words: +2 for that language.
//    Lists are compared with diacritics folded ("tööta" ~ "toota",
//    "mulțumesc" ~ "multumesc"), so text typed without diacritics still
//    counts; a word on several lists (en/et "on", et/ro "sa") votes for each;
//  - letters that only one of the languages uses: õ +2, ä ö ü +1 for et;
//    ă ș ş ț ţ +2, â î +1 for ro.
// Words inside quotation marks (a pasted error message) count a quarter.
// The language with the most votes wins if it has at least 2 (of a word
// outside quotes) and more than any other; otherwise the caller's fallback
// is returned.
#include "parsers/language.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "parsers/text_util.h"

namespace deskd {

namespace {

enum Lang { kEt = 0, kRu = 1, kRo = 2, kEn = 3, kLangCount = 4 };
constexpr std::array<const char*, kLangCount> kLangCodes = {"et", "ru", "ro", "en"};

// Frequent words of everyday and IT-support writing, lower-case. Words that
// are as common in another language we do not detect (e.g. "printer",
// "laptop", "email", "internet", "toner") are left out.
constexpr std::string_view kEstonian[] = {
    "ja", "on", "ei", "et", "see", "kas", "mul", "mulle", "minu", "mina", "ma", "me", "meil",
    "meie", "sa", "sina", "te", "teie", "teil", "tema", "ta", "nad", "neil", "palun", "tere",
    "aitäh", "tänan", "tänud", "lugupidamisega", "parimat", "head", "hea", "päeva", "päevast",
    "arvuti", "arvutis", "arvutit", "arvutiga", "arvutisse", "töötab", "tööta", "enam", "veel",
    "juba", "kui", "siis", "aga", "või", "ka", "nii", "kuidas", "miks", "mis", "mida", "kus",
    "kes", "millal", "täna", "eile", "homme", "hommikul", "pärast", "enne", "üle", "sisse",
    "välja", "saan", "saa", "saanud", "võiks", "võite", "võimalik", "vaja", "vajan", "abi",
    "aidata", "aita", "printerit", "printeriga", "printeris", "printida", "prindib", "parool",
    "parooli", "konto", "kontole", "kontot", "ekraan", "ekraanil", "hiir", "klaviatuur",
    "interneti", "võrk", "võrku", "võrgu", "kiri", "kirja", "kirjad", "kirju", "postkast",
    "postkasti", "viga", "vea", "veateade", "probleem", "probleemi", "lahendatud", "lahendada",
    "kohe", "väga", "kiire", "kiiresti", "uus", "uue", "vana", "läks", "läinud", "tuleb", "tuli",
    "olen", "oli", "olid", "pole", "polnud", "ole", "oleks", "tehtud", "teha", "teeb", "midagi",
    "mitte", "kõik", "seda", "selle", "sellega", "seal", "siin", "seoses", "kolleeg", "kontor",
    "kontoris", "korrusel", "tooner", "lõppenud", "käivitu", "käivitub", "avaneb", "avane",
    "ühendust", "jookseb", "kokku", "ikka", "lihtsalt", "natuke", "tervitades", "töö", "tööl",
    "tööd", "ainult", "kõigil", "ning", "sest", "nagu", "ilma", "koos", "meili", "meilid",
    "saata", "saada", "saatnud", "sain", "ühtegi", "lugupeetud", "hr", "pr", "teile", "neid",
    "kuna", "tänase", "õhtul", "kell", "hetkel", "praegu", "terve", "ootan", "vastust",
    "vastus", "tänapäev", "palju", "vähe", "peab", "peaks", "oleme", "olete", "töötanud",
    "helista", "helistage", "nõus", "jah", "sobib", "sobiks", "sobivad", "korras", "katki",
    "aeglane", "aeglaselt", "seis", "seisuga", "maas", "lisage", "lisada", "homseks", "kodus",
    "töötama", "tänades", "lahendus", "manus", "manuses", "vaadake", "vaata"};

constexpr std::string_view kRomanian[] = {
    "și", "nu", "este", "să", "la", "pe", "cu", "de", "din", "în", "un", "una", "unei", "unui",
    "care", "ce", "cum", "când", "dar", "mai", "foarte", "am", "ai", "are", "au", "avem",
    "aveți", "sunt", "era", "fost", "fi", "bună", "ziua", "seara", "dimineața", "vă", "rog",
    "mulțumesc", "mulțumim", "stimă", "salut", "imprimanta", "imprimantă", "imprimantei",
    "calculator", "calculatorul", "calculatorului", "laptopul", "parola", "parolă", "contul",
    "cont", "eroare", "eroarea", "problema", "problemă", "funcționează", "merge", "pot",
    "poate", "puteți", "ajuta", "ajutați", "ajutor", "nimic", "tot", "toate", "acum", "azi",
    "astăzi", "ieri", "mâine", "după", "înainte", "deja", "încă", "doar", "sau", "pentru",
    "fără", "despre", "între", "către", "meu", "mea", "mei", "mele", "nostru", "noastră",
    "dumneavoastră", "dvs", "vreau", "trebuie", "nevoie", "nou", "nouă", "ecran", "ecranul",
    "tastatura", "rețea", "rețeaua", "conexiune", "conectez", "conecta", "se", "mi", "mă",
    "îmi", "ne", "lui", "el", "ea", "noi", "voi", "acest", "această", "acesta", "asta", "aici",
    "acolo", "atunci", "deoarece", "dacă", "deschide", "deschid", "pornește", "pornesc",
    "blocat", "blocată", "primesc", "trimit", "trimite", "mesaj", "mesajul", "mesaje",
    "atașat", "biroul", "birou", "etaj", "etajul", "colegul", "colega", "cartuș", "cartușul",
    "printează", "imprimă", "salutare", "zi", "bine", "vedere", "cele", "mult", "mulți",
    "lucrez", "lucru", "funcționa", "nici", "iar", "ceva", "cineva", "apare", "afișează",
    "mesajului", "următoarea", "următorul", "putea", "puteti", "dumneavoastra", "domnule",
    "doamna", "stimate", "stimată", "cererea", "cerere", "urgență", "astept", "aștept",
    "răspuns", "multumiri", "numai", "prin", "spre", "sub", "fiecare", "altă", "alt", "ora",
    "mersi", "te", "sună", "sunați", "suni", "rezolvat", "rezolvată", "rezolvată", "regulă",
    "lent", "lentă", "lista", "situația", "pornește", "porneste", "acasă", "printează", "da"};

constexpr std::string_view kEnglish[] = {
    "the", "an", "is", "are", "was", "were", "be", "been", "am", "and", "or", "but", "to", "of",
    "in", "on", "at", "for", "with", "from", "by", "my", "our", "your", "it", "its", "this",
    "that", "these", "those", "we", "you", "he", "she", "they", "me", "us", "not", "no", "yes",
    "please", "hello", "hi", "dear", "thanks", "thank", "regards", "best", "kind", "can",
    "could", "would", "should", "will", "have", "has", "had", "do", "does", "did", "don't",
    "doesn't", "can't", "cannot", "isn't", "won't", "didn't", "wasn't", "i'm", "it's", "i've",
    "there", "here", "what", "when", "where", "why", "how", "any", "some", "all", "after",
    "before", "since", "still", "again", "also", "just", "now", "today", "yesterday",
    "morning", "work", "working", "works", "broken", "help", "need", "issue", "problem",
    "error", "computer", "password", "account", "access", "screen", "new", "get", "unable",
    "because", "if", "so", "as", "up", "out", "about", "into", "only", "very", "too", "much",
    "sorry", "let", "know", "see", "look", "anymore", "keeps", "shows", "says", "send",
    "sent", "receive", "received", "open", "opens", "start", "starts", "connect", "network",
    "printing", "print", "prints", "asap", "urgent", "could", "someone", "anyone", "attached",
    "thanks", "cheers", "team", "floor", "office", "meeting", "room", "login", "log",
    "reset", "locked", "forgot", "which", "who", "then", "than", "again", "message",
    "messages", "mailbox", "doesnt", "dont", "cant", "im", "fine", "good", "solved", "fixed",
    "update", "slow", "add", "list", "tomorrow", "isn't", "aren't", "won't", "wouldn't"};

struct Lexicon {
  // Folded word -> bit set of the languages that list it.
  std::unordered_map<std::string, unsigned> words;

  Lexicon() {
    Add(kEstonian, kEt);
    Add(kRomanian, kRo);
    Add(kEnglish, kEn);
  }

  template <std::size_t N>
  void Add(const std::string_view (&list)[N], Lang lang) {
    for (std::string_view w : list) words[text::FoldDiacritics(w)] |= 1u << lang;
  }
};

const Lexicon& GetLexicon() {
  static const Lexicon* lexicon = new Lexicon();
  return *lexicon;
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

using Scores = std::array<int, kLangCount>;

// „…“ „…” «…» "…" “…”: „ and « open, » closes, the others toggle. The
// quotation state after `cp`.
bool QuotedAfter(char32_t cp, bool quoted) {
  if (cp == 0x201E || cp == 0xAB) return true;
  if (cp == 0xBB) return false;
  if (cp == '"' || cp == 0x201C || cp == 0x201D) return !quoted;
  return quoted;
}

// The votes of a text's words, kept apart outside and inside quotation
// marks: a quoted error message ("Cannot start Microsoft Outlook...") is the
// software's language, not the writer's.
class Votes {
 public:
  // Reads `input` word by word (Latin and Cyrillic letters; an apostrophe
  // inside a word belongs to it).
  void Read(std::string_view input) {
    std::size_t pos = 0;
    while (pos < input.size()) {
      const char32_t cp = text::ToLower(text::NextCodePoint(input, &pos));
      const bool cyr = text::IsCyrillicLetter(cp);
      if (cyr || text::IsLatinLetter(cp)) {
        Letter(cp, cyr);
        continue;
      }
      if (IsApostrophe(cp) && !word_.empty() && pos < input.size()) {
        std::size_t peek = pos;
        if (text::IsLatinLetter(text::NextCodePoint(input, &peek))) {
          word_.push_back('\'');
          continue;
        }
      }
      Flush();
      quoted_ = QuotedAfter(cp, quoted_);
    }
    Flush();
  }

  // Quoted words count a quarter, unless nothing outside quotes voted.
  Scores Weighted() const {
    int outside_votes = 0;
    for (int v : outside_) outside_votes += v;
    Scores score{};
    for (int lang = 0; lang < kLangCount; ++lang) {
      score[lang] = outside_votes == 0 ? 4 * inside_[lang] : 4 * outside_[lang] + inside_[lang];
    }
    return score;
  }

 private:
  // A letter of the current word; õ ä ö ü hint at et, ă ș ț â î at ro.
  void Letter(char32_t cp, bool cyr) {
    cyrillic_ = cyrillic_ || cyr;
    switch (cp) {
      case U'õ': et_marks_ = 2; break;
      case U'ä': case U'ö': case U'ü': et_marks_ = std::max(et_marks_, 1); break;
      case U'ă': case U'ș': case U'ş': case U'ț': case U'ţ': ro_marks_ = 2; break;
      case U'â': case U'î': ro_marks_ = std::max(ro_marks_, 1); break;
      default: break;
    }
    text::AppendUtf8(cp, &word_);
  }

  // Scores the current word (Cyrillic: ru; else its diacritics and the
  // lexicons that list it) and starts the next.
  void Flush() {
    if (!word_.empty()) {
      Scores& score = quoted_ ? inside_ : outside_;
      if (cyrillic_) {
        score[kRu] += 2;
      } else {
        score[kEt] += et_marks_;
        score[kRo] += ro_marks_;
        const Lexicon& lexicon = GetLexicon();
        const auto it = lexicon.words.find(text::FoldDiacritics(word_));
        for (int lang = 0; it != lexicon.words.end() && lang < kLangCount; ++lang) {
          if (it->second & (1u << lang)) score[lang] += 2;
        }
      }
    }
    word_.clear();
    cyrillic_ = false;
    et_marks_ = ro_marks_ = 0;
  }

  Scores outside_{}, inside_{};
  bool quoted_ = false;
  std::string word_;
  bool cyrillic_ = false;
  int et_marks_ = 0, ro_marks_ = 0;
};

}  // namespace

std::string DetectLanguage(std::string_view input, std::string_view fallback) {
  Votes votes;
  votes.Read(input);
  const Scores score = votes.Weighted();
  int best = -1;
  bool tie = false;
  for (int lang = 0; lang < kLangCount; ++lang) {
    if (best < 0 || score[lang] > score[best]) {
      best = lang;
      tie = false;
    } else if (score[lang] == score[best]) {
      tie = true;
    }
  }
  if (score[best] < 8 || tie) return std::string(fallback);
  return kLangCodes[best];
}

}  // namespace deskd
