#include "parsers/urgency.h"

#include <gtest/gtest.h>

#include "daemon/config/config.h"
#include "daemon/sla/priority.h"

namespace deskd {
namespace {

ParsedMail Mail(std::vector<HeaderField> headers, std::string subject = "Printer",
                std::string new_text = "The printer on floor 2 jams.", std::string language = "en") {
  ParsedMail m;
  m.headers = std::move(headers);
  m.subject = std::move(subject);
  m.new_text = std::move(new_text);
  m.language = std::move(language);
  return m;
}

TEST(Urgency, FromHeaders) {
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"x-priority", "1 (Highest)"}})).urgency, 1);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"x-priority", "2"}})).urgency, 1);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"x-priority", "3 (Normal)"}})).urgency, std::nullopt);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"x-priority", "5 (Lowest)"}})).urgency, 3);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"importance", "High"}})).urgency, 1);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"importance", "low"}})).urgency, 3);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"importance", "normal"}})).urgency, std::nullopt);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"priority", "urgent"}})).urgency, 1);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"priority", "non-urgent"}})).urgency, 3);
  EXPECT_EQ(UrgencyFromHeaders(Mail({})).urgency, std::nullopt);
  // High wins over low, whichever header says it.
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"x-priority", "5"}, {"importance", "high"}})).urgency, 1);
  EXPECT_EQ(UrgencyFromHeaders(Mail({{"x-priority", "1"}})).reason, "X-Priority: 1");
}

TEST(Urgency, UrgentWordsAreWholeWordsAnyCase) {
  std::vector<std::string> en = {"urgent", "asap", "down", "as soon as possible"};
  EXPECT_EQ(FindUrgentWord("Server is DOWN since 8", en), "down");
  EXPECT_EQ(FindUrgentWord("please download the file", en), std::nullopt);
  EXPECT_EQ(FindUrgentWord("Not urgently needed", en), std::nullopt);  // "urgently" is not "urgent"
  EXPECT_EQ(FindUrgentWord("Answer ASAP!", en), "asap");
  EXPECT_EQ(FindUrgentWord("fix it as soon as\npossible", en), std::nullopt);
  EXPECT_EQ(FindUrgentWord("fix it as soon as possible.", en), "as soon as possible");
  EXPECT_EQ(FindUrgentWord("", en), std::nullopt);
}

TEST(Urgency, UrgentWordsInEstonianRussianRomanian) {
  std::vector<std::string> et = {"kiire", "hädaolukord"};
  EXPECT_EQ(FindUrgentWord("Väga KIIRE palun", et), "kiire");
  EXPECT_EQ(FindUrgentWord("Hädaolukord serveriruumis", et), "hädaolukord");
  EXPECT_EQ(FindUrgentWord("kiirendada arvutit", et), std::nullopt);
  std::vector<std::string> ru = {"срочно", "авария"};
  EXPECT_EQ(FindUrgentWord("СРОЧНО: не работает почта", ru), "срочно");
  EXPECT_EQ(FindUrgentWord("Авария на складе", ru), "авария");
  EXPECT_EQ(FindUrgentWord("несрочно", ru), std::nullopt);
  std::vector<std::string> ro = {"urgență"};
  EXPECT_EQ(FindUrgentWord("Este o URGENȚĂ", ro), "urgență");
  EXPECT_EQ(FindUrgentWord("Este o urgenţă (cedilla)", ro), "urgență");
  EXPECT_EQ(FindUrgentWord("Este o urgenta", ro), "urgență");  // without diacritics
}

TEST(Urgency, DetectUsesSubjectAndNewTextOnly) {
  std::vector<std::string> words = {"urgent"};
  ParsedMail m = Mail({}, "URGENT: printer", "jams");
  EXPECT_EQ(DetectUrgency(m, words).urgency, 1);
  EXPECT_EQ(DetectUrgency(m, words).reason, "urgent word \"urgent\"");
  m = Mail({}, "printer", "it is urgent");
  EXPECT_EQ(DetectUrgency(m, words).urgency, 1);
  m = Mail({}, "printer", "thanks");
  m.text = "thanks\n> this was urgent yesterday";  // quoted: not new text
  EXPECT_EQ(DetectUrgency(m, words).urgency, std::nullopt);
  // An urgent word beats a low header.
  m = Mail({{"importance", "low"}}, "urgent", "");
  EXPECT_EQ(DetectUrgency(m, words).urgency, 1);
  m = Mail({{"importance", "low"}}, "printer", "");
  EXPECT_EQ(DetectUrgency(m, words).urgency, 3);
}

TEST(Priority, ItilMatrix) {
  PrioritySection p;
  EXPECT_EQ(PriorityOf(p, 1, 1), 1);
  EXPECT_EQ(PriorityOf(p, 1, 2), 2);
  EXPECT_EQ(PriorityOf(p, 2, 1), 2);
  EXPECT_EQ(PriorityOf(p, 2, 2), 3);
  EXPECT_EQ(PriorityOf(p, 2, 3), 4);
  EXPECT_EQ(PriorityOf(p, 3, 3), 4);
  EXPECT_EQ(PriorityOf(p, 0, 9), 3);  // clamped to impact 1, urgency 3
  p.matrix[1][1] = 2;
  EXPECT_EQ(PriorityOf(p, 2, 2), 2);
}

TEST(Priority, DecidedFromTheMailInItsLanguage) {
  PrioritySection p;
  PriorityDecision d = DecidePriority(p, Mail({}, "Printer", "jams", "en"));
  EXPECT_EQ(d.urgency, 2);
  EXPECT_EQ(d.impact, 2);
  EXPECT_EQ(d.priority, 3);
  EXPECT_EQ(d.reason, "default");
  d = DecidePriority(p, Mail({}, "Printer", "Väga kiire!", "et"));
  EXPECT_EQ(d.urgency, 1);
  EXPECT_EQ(d.priority, 2);
  EXPECT_EQ(d.reason, "urgent word \"kiire\"");
  // Russian words do not count in an Estonian mail; English ones do.
  EXPECT_EQ(DecidePriority(p, Mail({}, "Printer", "срочно", "et")).urgency, 2);
  EXPECT_EQ(DecidePriority(p, Mail({}, "Printer", "server down", "ru")).urgency, 1);
  EXPECT_EQ(DecidePriority(p, Mail({{"x-priority", "5"}}, "Printer", "", "en")).priority, 4);
  p.default_impact = 1;
  EXPECT_EQ(DecidePriority(p, Mail({{"x-priority", "1"}}, "Printer", "", "en")).priority, 1);
}

}  // namespace
}  // namespace deskd
