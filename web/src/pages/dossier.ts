import { api, has, procedureNames } from '../api';
import { t } from '../i18n';
import { dateOnly, dt, esc, formValue, longVi } from '../util';
import { navigate } from '../main';
import { applicantBlock, historyTable } from './inbox';

export async function documentsSection(section: HTMLElement, code: string) {
  const c = encodeURIComponent(code);
  const docs = await api<any[]>(`/api/dossiers/${c}/documents`);
  section.innerHTML = `<h2>${esc(t('Tài liệu số hoá'))}</h2>
    ${docs.length ? `<table><thead><tr><th>${esc(t('Tệp'))}</th><th>${esc(t('Kích thước'))}</th><th>SHA-256</th><th></th></tr></thead><tbody>
      ${docs.map(d => `<tr><td><a href="#" data-doc="${d.id}" data-name="${esc(d.fileName)}">${esc(d.fileName)}</a></td><td>${(d.sizeBytes / 1024).toFixed(1)} KB</td>
        <td class="mono">${esc(d.sha256.slice(0, 16))}…</td><td>${esc(d.uploadedBy)} ${esc(dt(d.uploadedAt))}</td></tr>`).join('')}</tbody></table>` : '<p class="muted">—</p>'}
    <form class="inline" id="upload"><label>${esc(t('Tệp'))} (PDF, JPEG, PNG ≤ 10 MB) <input type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required></label>
      <button type="submit">${esc(t('Tải lên'))}</button> <span class="error" role="alert" id="upload-error"></span></form>`;
  section.querySelectorAll<HTMLAnchorElement>('a[data-doc]').forEach(a => a.onclick = async e => {
    e.preventDefault();
    const s = JSON.parse(localStorage.getItem('session')!);
    const r = await fetch(`/api/documents/${a.dataset.doc}`, { headers: { Authorization: `Bearer ${s.accessToken}` } });
    const url = URL.createObjectURL(await r.blob());
    const link = document.createElement('a'); link.href = url; link.download = a.dataset.name!; link.click();
  });
  const form = section.querySelector<HTMLFormElement>('#upload')!;
  form.onsubmit = async e => {
    e.preventDefault();
    const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
    if (!input.files?.length) return;
    if (input.files[0].size > 10 * 1024 * 1024) { section.querySelector('#upload-error')!.textContent = 'Tệp quá lớn / File too large'; return; }
    const body = new FormData(); body.append('file', input.files[0]);
    try { await api(`/api/dossiers/${c}/documents`, { method: 'POST', body }); await documentsSection(section, code); }
    catch (ex) { section.querySelector('#upload-error')!.textContent = (ex as Error).message; }
  };
}

export async function dossierSearchPage(main: HTMLElement) {
  main.innerHTML = `<h1>${esc(t('Hồ sơ'))}</h1>
    <form id="find" class="card inline"><label>${esc(t('Mã hồ sơ'))} <input name="code" required></label> <button type="submit">${esc(t('Tìm hồ sơ'))}</button></form>`;
  const form = main.querySelector<HTMLFormElement>('#find')!;
  form.onsubmit = e => { e.preventDefault(); navigate(`/app/ho-so/${encodeURIComponent(formValue(form, 'code'))}`); };
}

