import { api, apiPage, procedureNames, session } from '../api';
import { outcome, outcomeNames, result, status, t } from '../i18n';
import { dt, esc, formValue } from '../util';
import { navigate } from '../main';
import { outcomesOf, showDiagram } from '../diagram';
import { documentsSection } from './dossier';

export function dueMark(task: any): string {
  if (task.overdue) return `<span class="mark overdue">${esc(t('Quá hạn'))}</span>`;
  if (task.dueSoon) return `<span class="mark due-soon">${esc(t('Sắp đến hạn'))}</span>`;
  return `<span class="mark ok">${esc(t('Trong hạn'))}</span>`;
}

export function taskTable(tasks: any[]): string {
  if (tasks.length === 0) return `<p class="muted">${esc(t('Không có việc'))}</p>`;
  const sorted = [...tasks].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.id - b.id);
  return `<table class="tasks"><thead><tr><th>${esc(t('Mã hồ sơ'))}</th><th>${esc(t('Bước'))}</th><th>${esc(t('Đơn vị'))}</th><th>${esc(t('Người xử lý'))}</th><th>${esc(t('Hạn xử lý'))}</th><th></th><th></th></tr></thead><tbody>
    ${sorted.map(x => `<tr class="${x.overdue ? 'row-overdue' : x.dueSoon ? 'row-due-soon' : ''}">
      <td>${esc(x.dossierCode)}</td><td>${esc(x.name)}</td><td>${esc(x.unitCode ?? '')}</td><td>${esc(x.assignee ?? t('Chưa nhận'))}</td>
      <td>${esc(dt(x.dueAt))}</td><td>${dueMark(x)}</td>
      <td><a href="/app/viec/${x.id}" aria-label="${esc(t('Mở'))} ${esc(x.name)} ${esc(x.dossierCode)}">${esc(t('Mở'))}</a></td></tr>`).join('')}
    </tbody></table>`;
}

/**
 * Shows the first page of one or more task lists (merged in due order) in a box, with a "Xem thêm / Load more" button
 * while any list has a next page; the count in the heading says "+" until everything is shown.
 */
export async function pagedTasks(box: HTMLElement, paths: string[], count?: HTMLElement) {
  const lists = await Promise.all(paths.map(async path => ({ path, ...(await apiPage<any>(path)) })));
  const tasks = lists.flatMap(l => l.items);
  const draw = () => {
    const more = lists.some(l => l.next !== null);
    box.innerHTML = `${taskTable(tasks)}${more ? `<p><button type="button" class="secondary more">${esc(t('Xem thêm'))}</button></p>` : ''}`;
    if (count) count.textContent = `(${tasks.length}${more ? '+' : ''})`;
    box.querySelector<HTMLButtonElement>('button.more')?.addEventListener('click', async e => {
      (e.currentTarget as HTMLButtonElement).disabled = true;
      for (const l of lists.filter(x => x.next !== null)) {
        const page = await apiPage<any>(l.path, l.next);
        tasks.push(...page.items.filter(x => !tasks.some(y => y.id === x.id)));
        l.next = page.next;
      }
      draw();
    });
  };
  draw();
}

export async function inboxPage(main: HTMLElement) {
  main.innerHTML = `
    <h1>${esc(t('Hộp việc'))}</h1>
    <section class="card"><h2>${esc(t('Việc của tôi'))} <span id="mine-count"></span></h2><div id="mine"></div></section>
    <section class="card"><h2>${esc(t('Việc có thể nhận'))} <span id="available-count"></span></h2><div id="available"></div></section>`;
  const box = (id: string) => main.querySelector<HTMLElement>(`#${id}`)!;
  await Promise.all([
    pagedTasks(box('mine'), ['/api/tasks?scope=assigned'], box('mine-count')),
    pagedTasks(box('available'), ['/api/tasks?scope=available'], box('available-count')),
  ]);
}

