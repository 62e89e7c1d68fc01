// Benchmark: a procedure of 150 elements opens in the designer and becomes editable.
//   ISODIENTU_URL=http://127.0.0.1:5080 node designer/bench/open-150.mjs
// Needs a running server (bash run.sh) with the built designer, a designer account (default thietke/matkhau123,
// the demo user) and Debian's /usr/bin/chromium. It stores one draft (key bench_open_150) to time "open from the list".
import { chromium } from 'playwright-core';

const base = (process.env.ISODIENTU_URL ?? 'http://127.0.0.1:5080').replace(/\/$/, '');
const user = process.env.ISODIENTU_BENCH_USER ?? 'thietke';
const password = process.env.ISODIENTU_BENCH_PASSWORD ?? 'matkhau123';
const runs = Number(process.env.ISODIENTU_BENCH_RUNS ?? 7);
const KEY = 'bench_open_150';

/** start + 148 steps + end = 150 flow nodes (and 149 sequence flows), laid out in rows of 15. */
function generate(nodes = 150) {
  const perRow = 15, dx = 150, dy = 140;
  const ids = [], xml = [], di = [];
  const pos = (i) => ({ x: 100 + (i % perRow) * dx, y: 80 + Math.floor(i / perRow) * dy });
  const units = ['MC', 'PQL', 'LD'];
  const roles = ['receiver', 'specialist', 'leader'];
  for (let i = 0; i < nodes; i++) {
    const { x, y } = pos(i);
    if (i === 0) { ids.push('start'); xml.push('<bpmn:startEvent id="start" name="Tiếp nhận" />'); di.push(`<bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="${x + 32}" y="${y + 22}" width="36" height="36" /></bpmndi:BPMNShape>`); continue; }
    if (i === nodes - 1) { ids.push('end'); xml.push('<bpmn:endEvent id="end" name="Trả kết quả" />'); di.push(`<bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="${x + 32}" y="${y + 22}" width="36" height="36" /></bpmndi:BPMNShape>`); continue; }
    const id = `step${i}`;
    ids.push(id);
    xml.push(`<bpmn:userTask id="${id}" name="Bước ${i}" iso:unit="${units[i % 3]}" iso:role="${roles[i % 3]}" iso:allotment="PT1H" />`);
    di.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="100" height="80" /></bpmndi:BPMNShape>`);
  }
  for (let i = 0; i < nodes - 1; i++) {
    const a = pos(i), b = pos(i + 1), id = `f${i}`;
    xml.push(`<bpmn:sequenceFlow id="${id}" sourceRef="${ids[i]}" targetRef="${ids[i + 1]}" />`);
    const w = a.y === b.y
      ? [[a.x + 100, a.y + 40], [b.x, b.y + 40]]
      : [[a.x + 50, a.y + 80], [a.x + 50, a.y + 110], [b.x + 50, a.y + 110], [b.x + 50, b.y]];
    di.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${w.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:iso="urn:isodientu:bpmn:1" id="defs" targetNamespace="urn:bench">
  <bpmn:process id="${KEY}" name="Thủ tục 150 phần tử (đo hiệu năng)" isExecutable="true" iso:procedureCode="9.999150" iso:deadline="P30D">
    ${xml.join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${KEY}">
    ${di.join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const xml = generate();
const login = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
if (!login.ok) throw new Error(`login as ${user} failed: ${login.status}`);
const session = await login.json();
const saved = await fetch(`${base}/api/definitions`, { method: 'POST', headers: { 'Content-Type': 'application/xml', Authorization: `Bearer ${session.accessToken}` }, body: xml });
if (saved.status !== 201) throw new Error(`saving the benchmark draft failed: ${saved.status} ${await saved.text()}`);
const { version } = await saved.json();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(`${base}/designer/`);
await page.evaluate((s) => sessionStorage.setItem('isodientu.session', JSON.stringify(s)), session);
await page.reload();
await page.waitForFunction(() => window.__designer?.ready);

// Time from the click on the version in the list (fetch + import + render) until a shape can be edited:
// the modeler moved an element with the same command a drag uses, and the browser painted the result.
async function openFromList() {
  return page.evaluate(async ({ key, version }) => {
    const d = window.__designer;
    const opens = d.opens;
    const button = [...document.querySelectorAll('button.version')].find((b) => b.closest('li')?.parentElement?.closest('li')?.textContent?.includes(key) && b.textContent.startsWith(`v${version}`));
    const t0 = performance.now();
    button.click();
    await new Promise((resolve) => { const check = () => (d.opens > opens ? resolve() : requestAnimationFrame(check)); check(); });
    const modeler = d.modeler;
    const shape = modeler.get('elementRegistry').get('step75');
    modeler.get('selection').select(shape);
    modeler.get('modeling').moveElements([shape], { x: 0, y: 10 });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const ms = performance.now() - t0;
    const count = modeler.get('elementRegistry').filter((e) => e.type !== 'label' && e.businessObject && e.businessObject.$instanceOf('bpmn:FlowNode')).length;
    return { ms, count, readOnly: d.doc.status !== 'draft' };
  }, { key: KEY, version });
}

const times = [];
let info;
for (let i = 0; i < runs; i++) {
  info = await openFromList();
  if (info.readOnly) throw new Error('the benchmark draft opened read-only');
  times.push(info.ms);
  await page.getByRole('button', { name: /Quy trình mới|New procedure/ }).click();
}
await browser.close();
console.log(`open-150: ${info.count} flow nodes + 149 flows; open from the list until editable (fetch, import, render, first edit painted)`);
console.log(`open-150: first ${times[0].toFixed(0)} ms, median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${runs} runs`);
process.exit(median(times) < 1000 ? 0 : 1);
