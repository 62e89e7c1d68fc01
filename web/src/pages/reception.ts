import { api } from '../api';
import { t } from '../i18n';
import { dt, esc, formValue, longVi } from '../util';
import { taskTable } from './inbox';

const defaultDocuments = [
  'Đơn đề nghị (theo mẫu)',
  'Bản sao Căn cước công dân',
  'Giấy tờ chứng minh quyền sử dụng đất',
  'Bản vẽ thiết kế',
];

export async function receptionPage(main: HTMLElement) {
  const definitions = await api<any[]>('/api/definitions');
  const latest = new Map<string, any>();
  for (const d of definitions.filter(d => d.status === 'published')) {
    if (!latest.has(d.key) || latest.get(d.key).version < d.version) latest.set(d.key, d);
  }
  main.innerHTML = `
    <h1>${esc(t('Tiếp nhận hồ sơ'))}</h1>
    <div class="grid2">
    <form id="receive" class="card">
      <label>${esc(t('Thủ tục'))}
        <select name="procedure" required>${[...latest.values()].map(d => `<option value="${esc(d.key)}">${esc(d.name ?? d.key)}${d.procedureCode ? ` (${esc(d.procedureCode)})` : ''}</option>`).join('')}</select>
      </label>
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
        ${defaultDocuments.map(d => `<label class="check"><input type="checkbox" name="doc" value="${esc(d)}"> ${esc(d)}</label>`).join('')}
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
      <section class="card"><h2>${esc(t('Trả kết quả'))}</h2><div id="returns"></div></section>
    </div>
    </div>`;

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
      main.querySelector('#supplement-done')!.innerHTML = `${esc(d.code)}: ${esc(t('Đang xử lý'))} — ${esc(t('Hạn xử lý'))} ${esc(dt(d.dueAt))}`;
    } catch (ex) { main.querySelector('#supplement-error')!.textContent = (ex as Error).message; }
  };

  const [mine, available] = await Promise.all([api<any[]>('/api/tasks?scope=assigned'), api<any[]>('/api/tasks?scope=available')]);
  main.querySelector('#returns')!.innerHTML = taskTable([...mine, ...available]);
}
