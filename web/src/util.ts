import { lang } from './i18n';

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}
const tz = 'Asia/Ho_Chi_Minh';
export function dt(v: string | null | undefined): string {
  if (!v) return '';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date(v));
}
export function dateOnly(v: string | null | undefined): string {
  if (!v) return '';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: tz, dateStyle: 'short' }).format(new Date(v));
}
/** "…giờ…phút, ngày…tháng…năm…" as the control sheet and the slip print it. */
export function longVi(v: string | null | undefined): string {
  if (!v) return '';
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(v)).map(x => [x.type, x.value]));
  return lang === 'vi' ? `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}` : `${p.hour}:${p.minute}, ${p.day}/${p.month}/${p.year}`;
}
/** yyyy-mm-dd of a date in Vietnam time. */
export function isoDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
export function pct(v: number | null | undefined): string { return v == null ? '—' : `${(v * 100).toFixed(1)} %`; }
export function qs<T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T { return root.querySelector(sel) as T; }
export function formValue(form: HTMLFormElement, name: string): string {
  return ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
}
