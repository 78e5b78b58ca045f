#include "daemon/notify/notify_words.h"

#include <cstdlib>
#include <map>

namespace deskd {

namespace {

using Table = std::map<std::string, std::map<std::string, std::string>>;  // key -> lang -> text

std::string Lookup(const Table& table, const std::string& language, const std::string& key) {
  auto row = table.find(key);
  if (row == table.end()) return key;
  auto text = row->second.find(language);
  if (text == row->second.end()) text = row->second.find("en");
  return text == row->second.end() ? key : text->second;
}

const Table& Clocks() {
  static const Table t = {
      {"first_response",
       {{"en", "First response"}, {"et", "Esimene vastus"}, {"ru", "Первый ответ"},
        {"ro", "Primul răspuns"}}},
      {"in_work",
       {{"en", "Taken into work"}, {"et", "Töösse võtmine"}, {"ru", "Взятие в работу"},
        {"ro", "Preluare în lucru"}}},
      {"resolution",
       {{"en", "Resolution"}, {"et", "Lahendamine"}, {"ru", "Решение"}, {"ro", "Rezolvare"}}},
  };
  return t;
}

const Table& Statuses() {
  static const Table t = {
      {"new", {{"en", "new"}, {"et", "uus"}, {"ru", "новая"}, {"ro", "nouă"}}},
      {"open", {{"en", "in progress"}, {"et", "töös"}, {"ru", "в работе"}, {"ro", "în lucru"}}},
      {"on_hold",
       {{"en", "on hold"}, {"et", "ootel"}, {"ru", "приостановлена"}, {"ro", "în așteptare"}}},
      {"resolved",
       {{"en", "resolved"}, {"et", "lahendatud"}, {"ru", "решена"}, {"ro", "rezolvată"}}},
      {"closed", {{"en", "closed"}, {"et", "suletud"}, {"ru", "закрыта"}, {"ro", "închisă"}}},
      {"merged", {{"en", "merged"}, {"et", "ühendatud"}, {"ru", "объединена"}, {"ro", "comasată"}}},
  };
  return t;
}

const Table& Words() {
  static const Table t = {
      {"overdue",
       {{"en", "overdue"}, {"et", "tähtaeg ületatud"}, {"ru", "просрочено"}, {"ro", "depășit"}}},
      {"left", {{"en", "left"}, {"et", "jäänud"}, {"ru", "осталось"}, {"ro", "rămas"}}},
      {"met", {{"en", "met"}, {"et", "täidetud"}, {"ru", "выполнено"}, {"ro", "respectat"}}},
      {"breached",
       {{"en", "breached"}, {"et", "ületatud"}, {"ru", "нарушено"}, {"ro", "depășit"}}},
      {"paused", {{"en", "paused"}, {"et", "peatatud"}, {"ru", "на паузе"}, {"ro", "în pauză"}}},
      {"running", {{"en", "running"}, {"et", "käib"}, {"ru", "идёт"}, {"ro", "în curs"}}},
      {"none", {{"en", "none"}, {"et", "puudub"}, {"ru", "нет"}, {"ro", "niciunul"}}},
      {"due", {{"en", "due"}, {"et", "tähtaeg"}, {"ru", "срок"}, {"ro", "termen"}}},
      {"manual", {{"en", "by hand"}, {"et", "käsitsi"}, {"ru", "вручную"}, {"ro", "manual"}}},
      {"breach",
       {{"en", "deadline missed"}, {"et", "tähtaeg ületatud"}, {"ru", "срок нарушен"},
        {"ro", "termen depășit"}}},
  };
  return t;
}

struct Units {
  const char* day;
  const char* hour;
  const char* minute;
};

Units UnitsOf(const std::string& language) {
  if (language == "et") return {"p", "t", "min"};
  if (language == "ru") return {"д", "ч", "мин"};
  if (language == "ro") return {"z", "h", "min"};
  return {"d", "h", "min"};
}

}  // namespace

std::string ClockLabel(const std::string& language, const std::string& clock) {
  return Lookup(Clocks(), language, clock);
}

std::string StatusLabel(const std::string& language, const std::string& status) {
  return Lookup(Statuses(), language, status);
}

std::string Word(const std::string& language, const std::string& key) {
  return Lookup(Words(), language, key);
}

std::string FormatDuration(const std::string& language, int64_t seconds) {
  const Units u = UnitsOf(language);
  int64_t minutes = (std::llabs(seconds) + 59) / 60;  // round up: "1 min" left, not "0 min"
  int64_t days = minutes / 1440;
  int64_t hours = (minutes % 1440) / 60;
  int64_t mins = minutes % 60;
  std::string out;
  auto add = [&](int64_t n, const char* unit) {
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + ' ' + unit;
  };
  if (days > 0) {
    add(days, u.day);
    if (hours > 0) add(hours, u.hour);
    return out;
  }
  if (hours > 0) add(hours, u.hour);
  if (mins > 0 || hours == 0) add(mins, u.minute);
  return out;
}

std::string FormatLocalTime(const BusinessCalendar& calendar, int64_t unix_seconds) {
  auto zt = date::make_zoned(calendar.zone(), date::sys_seconds(std::chrono::seconds(unix_seconds)));
  return date::format("%Y-%m-%d %H:%M", zt.get_local_time());
}

std::string FormatLocalDate(const BusinessCalendar& calendar, int64_t unix_seconds) {
  auto zt = date::make_zoned(calendar.zone(), date::sys_seconds(std::chrono::seconds(unix_seconds)));
  return date::format("%Y-%m-%d", date::floor<date::days>(zt.get_local_time()));
}

}  // namespace deskd
