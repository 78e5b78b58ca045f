// Digest arithmetic and rendering: percentiles, KPIs, the review order, the
// HTML escaping and bars, and the SLA mail templates in all four languages.
#include "daemon/notify/digest.h"

#include <gtest/gtest.h>

#include "daemon/notify/notify_words.h"
#include "daemon/notify/scheduler.h"
#include "daemon/compose/templates.h"

namespace deskd {
namespace {

TEST(DigestTest, PercentileIsNearestRank) {
  EXPECT_FALSE(Percentile({}, 50).has_value());
  EXPECT_EQ(Percentile({5}, 90).value(), 5);
  EXPECT_EQ(Percentile({10, 1, 7, 3}, 50).value(), 3);
  std::vector<int64_t> v;
  for (int i = 1; i <= 10; ++i) v.push_back(i * 60);
  EXPECT_EQ(Percentile(v, 50).value(), 300);
  EXPECT_EQ(Percentile(v, 90).value(), 540);
  EXPECT_EQ(Percentile(v, 100).value(), 600);
}

TEST(DigestTest, KpisCountOnlyWhatCanBeCounted) {
  std::vector<KpiIncident> in(4);
  in[0].decided = true;
  in[0].all_met = true;
  in[0].resolved = true;
  in[0].first_line = true;
  in[0].first_response_seconds = 600;
  in[1].decided = true;  // a breach
  in[1].resolved = true;
  in[1].first_response_seconds = 7200;
  in[2].right_queue = false;
  in[2].first_response_seconds = 1800;
  // in[3]: still running, nothing met.
  const int64_t now = 1000000;
  Kpis k = ComputeKpis(in, {now - 100, now - 2 * 86400, now - 2 * 86400 - 5, now - 30 * 86400},
                       now);
  EXPECT_EQ(k.incidents, 4);
  EXPECT_DOUBLE_EQ(k.all_met.value(), 0.5);
  EXPECT_DOUBLE_EQ(k.first_line.value(), 0.5);
  EXPECT_DOUBLE_EQ(k.right_queue.value(), 0.75);
  EXPECT_FALSE(k.satisfaction.has_value());
  EXPECT_EQ(k.first_response_median.value(), 1800);
  EXPECT_EQ(k.first_response_p90.value(), 7200);
  EXPECT_EQ(k.backlog, (std::array<int, 4>{1, 2, 0, 1}));
  EXPECT_EQ(k.backlog_total, 4);

  Kpis empty = ComputeKpis({}, {}, now);
  EXPECT_FALSE(empty.all_met.has_value());
  EXPECT_FALSE(empty.first_response_median.has_value());
}

TEST(DigestTest, ReviewSortsByNearestDeadlineThenNumber) {
  std::vector<ReviewRow> rows(3);
  rows[0].number = 1;  // no open clock
  rows[1].number = 2;
  rows[1].nearest = SlaClock{};
  rows[1].nearest->due_at = 500;
  rows[2].number = 3;
  rows[2].nearest = SlaClock{};
  rows[2].nearest->due_at = 100;
  SortReview(&rows);
  EXPECT_EQ(rows[0].number, 3);
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[2].number, 1);
}

TEST(DigestTest, ReviewValuesMarkOverdueClocks) {
  Config config;
  BusinessCalendar cal = BusinessCalendar::Default("Europe/Tallinn");
  ReviewRow r;
  r.number = 1042;
  r.subject = "VPN";
  r.status = "open";
  r.priority = 1;
  SlaClock late;
  late.kind = ClockKind::kResolution;
  late.due_at = 1000;
  r.clocks = {late};
  r.nearest = late;
  TemplateValues v = ReviewValues({r}, config, cal, "ru", "Иван", 1000 + 7200);
  EXPECT_EQ(v["count"], "1");
  EXPECT_EQ(v["overdue_count"], "1");
  EXPECT_NE(v["rows"].find("[Ticket#1042]"), std::string::npos);
  EXPECT_NE(v["rows"].find("просрочено 2 ч"), std::string::npos) << v["rows"];
}

TEST(DigestTest, HtmlEscapeAndBars) {
  EXPECT_EQ(HtmlEscape("<b>\"A&B\"</b>'"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;");
  std::string bar = HtmlBar(120, 300, "#2f855a");
  EXPECT_NE(bar.find("width=\"120\""), std::string::npos);
  EXPECT_NE(bar.find("width=\"180\""), std::string::npos);
  EXPECT_EQ(HtmlBar(0, 300, "#000").find("#000"), std::string::npos);
  EXPECT_EQ(HtmlBar(300, 300, "#000").find("#e2e8f0"), std::string::npos);
}

TEST(DigestTest, DurationsInEachLanguage) {
  EXPECT_EQ(FormatDuration("en", 45 * 60), "45 min");
  EXPECT_EQ(FormatDuration("et", 2 * 3600 + 5 * 60), "2 t 5 min");
  EXPECT_EQ(FormatDuration("ru", -(3 * 86400 + 4 * 3600)), "3 д 4 ч");
  EXPECT_EQ(FormatDuration("ro", 3600), "1 h");
  EXPECT_EQ(FormatDuration("en", 1), "1 min");
}

ManagerDigest SampleDigest() {
  ManagerDigest d;
  d.from = 1795341600;
  d.to = 1795428000;
  d.kpis.incidents = 12;
  d.kpis.all_met = 0.75;
  d.kpis.first_line = 0.6;
  d.kpis.right_queue = 1.0;
  d.kpis.first_response_median = 1500;
  d.kpis.first_response_p90 = 5400;
  d.kpis.backlog = {3, 2, 1, 0};
  d.kpis.backlog_total = 6;
  DigestItem e{1042, 1795400000, "first_response", "Server <down> & out", 1795399000};
  d.escalations = {e};
  d.breaches = {e};
  return d;
}

TEST(DigestTest, ManagerDigestRendersInEveryLanguage) {
  Config config;
  config.manager.name = "Boss";
  BusinessCalendar cal = BusinessCalendar::Default("Europe/Tallinn");
  auto set = TemplateSet::Load("", "en");
  ASSERT_TRUE(set.ok());
  for (const char* lang : {"en", "et", "ru", "ro"}) {
    TemplateValues v = ManagerDigestValues(SampleDigest(), config, cal, lang);
    auto text = set->Render("manager_digest", lang, v);
    auto html = set->Render("manager_digest_html", lang, v);
    ASSERT_TRUE(text.ok() && html.ok()) << lang;
    EXPECT_EQ(text->language, lang);
    EXPECT_EQ(html->language, lang);
    for (const std::string& body : {text->body, html->body}) {
      EXPECT_NE(body.find("75%"), std::string::npos) << lang;
      EXPECT_NE(body.find("60%"), std::string::npos) << lang;
      EXPECT_NE(body.find("[Ticket#1042]"), std::string::npos) << lang;
      EXPECT_EQ(body.find("{{"), std::string::npos) << lang;
    }
    EXPECT_NE(text->body.find("Server <down> & out"), std::string::npos);
    EXPECT_EQ(html->body.find("Server <down>"), std::string::npos) << "escaped in HTML";
    EXPECT_NE(html->body.find("Server &lt;down&gt; &amp; out"), std::string::npos);
    EXPECT_EQ(html->body.find("<script"), std::string::npos);
    EXPECT_EQ(html->body.find("<img"), std::string::npos);
    EXPECT_NE(text->subject.find("1"), std::string::npos);
  }
  TemplateValues v = ManagerDigestValues(SampleDigest(), config, cal, "et");
  EXPECT_NE(set->Render("manager_digest", "et", v)->body.find("küsitlusi pole"),
            std::string::npos);
  EXPECT_NE(set->Render("manager_digest", "ru", v)->body.find("опросов нет"), std::string::npos);
}

TEST(DigestTest, SlaTemplatesExistAndRenderInEveryLanguage) {
  auto set = TemplateSet::Load("", "en");
  ASSERT_TRUE(set.ok());
  TemplateValues v = {{"tag", "[Ticket#7]"},        {"ticket", "7"},
                      {"subject", "Mouse"},         {"technician_name", "Mari"},
                      {"clock_label", "X"},         {"due", "2026-11-24 09:00"},
                      {"remaining", "1 h"},         {"queue", "support"},
                      {"owner", ""},                {"manager_name", "Boss"},
                      {"history", "  h\n"},         {"count", "0"},
                      {"overdue_count", "0"},       {"rows", ""},
                      {"date", "2026-11-24"},       {"reason", "needs a purchase"},
                      {"actor", "maria"},           {"desk_name", "IT"}};
  for (const char* lang : {"en", "et", "ru", "ro"}) {
    for (const std::string& name : Scheduler::TemplateNames()) {
      EXPECT_TRUE(set->Has(name, lang)) << lang << "/" << name;
      auto mail = set->Render(name, lang, v);
      ASSERT_TRUE(mail.ok()) << lang << "/" << name;
      EXPECT_EQ(mail->body.find("{{"), std::string::npos) << lang << "/" << name;
    }
    EXPECT_NE(set->Render("reminder", lang, v)->body.find("#assign"), std::string::npos)
        << "unowned: the queue technician is told how to take it";
    EXPECT_NE(set->Render("escalation", lang, v)->body.find("needs a purchase"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace deskd
