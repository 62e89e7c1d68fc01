import './styles.css';
import { api, has, session, setSession } from './api';
import { lang, setLang, t } from './i18n';
import { dt, esc } from './util';
import { loginPage } from './pages/login';
import { receptionPage } from './pages/reception';
import { inboxPage, taskPage } from './pages/inbox';
import { dossierPage, dossierSearchPage, printPage } from './pages/dossier';
import { dashboardPage } from './pages/dashboard';
import { reportsPage } from './pages/reports';
import { lookupPage } from './pages/lookup';
import { operationsPage } from './pages/operations';

export const root = document.getElementById('app')!;

interface MenuItem { path: string; label: string; roles: string[] | null }
const menu: MenuItem[] = [
  { path: '/app/tiep-nhan', label: 'Tiếp nhận hồ sơ', roles: ['receiver', 'admin'] },
  { path: '/app/hop-viec', label: 'Hộp việc', roles: ['receiver', 'specialist', 'head', 'leader', 'clerk', 'supervisor'] },
  { path: '/app/ho-so', label: 'Hồ sơ', roles: null },
  { path: '/app/giam-sat', label: 'Bảng giám sát', roles: ['head', 'leader', 'supervisor', 'admin'] },
  { path: '/app/bao-cao', label: 'Báo cáo', roles: ['head', 'leader', 'supervisor', 'admin'] },
  { path: '/app/van-hanh', label: 'Vận hành', roles: ['admin'] },
];

export function navigate(path: string) { history.pushState(null, '', path); void render(); }

document.addEventListener('click', e => {
  const a = (e.target as HTMLElement).closest('a');
  if (a && a.origin === location.origin && (a.pathname.startsWith('/app') || a.pathname === '/tra-cuu') && !a.hasAttribute('download') && !a.target && !a.dataset.external) {
    e.preventDefault(); navigate(a.pathname + a.search);
  }
});
window.addEventListener('popstate', () => void render());

function home(): string {
  if (has('receiver')) return '/app/tiep-nhan';
  if (has('specialist', 'head', 'leader', 'clerk')) return '/app/hop-viec';
  if (has('supervisor')) return '/app/giam-sat';
  if (has('admin')) return '/app/van-hanh';
  return '/app/ho-so';
}

/** Renders the shell (header with the menu the user's roles allow, notifications, language switch) and returns the main element. */
function shell(active: string): HTMLElement {
  const s = session()!;
  const items = menu.filter(m => m.roles === null || has(...m.roles));
  root.innerHTML = `
    <header class="top no-print">
      <a class="brand" href="${home()}">${esc(t('ISO điện tử'))}</a>
      <nav aria-label="Menu">${items.map(m => `<a href="${m.path}" ${active.startsWith(m.path) ? 'aria-current="page"' : ''}>${esc(t(m.label))}</a>`).join('')}</nav>
      <div class="right">
        <button type="button" class="bell" id="bell" aria-haspopup="true" aria-expanded="false">${esc(t('Thông báo'))} <span class="count" id="notify-count"></span></button>
        <div class="notifications" id="notifications" hidden><p class="muted">${esc(t('Đang tải…'))}</p></div>
        <button type="button" class="link" id="lang">${lang === 'vi' ? 'English' : 'Tiếng Việt'}</button>
        <span class="user">${esc(s.fullName)}</span>
        <button type="button" class="link" id="logout">${esc(t('Đăng xuất'))}</button>
      </div>
    </header>
    <main id="main"></main>`;
  document.getElementById('lang')!.onclick = () => { setLang(lang === 'vi' ? 'en' : 'vi'); void render(); };
  document.getElementById('logout')!.onclick = () => { setSession(null); navigate('/app/dang-nhap'); };
  // The bell works at once: a click before the list arrives opens the panel, which fills in when it does.
  const bell = document.getElementById('bell')!;
  const box = document.getElementById('notifications')!;
  bell.onclick = () => { box.hidden = !box.hidden; bell.setAttribute('aria-expanded', String(!box.hidden)); };
  void loadNotifications();
  return document.getElementById('main')!;
}

async function loadNotifications() {
  try {
    const rows = await api<any[]>('/api/notifications');
    const unread = rows.filter(r => !r.readAt);
    const count = document.getElementById('notify-count');
    const box = document.getElementById('notifications');
    if (!count || !box) return;
    count.textContent = unread.length ? String(unread.length) : '';
    box.innerHTML = rows.length === 0 ? `<p>—</p>` : `<ul>${rows.slice(0, 30).map(n => `<li><span class="muted">${esc(dt(n.createdAt))}</span> ${
      n.dossierCode ? `<a href="/app/ho-so/${encodeURIComponent(n.dossierCode)}">${esc(n.dossierCode)}</a> ` : ''}${esc(n.message)}</li>`).join('')}</ul>`;
  } catch { /* header stays usable without notifications */ }
}

export async function render() {
  document.documentElement.lang = lang;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/tra-cuu') { await lookupPage(root); return; }
  if (path === '/app/dang-nhap') { loginPage(root, home); return; }
  if (!session()) { navigate('/app/dang-nhap'); return; }
  let m: RegExpMatchArray | null;
  const guard = (roles: string[], page: (main: HTMLElement) => unknown) => {
    const main = shell(path);
    if (!has(...roles)) { main.innerHTML = `<p class="error">${esc(t('Ông/bà không có quyền xem trang này'))}</p>`; return; }
    return page(main);
  };
  try {
    if (path === '/app') { navigate(home()); return; }
    if (path === '/app/tiep-nhan') return void await guard(['receiver', 'admin'], receptionPage);
    if (path === '/app/hop-viec') return void await inboxPage(shell(path));
    if ((m = path.match(/^\/app\/viec\/(\d+)$/))) { const id = Number(m[1]); return void await taskPage(shell('/app/hop-viec'), id); }
    if (path === '/app/ho-so') return void await dossierSearchPage(shell(path));
    if ((m = path.match(/^\/app\/ho-so\/([^/]+)\/(giay-hen|phieu-kiem-soat|xin-loi)$/))) return void await printPage(root, decodeURIComponent(m[1]), m[2]);
    if ((m = path.match(/^\/app\/ho-so\/([^/]+)$/))) { const code = decodeURIComponent(m[1]); return void await dossierPage(shell('/app/ho-so'), code); }
    if (path === '/app/giam-sat') return void await guard(['head', 'leader', 'supervisor', 'admin'], dashboardPage);
    if (path === '/app/bao-cao') return void await guard(['head', 'leader', 'supervisor', 'admin'], reportsPage);
    if (path === '/app/van-hanh') return void await guard(['admin'], operationsPage);
    navigate(home());
  } catch (e) {
    const main = document.getElementById('main') ?? root;
    main.insertAdjacentHTML('afterbegin', `<p class="error" role="alert">${esc((e as Error).message)}</p>`);
  }
}

void render();
