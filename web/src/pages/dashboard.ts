import { api, apiPage, procedureNames } from '../api';
import { t } from '../i18n';
import { dateOnly, dt, esc, formValue, isoDay, pct } from '../util';

export function periodForm(units: any[], from: string, to: string, unit: string): string {
  return `<form id="period" class="card inline no-print">
    <label>${esc(t('Từ ngày'))} <input type="date" name="from" value="${from}" required></label>
    <label>${esc(t('Đến ngày'))} <input type="date" name="to" value="${to}" required></label>
    <label>${esc(t('Đơn vị'))} <select name="unit"><option value="">${esc(t('Tất cả'))}</option>${units.map(u => `<option value="${esc(u.code)}" ${u.code === unit ? 'selected' : ''}>${esc(u.name)}</option>`).join('')}</select></label>
    <button type="submit">${esc(t('Xem'))}</button></form>`;
}
/** From 1 January of the service's current year to the service's today (its clock may be simulated). */
export async function defaultPeriod(): Promise<[string, string]> {
  const { now } = await api<{ now: string }>('/api/clock');
  const today = isoDay(new Date(now));
  return [`${today.slice(0, 4)}-01-01`, today];
}
export const startOf = (day: string) => `${day}T00:00:00+07:00`;
export const endOf = (day: string) => { const d = new Date(`${day}T00:00:00+07:00`); return new Date(d.getTime() + 86400000).toISOString(); };

/** A small SVG line chart of the weekly on-time rate. */
function chart(weeks: any[]): string {
  if (weeks.length === 0) return `<p class="muted">—</p>`;
  const w = 560, h = 180, pad = 30;
  const x = (i: number) => pad + (weeks.length === 1 ? (w - 2 * pad) / 2 : i * (w - 2 * pad) / (weeks.length - 1));
  const y = (v: number) => h - pad - v * (h - 2 * pad);
  const points = weeks.map((wk, i) => `${x(i)},${y(wk.resolved ? wk.onTime / wk.resolved : 0)}`).join(' ');
  return `<svg viewBox="0 0 ${w} ${h}" class="chart" role="img" aria-label="${esc(t('Tỷ lệ đúng hạn theo tuần'))}">
    <line x1="${pad}" y1="${y(0)}" x2="${w - pad}" y2="${y(0)}" class="axis"/><line x1="${pad}" y1="${y(1)}" x2="${w - pad}" y2="${y(1)}" class="grid"/>
    <text x="2" y="${y(1) + 4}">100%</text><text x="8" y="${y(0) + 4}">0%</text>
    <polyline points="${points}" class="line"/>
    ${weeks.map((wk, i) => `<circle cx="${x(i)}" cy="${y(wk.resolved ? wk.onTime / wk.resolved : 0)}" r="4"><title>${esc(dateOnly(wk.week))}: ${wk.onTime}/${wk.resolved}</title></circle>
      <text x="${x(i) - 18}" y="${h - 8}">${esc(dateOnly(wk.week).slice(0, 5))}</text>`).join('')}
  </svg>`;
}

function groupTable(title: string, groups: any[], kind: string, label: (key: string) => string = k => k): string {
  return `<section class="card"><h3>${esc(t(title))}</h3>${groups.length === 0 ? '<p class="muted">—</p>' : `<table><thead><tr><th></th><th>${esc(t('Quá hạn'))}</th><th>${esc(t('Sắp đến hạn'))}</th></tr></thead><tbody>
    ${groups.map(g => `<tr><td><a href="#" data-drill="${kind}" data-key="${esc(g.key)}">${esc(label(g.key))}</a></td><td class="num">${g.overdue}</td><td class="num">${g.dueSoon}</td></tr>`).join('')}</tbody></table>`}</section>`;
}

