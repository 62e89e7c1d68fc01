import { api } from '../api';
import { t } from '../i18n';
import { dt, esc } from '../util';

/** A lag: ms under a second, then s, min, h (a simulated clock moved by days gives lags in hours). */
const ms = (v: number | null) => v == null ? '—' : v < 1000 ? `${Math.round(v)} ms` : v < 60_000 ? `${(v / 1000).toFixed(1)} s`
  : v < 3_600_000 ? `${Math.round(v / 60_000)} min` : `${(v / 3_600_000).toFixed(1)} h`;

export async function operationsPage(main: HTMLElement) {
  const o = await api<any>('/api/admin/operations');
  const h = o.health;
  main.innerHTML = `<h1>${esc(t('Vận hành'))}</h1>
    <section class="kpis">
      <div class="kpi"><span>${esc(t('Hẹn giờ đang chờ'))}</span><strong>${h.pending}</strong><small>${h.pendingOverdue} ≤ now</small></div>
      <div class="kpi"><span>${esc(t('Lỗi'))}</span><strong id="failed-count">${h.failed}</strong></div>
      <div class="kpi"><span>${esc(t('Độ trễ kích hoạt (1 giờ)'))}</span><strong id="lag-p50">p50 ${ms(h.lagP50Ms)}</strong><small id="lag-detail">p99 ${ms(h.lagP99Ms)} · max ${ms(h.lagMaxMs)} · ${h.firedLastHour}</small></div>
      <div class="kpi"><span>${esc(t('Lần chạy quét việc đến hạn'))} (1 ${esc(t('giờ'))})</span><strong id="sweeps-hour">${o.sweepSummary.sweepsLastHour}</strong><small>${esc(t('Lỗi'))}: ${o.sweepSummary.failedLastHour} · ${esc(dt(o.sweepSummary.lastFinishedAt))}</small></div>
    </section>
    <section class="card"><h2>${esc(t('Các nút trong cụm'))}</h2><table><thead><tr><th>Node</th><th>Check-in</th><th></th></tr></thead><tbody>
      ${o.nodes.map((n: any) => `<tr><td>${esc(n.instanceName)}</td><td>${esc(dt(n.lastCheckin))}</td><td>${n.alive ? '<span class="mark ok">live</span>' : '<span class="mark overdue">stale</span>'}</td></tr>`).join('')}</tbody></table></section>
    <section class="card"><h2>${esc(t('Tác vụ nền'))}</h2><table><thead><tr><th>Trigger</th><th>Job</th><th>State</th><th>Prev</th><th>Next</th></tr></thead><tbody>
      ${o.jobs.map((j: any) => `<tr><td>${esc(j.triggerName)}</td><td>${esc(j.jobName)}</td><td>${esc(j.triggerState)}</td><td>${esc(dt(j.prevFire))}</td><td>${esc(dt(j.nextFire))}</td></tr>`).join('')}</tbody></table></section>
    <section class="card"><h2>${esc(t('Lỗi'))}</h2>${o.failed.length === 0 ? '<p class="muted">—</p>' : `<table id="failed"><thead><tr><th>#</th><th>${esc(t('Mã hồ sơ'))}</th><th>Kind</th><th>Due</th><th>Attempts</th><th>Error</th><th></th></tr></thead><tbody>
      ${o.failed.map((f: any) => `<tr><td>${f.id}</td><td>${esc(f.dossierCode)}</td><td>${esc(f.kind)} ${esc(f.elementId ?? '')}</td><td>${esc(dt(f.dueAt))}</td><td>${f.attempts}</td><td class="mono">${esc(f.lastError ?? '')}</td>
        <td><button type="button" data-retry="${f.id}" aria-label="${esc(t('Chạy lại'))} ${f.id}">${esc(t('Chạy lại'))}</button></td></tr>`).join('')}</tbody></table>`}</section>
    <section class="card"><h2>${esc(t('Hẹn giờ đang chờ'))}</h2>${runs(o.pending)}</section>
    <section class="card"><h2>${esc(t('Lần chạy quét việc đến hạn'))}</h2>${sweeps(o.sweeps)}</section>
    <section class="card" id="timer-runs"><h2>${esc(t('Lần chạy gần đây'))}</h2>${runs(o.runs)}</section>`;
  main.querySelectorAll<HTMLButtonElement>('button[data-retry]').forEach(b => b.onclick = async () => {
    await api(`/api/admin/timers/${b.dataset.retry}/retry`, { method: 'POST' });
    await operationsPage(main);
  });
}

/** Due-work sweeps that did something or failed (real time, to the second). */
function sweeps(rows: any[]): string {
  const time = (v: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(v));
  return rows.length === 0 ? '<p class="muted">—</p>' : `<table id="sweeps"><thead><tr><th>Node</th><th>${esc(t('Bắt đầu'))}</th><th>${esc(t('Kết thúc'))}</th><th>ms</th><th>${esc(t('Số việc đã xử lý'))}</th><th>${esc(t('Lỗi'))}</th></tr></thead><tbody>
    ${rows.map(r => `<tr class="${r.error ? 'row-overdue' : ''}"><td>${esc(r.node)}</td><td>${esc(time(r.startedAt))}</td><td>${esc(time(r.finishedAt))}</td>
      <td class="num">${new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()}</td><td class="num">${r.processed}</td><td class="mono">${esc(r.error ?? '')}</td></tr>`).join('')}</tbody></table>`;
}

function runs(rows: any[]): string {
  return rows.length === 0 ? '<p class="muted">—</p>' : `<table><thead><tr><th>#</th><th>${esc(t('Mã hồ sơ'))}</th><th>Kind</th><th>Due</th><th>Fired</th><th>Node</th><th>Lag</th></tr></thead><tbody>
    ${rows.map(r => `<tr><td>${r.id}</td><td>${esc(r.dossierCode)}</td><td>${esc(r.kind)} ${esc(r.elementId ?? '')}</td><td>${esc(dt(r.dueAt))}</td><td>${esc(dt(r.firedAt))}</td><td>${esc(r.firedBy ?? '')}</td><td>${ms(r.lagMs)}</td></tr>`).join('')}</tbody></table>`;
}
