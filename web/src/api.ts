export interface Session { accessToken: string; username: string; fullName: string; unitCode: string | null; roles: string[] }

export function session(): Session | null {
  const s = localStorage.getItem('session');
  return s ? JSON.parse(s) as Session : null;
}
export function setSession(s: Session | null) { if (s) localStorage.setItem('session', JSON.stringify(s)); else localStorage.removeItem('session'); }
export function has(...roles: string[]) { const s = session(); return !!s && s.roles.some(r => roles.includes(r)); }

export class ApiError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

export async function api<T = any>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  return (await request<T>(path, init)).body;
}

/** One page of a paged list: its rows, and the cursor of the next page (null on the last). */
export interface Page<T> { items: T[]; next: string | null }
/** Reads a page of a list that answers with an array and its next page's cursor in the Next-Cursor header. */
export async function apiPage<T = any>(path: string, after: string | null = null): Promise<Page<T>> {
  const url = after === null ? path : `${path}${path.includes('?') ? '&' : '?'}after=${encodeURIComponent(after)}`;
  const { body, response } = await request<T[]>(url);
  return { items: body, next: response.headers.get('Next-Cursor') };
}

async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ body: T; response: Response }> {
  const headers = new Headers(init.headers);
  const s = session();
  if (s) headers.set('Authorization', `Bearer ${s.accessToken}`);
  let body = init.body;
  if (init.json !== undefined) { headers.set('Content-Type', 'application/json'); body = JSON.stringify(init.json); }
  const response = await fetch(path, { ...init, headers, body });
  if (response.status === 401 && s) { setSession(null); location.href = '/app/dang-nhap'; }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try { const p = JSON.parse(text); message = [p.title, p.detail].filter(Boolean).join(' — '); } catch { /* plain text */ }
    throw new ApiError(response.status, message || response.statusText);
  }
  const type = response.headers.get('content-type') ?? '';
  return { body: (type.includes('json') ? JSON.parse(text) : text) as T, response };
}

export interface Procedure { key: string; version: number; name: string; procedureCode: string | null; level: string | null; deadline: string | null; documents: string[]; fee: string | null }
let proceduresCache: Promise<Procedure[]> | null = null;
/** The latest published version of each procedure (names, required documents), fetched once per page load. */
export function procedures(): Promise<Procedure[]> {
  proceduresCache ??= api<Procedure[]>('/api/procedures').catch(e => { proceduresCache = null; throw e; });
  return proceduresCache;
}
/** A procedure's name for its key (the key itself when unknown). */
export async function procedureNames(): Promise<(key: string) => string> {
  const list = await procedures().catch(() => [] as Procedure[]);
  const names = new Map(list.map(p => [p.key, p.name]));
  return key => names.get(key) ?? key;
}
