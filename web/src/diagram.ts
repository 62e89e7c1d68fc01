import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

/** Shows the procedure's diagram with the current steps highlighted and the completed ones marked. */
export async function showDiagram(container: HTMLElement, xml: string, current: string[], completed: string[]) {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as any;
  const registry = viewer.get('elementRegistry') as any;
  for (const id of completed) if (registry.get(id) && !current.includes(id)) canvas.addMarker(id, 'step-done');
  for (const id of current) if (registry.get(id)) canvas.addMarker(id, 'step-current');
  canvas.zoom('fit-viewport');
  container.dataset.ready = 'true';
  return viewer;
}

/** The outcomes a step offers (iso:outcomes="approve,supplement,refuse"). */
export function outcomesOf(xml: string, elementId: string): string[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const el = [...doc.getElementsByTagName('*')].find(e => e.getAttribute('id') === elementId);
  const v = el?.getAttributeNS('urn:isodientu:bpmn:1', 'outcomes') ?? '';
  return v.split(',').map(s => s.trim()).filter(Boolean);
}
