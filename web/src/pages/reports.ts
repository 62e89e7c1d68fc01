import { api } from '../api';
import { t } from '../i18n';
import { esc, formValue } from '../util';
import { defaultPeriod, endOf, periodForm, startOf } from './dashboard';

const columns: [string, string][] = [
  ['total', '(3) Tổng số'], ['receivedOnline', '(4) Nhận trực tuyến'], ['receivedDirect', '(5) Trực tiếp/bưu chính'], ['carriedOver', '(6) Kỳ trước chuyển qua'],
  ['resolved', '(7) Đã giải quyết'], ['resolvedEarly', '(8) Trước hạn'], ['resolvedOnTime', '(9) Đúng hạn'], ['resolvedLate', '(10) Quá hạn'],
  ['inProgress', '(11) Đang giải quyết'], ['inProgressWithinDeadline', '(12) Trong hạn'], ['inProgressOverdue', '(13) Quá hạn'],
];
const label = (c: string) => { const m = c.match(/^(\(\d+\)) (.*)$/)!; return `${m[1]} ${t(m[2])}`; };

/** Biểu 06/VPCP/KSTT for a period and unit, with a CSV export. */
export async function reportsPage(main: HTMLElement) {
  const units = await api<any[]>('/api/units');
  const params = new URLSearchParams(location.search);
  const [df, dtTo] = await defaultPeriod();
  const from = params.get('from') ?? df, to = params.get('to') ?? dtTo, unit = params.get('unit') ?? '';
  const rows = await api<any[]>(`/api/reports/processing?from=${encodeURIComponent(startOf(from))}&to=${encodeURIComponent(endOf(to))}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`);
  const total: any = { field: t('Tổng hợp') };
  for (const [k] of columns) total[k] = rows.reduce((s, r) => s + r[k], 0);
  const all = [...rows, total];
  main.innerHTML = `<h1>${esc(t('Báo cáo'))} — Biểu 06/VPCP/KSTT</h1>${periodForm(units, from, to, unit)}
    <section class="card">
      <p>${esc(t('Kỳ báo cáo'))}: ${esc(from)} → ${esc(to)} <button type="button" id="csv" class="secondary">${esc(t('Xuất CSV'))}</button></p>
      <table class="report"><thead>
        <tr><th rowspan="2">(1) ${esc(t('STT'))}</th><th rowspan="2">(2) ${esc(t('Lĩnh vực'))}</th><th colspan="4">${esc(t('Số hồ sơ nhận giải quyết'))}</th><th colspan="4">${esc(t('Đã giải quyết'))}</th><th colspan="3">${esc(t('Đang giải quyết'))}</th></tr>
        <tr>${columns.map(([, c]) => `<th>${esc(label(c))}</th>`).join('')}</tr></thead>
        <tbody>${all.map((r, i) => `<tr${r === total ? ' class="total"' : ''}><td>${r === total ? '' : i + 1}</td><td>${esc(r.field)}</td>${columns.map(([k]) => `<td class="num">${r[k]}</td>`).join('')}</tr>`).join('')}</tbody>
      </table></section>`;
  main.querySelector<HTMLButtonElement>('#csv')!.onclick = () => {
    const q = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;
    const lines = [['(1) STT', '(2) Lĩnh vực', ...columns.map(([, c]) => c)].map(q).join(','),
      ...all.map((r, i) => [r === total ? '' : i + 1, r.field, ...columns.map(([k]) => r[k])].map(q).join(','))];
    const blob = new Blob(['\uFEFF' + lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = `bieu06_${from}_${to}.csv`; a.click();
  };
  const form = main.querySelector<HTMLFormElement>('#period')!;
  form.onsubmit = e => {
    e.preventDefault();
    history.replaceState(null, '', `?from=${formValue(form, 'from')}&to=${formValue(form, 'to')}&unit=${formValue(form, 'unit')}`);
    void reportsPage(main);
  };
}