export function applicantBlock(d: any, procedureName: (key: string) => string = k => k): string {
  const a = d.applicant ?? {};
  return `<dl class="facts">
    <dt>${esc(t('Mã hồ sơ'))}</dt><dd>${esc(d.code)}</dd>
    <dt>${esc(t('Thủ tục'))}</dt><dd id="procedure-name">${esc(procedureName(d.procedureKey))} <span class="muted">(${esc(d.procedureKey)} v${esc(d.procedureVersion)})</span></dd>
    <dt>${esc(t('Trạng thái'))}</dt><dd>${esc(status(d.status))}</dd>
    <dt>${esc(t('Người nộp'))}</dt><dd>${esc(a.name)}${a.idNumber ? ` — ${esc(a.idNumber)}` : ''}</dd>
    <dt>${esc(t('Địa chỉ'))}</dt><dd>${esc(a.address ?? '')} ${a.phone ? `— ${esc(a.phone)}` : ''}</dd>
    <dt>${esc(t('Nhận lúc'))}</dt><dd>${esc(dt(d.receivedAt))}</dd>
    <dt>${esc(t('Ngày hẹn trả kết quả'))}</dt><dd>${esc(dt(d.dueAt))}${d.originalDueAt ? ` (${esc(dt(d.originalDueAt))})` : ''}</dd>
    <dt>${esc(t('Thành phần hồ sơ'))}</dt><dd><ul>${(d.documents ?? []).map((x: any) => `<li>${esc(typeof x === 'string' ? x : JSON.stringify(x))}</li>`).join('')}</ul></dd>
    ${d.missingDocuments ? `<dt>${esc(t('Hồ sơ cần bổ sung'))}</dt><dd id="missing-documents">${missingList(d.missingDocuments)}</dd>` : ''}
  </dl>`;
}

/** The missing documents an officer asked for (a list, or one text). */
export function missingList(m: unknown): string {
  const items = Array.isArray(m) ? m : m == null ? [] : [m];
  return `<ul>${items.map(x => `<li>${esc(typeof x === 'string' ? x : JSON.stringify(x))}</li>`).join('')}</ul>`;
}

export function historyTable(rows: any[], names = true): string {
  return `<table class="sheet"><thead><tr><th>${esc(t('STT'))}</th><th>${esc(t('Bước'))}</th>${names ? `<th>${esc(t('Giao'))}</th><th>${esc(t('Nhận'))}</th>` : ''}
    <th>${esc(t('Thời điểm nhận'))}</th><th>${esc(t('Hạn xử lý'))}</th><th>${esc(t('Thời điểm xong'))}</th><th>${esc(t('Kết quả xử lý'))}</th><th>${esc(t('Kết quả'))}</th><th>${esc(t('Ghi chú'))}</th></tr></thead><tbody>
    ${rows.map(r => `<tr><td>${r.no}</td><td>${esc(r.step)}</td>${names ? `<td>${esc(r.fromUser ?? '')}</td><td>${esc([r.toUnit, r.toUser ?? r.toRole].filter(Boolean).join(' / '))}</td>` : ''}
      <td>${esc(dt(r.receivedAt))}</td><td>${esc(dt(r.dueAt))}</td><td>${esc(dt(r.doneAt))}</td><td>${esc(outcome(r.outcome))}</td>
      <td class="result-${esc(r.result ?? '')}">${esc(result(r.result))}</td><td>${esc([r.comment, r.note].filter(Boolean).join(' — '))}</td></tr>`).join('')}
    </tbody></table>`;
}

