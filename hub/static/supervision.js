// 电子监察 page: reads /v1/supervision with the filters, draws the tables; all values set as text.
"use strict";

const TIMELINESS = {
  none: "未开始计时 Not started", on_time: "按期 On time", due_soon: "即将到期 Due soon",
  overdue: "已超期 Overdue", done_on_time: "按期办结 Finished on time", done_late: "超期办结 Finished late",
};

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "—" : String(text);
  row.appendChild(td);
  return td;
}

function fill(tableId, items, draw) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  for (const item of items) {
    const row = document.createElement("tr");
    draw(row, item);
    body.appendChild(row);
  }
}

function options(selectId, values) {
  const select = document.getElementById(selectId);
  const chosen = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const value of values) {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = value;
    select.appendChild(option);
  }
  select.value = values.includes(chosen) ? chosen : "";
}

function query() {
  const params = new URLSearchParams();
  for (const name of ["since", "until", "theme", "department"]) {
    const value = document.getElementById(name).value;
    if (value) params.set(name, value);
  }
  return params.toString();
}

function draw(data) {
  document.getElementById("on-time").textContent =
    data.on_time_share === null ? "—" : `${(data.on_time_share * 100).toFixed(1)}%`;
  document.getElementById("rating").textContent =
    data.rating_average === null ? "—" : `${data.rating_average.toFixed(2)} ★ (${data.rating_count})`;
  document.getElementById("finished").textContent = `${data.finished_on_time} / ${data.finished}`;
  fill("stages", data.stages, (row, s) => {
    row.dataset.stage = s.stage;
    cell(row, `${s.label_zh} ${s.label_en}`);
    cell(row, s.applications);
    cell(row, s.matters);
  });
  fill("departments", data.departments, (row, d) => {
    cell(row, d.department_zh);
    cell(row, d.open);
    cell(row, d.due_soon).className = "due-soon";
    cell(row, d.overdue).className = "overdue";
    cell(row, `${d.finished_on_time} / ${d.finished}`);
  });
  fill("matters", data.matters, (row, m) => {
    row.className = m.timeliness;
    cell(row, m.application_number);
    cell(row, m.name_zh);
    cell(row, m.department_zh);
    cell(row, `${m.status_zh} ${m.status_en}`);
    cell(row, m.due_on === null ? null : m.due_on + (m.due_exact ? "" : " *"));
    cell(row, TIMELINESS[m.timeliness] || m.timeliness);
  });
  options("theme", data.themes);
  options("department", data.department_names);
  const [first, last] = data.calendar_years;
  document.getElementById("calendar-note").textContent =
    `到期日按法定节假日与调休计算（${first}–${last} 年）；* ${last + 1} 年起仅按周末推算 ` +
    `(official holidays ${first}–${last}; * later years count weekends only)`;
}

async function load() {
  const q = query();
  document.getElementById("csv").href = "/v1/supervision.csv" + (q ? `?${q}` : "");
  const error = document.getElementById("load-error");
  try {
    const reply = await fetch("/v1/supervision" + (q ? `?${q}` : ""), { credentials: "same-origin" });
    if (reply.status === 401) { window.location = "/fleet/login"; return; }
    if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
    draw(await reply.json());
    error.hidden = true;
    document.body.dataset.loaded = q || "all";
  } catch (e) {
    error.textContent = `载入失败 Could not load: ${e.message}`;
    error.hidden = false;
  }
}

document.getElementById("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  load();
});
load();
