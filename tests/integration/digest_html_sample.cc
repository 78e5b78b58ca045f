// Writes the manager digest's HTML part, rendered from the shipped templates
// with sample KPIs, to the file named by argv[1] (language argv[2], default
// en), and prints the strings that must be visible in it, one per line.
// Used by test_digest_render.py, which renders it in headless Chromium.
#include <fstream>
#include <iostream>

#include "daemon/notify/digest.h"
#include "daemon/notify/notify_words.h"
#include "daemon/compose/templates.h"

int main(int argc, char** argv) {
  using namespace deskd;
  if (argc < 2) {
    std::cerr << "usage: digest_html_sample OUT.html [LANG]\n";
    return 64;
  }
  const std::string lang = argc > 2 ? argv[2] : "en";
  Config config;
  config.desk.name = "IT Support";
  config.manager.name = "Boss";
  BusinessCalendar cal = BusinessCalendar::Default("Europe/Tallinn");
  ManagerDigest d;
  d.to = 1795428000;
  d.from = d.to - 86400;
  d.kpis.incidents = 40;
  d.kpis.all_met = 0.83;
  d.kpis.first_line = 0.64;
  d.kpis.right_queue = 0.97;
  d.kpis.first_response_median = 25 * 60;
  d.kpis.first_response_p90 = 3 * 3600 + 10 * 60;
  d.kpis.backlog = {9, 5, 3, 2};
  d.kpis.backlog_total = 19;
  d.escalations = {{1042, d.to - 3600, "first_response", "Server room too hot", d.to - 4000},
                   {1050, d.to - 1800, "switch must be replaced", "Switch <5> dead", 0}};
  d.breaches = {d.escalations[0]};
  auto set = TemplateSet::Load("", "en");
  if (!set) {
    std::cerr << set.error().message << "\n";
    return 70;
  }
  TemplateValues v = ManagerDigestValues(d, config, cal, lang);
  auto html = set->Render("manager_digest_html", lang, v);
  if (!html) {
    std::cerr << html.error().message << "\n";
    return 70;
  }
  std::ofstream(argv[1]) << html->body;
  for (const std::string& s :
       {std::string("83%"), std::string("64%"), std::string("97%"), v["kpi_fr_median"],
        v["kpi_fr_p90"], std::string("[Ticket#1042]"), std::string("Switch <5> dead")}) {
    std::cout << s << "\n";
  }
  return 0;
}
