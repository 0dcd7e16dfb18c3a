// Fleet page: fetches /v1/fleet with the supervisor's session cookie and redraws itself.
// Data from terminals is shown with textContent only (never parsed as HTML).
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function bilingual(zh, en) {
  return [zh + " ", el("span", { class: "en" }, en)];
}

function localTime(iso) {
  if (!iso) return "—";
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return "—";
  return moment.toLocaleString("zh-CN", { hour12: false });
}

function ago(iso, nowIso) {
  if (!iso) return "";
  const seconds = Math.max(0, Math.round((new Date(nowIso) - new Date(iso)) / 1000));
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 120) return `${seconds} 秒前 (${seconds} s ago)`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} 分钟前 (${Math.round(seconds / 60)} min ago)`;
  return `${Math.round(seconds / 3600)} 小时前 (${Math.round(seconds / 3600)} h ago)`;
}

function heartbeatCell(t, nowIso) {
  const cell = el("td", { class: "heartbeat" });
  if (!t.last_heartbeat_at) {
    cell.append(el("span", { class: "badge stale" }, "从未上报 never"));
    return cell;
  }
  cell.append(el("div", { class: "when", "data-at": t.last_heartbeat_at }, localTime(t.last_heartbeat_at)));
  cell.append(el("div", { class: "muted" }, ago(t.last_heartbeat_at, nowIso)));
  if (t.stale) cell.append(el("span", { class: "badge stale" }, "失联 stale"));
  if (!t.enabled) cell.append(el("span", { class: "badge error" }, "已停用 revoked"));
  return cell;
}

function devicesCell(t) {
  const cell = el("td", { class: "devices" });
  if (!t.devices.length) cell.append(el("span", { class: "muted" }, "—"));
  for (const d of t.devices) {
    const badge = el("span", { class: `badge ${d.severity}`, "data-device": d.name, "data-severity": d.severity },
      `${d.name}: ${d.label}`);
    if (d.detail) badge.title = d.detail;
    cell.append(badge);
  }
  return cell;
}

function queueCell(q) {
  const cell = el("td", { class: "queue" });
  cell.append(el("strong", {}, q.depth === null ? "—" : String(q.depth)));
  if (q.dead) cell.append(" ", el("span", { class: "badge error" }, `失败 dead ${q.dead}`));
  return cell;
}

function alertsCell(t) {
  const cell = el("td", { class: "alerts-cell" });
  for (const a of t.alerts) {
    const label = a.kind === "call_staff" ? "呼叫工作人员 call staff" : a.kind;
    cell.append(el("span", { class: `badge ${a.kind === "call_staff" ? "alert" : "warn"}` }, label));
    if (a.message) cell.append(el("div", {}, a.message));
  }
  return cell;
}

function catalogCell(t, latestNumber) {
  const cell = el("td", { class: "versions" }, el("div", {}, t.software_version || "—"));
  const shown = t.catalog_number != null ? `目录 #${t.catalog_number}` : (t.catalog_version || "—");
  const line = el("div", { class: "catalog muted", title: t.catalog_version || "" }, shown);
  if (t.catalog_behind) {
    line.classList.remove("muted");
    const behind = latestNumber != null ? `落后，最新 #${latestNumber}` : "落后";
    line.append(" ", el("span", { class: "badge warn", "data-behind": "1" },
      ...bilingual(behind, "behind")));
  }
  cell.append(line);
  return cell;
}

function ratingCell(t) {
  if (!t.rating_count) return el("td", { class: "rating muted" }, "—");
  return el("td", { class: "rating", "data-count": t.rating_count, "data-average": t.rating_average },
    `★ ${t.rating_average.toFixed(1)}`, el("div", { class: "muted" }, `${t.rating_count} 条 ratings`));
}

function terminalRow(t, nowIso, latestNumber) {
  const row = el("tr", { "data-terminal": t.terminal_id });
  if (t.stale) row.classList.add("stale");
  if (t.alerts.some((a) => a.kind === "call_staff")) row.classList.add("has-alert");
  row.append(
    el("td", { class: "terminal" }, t.terminal_id),
    heartbeatCell(t, nowIso),
    devicesCell(t),
    queueCell(t.queue),
    el("td", { class: "oldest" }, localTime(t.queue.oldest_pending_at)),
    catalogCell(t, latestNumber),
    el("td", { class: "received" }, String(t.applications_received)),
    ratingCell(t),
    alertsCell(t),
  );
  return row;
}

function renderAlerts(terminals) {
  const list = document.getElementById("alert-list");
  const open = [];
  for (const t of terminals) {
    for (const a of t.alerts) if (a.kind === "call_staff") open.push([t, a]);
  }
  list.replaceChildren(...open.map(([t, a]) => el("li", { "data-terminal": t.terminal_id },
    el("strong", {}, t.terminal_id), " ", a.at ? `${localTime(a.at)} ` : "", a.message || "请到终端协助 please assist")));
  document.getElementById("alerts").hidden = open.length === 0;
}

