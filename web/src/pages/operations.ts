import { api } from '../api';
import { t } from '../i18n';
import { dt, esc } from '../util';

const ms = (v: number | null) => v == null ? '—' : `${Math.round(v)} ms`;

export async function operationsPage(main: HTMLElement) {
  const o = await api<any>('/api/admin/operations');
  const h = o.health;
  main.innerHTML = `<h1>${esc(t('Vận hành'))}</h1>
    <section class="kpis">
      <div class="kpi"><span>${esc(t('Hẹn giờ đang chờ'))}</span><strong>${h.pending}</strong><small>${h.pendingOverdue} ≤ now</small></div>
      <div class="kpi"><span>${esc(t('Lỗi'))}</span><strong id="failed-count">${h.failed}</strong></div>
      <div class="kpi"><span>${esc(t('Độ trễ kích hoạt (1 giờ)'))}</span><strong>p50 ${ms(h.lagP50Ms)}</strong><small>p99 ${ms(h.lagP99Ms)} · max ${ms(h.lagMaxMs)} · ${h.firedLastHour}</small></div>
    </section>
    <section class="card"><h2>${esc(t('Các nút trong cụm'))}</h2><table><thead><tr><th>Node</th><th>Check-in</th><th></th></tr></thead><tbody>
      ${o.nodes.map((n: any) => `<tr><td>${esc(n.instanceName)}</td><td>${esc(dt(n.lastCheckin))}</td><td>${n.alive ? '<span class="mark ok">live</span>' : '<span class="mark overdue">stale</span>'}</td></tr>`).join('')}</tbody></table></section>
    <section class="card"><h2>${esc(t('Tác vụ nền'))}</h2><table><thead><tr><th>Trigger</th><th>Job</th><th>State</th><th>Prev</th><th>Next</th></tr></thead><tbody>
      ${o.jobs.map((j: any) => `<tr><td>${esc(j.triggerName)}</td><td>${esc(j.jobName)}</td><td>${esc(j.triggerState)}</td><td>${esc(dt(j.prevFire))}</td><td>${esc(dt(j.nextFire))}</td></tr>`).join('')}</tbody></table></section>
    <section class="card"><h2>${esc(t('Lỗi'))}</h2>${o.failed.length === 0 ? '<p class="muted">—</p>' : `<table><thead><tr><th>#</th><th>${esc(t('Mã hồ sơ'))}</th><th>Kind</th><th>Due</th><th>Attempts</th><th>Error</th><th></th></tr></thead><tbody>
      ${o.failed.map((f: any) => `<tr><td>${f.id}</td><td>${esc(f.dossierCode)}</td><td>${esc(f.kind)} ${esc(f.elementId ?? '')}</td><td>${esc(dt(f.dueAt))}</td><td>${f.attempts}</td><td class="mono">${esc(f.lastError ?? '')}</td>
        <td><button type="button" data-retry="${f.id}">${esc(t('Chạy lại'))}</button></td></tr>`).join('')}</tbody></table>`}</section>
    <section class="card"><h2>${esc(t('Hẹn giờ đang chờ'))}</h2>${runs(o.pending)}</section>
    <section class="card"><h2>${esc(t('Lần chạy gần đây'))}</h2>${runs(o.runs)}</section>`;
  main.querySelectorAll<HTMLButtonElement>('button[data-retry]').forEach(b => b.onclick = async () => {
    await api(`/api/admin/timers/${b.dataset.retry}/retry`, { method: 'POST' });
    await operationsPage(main);
  });
}

function runs(rows: any[]): string {
  return rows.length === 0 ? '<p class="muted">—</p>' : `<table><thead><tr><th>#</th><th>${esc(t('Mã hồ sơ'))}</th><th>Kind</th><th>Due</th><th>Fired</th><th>Node</th><th>Lag</th></tr></thead><tbody>
    ${rows.map(r => `<tr><td>${r.id}</td><td>${esc(r.dossierCode)}</td><td>${esc(r.kind)} ${esc(r.elementId ?? '')}</td><td>${esc(dt(r.dueAt))}</td><td>${esc(dt(r.firedAt))}</td><td>${esc(r.firedBy ?? '')}</td><td>${ms(r.lagMs)}</td></tr>`).join('')}</tbody></table>`;
}
