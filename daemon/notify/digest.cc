#include "daemon/notify/digest.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "daemon/core/mail_text.h"
#include "daemon/notify/notify_words.h"

namespace deskd {

namespace {

constexpr int64_t kDay = 86400;
constexpr int kBarWidth = 300;

std::string Percent(std::optional<double> share) {
  if (!share) return "–";
  return std::to_string(static_cast<int>(std::lround(*share * 100))) + "%";
}

int BarPixels(std::optional<double> share) {
  if (!share) return 0;
  return std::clamp(static_cast<int>(std::lround(*share * kBarWidth)), 0, kBarWidth);
}

std::string OptDuration(const std::string& language, std::optional<int64_t> s) {
  return s ? FormatDuration(language, *s) : "–";
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string HtmlBar(int filled, int width, const std::string& colour) {
  filled = std::clamp(filled, 0, width);
  const std::string cell = "height=\"14\" style=\"font-size:1px;line-height:1px;";
  std::string out = "<table role=\"presentation\" width=\"" + std::to_string(width) +
                    "\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                    "style=\"border-collapse:collapse;\"><tr>";
  if (filled > 0) {
    out += "<td width=\"" + std::to_string(filled) + "\" bgcolor=\"" + colour + "\" " + cell +
           "background:" + colour + ";\">&nbsp;</td>";
  }
  if (filled < width) {
    out += "<td width=\"" + std::to_string(width - filled) + "\" bgcolor=\"#e2e8f0\" " + cell +
           "background:#e2e8f0;\">&nbsp;</td>";
  }
  return out + "</tr></table>";
}

// --- technician review ---

void SortReview(std::vector<ReviewRow>* rows) {
  std::stable_sort(rows->begin(), rows->end(), [](const ReviewRow& a, const ReviewRow& b) {
    if (a.nearest.has_value() != b.nearest.has_value()) return a.nearest.has_value();
    if (a.nearest && a.nearest->due_at != b.nearest->due_at) {
      return a.nearest->due_at < b.nearest->due_at;
    }
    return a.number < b.number;
  });
}

Result<std::vector<ReviewRow>> LoadReview(Store& store, const std::string& technician) {
  DESKD_TRY_ASSIGN(auto owned, store.OpenIncidentsOwnedBy(technician));
  std::vector<ReviewRow> rows;
  for (const IncidentRow& incident : owned) {
    ReviewRow r;
    r.number = incident.number;
    r.subject = incident.subject;
    r.status = incident.status;
    r.priority = incident.priority;
    rows.push_back(std::move(r));
  }
  for (ReviewRow& r : rows) {
    DESKD_TRY_ASSIGN(r.clocks, store.Clocks(r.number));
    for (const SlaClock& c : r.clocks) {
      if (!c.Open()) continue;
      if (!r.nearest || c.due_at < r.nearest->due_at) r.nearest = c;
    }
  }
  SortReview(&rows);
  return rows;
}

TemplateValues ReviewValues(const std::vector<ReviewRow>& rows, const Config& config,
                            const BusinessCalendar& calendar, const std::string& language,
                            const std::string& technician_name, int64_t now) {
  TemplateValues v;
  v["technician_name"] = SanitizeHeaderText(technician_name, 200);
  v["desk_name"] = SanitizeHeaderText(config.desk.name, 200);
  v["date"] = FormatLocalTime(calendar, now);
  int overdue = 0;
  std::string text;
  for (const ReviewRow& r : rows) {
    std::string line = TicketTag(config.desk.prefix, r.number) + "  P" +
                       std::to_string(r.priority) + "  " + StatusLabel(language, r.status) +
                       "  " + SanitizeHeaderText(r.subject, 120) + "\n";
    bool any_overdue = false;
    for (const SlaClock& c : r.clocks) {
      if (!c.Open()) continue;
      bool late = c.state == ClockState::kBreached || c.due_at <= now;
      any_overdue |= late;
      line += "    " + ClockLabel(language, ClockKindName(c.kind)) + ": " + Word(language, "due") +
              " " + FormatLocalTime(calendar, c.due_at);
      if (c.state == ClockState::kPaused) {
        line += " (" + Word(language, "paused") + ")";
      } else if (late) {
        line += " (" + Word(language, "overdue") + " " +
                FormatDuration(language, now - c.due_at) + ")";
      } else {
        line += " (" + Word(language, "left") + " " + FormatDuration(language, c.due_at - now) +
                ")";
      }
      line += "\n";
    }
    if (any_overdue) ++overdue;
    text += line + "\n";
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  v["rows"] = text;
  v["count"] = std::to_string(rows.size());
  v["overdue_count"] = std::to_string(overdue);
  return v;
}

// --- manager digest ---

std::optional<int64_t> Percentile(std::vector<int64_t> values, int p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  rank = std::clamp<size_t>(rank, 1, values.size());
  return values[rank - 1];
}

Kpis ComputeKpis(const std::vector<KpiIncident>& incidents,
                 const std::vector<int64_t>& open_received, int64_t now) {
  Kpis k;
  k.incidents = static_cast<int>(incidents.size());
  int decided = 0, met = 0, resolved = 0, first_line = 0, right = 0, rated = 0, rating_sum = 0;
  std::vector<int64_t> fr;
  for (const KpiIncident& i : incidents) {
    if (i.decided) {
      ++decided;
      if (i.all_met) ++met;
    }
    if (i.resolved) {
      ++resolved;
      if (i.first_line) ++first_line;
    }
    if (i.right_queue) ++right;
    if (i.satisfaction) {
      ++rated;
      rating_sum += *i.satisfaction;
    }
    if (i.first_response_seconds) fr.push_back(*i.first_response_seconds);
  }
  if (decided > 0) k.all_met = static_cast<double>(met) / decided;
  if (resolved > 0) k.first_line = static_cast<double>(first_line) / resolved;
  if (!incidents.empty()) k.right_queue = static_cast<double>(right) / incidents.size();
  if (rated > 0) k.satisfaction = static_cast<double>(rating_sum) / rated;
  k.first_response_median = Percentile(fr, 50);
  k.first_response_p90 = Percentile(fr, 90);
  for (int64_t received : open_received) {
    int64_t age = now - received;
    int bucket = age < kDay ? 0 : age < 3 * kDay ? 1 : age < 7 * kDay ? 2 : 3;
    ++k.backlog[bucket];
    ++k.backlog_total;
  }
  return k;
}

namespace {

Result<std::vector<KpiIncident>> LoadKpiIncidents(Store& store, int64_t from, int64_t to) {
  DESKD_TRY_ASSIGN(auto rows, store.IncidentsReceivedBetween(from, to));
  std::vector<KpiIncident> out;
  for (const IncidentRow& r : rows) {
    KpiIncident k;
    k.resolved = r.resolved_at || r.closed_at || r.status == "resolved" || r.status == "closed";
    DESKD_TRY_ASSIGN(auto clocks, store.Clocks(r.number));
    bool all_closed = !clocks.empty(), any_breach = false, all_met = !clocks.empty();
    for (const SlaClock& c : clocks) {
      if (c.state == ClockState::kBreached) any_breach = true;
      if (c.state != ClockState::kMet) all_met = false;
      if (c.Open()) all_closed = false;
      if (c.kind == ClockKind::kFirstResponse && c.met_at) {
        k.first_response_seconds = std::max<int64_t>(0, *c.met_at - c.started_at);
      }
    }
    k.decided = all_closed || any_breach;
    k.all_met = all_met && all_closed;
    DESKD_TRY_ASSIGN(auto handoffs, store.Handoffs(r.number));
    bool moved_up = handoffs.handed_on > 0;
    bool moved_queue = handoffs.queue_moves > 0;
    k.first_line = k.resolved && !moved_up;
    k.right_queue = !moved_queue;
    out.push_back(k);
  }
  return out;
}

}  // namespace

Result<ManagerDigest> LoadManagerDigest(Store& store, int64_t from, int64_t to, bool weekly) {
  ManagerDigest d;
  d.from = from;
  d.to = to;
  d.weekly = weekly;
  DESKD_TRY_ASSIGN(auto incidents, LoadKpiIncidents(store, from, to));
  DESKD_TRY_ASSIGN(auto open, store.OpenIncidentsReceivedAt());
  d.kpis = ComputeKpis(incidents, open, to);

  DESKD_TRY_ASSIGN(auto escalations, store.EscalationsBetween(from, to));
  for (const EscalationRow& e : escalations) {
    DigestItem item;
    item.number = e.incident;
    item.at = e.at;
    item.subject = e.subject;
    item.due = e.due_at;
    if (e.lead == "breach") {
      item.what = e.clock;
      d.breaches.push_back(item);
    } else {
      item.what = e.reason;
    }
    d.escalations.push_back(item);
  }
  return d;
}

TemplateValues ManagerDigestValues(const ManagerDigest& d, const Config& config,
                                   const BusinessCalendar& calendar, const std::string& language) {
  TemplateValues v;
  const Kpis& k = d.kpis;
  v["desk_name"] = SanitizeHeaderText(config.desk.name, 200);
  v["desk_name_html"] = HtmlEscape(v["desk_name"]);
  v["manager_name"] = SanitizeHeaderText(config.manager.name, 200);
  v["manager_name_html"] = HtmlEscape(v["manager_name"]);
  v["weekly"] = d.weekly ? "1" : "";
  v["from"] = FormatLocalTime(calendar, d.from);
  v["to"] = FormatLocalTime(calendar, d.to);
  v["date"] = FormatLocalDate(calendar, d.to);
  v["incident_count"] = std::to_string(k.incidents);
  v["kpi_all_met"] = Percent(k.all_met);
  v["kpi_first_line"] = Percent(k.first_line);
  v["kpi_right_queue"] = Percent(k.right_queue);
  v["kpi_all_met_bar"] = HtmlBar(BarPixels(k.all_met), kBarWidth, "#2f855a");
  v["kpi_first_line_bar"] = HtmlBar(BarPixels(k.first_line), kBarWidth, "#2b6cb0");
  v["kpi_right_queue_bar"] = HtmlBar(BarPixels(k.right_queue), kBarWidth, "#6b46c1");
  v["kpi_satisfaction"] = "";
  if (k.satisfaction) {
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f / 5", *k.satisfaction);
    v["kpi_satisfaction"] = buf;
  }
  v["kpi_fr_median"] = OptDuration(language, k.first_response_median);
  v["kpi_fr_p90"] = OptDuration(language, k.first_response_p90);
  int max_bucket = std::max(1, *std::max_element(k.backlog.begin(), k.backlog.end()));
  const char* colours[4] = {"#38a169", "#d69e2e", "#dd6b20", "#c53030"};
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i + 1);
    v["backlog_" + n] = std::to_string(k.backlog[i]);
    v["backlog_" + n + "_bar"] =
        HtmlBar(k.backlog[i] * kBarWidth / max_bucket, kBarWidth, colours[i]);
  }
  v["backlog_total"] = std::to_string(k.backlog_total);

  std::string esc_text, esc_html;
  for (const DigestItem& e : d.escalations) {
    bool breach = d.breaches.end() != std::find_if(d.breaches.begin(), d.breaches.end(),
                                                   [&](const DigestItem& b) {
                                                     return b.number == e.number && b.at == e.at;
                                                   });
    std::string why = breach ? Word(language, "breach") + ": " + ClockLabel(language, e.what)
                             : (e.what.empty() ? Word(language, "manual")
                                               : SanitizeHeaderText(e.what, 200));
    std::string tag = TicketTag(config.desk.prefix, e.number);
    std::string subject = SanitizeHeaderText(e.subject, 120);
    esc_text += "  " + tag + "  " + FormatLocalTime(calendar, e.at) + "  " + why + "  " +
                subject + "\n";
    esc_html += "<tr><td>" + HtmlEscape(tag) + "</td><td>" +
                HtmlEscape(FormatLocalTime(calendar, e.at)) + "</td><td>" + HtmlEscape(why) +
                "</td><td>" + HtmlEscape(subject) + "</td></tr>\n";
  }
  std::string br_text, br_html;
  for (const DigestItem& b : d.breaches) {
    std::string tag = TicketTag(config.desk.prefix, b.number);
    std::string clock = ClockLabel(language, b.what);
    std::string subject = SanitizeHeaderText(b.subject, 120);
    std::string due = b.due > 0 ? FormatLocalTime(calendar, b.due) : "–";
    br_text += "  " + tag + "  " + clock + "  " + due + "  " + subject + "\n";
    br_html += "<tr><td>" + HtmlEscape(tag) + "</td><td>" + HtmlEscape(clock) + "</td><td>" +
               HtmlEscape(due) + "</td><td>" + HtmlEscape(subject) + "</td></tr>\n";
  }
  v["escalation_count"] = std::to_string(d.escalations.size());
  v["breach_count"] = std::to_string(d.breaches.size());
  auto trim = [](std::string t) {
    while (!t.empty() && t.back() == '\n') t.pop_back();
    return t;
  };
  v["escalations"] = trim(esc_text);
  v["escalations_html"] = esc_html;
  v["breaches"] = trim(br_text);
  v["breaches_html"] = br_html;
  return v;
}

}  // namespace deskd
