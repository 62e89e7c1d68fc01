// "Mô phỏng": runs the model on the server's interpreter in simulated time (nothing is stored), step by step.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { api, ApiError, type SimulationResult } from './api';
import { t, formatTime } from './i18n';
import { h } from './properties';

interface Step { elementId: string; outcome: string | null; at: string | null }

/** 'YYYY-MM-DDTHH:mm' in Vietnam time (UTC+7) for a datetime-local input. */
function toVnLocal(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return d.toISOString().slice(0, 16);
}
const fromVnLocal = (v: string) => `${v}:00+07:00`;

export class Simulator {
  private steps: Step[] = [];
  private start = '';
  private result: SimulationResult | null = null;
  private error: string | null = null;
  private marked: { id: string; cls: string }[] = [];

  constructor(private container: HTMLElement, private modeler: any, private xml: () => Promise<string>) {}

  open(): void {
    if (!this.start) this.start = toVnLocal(new Date());
    this.container.classList.remove('hidden');
    this.render();
  }

  close(): void {
    this.container.classList.add('hidden');
    this.clearMarkers();
  }

  reset(): void {
    this.steps = [];
    this.result = null;
    this.error = null;
    this.clearMarkers();
    if (!this.container.classList.contains('hidden')) this.render();
  }

  private async run(): Promise<void> {
    try {
      this.result = await api.simulate({ bpmn: await this.xml(), start: fromVnLocal(this.start), steps: this.steps });
      this.error = null;
    } catch (e) {
      const body = e instanceof ApiError ? e.body : null;
      const first = body?.errors?.[0];
      this.error = first ? `${first.messageVi || first.message}` : body?.detail ?? body?.title ?? (e as Error).message;
      if (this.steps.length) this.steps.pop();
    }
    this.render();
    this.mark();
  }

  private clearMarkers(): void {
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    for (const m of this.marked.splice(0)) if (registry.get(m.id)) canvas.removeMarker(m.id, m.cls);
  }

  private mark(): void {
    this.clearMarkers();
    if (!this.result) return;
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    const add = (id: string, cls: string) => { if (registry.get(id)) { canvas.addMarker(id, cls); this.marked.push({ id, cls }); } };
    for (const task of this.result.tasks) {
      if (task.late) add(task.elementId, 'iso-sim-late');
      else if (!task.completedAt) add(task.elementId, 'iso-sim-open');
      else add(task.elementId, 'iso-sim-done');
    }
  }

  private render(): void {
    const c = this.container;
    const startInput = h('input', { type: 'datetime-local', id: 'sim-start', value: this.start,
      onchange: (e: Event) => { this.start = (e.target as HTMLInputElement).value; } });
    const r = this.result;
    const head = h('div', { class: 'sim-head' },
      h('h2', {}, t('sim.title')),
      h('button', { type: 'button', class: 'link', onclick: () => this.close() }, t('sim.close')));
    const controls = h('div', { class: 'sim-controls' },
      h('label', { for: 'sim-start' }, t('sim.start')), startInput,
      h('button', { type: 'button', id: 'sim-run', onclick: () => { this.steps = []; void this.run(); } }, t('sim.run')),
      h('button', { type: 'button', onclick: () => this.reset() }, t('sim.reset')));
    const parts: (Node | null)[] = [head, h('p', { class: 'muted' }, t('sim.note')), controls];
    if (this.error) parts.push(h('p', { class: 'error', role: 'alert' }, this.error));
    if (r) {
      const ended = ['Completed', 'Terminated', 'Cancelled'].includes(r.status);
      parts.push(h('dl', { class: 'sim-summary' },
        h('dt', {}, t('sim.statutoryDue')), h('dd', { id: 'sim-due' }, formatTime(r.statutoryDueAt)),
        h('dt', {}, t('sim.state')), h('dd', {}, ended ? `${t('sim.ended')}${r.lateOverall == null ? '' : ` — ${r.lateOverall ? t('sim.lateOverall') : t('sim.onTimeOverall')}`}` : t('sim.running'))));
      const table = h('table', { class: 'sim-table' },
        h('thead', {}, h('tr', {}, ...['step', 'unit', 'created', 'due', 'done', 'outcome', 'result'].map((k) => h('th', {}, t(`sim.col.${k}`))))));
      const body = h('tbody', {});
      for (const task of r.tasks) {
        const open = !task.completedAt;
        let outcomeCell: Node | string = task.outcome ?? '';
        let doneCell: Node | string = task.completedAt ? formatTime(task.completedAt) : '';
        if (open) {
          const sel = h('select', { 'aria-label': `${t('sim.col.outcome')} — ${task.name}` });
          for (const o of task.outcomes.length ? task.outcomes : ['']) sel.append(h('option', { value: o }, o || '—'));
          const at = h('input', { type: 'datetime-local', 'aria-label': `${t('sim.at')} — ${task.name}`,
            value: toVnLocal(task.dueAt ?? r.now) });
          outcomeCell = h('div', { class: 'row' }, sel);
          doneCell = h('div', { class: 'row' }, at,
            h('button', { type: 'button', onclick: () => {
              this.steps.push({ elementId: task.elementId, outcome: sel.value || null, at: at.value ? fromVnLocal(at.value) : null });
              void this.run();
            } }, t('sim.complete')));
        }
        const verdict = task.cancelled ? t('sim.cancelled') : open ? t('sim.open') : task.late ? t('sim.late') : t('sim.onTime');
        body.append(h('tr', { class: task.late ? 'late' : open ? 'open' : '' },
          h('td', {}, task.name || task.elementId), h('td', {}, [task.unit, task.role ? t(`role.${task.role}`) : null].filter(Boolean).join(' / ')),
          h('td', {}, formatTime(task.createdAt)), h('td', {}, formatTime(task.dueAt)), h('td', {}, doneCell), h('td', {}, outcomeCell),
          h('td', { class: task.late ? 'late' : '' }, verdict)));
      }
      for (const w of r.waiting) {
        body.append(h('tr', { class: 'open' }, h('td', { colspan: '6' }, `${w.elementId} (${w.name})`),
          h('td', {}, h('button', { type: 'button', onclick: () => { this.steps.push({ elementId: w.elementId, outcome: null, at: null }); void this.run(); } }, t('sim.deliver')))));
      }
      table.append(body);
      parts.push(table);
    }
    c.replaceChildren(...parts.filter((p): p is Node => p !== null));
  }
}