function hourChart(perHour) {
  const width = 720, height = 240, left = 36, bottom = 28, top = 16;
  const max = Math.max(1, ...perHour.map((h) => h.count));
  const plotH = height - top - bottom, step = (width - left - 8) / Math.max(1, perHour.length);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", id: "hours-svg",
    "aria-label": "applications per hour" });
  chart.append(svg("line", { class: "axis", x1: left, y1: top + plotH, x2: width - 4, y2: top + plotH }));
  chart.append(svg("text", { x: 4, y: top + 10 }, max));
  chart.append(svg("text", { x: 4, y: top + plotH }, 0));
  perHour.forEach((h, i) => {
    const barH = (h.count / max) * plotH;
    const x = left + i * step + 2;
    const bar = svg("rect", { class: "bar", x, y: top + plotH - barH, width: Math.max(1, step - 4), height: barH,
      "data-hour": h.hour, "data-count": h.count });
    bar.append(svg("title", {}, `${localTime(h.hour)}: ${h.count}`));
    chart.append(bar);
    if (h.count > 0) chart.append(svg("text", { x: x + 2, y: top + plotH - barH - 3 }, h.count));
    const hour = new Date(h.hour);
    if (i % 3 === 0 && !Number.isNaN(hour.getTime())) {
      chart.append(svg("text", { x, y: height - 8 }, `${String(hour.getHours()).padStart(2, "0")}:00`));
    }
  });
  return chart;
}

function themeChart(perTheme) {
  const rowH = 30, width = 360, labelW = 130;
  const rows = perTheme.slice(0, 12);
  const height = Math.max(1, rows.length) * rowH + 8;
  const max = Math.max(1, ...rows.map((t) => t.count));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", id: "themes-svg",
    "aria-label": "applications per theme" });
  if (!rows.length) chart.append(svg("text", { x: 4, y: 20 }, "暂无 none yet"));
  rows.forEach((t, i) => {
    const y = 4 + i * rowH;
    const barW = ((width - labelW - 40) * t.count) / max;
    chart.append(svg("text", { x: 4, y: y + 19 }, t.theme.slice(0, 18)));
    chart.append(svg("rect", { class: "bar", x: labelW, y: y + 4, width: Math.max(1, barW), height: rowH - 10,
      "data-theme": t.theme, "data-count": t.count }));
    chart.append(svg("text", { x: labelW + barW + 6, y: y + 19 }, t.count));
  });
  return chart;
}

function ratingTable(perTheme) {
  if (!perTheme.length) return el("p", { class: "muted" }, "暂无评价 no ratings yet");
  const body = perTheme.map((r) => el("tr", { "data-theme": r.theme },
    el("td", {}, r.theme), el("td", {}, `★ ${r.average.toFixed(1)}`), el("td", {}, String(r.count))));
  return el("table", { id: "ratings-table" },
    el("thead", {}, el("tr", {}, el("th", {}, ...bilingual("主题", "Theme")),
      el("th", {}, ...bilingual("平均", "Average")), el("th", {}, ...bilingual("条数", "Count")))),
    el("tbody", {}, ...body));
}

function render(data) {
  const latest = data.catalog_latest_number;
  const rows = data.terminals.map((t) => terminalRow(t, data.generated_at, latest));
  document.getElementById("terminal-rows").replaceChildren(...rows);
  const counts = data.counts;  // over the whole fleet, whatever the reply lists
  document.getElementById("summary").textContent =
    `共 ${counts.total} 台 (${counts.total} total) · 失联 ${counts.stale} stale · 设备故障 ${counts.device_errors} with device errors`;
  renderAlerts(data.terminals);
  document.getElementById("chart-hours").replaceChildren(hourChart(data.applications_per_hour));
  document.getElementById("chart-themes").replaceChildren(themeChart(data.applications_per_theme));
  document.getElementById("ratings").replaceChildren(ratingTable(data.ratings_per_theme || []));
  const behind = counts.catalog_behind;
  document.getElementById("catalog-latest").textContent = latest != null
    ? `当前目录 #${latest} current catalog · 落后 ${behind} behind` : "尚未发布目录 no catalog published";
  const total = data.applications_per_hour.reduce((sum, h) => sum + h.count, 0);
  const totalNode = document.getElementById("total-24h");
  totalNode.textContent = `合计 ${total} total`;
  totalNode.dataset.total = String(total);
  const updated = document.getElementById("updated");
  updated.replaceChildren(...bilingual(`更新于 ${localTime(data.generated_at)}`, "updated"));
  updated.dataset.generatedAt = data.generated_at;
}

let lastRequest = 0;  // a slower, older reply must not redraw over a newer one

async function refresh() {
  const problem = document.getElementById("load-error");
  const mine = ++lastRequest;
  try {
    // "attention first": calls for staff, device errors, silent terminals, old catalogs on top.
    const attention = document.getElementById("attention-first").checked;
    const url = attention ? "/v1/fleet?order=attention" : "/v1/fleet";
    const reply = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (reply.status === 401) {
      window.location.assign("/fleet/login");
      return;
    }
    if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
    const data = await reply.json();
    if (mine !== lastRequest) return;
    render(data);
    problem.hidden = true;
  } catch (error) {
    problem.textContent = `数据载入失败，将自动重试 — could not load, retrying (${error.message})`;
    problem.hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const every = Math.max(2000, Number(document.body.dataset.refreshMs) || 10000);
  refresh();
  window.setInterval(refresh, every);
  document.getElementById("attention-first").addEventListener("change", refresh);
});
