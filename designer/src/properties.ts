// A light properties panel for what an ISO procedure needs (procedure, steps, timers, flows, gateways).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { t } from './i18n';
import type { Unit } from './api';

export interface PanelContext { units: Unit[]; roles: string[]; readOnly: () => boolean }

const STATUSES = ['received', 'processing', 'waitingForSupplement', 'awaitingFinancialObligation', 'resultIssued', 'completed', 'refused', 'withdrawn'];
const LEVELS = ['commune', 'district', 'province', 'ministry'];

let seq = 0;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, any> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') (el as any).value = v;
    else if (k === 'checked') (el as any).checked = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

function field(label: string, control: HTMLElement): HTMLElement {
  const id = `f${++seq}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function check(label: string, checked: boolean, onChange: (v: boolean) => void, disabled: boolean): HTMLElement {
  const id = `f${++seq}`;
  return h('div', { class: 'field check' },
    h('input', { id, type: 'checkbox', checked, disabled, onchange: (e: Event) => onChange((e.target as HTMLInputElement).checked) }),
    h('label', { for: id }, label));
}

function select(options: [string, string][], value: string, onChange: (v: string) => void, disabled: boolean): HTMLSelectElement {
  const s = h('select', { disabled, onchange: () => onChange(s.value) });
  for (const [v, label] of options) s.append(h('option', { value: v, selected: v === value }, label));
  s.value = value;
  return s;
}

function text(value: string, onChange: (v: string) => void, disabled: boolean, placeholder?: string): HTMLInputElement {
  return h('input', { type: 'text', value, disabled, placeholder, oninput: (e: Event) => onChange((e.target as HTMLInputElement).value) });
}

/** Working-time duration: a number and a unit (working days → P{n}D, working hours → PT{n}H). */
function duration(label: string, value: string, onChange: (v: string) => void, disabled: boolean): HTMLElement {
  const m = /^P(\d+)D$/.exec(value) ?? null;
  const mh = /^PT(\d+(?:\.\d+)?)H$/.exec(value) ?? null;
  const num = h('input', { type: 'number', min: '0', step: '1', value: m ? m[1] : mh ? mh[1] : '', disabled, class: 'num' });
  const unit = h('select', { disabled, 'aria-label': `${label} — ${t('unit.days')} / ${t('unit.hours')}` },
    h('option', { value: 'D', selected: !mh }, t('unit.days')), h('option', { value: 'H', selected: !!mh }, t('unit.hours')));
  const emit = () => {
    const n = num.value.trim();
    onChange(n === '' ? '' : unit.value === 'D' ? `P${n}D` : `PT${n}H`);
  };
  num.addEventListener('input', emit);
  unit.addEventListener('change', emit);
  const id = `f${++seq}`;
  num.id = id;
  const raw = value && !m && !mh ? h('small', { class: 'hint' }, value) : null;
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('div', { class: 'row' }, num, unit), raw);
}

export class PropertiesPanel {
  private element: any = null;
  private selfUpdate = false;

  constructor(private container: HTMLElement, private modeler: any, private ctx: PanelContext) {
    const eventBus = modeler.get('eventBus');
    eventBus.on('selection.changed', (e: any) => { this.element = e.newSelection.length === 1 ? e.newSelection[0] : null; this.render(); });
    eventBus.on('elements.changed', () => { if (!this.selfUpdate) this.render(); });
    eventBus.on('import.done', () => { this.element = null; this.render(); });
  }

  setContext(ctx: Partial<PanelContext>): void { Object.assign(this.ctx, ctx); this.render(); }

  private update(element: any, props: Record<string, any>): void {
    if (this.ctx.readOnly()) return;
    this.selfUpdate = true;
    try { this.modeler.get('modeling').updateProperties(element, props); } finally { this.selfUpdate = false; }
  }

  private updateModdle(element: any, bo: any, props: Record<string, any>): void {
    if (this.ctx.readOnly()) return;
    this.selfUpdate = true;
    try { this.modeler.get('modeling').updateModdleProperties(element, bo, props); } finally { this.selfUpdate = false; }
  }

  /** The process (root or the first pool's process) with the element that owns it. */
  private process(): { element: any; bo: any } | null {
    const root = this.modeler.get('canvas').getRootElement();
    if (!root?.businessObject) return null;
    if (root.businessObject.$instanceOf('bpmn:Process')) return { element: root, bo: root.businessObject };
    const participant = this.modeler.get('elementRegistry').find((e: any) => e.type === 'bpmn:Participant' && e.businessObject.processRef);
    return participant ? { element: participant, bo: participant.businessObject.processRef } : null;
  }

  render(): void {
    const c = this.container;
    c.replaceChildren();
    const ro = this.ctx.readOnly();
    c.append(h('h2', {}, t('props.title')));
    if (ro) c.append(h('p', { class: 'notice' }, t('props.readOnly')));
    let el = this.element;
    if (el && el.waypoints === undefined && el.type === 'label') el = el.labelTarget;
    if (!el || el.type === 'bpmn:Process' || el.type === 'bpmn:Collaboration' || el.type === 'bpmn:Participant') {
      this.renderProcess(c, ro);
      return;
    }
    const bo = el.businessObject;
    const section = h('section', { class: 'props', 'aria-label': t('props.title') });
    c.append(section);
    const is = (type: string) => bo.$instanceOf(type);
    const heading = is('bpmn:UserTask') ? t('props.step') : is('bpmn:SequenceFlow') ? t('props.flow')
      : is('bpmn:Gateway') ? t('props.gateway') : is('bpmn:Event') ? t('props.event') : bo.$type.replace('bpmn:', '');
    section.append(h('h3', {}, heading), h('div', { class: 'elid' }, `${t('props.id')}: ${bo.id}`));
    section.append(field(t('props.name'), text(bo.name ?? '', (v) => this.update(el, { name: v || undefined }), ro)));

    if (is('bpmn:UserTask')) this.renderStep(section, el, bo, ro);
    if (is('bpmn:SequenceFlow')) this.renderFlow(section, el, bo, ro);
    if (is('bpmn:Event')) this.renderEvent(section, el, bo, ro);
    if (is('bpmn:ExclusiveGateway') || is('bpmn:InclusiveGateway')) this.renderGateway(section, el, bo, ro);
    if (is('bpmn:Activity') && !is('bpmn:UserTask')) {
      section.append(check(t('props.clockExcluded'), bo.get('iso:clock') === 'excluded', (v) => this.update(el, { 'iso:clock': v ? 'excluded' : undefined }), ro));
    }
  }

  private renderProcess(c: HTMLElement, ro: boolean): void {
    const p = this.process();
    if (!p) return;
    const { element, bo } = p;
    const set = (props: Record<string, any>) => (element === this.modeler.get('canvas').getRootElement()
      ? this.update(element, props) : this.updateModdle(element, bo, props));
    const s = h('section', { class: 'props', 'aria-label': t('props.procedure') });
    c.append(s);
    s.append(h('h3', {}, t('props.procedure')), h('div', { class: 'elid' }, `${t('props.id')}: ${bo.id}`));
    s.append(field(t('props.procedureCode'), text(bo.get('iso:procedureCode') ?? '', (v) => set({ 'iso:procedureCode': v || undefined }), ro, '1.000000')));
    s.append(field(t('props.procedureName'), text(bo.name ?? '', (v) => set({ name: v || undefined }), ro)));
    s.append(field(t('props.level'), select([['', t('props.none')], ...LEVELS.map((l): [string, string] => [l, t(`level.${l}`)])],
      bo.get('iso:level') ?? '', (v) => set({ 'iso:level': v || undefined }), ro)));
    const legal = h('textarea', { rows: '2', disabled: ro, oninput: () => set({ 'iso:legalBasis': legal.value || undefined }) });
    legal.value = bo.get('iso:legalBasis') ?? '';
    s.append(field(t('props.legalBasis'), legal));
    s.append(duration(t('props.deadline'), bo.get('iso:deadline') ?? '', (v) => set({ 'iso:deadline': v || undefined }), ro));
    s.append(field(t('props.cutoff'), h('input', { type: 'time', value: bo.get('iso:cutoff') ?? '', disabled: ro,
      onchange: (e: Event) => set({ 'iso:cutoff': (e.target as HTMLInputElement).value || undefined }) })));
    s.append(field(t('props.supplementClock'), select([['restart', t('clock.restart')], ['pause', t('clock.pause')]],
      bo.get('iso:supplementClock') ?? 'restart', (v) => set({ 'iso:supplementClock': v }), ro)));
    s.append(field(t('props.fee'), text(bo.get('iso:fee') ?? '', (v) => set({ 'iso:fee': v || undefined }), ro)));
    const docs = h('textarea', { rows: '4', disabled: ro,
      oninput: () => set({ 'iso:documents': docs.value.split('\n').map((x) => x.trim()).filter(Boolean).join('; ') || undefined }) });
    docs.value = (bo.get('iso:documents') ?? '').split(';').map((x: string) => x.trim()).filter(Boolean).join('\n');
    s.append(field(t('props.documents'), docs));
  }

  private renderStep(s: HTMLElement, el: any, bo: any, ro: boolean): void {
    const units: [string, string][] = [['', t('props.none')], ...this.ctx.units.map((u): [string, string] => [u.code, `${u.name} (${u.code})`])];
    const unit = bo.get('iso:unit') ?? '';
    if (unit && !units.some(([c]) => c === unit)) units.push([unit, unit]);
    s.append(field(t('props.unit'), select(units, unit, (v) => this.update(el, { 'iso:unit': v || undefined }), ro)));
    const roles: [string, string][] = [['', t('props.none')], ...this.ctx.roles.filter((r) => r !== 'admin').map((r): [string, string] => [r, t(`role.${r}`)])];
    const role = bo.get('iso:role') ?? '';
    if (role && !roles.some(([c]) => c === role)) roles.push([role, role]);
    s.append(field(t('props.role'), select(roles, role, (v) => this.update(el, { 'iso:role': v || undefined }), ro)));
    s.append(duration(t('props.allotment'), bo.get('iso:allotment') ?? '', (v) => this.update(el, { 'iso:allotment': v || undefined }), ro));
    const outcomes = (): string[] => (bo.get('iso:outcomes') ?? '').split(',').map((x: string) => x.trim()).filter(Boolean);
    const outcomesInput = text(outcomes().join(', '), (v) => this.update(el, { 'iso:outcomes': v.trim() || undefined }), ro, 'approve, supplement, refuse');
    s.append(field(t('props.outcomes'), outcomesInput));
    const toggle = (name: string) => (on: boolean) => {
      const list = outcomes().filter((x) => x !== name);
      if (on) { if (list.length === 0) list.push('approve'); list.push(name); }
      const value = list.join(',');
      this.update(el, { 'iso:outcomes': value || undefined });
      outcomesInput.value = list.join(', ');
    };
    s.append(check(t('props.maySupplement'), outcomes().includes('supplement'), toggle('supplement'), ro));
    s.append(check(t('props.mayRefuse'), outcomes().includes('refuse'), toggle('refuse'), ro));
    s.append(field(t('props.status'), select([['', t('props.none')], ...STATUSES.map((x): [string, string] => [x, t(`st.${x}`)])],
      bo.get('iso:status') ?? '', (v) => this.update(el, { 'iso:status': v || undefined }), ro)));
    s.append(check(t('props.clockExcluded'), bo.get('iso:clock') === 'excluded', (v) => this.update(el, { 'iso:clock': v ? 'excluded' : undefined }), ro));
  }

  private renderFlow(s: HTMLElement, el: any, bo: any, ro: boolean): void {
    const source = el.source;
    const sbo = source?.businessObject;
    if (!sbo || !(sbo.$instanceOf('bpmn:ExclusiveGateway') || sbo.$instanceOf('bpmn:InclusiveGateway') || sbo.$instanceOf('bpmn:Activity'))) return;
    const bpmnFactory = this.modeler.get('bpmnFactory');
    const setCondition = (body: string) => this.update(el, {
      conditionExpression: body.trim() ? bpmnFactory.create('bpmn:FormalExpression', { body: body.trim() }) : undefined,
    });
    const current = bo.conditionExpression?.body ?? '';
    const cond = text(current, setCondition, ro, "outcome == 'approve'");
    // Outcomes of the steps right before the gateway, to pick a condition from.
    const outcomes = new Set<string>();
    const incoming = sbo.$instanceOf('bpmn:Gateway') ? (source.incoming ?? []).map((f: any) => f.source) : [source];
    for (const prev of incoming) {
      for (const o of String(prev?.businessObject?.get?.('iso:outcomes') ?? '').split(',')) if (o.trim()) outcomes.add(o.trim());
    }
    if (outcomes.size > 0) {
      const m = /^outcome\s*==\s*'([^']*)'$/.exec(current);
      s.append(field(t('props.conditionByOutcome'), select([['', t('props.none')], ...[...outcomes].map((o): [string, string] => [o, o])],
        m ? m[1] : '', (v) => { const body = v ? `outcome == '${v}'` : ''; cond.value = body; setCondition(body); }, ro)));
    }
    s.append(field(t('props.condition'), cond));
    if (sbo.$instanceOf('bpmn:Gateway') || sbo.$instanceOf('bpmn:Activity')) {
      s.append(check(t('props.default'), sbo.default === bo, (v) => this.update(source, { default: v ? bo : undefined }), ro));
    }
  }

  /** The outgoing flows of a split, each with its condition (picked from the previous steps' outcomes) and the default. */
  private renderGateway(s: HTMLElement, el: any, bo: any, ro: boolean): void {
    const outgoing: any[] = el.outgoing ?? [];
    if (outgoing.length === 0) return;
    const outcomes = new Set<string>();
    for (const f of el.incoming ?? []) {
      for (const o of String(f.source?.businessObject?.get?.('iso:outcomes') ?? '').split(',')) if (o.trim()) outcomes.add(o.trim());
    }
    const bpmnFactory = this.modeler.get('bpmnFactory');
    s.append(h('h3', {}, t('props.outgoing')));
    for (const flow of outgoing) {
      const fbo = flow.businessObject;
      const target = flow.target?.businessObject;
      const name = target?.name || target?.id || fbo.id;
      const current = fbo.conditionExpression?.body ?? '';
      const m = /^outcome\s*==\s*'([^']*)'$/.exec(current);
      const options: [string, string][] = [['', t('props.none')], ...[...outcomes].map((o): [string, string] => [o, o])];
      if (current && !m) options.push([`expr:${current}`, current]);
      const box = h('div', { class: 'flow-box' });
      box.append(field(`${t('props.conditionByOutcome')} → ${name}`, select(options, m ? m[1] : current ? `expr:${current}` : '', (v) => {
        if (v.startsWith('expr:')) return;
        this.update(flow, { conditionExpression: v ? bpmnFactory.create('bpmn:FormalExpression', { body: `outcome == '${v}'` }) : undefined });
      }, ro)));
      box.append(check(`${t('props.default')} → ${name}`, bo.default === fbo, (v) => this.update(el, { default: v ? fbo : undefined }), ro));
      s.append(box);
    }
  }

  /**
   * "Waits for the applicant's supplement": the catch event gets iso:waitsFor="supplement" and its message definition
   * refers to the procedure's BPMN message named "supplement" (created once, shared by every such wait), which is the
   * message the engine delivers when the supplement arrives.
   */
  private setWaitsForSupplement(el: any, bo: any, on: boolean): void {
    if (this.ctx.readOnly()) return;
    const def = (bo.eventDefinitions ?? []).find((d: any) => d.$instanceOf('bpmn:MessageEventDefinition'));
    if (!def) return;
    if (!on) {
      this.update(el, { 'iso:waitsFor': undefined });
      if (def.messageRef?.name === 'supplement') this.updateModdle(el, def, { messageRef: undefined });
      return;
    }
    const definitions = this.modeler.getDefinitions();
    const roots: any[] = definitions.get('rootElements');
    let message = roots.find((r) => r.$instanceOf('bpmn:Message') && r.name === 'supplement');
    if (!message) {
      const taken = (id: string) => roots.some((r) => r.id === id) || !!this.modeler.get('elementRegistry').get(id);
      let id = 'Message_supplement';
      for (let i = 2; taken(id); i++) id = `Message_supplement_${i}`;
      message = this.modeler.get('bpmnFactory').create('bpmn:Message', { id, name: 'supplement' });
      message.$parent = definitions;
      // Messages go before the process, as the procedures in definitions/ have them.
      this.updateModdle(el, definitions, { rootElements: [message, ...roots] });
    }
    if (def.messageRef !== message) this.updateModdle(el, def, { messageRef: message });
    this.update(el, { 'iso:waitsFor': 'supplement' });
  }

  private renderEvent(s: HTMLElement, el: any, bo: any, ro: boolean): void {
    const defs: any[] = bo.eventDefinitions ?? [];
    const timer = defs.find((d) => d.$instanceOf('bpmn:TimerEventDefinition'));
    if (timer) {
      const kind = timer.timeDate ? 'timeDate' : timer.timeCycle ? 'timeCycle' : 'timeDuration';
      const value = timer[kind]?.body ?? '';
      const bpmnFactory = this.modeler.get('bpmnFactory');
      const setTimer = (k: string, v: string) => this.updateModdle(el, timer, {
        timeDuration: undefined, timeDate: undefined, timeCycle: undefined,
        [k]: bpmnFactory.create('bpmn:FormalExpression', { body: v }),
      });
      const valueInput = text(value, (v) => setTimer(kindSelect.value, v), ro, 'P2D');
      const kindSelect = select([['timeDuration', t('timer.duration')], ['timeDate', t('timer.date')], ['timeCycle', t('timer.cycle')]],
        kind, (k) => setTimer(k, valueInput.value), ro);
      s.append(h('h3', {}, t('props.timer')), field(t('props.timerKind'), kindSelect), field(t('props.timerValue'), valueInput));
      s.append(field(t('props.calendar'), select([['working', t('calendar.working')], ['calendar', t('calendar.calendar')]],
        timer.get('iso:calendar') === 'working' ? 'working' : 'calendar',
        (v) => this.updateModdle(el, timer, { 'iso:calendar': v === 'working' ? 'working' : undefined }), ro)));
    }
    if (defs.some((d) => d.$instanceOf('bpmn:MessageEventDefinition')) && bo.$instanceOf('bpmn:CatchEvent')) {
      s.append(check(t('props.waitsSupplement'), bo.get('iso:waitsFor') === 'supplement', (v) => this.setWaitsForSupplement(el, bo, v), ro));
    }
    if (bo.$instanceOf('bpmn:EndEvent')) {
      s.append(field(t('props.status'), select([['', t('props.none')], ...STATUSES.map((x): [string, string] => [x, t(`st.${x}`)])],
        bo.get('iso:status') ?? '', (v) => this.update(el, { 'iso:status': v || undefined }), ro)));
    }
  }
}

export { h };
