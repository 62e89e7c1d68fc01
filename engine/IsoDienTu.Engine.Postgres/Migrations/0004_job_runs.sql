-- Each due-work sweep (one tick of the clustered job on one node): when, where, how much it did, and its error.
-- Real (wall-clock) times, not the simulated clock: this is about the machinery. The writer keeps the last 5000 rows.
create table job_runs (
    id          bigserial primary key,
    job         text not null,
    node        text not null,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    processed   int not null,
    error       text
);
-- The operations page reads the latest sweeps that did something or failed.
create index job_runs_work on job_runs (id desc) where processed > 0 or error is not null;
