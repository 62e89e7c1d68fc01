/* eslint-disable @typescript-eslint/no-explicit-any */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './styles.css';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { api, ApiError, session, setSession, type DefinitionRow, type Diagnostic, type Validation } from './api';
import { getLang, setLang, t, translateModule, formatTime } from './i18n';
import { isoModdle } from './iso-moddle';
import { restrictModule, readOnlyState } from './restrict';
import { PropertiesPanel, h } from './properties';
import { Simulator } from './simulate';

interface Doc { key: string | null; version: number | null; status: 'new' | 'draft' | 'published' | 'retired' | string; dirty: boolean }

const app = document.getElementById('app')!;
let modeler: any = null;
let panel: PropertiesPanel | null = null;
let doc: Doc = { key: null, version: null, status: 'new', dirty: false };
let definitions: DefinitionRow[] = [];
let lastValidation: Validation | null = null;
let units: { code: string; name: string; parentCode: string | null }[] = [];
let roles: string[] = [];
let validateTimer: number | undefined;
let validateSeq = 0;
let simulator: Simulator | null = null;
(window as any).__designer = { ready: false, opens: 0, get modeler() { return modeler; }, get doc() { return doc; }, validations: 0 };

const emptyXml = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:iso="urn:isodientu:bpmn:1" id="Definitions_${id}" targetNamespace="urn:isodientu:procedures">
  <bpmn:process id="${id}" isExecutable="true" iso:supplementClock="restart" />
  <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${id}" /></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const canEdit = () => !!session?.roles.some((r) => r === 'designer' || r === 'admin');
const isReadOnly = () => doc.status === 'published' || doc.status === 'retired';

