// Limits the palette, context pad and replace menu to the executable subset the IsoDienTu engine runs,
// and makes "step" (a BPMN user task) the task users create.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { t } from './i18n';

const PALETTE_KEEP = new Set([
  'hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator',
  'create.start-event', 'create.intermediate-event', 'create.end-event', 'create.exclusive-gateway',
  'create.subprocess-expanded',
]);

const REPLACE_DENY = /complex|compensat|conditional|link|transaction|ad-hoc|adhoc|business-rule|script|manual|send-task|data-|collapsed-pool|expanded-pool|participant|cancel|error/;

function IsoPalette(this: any, palette: any, create: any, elementFactory: any, bpmnFactory: any) {
  const shape = (type: string, extra?: (bo: any) => void) => (event: any) => {
    const s = elementFactory.createShape({ type });
    if (extra) extra(s.businessObject);
    create.start(event, s);
  };
  const entry = (group: string, className: string, title: string, action: (e: any) => void) =>
    ({ group, className, title, action: { dragstart: action, click: action } });
  this.getPaletteEntries = () => (entries: Record<string, any>) => {
    const kept: Record<string, any> = {};
    for (const [id, e] of Object.entries(entries)) if (PALETTE_KEEP.has(id)) kept[id] = e;
    if (kept['create.start-event']) kept['create.start-event'].title = t('palette.start');
    if (kept['create.end-event']) kept['create.end-event'].title = t('palette.end');
    if (kept['create.exclusive-gateway']) kept['create.exclusive-gateway'].title = t('palette.gateway');
    if (kept['create.intermediate-event']) kept['create.intermediate-event'].title = t('palette.intermediate');
    if (kept['create.subprocess-expanded']) kept['create.subprocess-expanded'].title = t('palette.subprocess');
    kept['create.parallel-gateway'] = entry('gateway', 'bpmn-icon-gateway-parallel', t('palette.parallel'), shape('bpmn:ParallelGateway'));
    kept['create.user-task'] = entry('activity', 'bpmn-icon-user-task', t('palette.step'), shape('bpmn:UserTask'));
    kept['create.timer-event'] = entry('event', 'bpmn-icon-intermediate-event-catch-timer', t('palette.timer'), (event: any) => {
      const s = elementFactory.createShape({ type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' });
      const def = s.businessObject.eventDefinitions?.[0];
      if (def) {
        def.timeDuration = bpmnFactory.create('bpmn:FormalExpression', { body: 'P1D' });
        def.set('iso:calendar', 'working');
      }
      create.start(event, s);
    });
    // Order: tools, events, step, gateways, sub-process.
    const order = ['hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator',
      'create.start-event', 'create.intermediate-event', 'create.timer-event', 'create.end-event',
      'create.user-task', 'create.exclusive-gateway', 'create.parallel-gateway', 'create.subprocess-expanded'];
    const ordered: Record<string, any> = {};
    for (const id of order) if (kept[id]) ordered[id] = kept[id];
    return ordered;
  };
  palette.registerProvider(500, this);
}
IsoPalette.$inject = ['palette', 'create', 'elementFactory', 'bpmnFactory'];

function IsoContextPad(this: any, contextPad: any, create: any, elementFactory: any, autoPlace: any) {
  this.getContextPadEntries = (element: any) => (entries: Record<string, any>) => {
    delete entries['append.text-annotation'];
    const hadTask = !!entries['append.append-task'];
    delete entries['append.append-task'];
    for (const id of Object.keys(entries)) if (id.startsWith('lane-')) delete entries[id];
    if (hadTask) {
      const append = (event: any) => {
        const s = elementFactory.createShape({ type: 'bpmn:UserTask' });
        if (autoPlace && event.type !== 'dragstart') autoPlace.append(element, s);
        else create.start(event, s, { source: element });
      };
      entries['append.user-task'] = {
        group: 'model', className: 'bpmn-icon-user-task', title: t('pad.appendStep'),
        action: { click: append, dragstart: append },
      };
    }
    if (entries['append.end-event']) entries['append.end-event'].title = t('pad.appendEnd');
    if (entries['append.gateway']) entries['append.gateway'].title = t('pad.appendGateway');
    if (entries['append.intermediate-event']) entries['append.intermediate-event'].title = t('pad.appendEvent');
    if (entries['delete']) entries['delete'].title = t('pad.delete');
    if (entries['connect']) entries['connect'].title = t('pad.connect');
    if (entries['replace']) entries['replace'].title = t('pad.replace');
    return entries;
  };
  contextPad.registerProvider(500, this);
}
IsoContextPad.$inject = ['contextPad', 'create', 'elementFactory', 'autoPlace'];

function IsoReplaceMenu(this: any, popupMenu: any) {
  this.getPopupMenuEntries = () => (entries: Record<string, any>) => {
    for (const id of Object.keys(entries)) if (REPLACE_DENY.test(id)) delete entries[id];
    return entries;
  };
  popupMenu.registerProvider('bpmn-replace', 500, this);
}
IsoReplaceMenu.$inject = ['popupMenu'];

// Read-only mode (published and retired versions): every modeling rule answers "no" and no command executes.
export const readOnlyState = { on: false };
const RULES = ['elements.move', 'elements.create', 'shape.create', 'shape.resize', 'shape.attach', 'shape.replace',
  'connection.create', 'connection.start', 'connection.reconnect', 'connection.reconnectStart', 'connection.reconnectEnd',
  'connection.updateWaypoints', 'elements.delete', 'element.copy', 'elements.paste', 'element.autoResize', 'space-tool'];
function ReadOnlyRules(this: any, eventBus: any, commandStack: any) {
  const deny = () => (readOnlyState.on ? false : undefined);
  eventBus.on('commandStack.canExecute', 100000, deny);
  for (const rule of RULES) eventBus.on(`commandStack.${rule}.canExecute`, 100000, deny);
  eventBus.on('element.dblclick', 100000, deny);
  const execute = commandStack.execute.bind(commandStack);
  commandStack.execute = (command: string, context: unknown) => (readOnlyState.on ? undefined : execute(command, context));
}
ReadOnlyRules.$inject = ['eventBus', 'commandStack'];

export const restrictModule = {
  __init__: ['isoPalette', 'isoContextPad', 'isoReplaceMenu', 'isoReadOnly'],
  isoPalette: ['type', IsoPalette],
  isoContextPad: ['type', IsoContextPad],
  isoReplaceMenu: ['type', IsoReplaceMenu],
  isoReadOnly: ['type', ReadOnlyRules],
};