export async function dossierPage(main: HTMLElement, code: string) {
  const c = encodeURIComponent(code);
  const [sheet, names] = await Promise.all([api<any>(`/api/dossiers/${c}/control-sheet`), procedureNames()]);
  const d = sheet.dossier;
  const canApologise = has('head', 'leader', 'supervisor', 'admin') && !d.finishedAt && d.apologyCount === 0 && !d.clockStoppedAt;
  main.innerHTML = `
    <h1>${esc(t('Hồ sơ'))} ${esc(d.code)} ${d.late ? `<span class="mark overdue">${esc(t('Quá hạn'))}</span>` : ''}${
      d.clockStoppedAt ? ` <span class="mark due-soon" id="clock-stopped">${esc(t('Tạm dừng tính thời gian từ'))} ${esc(dt(d.clockStoppedAt))}</span>` : ''}</h1>
    <p class="no-print">
      <a class="button" href="/app/ho-so/${c}/phieu-kiem-soat">${esc(t('Bản in'))}: ${esc(t('Phiếu kiểm soát quá trình giải quyết hồ sơ'))}</a>
      <a class="button secondary" href="/app/ho-so/${c}/giay-hen">${esc(t('Giấy tiếp nhận hồ sơ và hẹn trả kết quả'))}</a>
      ${d.apologyCount > 0 ? `<a class="button secondary" href="/app/ho-so/${c}/xin-loi">${esc(t('Văn bản xin lỗi và hẹn lại ngày trả kết quả'))}</a>` : ''}
    </p>
    <section class="card">${applicantBlock(d, names)}</section>
    <section class="card"><h2>${esc(t('Phiếu kiểm soát quá trình giải quyết hồ sơ'))}</h2>${historyTable(sheet.rows)}</section>
    <section class="card" id="documents"></section>
    ${canApologise ? `<form id="apology" class="card"><h2>${esc(t('Văn bản xin lỗi và hẹn lại ngày trả kết quả'))}</h2>
      <label>${esc(t('Lý do'))} <textarea name="reason" rows="2" required></textarea></label>
      <label>${esc(t('Ngày hẹn mới'))} <input type="datetime-local" name="newDueAt" required></label>
      <p class="error" role="alert" id="apology-error"></p>
      <button type="submit">${esc(t('Ghi nhận xin lỗi'))}</button></form>` : ''}`;
  void documentsSection(main.querySelector('#documents')!, code);
  const form = main.querySelector<HTMLFormElement>('#apology');
  if (form) form.onsubmit = async e => {
    e.preventDefault();
    try {
      const local = formValue(form, 'newDueAt');
      await api(`/api/dossiers/${c}/apology`, { method: 'POST', json: { reason: formValue(form, 'reason'), newDueAt: `${local}:00+07:00` } });
      navigate(`/app/ho-so/${c}/xin-loi`);
    } catch (ex) { main.querySelector('#apology-error')!.textContent = (ex as Error).message; }
  };
}

const header = (title: string) => `
  <div class="doc-head"><div><strong>UBND …</strong><br>${esc(t('Bộ phận Một cửa'))}</div>
  <div><strong>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><u>Độc lập - Tự do - Hạnh phúc</u></div></div>
  <h1 class="doc-title">${esc(title)}</h1>`;