export async function taskPage(main: HTMLElement, id: number) {
  const task = await api<any>(`/api/tasks/${id}`);
  const code = encodeURIComponent(task.dossierCode);
  const [dossier, sheet, names] = await Promise.all([api<any>(`/api/dossiers/${code}`), api<any>(`/api/dossiers/${code}/control-sheet`), procedureNames()]);
  const xml = await api<string>(`/api/definitions/${encodeURIComponent(dossier.procedureKey)}/versions/${dossier.procedureVersion}/bpmn`);
  const outcomes = outcomesOf(xml, task.stepId);
  const me = session()!.username;
  const open = task.status === 'open';
  // A redraw of the same task (after a claim) keeps what the officer already chose or typed meanwhile.
  const kept = main.dataset.task === String(id)
    ? [...main.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('#actions [name]')].map(f => [f.name, f.value] as const)
    : [];
  main.dataset.task = String(id);
  main.innerHTML = `
    <h1>${esc(task.name)} — ${esc(task.dossierCode)} ${open ? dueMark(task) : ''}</h1>
    <div class="grid2">
      <section class="card"><h2>${esc(t('Hồ sơ'))}</h2>${applicantBlock(dossier, names)}
        <p><a href="/app/ho-so/${code}">${esc(t('Phiếu kiểm soát quá trình giải quyết hồ sơ'))}</a></p></section>
      <section class="card" id="actions"><h2>${esc(t('Xử lý'))}</h2>
        <p>${esc(t('Hạn xử lý'))}: ${esc(dt(task.dueAt))} — ${esc(t('Người xử lý'))}: ${esc(task.assignee ?? t('Chưa nhận'))}</p>
        ${!open ? `<p>${esc(t('Hoàn thành'))}</p>` : task.assignee == null ? `<button type="button" id="claim">${esc(t('Nhận việc'))}</button>` : ''}
        ${open && (task.assignee == null || task.assignee === me) ? `
        <form id="complete">
          ${outcomes.length ? `<label>${esc(t('Kết quả xử lý'))} <select name="outcome">${outcomes.map(o => `<option value="${esc(o)}">${esc(outcomeNames[o] ? outcome(o) : o)}</option>`).join('')}</select></label>` : ''}
          <label>${esc(t('Ý kiến'))} <textarea name="comment" rows="2"></textarea></label>
          <label id="missing-label" hidden>${esc(t('Hồ sơ cần bổ sung'))} <textarea name="missing" rows="2" placeholder="; "></textarea></label>
          <p class="error" role="alert" id="act-error"></p>
          <button type="submit">${esc(t('Hoàn thành'))}</button>
        </form>
        <form id="return" class="inline"><label>${esc(t('Lý do'))} <input name="reason"></label> <button type="submit" class="secondary">${esc(t('Trả lại bước trước'))}</button></form>` : ''}
      </section>
    </div>
    <section class="card"><h2>${esc(t('Sơ đồ quy trình'))}</h2><div id="diagram" class="diagram" role="img" aria-label="${esc(t('Sơ đồ quy trình'))}"></div></section>
    <section class="card"><h2>${esc(t('Quá trình xử lý'))}</h2>${historyTable(sheet.rows)}</section>
    <section class="card" id="documents"></section>`;

  const done = sheet.rows.filter((r: any) => r.doneAt).map((r: any) => r.elementId);
  void showDiagram(main.querySelector('#diagram')!, xml, dossier.activeSteps, done);
  void documentsSection(main.querySelector('#documents')!, task.dossierCode);

  const err = (m: string) => { main.querySelector('#act-error')!.textContent = m; };
  main.querySelector<HTMLButtonElement>('#claim')?.addEventListener('click', async () => {
    try { await api(`/api/tasks/${id}/claim`, { method: 'POST' }); await taskPage(main, id); } catch (e) { err((e as Error).message); }
  });
  for (const [name, value] of kept) {
    const field = main.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#actions [name="${name}"]`);
    if (field) { field.value = value; }
  }
  const form = main.querySelector<HTMLFormElement>('#complete');
  if (form) {
    const select = form.querySelector<HTMLSelectElement>('select[name=outcome]');
    const toggle = () => { main.querySelector<HTMLElement>('#missing-label')!.hidden = select?.value !== 'supplement'; };
    select?.addEventListener('change', toggle);
    toggle();
    form.onsubmit = async e => {
      e.preventDefault();
      const chosen = select?.value || null;
      const variables = chosen === 'supplement'
        ? { missingDocuments: formValue(form, 'missing').split(/[;\n]/).map(s => s.trim()).filter(Boolean) } : undefined;
      try {
        await api(`/api/tasks/${id}/complete`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() },
          json: { outcome: chosen, comment: formValue(form, 'comment') || null, variables } });
        navigate('/app/hop-viec');
      } catch (ex) { err((ex as Error).message); }
    };
  }
  const back = main.querySelector<HTMLFormElement>('#return');
  if (back) back.onsubmit = async e => {
    e.preventDefault();
    try { await api(`/api/tasks/${id}/return`, { method: 'POST', json: { reason: formValue(back, 'reason') || null } }); navigate('/app/hop-viec'); }
    catch (ex) { err((ex as Error).message); }
  };
}
