import { api, setSession, type Session } from '../api';
import { t } from '../i18n';
import { esc, formValue } from '../util';
import { navigate } from '../main';

export function loginPage(root: HTMLElement, home: () => string) {
  root.innerHTML = `
    <main class="login">
      <h1>${esc(t('ISO điện tử'))}</h1>
      <form id="login" class="card">
        <h2>${esc(t('Đăng nhập'))}</h2>
        <label>${esc(t('Tên đăng nhập'))} <input name="username" autocomplete="username" required></label>
        <label>${esc(t('Mật khẩu'))} <input name="password" type="password" autocomplete="current-password" required></label>
        <p class="error" role="alert" id="login-error"></p>
        <button type="submit">${esc(t('Đăng nhập'))}</button>
        <p><a href="/tra-cuu">${esc(t('Tra cứu hồ sơ'))}</a></p>
      </form>
    </main>`;
  const form = root.querySelector<HTMLFormElement>('#login')!;
  form.onsubmit = async e => {
    e.preventDefault();
    try {
      const s = await api<Session>('/api/auth/token', { method: 'POST', json: { username: formValue(form, 'username'), password: formValue(form, 'password') } });
      setSession(s);
      navigate(home());
    } catch {
      root.querySelector('#login-error')!.textContent = t('Sai tên đăng nhập hoặc mật khẩu');
    }
  };
}