function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.className = `toast ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  window.clearTimeout((el as any)._t);
  (el as any)._t = window.setTimeout(() => { el.className = 'toast hidden'; }, 6000);
}

// ---------------------------------------------------------------- login
function renderLogin(): void {
  const user = h('input', { type: 'text', id: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'login', 'aria-label': t('login.title') },
    h('h1', {}, t('app.title')), h('h2', {}, t('login.title')),
    h('label', { for: 'username' }, t('login.username')), user,
    h('label', { for: 'password' }, t('login.password')), pass,
    h('button', { type: 'submit' }, t('login.submit')), error,
    h('button', { type: 'button', class: 'link', onclick: () => { setLang(getLang() === 'vi' ? 'en' : 'vi'); renderLogin(); } }, t('app.lang')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      setSession(await api.login(user.value, pass.value));
      await renderApp();
    } catch {
      error.textContent = t('login.failed');
    }
  });
  app.replaceChildren(form);
}

// ---------------------------------------------------------------- shell
async function renderApp(): Promise<void> {
  const xml = modeler ? (await modeler.saveXML({ format: false })).xml : null;
  app.replaceChildren(
    h('header', { class: 'top' },
      h('h1', {}, t('app.title')),
      h('span', { class: 'doc', id: 'doc-title' }),
      h('span', { class: 'spacer' }),
      h('span', { class: 'user' }, `${session!.fullName} (${session!.username})`),
      h('button', { type: 'button', class: 'link', onclick: () => switchLang() }, t('app.lang')),
      h('button', { type: 'button', class: 'link', onclick: () => { setSession(null); location.reload(); } }, t('logout'))),
    h('div', { class: 'main' },
      h('nav', { class: 'list', id: 'list', 'aria-label': t('list.title') }),
      h('div', { class: 'center' },
        h('div', { class: 'toolbar', role: 'toolbar' },
          button('save', t('tb.save'), () => save()),
          button('publish', t('tb.publish'), () => publish()),
          button('validate', t('tb.validate'), () => validateNow()),
          button('simulate', t('tb.simulate'), () => simulator?.open()),
          button('newVersion', t('tb.newVersion'), () => newVersionFromThis()),
          h('span', { class: 'sep' }),
          h('label', { class: 'button', for: 'import-file' }, t('tb.import')),
          h('input', { type: 'file', id: 'import-file', accept: '.bpmn,.xml', class: 'hidden', onchange: (e: Event) => importFile(e.target as HTMLInputElement) }),
          button('exportBpmn', t('tb.exportBpmn'), () => exportBpmn()),
          button('exportSvg', t('tb.exportSvg'), () => exportSvg())),
        h('div', { class: 'canvas', id: 'canvas' }),
        // Docked between the diagram and the problem list, so it never covers the problems or the budget.
        h('section', { id: 'simulation', class: 'simulation hidden', role: 'dialog', 'aria-label': t('sim.title') }),
        h('div', { class: 'bottom' },
          h('section', { class: 'budget', id: 'budget', 'aria-label': t('budget.title') }),
          h('section', { class: 'problems', id: 'problems', 'aria-label': t('problems.title') }))),
      h('aside', { class: 'properties', id: 'properties', 'aria-label': t('props.title') })),
    h('div', { id: 'toast', class: 'toast hidden' }));

  if (modeler) modeler.destroy();
  modeler = new BpmnModeler({
    container: '#canvas',
    moddleExtensions: { iso: isoModdle },
    additionalModules: [translateModule, restrictModule],
  });
  panel = new PropertiesPanel(document.getElementById('properties')!, modeler, { units, roles, readOnly: isReadOnly });
  simulator = new Simulator(document.getElementById('simulation')!, modeler, () => saveXml());
  const eventBus = modeler.get('eventBus');
  eventBus.on('commandStack.changed', () => {
    if (!doc.dirty) { doc.dirty = true; renderDocTitle(); }
    scheduleValidation();
  });
  eventBus.on('selection.changed', () => undefined);

  if (units.length === 0) {
    try { [units, roles] = await Promise.all([api.units(), api.roles()]); panel.setContext({ units, roles }); } catch { /* shown when used */ }
  }
  await refreshList();
  await open(xml ?? emptyXml(newId()), doc, false);
}

function button(id: string, label: string, onClick: () => void): HTMLButtonElement {
  return h('button', { type: 'button', id: `tb-${id}`, onclick: onClick }, label);
}

async function switchLang(): Promise<void> {
  setLang(getLang() === 'vi' ? 'en' : 'vi');
  const dirty = doc.dirty;
  await renderApp();
  doc.dirty = dirty;
  renderDocTitle();
}

function newId(): string {
  return `TTHC_${Date.now().toString(36).toUpperCase()}`;
}

// ---------------------------------------------------------------- list of procedures
async function refreshList(): Promise<void> {
  try { definitions = await api.definitions(); } catch { definitions = []; }
  renderList();
}

function renderList(): void {
  const nav = document.getElementById('list');
  if (!nav) return;
  const byKey = new Map<string, DefinitionRow[]>();
  for (const d of definitions) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const list = h('ul', { class: 'procedures' });
  for (const [key, rows] of [...byKey.entries()].sort()) {
    rows.sort((a, b) => b.version - a.version);
    const latest = rows[0];
    const versions = h('ul', { class: 'versions' });
    for (const r of rows) {
      const current = doc.key === r.key && doc.version === r.version;
      const who = r.status === 'published' || r.status === 'retired'
        ? `${t('list.publishedAt')} ${formatTime(r.publishedAt)} ${t('list.by')} ${r.publishedBy ?? '—'}`
        : `${t('list.created')} ${formatTime(r.createdAt)} ${t('list.by')} ${r.createdBy ?? '—'}`;
      versions.append(h('li', { class: current ? 'current' : '' },
        h('button', { type: 'button', class: 'version', 'aria-label': `${latest.name ?? key} — ${t('list.version')} ${r.version}`,
          onclick: () => openVersion(r) },
          h('span', { class: 'v' }, `v${r.version}`), h('span', { class: `badge ${r.status}` }, t(`status.${r.status}`)),
          h('small', {}, who))));
    }
    list.append(h('li', {}, h('div', { class: 'proc' }, h('strong', {}, latest.name ?? key),
      h('small', {}, [latest.procedureCode, key].filter(Boolean).join(' · '))), versions));
  }
  nav.replaceChildren(
    h('div', { class: 'list-head' }, h('h2', {}, t('list.title')),
      h('button', { type: 'button', id: 'tb-new', onclick: () => newProcedure() }, t('list.new'))),
    byKey.size ? list : h('p', { class: 'muted' }, t('list.empty')));
}

async function openVersion(r: DefinitionRow): Promise<void> {
  try {
    const xml = await api.bpmn(r.key, r.version);
    await open(xml, { key: r.key, version: r.version, status: r.status, dirty: false });
  } catch (e) { toast(`${t('msg.error')}: ${(e as Error).message}`, 'error'); }
}

async function newProcedure(): Promise<void> {
  await open(emptyXml(newId()), { key: null, version: null, status: 'new', dirty: false });
}

async function newVersionFromThis(): Promise<void> {
  doc = { ...doc, version: null, status: 'new', dirty: true };
  applyReadOnly();
  renderDocTitle();
  renderList();
  panel?.render();
}

async function open(xml: string, d: Doc, resetView = true): Promise<void> {
  doc = { ...d };
  readOnlyState.on = isReadOnly();
  const started = performance.now();
  const result = await modeler.importXML(xml);
  if (resetView) modeler.get('canvas').zoom('fit-viewport', 'auto');
  else modeler.get('canvas').zoom('fit-viewport', 'auto');
  applyReadOnly();
  renderDocTitle();
  renderList();
  (window as any).__designer.ready = true;
  (window as any).__designer.opens++;
  (window as any).__designer.lastOpenMs = performance.now() - started;
  if (result.warnings?.length) console.warn('import warnings', result.warnings);
  simulator?.reset();
  scheduleValidation(0);
}

function applyReadOnly(): void {
  const ro = isReadOnly();
  readOnlyState.on = ro;
  document.getElementById('canvas')?.classList.toggle('read-only', ro);
  const set = (id: string, disabled: boolean) => { const b = document.getElementById(`tb-${id}`) as HTMLButtonElement | null; if (b) b.disabled = disabled; };
  set('save', ro || !canEdit());
  set('publish', !canEdit() || doc.status === 'published' || doc.status === 'retired');
  set('newVersion', doc.status === 'new');
  panel?.render();
}

function renderDocTitle(): void {
  const el = document.getElementById('doc-title');
  if (!el) return;
  const name = processBo()?.name;
  const label = doc.key ? `${name ?? doc.key} — ${doc.version ? `${t('list.version')} ${doc.version}` : t('status.new')}` : t('doc.unsaved');
  const flags = [doc.status !== 'new' ? t(`status.${doc.status}`) : null, isReadOnly() ? t('doc.readOnly') : null, doc.dirty && !isReadOnly() ? t('doc.modified') : null].filter(Boolean);
  el.textContent = flags.length ? `${label} (${flags.join(', ')})` : label;
}

function processBo(): any {
  const root = modeler?.get('canvas').getRootElement();
  const bo = root?.businessObject;
  if (!bo) return null;
  return bo.$instanceOf('bpmn:Process') ? bo : bo.participants?.[0]?.processRef ?? null;
}

async function saveXml(): Promise<string> {
  return (await modeler.saveXML({ format: true })).xml;
}

// ---------------------------------------------------------------- validation
function scheduleValidation(delay = 350): void {
  window.clearTimeout(validateTimer);
  validateTimer = window.setTimeout(() => { void validateNow(); }, delay);
}

async function validateNow(): Promise<Validation | null> {
  const seq = ++validateSeq;
  try {
    const result = await api.validate(await saveXml());
    if (seq !== validateSeq) return result;
    showDiagnostics(result);
    (window as any).__designer.validations++;
    return result;
  } catch (e) {
    if (e instanceof ApiError && e.body?.errors) showDiagnostics({ errors: e.body.errors, warnings: [], budget: null });
    return null;
  }
}

const markers: { id: string; cls: string }[] = [];
function showDiagnostics(v: Validation): void {
  lastValidation = v;
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const overlays = modeler.get('overlays');
  for (const m of markers.splice(0)) if (registry.get(m.id)) canvas.removeMarker(m.id, m.cls);
  overlays.remove({ type: 'iso-diagnostic' });
  const counts = new Map<string, { e: number; w: number }>();
  for (const [list, key] of [[v.errors, 'e'], [v.warnings, 'w']] as const) {
    for (const d of list) {
      if (!d.elementId || !registry.get(d.elementId)) continue;
      const c = counts.get(d.elementId) ?? { e: 0, w: 0 };
      c[key]++;
      counts.set(d.elementId, c);
    }
  }
  for (const [id, c] of counts) {
    const el = registry.get(id);
    if (!el || el === canvas.getRootElement()) continue;
    const cls = c.e ? 'iso-has-error' : 'iso-has-warning';
    canvas.addMarker(id, cls);
    markers.push({ id, cls });
    if (!el.waypoints) {
      overlays.add(id, 'iso-diagnostic', {
        position: { top: -10, right: 10 },
        html: `<div class="diag-badge ${c.e ? 'error' : 'warning'}" title="${c.e ? t('problems.error') : t('problems.warning')}">${c.e || c.w}</div>`,
      });
    }
  }
  renderProblems(v);
  renderBudget(v);
}

function message(d: Diagnostic): string {
  return getLang() === 'vi' ? d.messageVi || d.message : d.message || d.messageVi;
}

function renderProblems(v: Validation): void {
  const el = document.getElementById('problems');
  if (!el) return;
  const items = [...v.errors.map((d) => ({ d, sev: 'error' })), ...v.warnings.map((d) => ({ d, sev: 'warning' }))];
  const list = h('ul', {});
  for (const { d, sev } of items) {
    list.append(h('li', { class: sev },
      h('button', { type: 'button', class: 'problem', 'data-element-id': d.elementId ?? '', onclick: () => focusElement(d.elementId) },
        h('span', { class: `sev ${sev}` }, sev === 'error' ? t('problems.error') : t('problems.warning')),
        h('span', { class: 'code' }, d.code),
        h('span', { class: 'msg' }, message(d)))));
  }
  el.replaceChildren(h('h2', {}, `${t('problems.title')} (${items.length})`), items.length ? list : h('p', { class: 'muted' }, t('problems.none')));
}

function focusElement(id: string | null): void {
  const registry = modeler.get('elementRegistry');
  const selection = modeler.get('selection');
  const canvas = modeler.get('canvas');
  const el = id ? registry.get(id) : null;
  if (!el || el === canvas.getRootElement()) { selection.select(null); panel?.render(); return; }
  selection.select(el);
  try { canvas.scrollToElement(el); } catch { /* older diagram-js */ }
}

function renderBudget(v: Validation): void {
  const el = document.getElementById('budget');
  if (!el) return;
  const b = v.budget;
  if (!b) { el.replaceChildren(h('h2', {}, t('budget.title'))); return; }
  const hours = Math.round(b.hours * 10) / 10;
  const deadline = b.deadlineHours;
  const share = deadline ? b.hours / deadline : 0;
  const over = deadline != null && b.hours > deadline;
  const bar = h('div', { class: 'bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(deadline ?? hours), 'aria-valuenow': String(hours),
    'aria-label': t('budget.title') },
    h('div', { class: `fill ${over ? 'over' : share > 0.85 ? 'near' : 'ok'}`, style: `width:${Math.min(100, deadline ? share * 100 : 0)}%` }));
  el.replaceChildren(h('h2', {}, t('budget.title')), bar,
    h('p', { class: over ? 'over' : '' }, deadline != null ? t('budget.text', { hours, deadline }) : t('budget.noDeadline', { hours })));
}

// ---------------------------------------------------------------- save / publish / import / export
async function save(): Promise<boolean> {
  if (!canEdit()) { toast(t('msg.noRights'), 'error'); return false; }
  if (isReadOnly()) return false;
  try {
    const r = await api.save(await saveXml());
    doc = { key: r.key, version: r.version, status: 'draft', dirty: false };
    toast(t('msg.saved', { key: r.key, version: r.version }));
    await refreshList();
    applyReadOnly();
    renderDocTitle();
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.body?.errors) {
      showDiagnostics({ errors: e.body.errors, warnings: [], budget: lastValidation?.budget ?? null });
      toast(t('msg.saveFailed'), 'error');
    } else toast(`${t('msg.error')}: ${(e as Error).message}`, 'error');
    return false;
  }
}

async function publish(): Promise<void> {
  if (!canEdit()) { toast(t('msg.noRights'), 'error'); return; }
  if ((doc.status === 'new' || doc.dirty) && !(await save())) return;
  if (doc.key == null || doc.version == null) return;
  try {
    const r = await api.publish(doc.key, doc.version);
    doc = { ...doc, status: r.status, dirty: false };
    toast(t('msg.published', { key: r.key, version: r.version }));
    await refreshList();
    applyReadOnly();
    renderDocTitle();
  } catch (e) { toast(`${t('msg.error')}: ${(e as Error).message}`, 'error'); }
}

async function importFile(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  const xml = await file.text();
  input.value = '';
  try {
    await open(xml, { key: null, version: null, status: 'new', dirty: true });
    doc.key = processBo()?.id ?? null;
    renderDocTitle();
    toast(t('msg.imported', { name: file.name }));
  } catch (e) { toast(`${t('msg.error')}: ${(e as Error).message}`, 'error'); }
}

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportBpmn(): Promise<void> {
  download(`${processBo()?.id ?? 'process'}${doc.version ? `-v${doc.version}` : ''}.bpmn`, await saveXml(), 'application/xml');
}

async function exportSvg(): Promise<void> {
  const { svg } = await modeler.saveSVG();
  download(`${processBo()?.id ?? 'process'}${doc.version ? `-v${doc.version}` : ''}.svg`, svg, 'image/svg+xml');
}

// ---------------------------------------------------------------- start
setLang(getLang());
if (session) void renderApp(); else renderLogin();