export async function dashboardPage(main: HTMLElement) {
  const units = await api<any[]>('/api/units');
  const params = new URLSearchParams(location.search);
  const [df, dtTo] = await defaultPeriod();
  const from = params.get('from') ?? df, to = params.get('to') ?? dtTo, unit = params.get('unit') ?? '';
  const data = await api<any>(`/api/dashboard?from=${encodeURIComponent(startOf(from))}&to=${encodeURIComponent(endOf(to))}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`);
  const name = await procedureNames();
  const i = data.index;
  main.innerHTML = `<h1>${esc(t('Bảng giám sát'))}</h1>${periodForm(units, from, to, unit)}
    <section class="kpis" aria-label="${esc(t('Tổng hợp'))}">
      <div class="kpi"><span>${esc(t('Tỷ lệ đúng hạn'))}</span><strong id="kpi-ontime">${pct(i.onTimeShare)}</strong><small>${i.resolvedOnTime}/${i.resolved}</small></div>
      <div class="kpi"><span>${esc(t('Tỷ lệ trực tuyến'))}</span><strong>${pct(i.onlineShare)}</strong><small>${i.receivedOnline}/${i.received}</small></div>
      <div class="kpi"><span>${esc(t('Tỷ lệ số hoá'))}</span><strong id="kpi-digitised">${pct(i.digitisedShare)}</strong><small>${i.digitised}/${i.received}</small></div>
      <div class="kpi"><span>${esc(t('Mức độ hài lòng'))}</span><strong id="kpi-satisfaction">${i.satisfactionAverage == null ? '—' : i.satisfactionAverage.toFixed(1) + ' / 5'}</strong><small>${i.ratings} ${esc(t('lượt'))}</small></div>
      <div class="kpi"><span>${esc(t('Hồ sơ trễ có xin lỗi'))}</span><strong>${i.lateWithApology}</strong><small>${esc(t('Quá hạn'))}: ${i.resolvedLate}</small></div>
    </section>
    <div class="grid3">${groupTable('Theo đơn vị', data.byUnit, 'unit', k => k || '—')}${groupTable('Theo cán bộ', data.byOfficer, 'officer', k => k || t('Chưa nhận'))}${groupTable('Theo thủ tục', data.byProcedure, 'procedure', name)}</div>
    <section class="card"><h2>${esc(t('Tỷ lệ đúng hạn theo tuần'))}</h2>${chart(data.weeks)}</section>
    <section class="card"><h2>${esc(t('Bước quá hạn / sắp đến hạn'))} <button type="button" class="link" id="clear-drill" hidden>× <span id="drill-name"></span></button></h2><div id="steps"></div></section>
    <section class="card"><h2>${esc(t('Hồ sơ trễ hạn'))}</h2><div id="late"></div></section>`;

  // Both lists show their first page and read on, a page at a time, from their own paged endpoints.
  const scope = unit ? `unit=${encodeURIComponent(unit)}` : '';
  const stepsBox = main.querySelector<HTMLElement>('#steps')!;
  const stepRows = (steps: any[]) => steps.length === 0 ? '<p class="muted">—</p>' : `<table><thead><tr><th>${esc(t('Mã hồ sơ'))}</th><th>${esc(t('Bước'))}</th><th>${esc(t('Đơn vị'))}</th><th>${esc(t('Người xử lý'))}</th><th>${esc(t('Hạn xử lý'))}</th><th></th><th>${esc(t('Chuyển người xử lý'))}</th></tr></thead><tbody>
      ${steps.map((s: any) => `<tr class="${s.overdue ? 'row-overdue' : 'row-due-soon'}"><td><a href="/app/ho-so/${encodeURIComponent(s.dossierCode)}">${esc(s.dossierCode)}</a></td><td>${esc(s.name)}</td><td>${esc(s.unitCode ?? '')}</td>
        <td>${esc(s.assignee ?? t('Chưa nhận'))}</td><td>${esc(dt(s.dueAt))}</td><td><span class="mark ${s.overdue ? 'overdue' : 'due-soon'}">${esc(t(s.overdue ? 'Quá hạn' : 'Sắp đến hạn'))}</span></td>
        <td><form class="inline reassign" data-task="${s.taskId}"><input name="username" aria-label="${esc(t('Chuyển người xử lý'))} ${s.taskId}" size="10"><button type="submit" class="secondary">${esc(t('Chuyển người xử lý'))}</button></form></td></tr>`).join('')}</tbody></table>`;
  const lateRows = (late: any[]) => late.length === 0 ? '<p class="muted">—</p>' : `<table id="late-dossiers"><thead><tr><th>${esc(t('Mã hồ sơ'))}</th><th>${esc(t('Thủ tục'))}</th><th>${esc(t('Hạn xử lý'))}</th><th>${esc(t('Xin lỗi'))}</th></tr></thead><tbody>
      ${late.map((d: any) => `<tr class="row-overdue"><td><a href="/app/ho-so/${encodeURIComponent(d.code)}">${esc(d.code)}</a></td><td>${esc(name(d.procedure))}</td><td>${esc(dt(d.originalDueAt ?? d.dueAt))}</td><td>${d.apologyCount > 0 ? '✓' : `<span class="mark overdue">${esc(t('Quá hạn'))}</span>`}</td></tr>`).join('')}</tbody></table>`;

  /** A list's rows so far and a "Xem thêm / Load more" button while the list has a next page. */
  const paged = (box: HTMLElement, rows: (items: any[]) => string, path: string, items: any[], next: string | null, drawn: () => void = () => {}) => {
    const draw = () => {
      box.innerHTML = `${rows(items)}${next !== null ? `<p><button type="button" class="secondary more">${esc(t('Xem thêm'))}</button></p>` : ''}`;
      box.querySelector<HTMLButtonElement>('button.more')?.addEventListener('click', async e => {
        (e.currentTarget as HTMLButtonElement).disabled = true;
        const page = await apiPage<any>(path, next);
        items.push(...page.items);
        next = page.next;
        draw();
      });
      drawn();
    };
    draw();
  };
  const reassignable = () => stepsBox.querySelectorAll<HTMLFormElement>('form.reassign').forEach(f => f.onsubmit = async e => {
    e.preventDefault();
    try { await api(`/api/tasks/${f.dataset.task}/reassign`, { method: 'POST', json: { username: formValue(f, 'username') } }); await dashboardPage(main); }
    catch (ex) { f.insertAdjacentHTML('beforeend', `<span class="error" role="alert">${esc((ex as Error).message)}</span>`); }
  });
  const allSteps = () => paged(stepsBox, stepRows, `/api/dashboard/steps?${scope}`, [...data.steps], data.stepsNext, reassignable);
  allSteps();
  paged(main.querySelector<HTMLElement>('#late')!, lateRows,
    `/api/dashboard/late-dossiers?from=${encodeURIComponent(startOf(from))}&to=${encodeURIComponent(endOf(to))}${scope ? `&${scope}` : ''}`,
    [...data.lateDossiers], data.lateDossiersNext);

  // A group's steps: read from the server, which holds them all (the page has only the first of them).
  main.querySelectorAll<HTMLAnchorElement>('a[data-drill]').forEach(a => a.onclick = async e => {
    e.preventDefault();
    const path = `/api/dashboard/steps?${scope}&group=${encodeURIComponent(a.dataset.drill!)}&key=${encodeURIComponent(a.dataset.key!)}`;
    const first = await apiPage<any>(path);
    paged(stepsBox, stepRows, path, first.items, first.next, reassignable);
    const clear = main.querySelector<HTMLButtonElement>('#clear-drill')!; clear.hidden = false; main.querySelector('#drill-name')!.textContent = a.textContent ?? '';
    clear.onclick = () => { allSteps(); clear.hidden = true; };
  });
  const form = main.querySelector<HTMLFormElement>('#period')!;
  form.onsubmit = e => {
    e.preventDefault();
    history.replaceState(null, '', `?from=${formValue(form, 'from')}&to=${formValue(form, 'to')}&unit=${formValue(form, 'unit')}`);
    void dashboardPage(main);
  };
}
