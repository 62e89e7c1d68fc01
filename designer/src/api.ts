// The server's HTTP API, with the bearer token kept for the browser session.
export interface Session { accessToken: string; username: string; fullName: string; unitCode: string | null; roles: string[] }
export interface DefinitionRow {
  key: string; version: number; status: string; name: string | null; procedureCode: string | null;
  createdAt: string; createdBy: string | null; publishedAt: string | null; publishedBy: string | null;
}
export interface Diagnostic { elementId: string | null; line: number | null; column: number | null; code: string; message: string; messageVi: string }
export interface Validation { errors: Diagnostic[]; warnings: Diagnostic[]; budget: { hours: number; deadlineHours: number | null } | null }
export interface Unit { code: string; name: string; parentCode: string | null }

export class ApiError extends Error {
  constructor(public status: number, public body: any) { // eslint-disable-line @typescript-eslint/no-explicit-any
    super(body?.title ?? body?.detail ?? `HTTP ${status}`);
  }
}

const KEY = 'isodientu.session';
export let session: Session | null = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');

export function setSession(s: Session | null): void {
  session = s;
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

async function call<T>(method: string, url: string, body?: string, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) headers['Content-Type'] = contentType;
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let data: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (res.status === 401 && session) { setSession(null); location.reload(); }
  if (!res.ok) throw new ApiError(res.status, data);
  return data as T;
}

export const api = {
  login: (username: string, password: string) => call<Session>('POST', '/api/auth/token', JSON.stringify({ username, password })),
  definitions: () => call<DefinitionRow[]>('GET', '/api/definitions'),
  bpmn: async (key: string, version: number): Promise<string> => {
    const res = await fetch(`/api/definitions/${encodeURIComponent(key)}/versions/${version}/bpmn`, {
      headers: { Authorization: `Bearer ${session?.accessToken ?? ''}` },
    });
    if (!res.ok) throw new ApiError(res.status, null);
    return res.text();
  },
  validate: (xml: string) => call<Validation>('POST', '/api/definitions/validate', xml, 'application/xml'),
  save: (xml: string) => call<{ key: string; version: number; status: string; warnings: Diagnostic[] }>('POST', '/api/definitions', xml, 'application/xml'),
  publish: (key: string, version: number) => call<DefinitionRow>('POST', `/api/definitions/${encodeURIComponent(key)}/versions/${version}/publish`),
  units: () => call<Unit[]>('GET', '/api/units'),
  roles: () => call<string[]>('GET', '/api/roles'),
  simulate: (body: unknown) => call<SimulationResult>('POST', '/api/simulations', JSON.stringify(body)),
};

export interface SimTask {
  taskId: number; elementId: string; name: string; unit: string | null; role: string | null; outcomes: string[];
  createdAt: string; dueAt: string | null; completedAt: string | null; outcome: string | null; late: boolean | null; cancelled: boolean;
}
export interface SimulationResult {
  processKey: string; processName: string | null; receivedAt: string; statutoryDueAt: string | null; now: string;
  status: string; lateOverall: boolean | null; tasks: SimTask[]; waiting: { elementId: string; kind: string; name: string }[];
  events: { at: string; kind: string; elementId: string | null; detail: string | null }[];
}
