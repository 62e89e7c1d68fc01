-- Core schema: organisation, definitions, dossiers, tasks, timers, the journal.
create table units (
    code        text primary key,
    name        text not null,
    parent_code text references units(code)
);

create table users (
    username      text primary key,
    password_hash text not null,
    full_name     text not null,
    unit_code     text references units(code),
    roles         text[] not null default '{}',
    created_at    timestamptz not null default now()
);

-- Shared settings of the cluster (the token signing key, the simulated clock): every node reads the same row.
create table settings (
    key   text primary key,
    value text not null
);

create table calendar_years (
    year         int primary key,
    holidays     date[] not null,
    working_days date[] not null,
    source       text not null default '',
    confirmed    boolean not null default true,
    updated_at   timestamptz not null default now()
);

create table definitions (
    key            text not null,
    version        int not null,
    status         text not null check (status in ('draft', 'published', 'retired')),
    name           text,
    procedure_code text,
    bpmn           text not null,
    content_hash   text not null,
    created_at     timestamptz not null,
    created_by     text,
    published_at   timestamptz,
    published_by   text,
    primary key (key, version)
);

-- A published version never changes (content hash) and is never deleted while a dossier uses it.
create function definitions_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and exists (select 1 from dossiers d where d.definition_key = old.key and d.definition_version = old.version) then
        raise exception 'definition %/% is used by dossiers', old.key, old.version using errcode = 'P0001';
    end if;
    if tg_op = 'UPDATE' and old.status <> 'draft' and (new.bpmn <> old.bpmn or new.content_hash <> old.content_hash) then
        raise exception 'definition %/% is published and immutable', old.key, old.version using errcode = 'P0001';
    end if;
    return coalesce(new, old);
end $$;

create table dossiers (
    id                 bigserial primary key,
    code               text not null unique,
    definition_key     text not null,
    definition_version int not null,
    status             text not null,
    channel            text not null,
    applicant          jsonb not null default '{}',
    documents          jsonb not null default '[]',
    received_at        timestamptz not null,
    due_at             timestamptz,
    original_due_at    timestamptz,
    finished_at        timestamptz,
    result_returned_at timestamptz,
    lookup_secret      text not null,
    unit_code          text,
    late               boolean not null default false,
    apology_count      int not null default 0,
    parent_dossier_id  bigint references dossiers(id),
    parent_call_id     bigint,
    state              jsonb not null,
    version            int not null default 0,
    created_at         timestamptz not null,
    foreign key (definition_key, definition_version) references definitions (key, version)
);
create index dossiers_status_due on dossiers (status, due_at);
create index dossiers_received on dossiers (received_at);

create trigger definitions_guard before update or delete on definitions for each row execute function definitions_guard();

create table tasks (
    id               bigserial primary key,
    dossier_id       bigint not null references dossiers(id),
    -- 'step' tasks come from the BPMN model (local_id = the interpreter's task id); 'apology' tasks from the
    -- late-dossier rule (domain notes §1.10).
    kind             text not null default 'step' check (kind in ('step', 'apology')),
    local_id         bigint,
    element_id       text not null,
    name             text not null,
    unit_code        text,
    role             text,
    assignee         text,
    candidate_groups text[] not null default '{}',
    candidate_users  text[] not null default '{}',
    status           text not null check (status in ('open', 'completed', 'cancelled')),
    created_at       timestamptz not null,
    due_at           timestamptz,
    overdue          boolean not null default false,
    completed_at     timestamptz,
    completed_by     text,
    outcome          text,
    comment          text,
    version          int not null default 0,
    unique (dossier_id, local_id)
);

create table apologies (
    id          bigserial primary key,
    dossier_id  bigint not null references dossiers(id) unique, -- one re-appointment per dossier (§1.10)
    reason      text not null,
    old_due_at  timestamptz,
    new_due_at  timestamptz not null,
    created_by  text not null,
    created_at  timestamptz not null
);
create index tasks_open_unit on tasks (unit_code, role, due_at) where status = 'open';
create index tasks_open_assignee on tasks (assignee, due_at) where status = 'open';
create index tasks_dossier on tasks (dossier_id);

-- Durable timers: BPMN timers of the interpreter and the service's own deadline watches. Claimed with SKIP LOCKED.
create table timers (
    id         bigserial primary key,
    dossier_id bigint not null references dossiers(id),
    kind       text not null,
    local_id   bigint,
    task_id    bigint references tasks(id),
    element_id text,
    due_at     timestamptz not null,
    status     text not null check (status in ('pending', 'fired', 'cancelled', 'failed')),
    attempts   int not null default 0,
    last_error text,
    fired_at   timestamptz,
    fired_by   text,
    lag_ms     double precision,
    created_at timestamptz not null
);
create index timers_pending_due on timers (due_at) where status = 'pending';
create index timers_dossier on timers (dossier_id) where status = 'pending';

-- The journal is legal evidence (the process control sheet is read from it): append-only.
create table journal (
    id          bigserial primary key,
    dossier_id  bigint not null references dossiers(id),
    revision    int not null,
    at          timestamptz not null,
    actor       text,
    command     jsonb not null,
    events      jsonb not null,
    recorded_at timestamptz not null default now(),
    unique (dossier_id, revision)
);

create function journal_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the journal is append-only' using errcode = 'P0001';
end $$;
create trigger journal_no_update before update or delete on journal for each row execute function journal_append_only();
create trigger journal_no_truncate before truncate on journal for each statement execute function journal_append_only();

create table notifications (
    id         bigserial primary key,
    username   text,
    unit_code  text,
    role       text,
    kind       text not null,
    dossier_id bigint references dossiers(id),
    task_id    bigint references tasks(id),
    message    text not null,
    created_at timestamptz not null,
    read_at    timestamptz
);
create index notifications_user on notifications (username, created_at desc);
create index notifications_unit on notifications (unit_code, role, created_at desc);

create table idempotency_keys (
    key          text not null,
    username     text not null,
    status_code  int not null,
    content_type text,
    body         text,
    created_at   timestamptz not null,
    primary key (username, key)
);

-- Dossier codes: <agency>-YYMMDD-XXXX, the day's sequence per agency (Circular 01/2018/TT-VPCP art. 19).
create table dossier_sequences (
    agency_code text not null,
    day         date not null,
    last_value  int not null,
    primary key (agency_code, day)
);