/** Printable forms: the receipt-and-appointment slip, the control sheet, the apology. */
export async function printPage(root: HTMLElement, code: string, kind: string) {
  const c = encodeURIComponent(code);
  const [sheet, names] = await Promise.all([api<any>(`/api/dossiers/${c}/control-sheet`), procedureNames()]);
  const d = sheet.dossier;
  const a = d.applicant ?? {};
  const secret = sessionStorage.getItem(`secret:${code}`);
  let body = '';
  if (kind === 'giay-hen') {
    body = `${header('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ')}
      <p class="center">Mã hồ sơ: <strong id="print-code">${esc(d.code)}</strong></p>
      <p>Bộ phận Một cửa tiếp nhận hồ sơ của: <strong>${esc(a.name)}</strong></p>
      <p>Địa chỉ: ${esc(a.address ?? '')} — Số điện thoại: ${esc(a.phone ?? '')} — Thư điện tử: ${esc(a.email ?? '')}</p>
      <p>Nội dung yêu cầu giải quyết: <span class="print-procedure">${esc(names(d.procedureKey))}</span></p>
      <p>Thành phần hồ sơ:</p><ol>${(d.documents ?? []).map((x: any) => `<li>${esc(typeof x === 'string' ? x : JSON.stringify(x))}</li>`).join('')}</ol>
      <p>Thời gian nhận hồ sơ: ${esc(longVi(d.receivedAt))}</p>
      <p>Thời gian trả kết quả giải quyết hồ sơ: <strong id="print-appointment">${esc(longVi(d.dueAt))}</strong></p>
      ${secret ? `<p>Mã tra cứu hồ sơ: <strong>${esc(secret)}</strong> — tra cứu tại /tra-cuu</p>` : ''}
      <div class="signs"><div>NGƯỜI NỘP HỒ SƠ<br><em>(Ký và ghi rõ họ tên)</em></div><div>NGƯỜI TIẾP NHẬN HỒ SƠ<br><em>(Ký và ghi rõ họ tên)</em></div></div>`;
  } else if (kind === 'phieu-kiem-soat') {
    body = `${header('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ')}
      <p>Mã hồ sơ: <strong>${esc(d.code)}</strong></p>
      <p>Tên người nộp: ${esc(a.name)} — Địa chỉ: ${esc(a.address ?? '')} — Điện thoại: ${esc(a.phone ?? '')}</p>
      <p>Nội dung yêu cầu giải quyết: <span class="print-procedure">${esc(names(d.procedureKey))}</span></p>
      <p>Thời gian nhận hồ sơ: ${esc(longVi(d.receivedAt))}</p>
      <p>Thời gian hẹn trả kết quả: ${esc(longVi(d.originalDueAt ?? d.dueAt))}</p>
      <table class="sheet print-sheet"><thead><tr><th>Tên cơ quan, đơn vị</th><th>Thời gian giao, nhận hồ sơ</th><th>Kết quả giải quyết hồ sơ (Trước hạn/Đúng hạn/Quá hạn)</th><th>Ghi chú</th></tr></thead><tbody>
      ${sheet.rows.map((r: any) => `<tr><td>1. Giao: ${esc(r.fromUser ?? '')}<br>2. Nhận: ${esc([r.toUnit, r.toUser ?? r.toRole].filter(Boolean).join(' / '))} — ${esc(r.step)}</td>
        <td>${esc(longVi(r.receivedAt))}${r.doneAt ? `<br>→ ${esc(longVi(r.doneAt))}` : ''}<br><span class="muted">Người giao ………… Người nhận …………</span></td>
        <td>${esc(r.result ? ({ early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn' } as any)[r.result] : '')}</td><td>${esc([r.comment, r.note].filter(Boolean).join(' — '))}</td></tr>`).join('')}
      </tbody></table>`;
  } else {
    body = `${header('VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ')}
      <p>Kính gửi: <strong id="apology-to">${esc(a.name)}</strong></p>
      <p>Ngày ${esc(dateOnly(d.receivedAt))}, cơ quan chúng tôi tiếp nhận hồ sơ mã <strong>${esc(d.code)}</strong>, hẹn trả kết quả ${esc(longVi(d.originalDueAt ?? d.dueAt))}.</p>
      <p>Hồ sơ của ông/bà chưa được giải quyết đúng hạn. Cơ quan chúng tôi thành thật xin lỗi và hẹn trả kết quả vào: <strong id="apology-new-due">${esc(longVi(d.dueAt))}</strong>.</p>
      <p>Mong nhận được sự thông cảm của ông/bà.</p>
      <div class="signs"><div></div><div>THỦ TRƯỞNG CƠ QUAN<br><em>(Ký, ghi rõ họ tên, đóng dấu)</em></div></div>`;
  }
  root.innerHTML = `<article class="printable">${body}
    <p class="no-print"><button type="button" id="print">${esc(t('In'))}</button> <a href="/app/ho-so/${c}">${esc(t('Hồ sơ'))} ${esc(d.code)}</a></p></article>`;
  root.querySelector<HTMLButtonElement>('#print')!.onclick = () => window.print();
}
