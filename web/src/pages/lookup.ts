import { api } from '../api';
import { lang, result, setLang, status, t } from '../i18n';
import { esc, formValue, longVi, dt } from '../util';

/** Citizens: dossier code + the secret on the slip → status, appointment and steps (no officer names). */
export async function lookupPage(root: HTMLElement) {
  const params = new URLSearchParams(location.search);
  root.innerHTML = `<header class="top"><a class="brand" href="/tra-cuu">${esc(t('ISO điện tử'))}</a><nav></nav><div class="right"><button type="button" class="link" id="lang">${lang === 'vi' ? 'English' : 'Tiếng Việt'}</button><a href="/app/dang-nhap">${esc(t('Đăng nhập'))}</a></div></header>
    <main><h1>${esc(t('Tra cứu hồ sơ'))}</h1>
    <form id="lookup" class="card inline">
      <label>${esc(t('Mã hồ sơ'))} <input name="code" value="${esc(params.get('code') ?? '')}" required></label>
      <label>${esc(t('Mã tra cứu'))} <input name="secret" value="${esc(params.get('secret') ?? '')}" required></label>
      <button type="submit">${esc(t('Tra cứu'))}</button></form>
    <div id="result"></div></main>`;
  root.querySelector<HTMLButtonElement>('#lang')!.onclick = () => { setLang(lang === 'vi' ? 'en' : 'vi'); void lookupPage(root); };
  const form = root.querySelector<HTMLFormElement>('#lookup')!;
  const out = root.querySelector<HTMLElement>('#result')!;
  const show = async (code: string, secret: string) => {
    const q = `secret=${encodeURIComponent(secret)}`;
    try {
      const d = await api<any>(`/api/public/dossiers/${encodeURIComponent(code)}?${q}`);
      const rating = await api<any>(`/api/public/dossiers/${encodeURIComponent(code)}/rating?${q}`);
      out.innerHTML = `<section class="card"><dl class="facts">
          <dt>${esc(t('Mã hồ sơ'))}</dt><dd>${esc(d.code)}</dd>
          <dt>${esc(t('Trạng thái'))}</dt><dd id="lookup-status">${esc(status(d.status))}</dd>
          <dt>${esc(t('Nhận lúc'))}</dt><dd>${esc(longVi(d.receivedAt))}</dd>
          <dt>${esc(t('Ngày hẹn trả kết quả'))}</dt><dd>${esc(longVi(d.appointment))}</dd></dl>
        <table><thead><tr><th>${esc(t('Bước'))}</th><th>${esc(t('Thời điểm nhận'))}</th><th>${esc(t('Thời điểm xong'))}</th><th>${esc(t('Kết quả'))}</th></tr></thead><tbody>
        ${d.steps.map((s: any) => `<tr><td>${esc(s.step)}</td><td>${esc(dt(s.receivedAt))}</td><td>${esc(dt(s.doneAt))}</td><td>${esc(result(s.result))}</td></tr>`).join('')}</tbody></table></section>
        ${rating.canRate ? `<form id="rate" class="card"><fieldset><legend>${esc(t('Đánh giá mức độ hài lòng'))}</legend>
          ${[5, 4, 3, 2, 1].map(n => `<label class="check"><input type="radio" name="score" value="${n}" ${n === 5 ? 'checked' : ''}> ${'★'.repeat(n)} (${n})</label>`).join('')}
          <label>${esc(t('Ý kiến'))} <textarea name="comment" rows="2"></textarea></label></fieldset>
          <button type="submit">${esc(t('Gửi đánh giá'))}</button></form>` : rating.score ? `<p class="card" role="status">${esc(t('Cảm ơn đánh giá của ông/bà'))}: ${'★'.repeat(rating.score)}</p>` : ''}`;
      const rate = out.querySelector<HTMLFormElement>('#rate');
      if (rate) rate.onsubmit = async e => {
        e.preventDefault();
        const score = Number((rate.querySelector('input[name=score]:checked') as HTMLInputElement).value);
        await api(`/api/public/dossiers/${encodeURIComponent(code)}/rating?${q}`, { method: 'POST', json: { score, comment: formValue(rate, 'comment') || null } });
        await show(code, secret);
      };
    } catch {
      out.innerHTML = `<p class="error" role="alert">${esc(t('Không tìm thấy hồ sơ'))}</p>`;
    }
  };
  form.onsubmit = e => { e.preventDefault(); void show(formValue(form, 'code'), formValue(form, 'secret')); };
  if (params.get('code') && params.get('secret')) void show(params.get('code')!, params.get('secret')!);
}
