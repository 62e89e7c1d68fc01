import { api, procedures, type Procedure } from '../api';
import { t } from '../i18n';
import { esc, formValue, longVi } from '../util';
import { missingList, pagedTasks } from './inbox';

const docCheck = (d: string, checked = false) =>
  `<label class="check"><input type="checkbox" name="doc" value="${esc(d)}" ${checked ? 'checked' : ''}> ${esc(d)}</label>`;

/** P10D → "10 ngày làm việc", PT4H → "4 giờ làm việc" (working time, as iso:deadline counts it). */
export function deadlineText(iso: string | null): string {
  const m = iso?.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/);
  if (!m) return iso ?? '';
  return [m[1] && m[1] !== '0' ? `${m[1]} ${t('ngày làm việc')}` : '', m[2] ? `${m[2]} ${t('giờ làm việc')}` : ''].filter(Boolean).join(' ') || t('Trong ngày');
}

export async function receptionPage(main: HTMLElement) {
  const list = await procedures();
  const byKey = new Map<string, Procedure>(list.map(p => [p.key, p]));
  main.innerHTML = `
    <h1>${esc(t('Tiếp nhận hồ sơ'))}</h1>
    <div class="grid2">
    <form id="receive" class="card">
      <label>${esc(t('Thủ tục'))}
        <select name="procedure" required>${list.map(d => `<option value="${esc(d.key)}">${esc(d.name)}${d.procedureCode ? ` (${esc(d.procedureCode)})` : ''}</option>`).join('')}</select>
      </label>
      <p class="muted" id="procedure-facts"></p>
      <fieldset><legend>${esc(t('Người nộp'))}</legend>
        <label>${esc(t('Họ và tên'))} <input name="name" required></label>
        <label>${esc(t('Số CCCD'))} <input name="idNumber"></label>
        <label>${esc(t('Điện thoại'))} <input name="phone"></label>
        <label>${esc(t('Địa chỉ'))} <input name="address"></label>
        <label>${esc(t('Thư điện tử'))} <input name="email" type="email"></label>
      </fieldset>
      <label>${esc(t('Kênh tiếp nhận'))}
        <select name="channel"><option value="direct">${esc(t('Trực tiếp'))}</option><option value="post">${esc(t('Bưu chính'))}</option><option value="online">${esc(t('Trực tuyến'))}</option></select>
      </label>
      <fieldset id="docs"><legend>${esc(t('Thành phần hồ sơ'))}</legend>
        <div id="required-docs"></div>
        <div class="row"><input id="extra-doc" aria-label="${esc(t('Thêm thành phần'))}" placeholder="${esc(t('Thêm thành phần'))}"><button type="button" id="add-doc" class="secondary">+</button></div>
      </fieldset>
      <p class="error" role="alert" id="receive-error"></p>
      <button type="submit">${esc(t('Tiếp nhận'))}</button>
    </form>
    <div>
      <section id="receipt" class="card" hidden></section>
      <form id="supplement" class="card">
        <h2>${esc(t('Nhận bổ sung'))}</h2>
        <label>${esc(t('Mã hồ sơ'))} <input name="code" required></label>
        <label>${esc(t('Tài liệu bổ sung'))} <textarea name="documents" rows="3" placeholder="; "></textarea></label>
        <p class="error" role="alert" id="supplement-error"></p>
        <p id="supplement-done" role="status"></p>
        <button type="submit">${esc(t('Nhận bổ sung'))}</button>
      </form>
      <section class="card"><h2>${esc(t('Hồ sơ chờ bổ sung'))}</h2><div id="waiting"></div></section>
      <section class="card"><h2>${esc(t('Trả kết quả'))}</h2><div id="returns"></div></section>
    </div>
    </div>`;

  // The checklist is the chosen procedure's required documents (iso:documents), refreshed when the procedure changes.
  const picker = main.querySelector<HTMLSelectElement>('select[name=procedure]')!;
  const showDocs = () => {
    const p = byKey.get(picker.value);
    main.querySelector('#required-docs')!.innerHTML = (p?.documents ?? []).map(d => docCheck(d)).join('')
      || `<p class="muted">${esc(t('Thủ tục chưa khai báo thành phần hồ sơ'))}</p>`;
    main.querySelector('#procedure-facts')!.textContent = p ? [p.deadline ? `${t('Thời hạn giải quyết')}: ${deadlineText(p.deadline)}` : '', p.fee ? `${t('Phí, lệ phí')}: ${p.fee}` : ''].filter(Boolean).join(' — ') : '';
  };
  picker.onchange = showDocs;
  showDocs();

  main.querySelector<HTMLButtonElement>('#add-doc')!.onclick = () => {
    const input = main.querySelector<HTMLInputElement>('#extra-doc')!;
    if (!input.value.trim()) return;
    input.insertAdjacentHTML('beforebegin', '');
    input.parentElement!.insertAdjacentHTML('beforebegin', `<label class="check"><input type="checkbox" name="doc" value="${esc(input.value.trim())}" checked> ${esc(input.value.trim())}</label>`);
    input.value = '';
  };

  const form = main.querySelector<HTMLFormElement>('#receive')!;
  form.onsubmit = async e => {
    e.preventDefault();
    const error = main.querySelector('#receive-error')!;
    error.textContent = '';
    const documents = [...form.querySelectorAll<HTMLInputElement>('input[name=doc]:checked')].map(i => i.value);
    try {
      const r = await api<any>('/api/dossiers', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, json: {
        procedureKey: formValue(form, 'procedure'), channel: formValue(form, 'channel'), documents,
        applicant: { name: formValue(form, 'name'), idNumber: formValue(form, 'idNumber') || null, phone: formValue(form, 'phone') || null,
          address: formValue(form, 'address') || null, email: formValue(form, 'email') || null },
      } });
      sessionStorage.setItem(`secret:${r.code}`, r.lookupSecret);
      const receipt = main.querySelector<HTMLElement>('#receipt')!;
      receipt.hidden = false;
      receipt.innerHTML = `
        <h2>${esc(t('Đã tiếp nhận'))}</h2>
        <dl>
          <dt>${esc(t('Mã hồ sơ'))}</dt><dd id="dossier-code">${esc(r.code)}</dd>
          <dt>${esc(t('Mã tra cứu'))}</dt><dd id="lookup-secret">${esc(r.lookupSecret)}</dd>
          <dt>${esc(t('Nhận lúc'))}</dt><dd>${esc(longVi(r.receivedAt))}</dd>
          <dt>${esc(t('Ngày hẹn trả kết quả'))}</dt><dd id="appointment">${esc(longVi(r.dueAt))}</dd>
        </dl>
        <p><a class="button" href="/app/ho-so/${encodeURIComponent(r.code)}/giay-hen">${esc(t('In'))}: ${esc(t('Giấy tiếp nhận hồ sơ và hẹn trả kết quả'))}</a>
           <a href="/app/ho-so/${encodeURIComponent(r.code)}">${esc(t('Hồ sơ'))} ${esc(r.code)}</a></p>`;
      form.reset();
      showDocs();
    } catch (ex) { error.textContent = (ex as Error).message; }
  };

  const sup = main.querySelector<HTMLFormElement>('#supplement')!;
  sup.onsubmit = async e => {
    e.preventDefault();
    main.querySelector('#supplement-error')!.textContent = '';
    try {
      const code = formValue(sup, 'code');
      const documents = formValue(sup, 'documents').split(/[;\n]/).map(s => s.trim()).filter(Boolean);
      const d = await api<any>(`/api/dossiers/${encodeURIComponent(code)}/supplement`, { method: 'POST', json: { documents } });
      main.querySelector('#supplement-done')!.innerHTML = `${esc(d.code)}: ${esc(t('Đang xử lý'))} — ${esc(t('Ngày hẹn trả kết quả'))} <span id="supplement-due">${esc(longVi(d.dueAt))}</span>`;
      sup.reset();
      await showWaiting();
    } catch (ex) { main.querySelector('#supplement-error')!.textContent = (ex as Error).message; }
  };

  // Dossiers waiting for the applicant's supplement, with what is missing: pick one instead of typing its code.
  async function showWaiting() {
    const waiting = await api<any[]>('/api/dossiers?status=waitingForSupplement');
    const box = main.querySelector<HTMLElement>('#waiting')!;
    box.innerHTML = waiting.length === 0 ? `<p class="muted">—</p>` : `<table id="waiting-table"><thead><tr><th>${esc(t('Mã hồ sơ'))}</th><th>${esc(t('Người nộp'))}</th><th>${esc(t('Thủ tục'))}</th><th>${esc(t('Cần bổ sung'))}</th><th></th></tr></thead><tbody>
      ${waiting.map((d, i) => `<tr><td><a href="/app/ho-so/${encodeURIComponent(d.code)}">${esc(d.code)}</a></td><td>${esc(d.applicant?.name ?? '')}</td><td>${esc(byKey.get(d.procedureKey)?.name ?? d.procedureKey)}</td>
        <td>${missingList(d.missingDocuments)}</td><td><button type="button" class="secondary" data-pick="${i}" aria-label="${esc(t('Nhận bổ sung hồ sơ này'))} ${esc(d.code)}">${esc(t('Nhận bổ sung'))}</button></td></tr>`).join('')}</tbody></table>`;
    box.querySelectorAll<HTMLButtonElement>('button[data-pick]').forEach(b => b.onclick = () => {
      const d = waiting[Number(b.dataset.pick)];
      (sup.elements.namedItem('code') as HTMLInputElement).value = d.code;
      const missing = Array.isArray(d.missingDocuments) ? d.missingDocuments : d.missingDocuments ? [d.missingDocuments] : [];
      (sup.elements.namedItem('documents') as HTMLTextAreaElement).value = missing.join('; ');
      (sup.elements.namedItem('documents') as HTMLTextAreaElement).focus();
    });
  }
  await showWaiting();

  await pagedTasks(main.querySelector<HTMLElement>('#returns')!, ['/api/tasks?scope=assigned', '/api/tasks?scope=available']);
}
