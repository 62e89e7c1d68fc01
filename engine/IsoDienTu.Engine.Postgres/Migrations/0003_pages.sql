-- The web pages: scanned documents, citizens' satisfaction ratings, and the indexes the inbox and dashboard read.

-- Scanned documents of a dossier: bytes kept in the database with their SHA-256 (durable with the dossier).
create table dossier_documents (
    id           bigserial primary key,
    dossier_id   bigint not null references dossiers(id),
    file_name    text not null,
    content_type text not null,
    size_bytes   int not null,
    sha256       text not null,
    content      bytea not null,
    uploaded_by  text not null,
    uploaded_at  timestamptz not null
);
create index dossier_documents_dossier on dossier_documents (dossier_id);

-- One satisfaction rating per dossier, given by the applicant after the result is returned.
create table dossier_ratings (
    dossier_id bigint primary key references dossiers(id),
    score      int not null check (score between 1 and 5),
    comment    text,
    rated_at   timestamptz not null
);

-- Dashboard: open steps by due time (overdue / due soon), resolved dossiers by finish time, units of dossiers.
create index tasks_open_due on tasks (due_at) where status = 'open';
create index dossiers_finished on dossiers (finished_at) where finished_at is not null;
create index dossiers_open_due on dossiers (due_at) where finished_at is null;
create index dossiers_unit on dossiers (unit_code);
create index tasks_dossier_unit on tasks (dossier_id, unit_code);
