-- Bulk loader for the query benchmark: :dossiers dossiers shaped like a province's production database, written
-- set-based (generate_series) into the real schema of a migrated database whose procedures are published (the
-- server's demo seeder: every definitions/*.bpmn through DefinitionStore). Run by tests/bench/load-million.sh:
--   psql -v dossiers=1000000 -f tests/bench/load-million.sql
-- Shape (per dossier, what DossierEngine, TaskService and DueWorkProcessor write for a real one):
--   * 50 units: the demo organisation's 12 plus 38 communes (XA01..XA38); the procedures' commune steps (iso:unit
--     UBNDXA) are spread over UBNDXA and the 38 communes with a skew (busy and quiet communes); officers per unit and
--     role (the demo users included), password "matkhau123".
--   * ~90 % finished (completed, ~3 % refused) over the last two years; ~10 % open over the last weeks: the open step
--     picked in proportion to its allotment, ~45 % of open steps claimed, ~20 % overdue; ~6 % of open dossiers wait
--     for a supplement (no open step).
--   * tasks along the procedure's user tasks (document order = the main path), due times from iso:allotment (working
--     days stretched by 1.4 to calendar time), the dossier's due time from iso:deadline; journal rows (start, one per
--     completion) with the interpreter's events (taskCreated / taskCompleted / ... as ControlSheet reads them),
--     instance state JSON; step reminder / step due / dossier due / apology timers (fired, cancelled or pending as the
--     times say); the notifications those timers and supplement requests write; apologies and apology tasks for late
--     dossiers; scanned documents (~30 %) and ratings (~25 % of completed); the dashboard's counts, rebuilt from all
--     that (rebuild_dossier_counts of migration 0010; -v counts=0 leaves them empty).
-- Not modelled: call activities (the inter-agency group), returns to a previous step, repeated supplement rounds.
\set ON_ERROR_STOP on
\if :{?dossiers}
\else
\set dossiers 1000000
\endif
\if :{?open_share}
\else
\set open_share 0.10
\endif

set synchronous_commit = off;
set maintenance_work_mem = '1GB';
set work_mem = '256MB';
set client_min_messages = warning;

drop table if exists bench_plan, bench_tasks;
do $$
begin
    if exists (select 1 from dossiers) then
        raise exception 'load-million.sql fills an empty database: this one already has dossiers';
    end if;
    if not exists (select 1 from definitions where status = 'published') then
        raise exception 'no published procedure: start the server once with ISODIENTU_SEED_DEMO=1 and ISODIENTU_DEFINITIONS';
    end if;
end $$;

-- Deterministic pseudo-random fraction in [0, 1) per (row, purpose): reruns load the same database.
create function pg_temp.r(i bigint, salt int) returns float8 language sql immutable parallel safe
    as $$ select (hashint8extended(i, salt) & 2147483647)::float8 / 2147483648.0 $$;
-- Instants as the engine serialises them (Asia/Ho_Chi_Minh offset).
create function pg_temp.iso(t timestamptz) returns text language sql stable parallel safe
    as $$ select to_char(t at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') $$;
-- Working time to calendar time, roughly: a working day is 1.4 calendar days (weekends), hours stay hours.
create function pg_temp.cal(i interval) returns interval language sql immutable parallel safe
    as $$ select make_interval(secs => extract(day from i) * 1.4 * 86400 + (extract(epoch from i) - extract(day from i) * 86400)) $$;

select date_trunc('minute', now()) as now \gset
\echo 'anchor time (now):' :'now'
\timing on

-- 1. Organisation ----------------------------------------------------------------------------------------------------
insert into units (code, name, parent_code)
select format('XA%s', lpad(k::text, 2, '0')), format('UBND xã số %s (bench)', k), 'UBND'
from generate_series(1, 38) k
on conflict (code) do nothing;

-- Staff per unit and role: the one-stop centre is large, communes small.
create temp table bench_staff (unit text, role text, n int);
insert into bench_staff
select u, r, n from (values
    ('TTHCC', 'receiver', 12), ('TTHCC', 'head', 1),
    ('UBNDXA', 'specialist', 4), ('UBNDXA', 'head', 1), ('UBNDXA', 'leader', 1), ('UBNDXA', 'clerk', 1),
    ('CA', 'specialist', 6), ('CA', 'head', 2), ('CA', 'leader', 1), ('CA', 'clerk', 2),
    ('CAXA', 'specialist', 4), ('CAXA', 'head', 1), ('CAXA', 'leader', 1), ('CAXA', 'clerk', 2),
    ('VPDK', 'specialist', 5), ('VPDK', 'head', 1),
    ('THUE', 'specialist', 3), ('THUE', 'head', 1),
    ('SYT', 'specialist', 3), ('SYT', 'head', 1), ('SYT', 'leader', 1), ('SYT', 'clerk', 1),
    ('STC', 'specialist', 3), ('STC', 'head', 1),
    ('SVHTT', 'specialist', 2), ('SVHTT', 'head', 1), ('SVHTT', 'leader', 1),
    ('SXD', 'specialist', 2), ('SXD', 'head', 1),
    ('STNMT', 'head', 1)) v(u, r, n)
union all
select format('XA%s', lpad(k::text, 2, '0')), r, n
from generate_series(1, 38) k, (values ('specialist', 3), ('head', 1), ('leader', 1), ('clerk', 1)) v(r, n);

insert into users (username, password_hash, full_name, unit_code, roles)
select format('%s.%s%s', lower(s.unit), case s.role when 'receiver' then 'mc' when 'specialist' then 'cv' when 'head' then 'tp'
                                                   when 'leader' then 'ld' else 'vt' end, k),
       (select password_hash from users where username = 'motcua'),
       format('%s %s – %s', case s.role when 'receiver' then 'Cán bộ một cửa' when 'specialist' then 'Chuyên viên'
                                        when 'head' then 'Trưởng phòng' when 'leader' then 'Lãnh đạo' else 'Văn thư' end,
              k, un.name),
       s.unit, array[s.role]
from bench_staff s join units un on un.code = s.unit, generate_series(1, s.n) k
on conflict (username) do nothing;

create temp table bench_officers as
select u.unit_code as unit, r.role, (row_number() over (partition by u.unit_code, r.role order by u.username) - 1)::int as idx, u.username
from users u cross join unnest(u.roles) r(role)
where u.unit_code is not null;
create temp table bench_officer_counts as select unit, role, count(*)::int as n from bench_officers group by 1, 2;
analyze bench_officers;
analyze bench_officer_counts;

-- 2. Procedures and their steps, read from the published BPMN ---------------------------------------------------------
-- Reception mix: weight among finished dossiers (volume) and among open ones (volume x duration, Little's law).
create temp table bench_mix (key text primary key, w_done float8, w_open float8);
insert into bench_mix values
    ('HT-KS', 18, 3), ('CT-BSBC', 22, 3), ('HT-KH', 6, 2), ('HKD-DKTL', 10, 10), ('CT-DKTT', 10, 12),
    ('DD-DKBD-CN', 10, 18), ('DD-DKLD-HGD', 4, 15), ('XD-GPXD-NORL', 5, 15), ('LLTP-01', 8, 12),
    ('DN-TNHH2TV', 4, 5), ('BTXH-CNCS-NKT', 3, 5);

create temp table bench_steps as
with ns as (select array[array['b', 'http://www.omg.org/spec/BPMN/20100524/MODEL'], array['iso', 'urn:isodientu:bpmn:1']] as n),
latest as (
    select d.key, max(d.version) as version from definitions d join bench_mix m on m.key = d.key
    where d.status = 'published' group by d.key),
raw as (
    select d.key, d.version, s.ord::int as step_no,
           (xpath('/*/@id', s.t))[1]::text as element_id,
           (xpath('/*/@name', s.t))[1]::text as name,
           (xpath('/*/@iso:unit', s.t, ns.n))[1]::text as unit,
           (xpath('/*/@iso:role', s.t, ns.n))[1]::text as role,
           (xpath('/*/@iso:allotment', s.t, ns.n))[1]::text::interval as allotment,
           string_to_array((xpath('/*/@iso:outcomes', s.t, ns.n))[1]::text, ',') as outcomes,
           (xpath('/*/@iso:status', s.t, ns.n))[1]::text as declared,
           (xpath('/*/@iso:clock', s.t, ns.n))[1]::text = 'excluded' as excluded
    from definitions d join latest l on l.key = d.key and l.version = d.version, ns,
         unnest(xpath('/b:definitions/b:process/b:userTask', d.bpmn::xml, ns.n)) with ordinality s(t, ord)),
weighted as (
    select raw.*, pg_temp.cal(allotment) as cal,
           -- time a step takes, in hours, for the timelines and for picking where open dossiers rest
           coalesce(extract(epoch from pg_temp.cal(allotment)) / 3600, case when excluded then 24 else 8 end) as w
    from raw)
select w.*,
       coalesce(sum(w) over (partition by key order by step_no rows between unbounded preceding and 1 preceding), 0) as cum_before,
       sum(w) over (partition by key order by step_no) as cum_after,
       case when step_no = 1 then 'received' when declared is not null then declared
            when excluded then 'awaitingFinancialObligation' else 'processing' end as open_status,
       outcomes[1] as usual_outcome
from weighted w;

create temp table bench_procs as
with ns as (select array[array['b', 'http://www.omg.org/spec/BPMN/20100524/MODEL'], array['iso', 'urn:isodientu:bpmn:1']] as n),
p as (
    select m.key, s.version, m.w_done, m.w_open, count(*)::int as n_steps, max(s.cum_after) as total_w,
           min(s.step_no) filter (where 'refuse' = any(s.outcomes)) as refuse_step,
           min(s.step_no) filter (where 'supplement' = any(s.outcomes)) as supp_step
    from bench_mix m join bench_steps s on s.key = m.key group by m.key, s.version, m.w_done, m.w_open)
select p.*,
       extract(day from (xpath('/b:definitions/b:process/@iso:deadline', d.bpmn::xml, ns.n))[1]::text::interval)::int as deadline_days,
       coalesce(sum(w_done) over (order by p.key rows between unbounded preceding and 1 preceding), 0) / sum(w_done) over () as lo_done,
       sum(w_done) over (order by p.key) / sum(w_done) over () as hi_done,
       coalesce(sum(w_open) over (order by p.key rows between unbounded preceding and 1 preceding), 0) / sum(w_open) over () as lo_open,
       sum(w_open) over (order by p.key) / sum(w_open) over () as hi_open
from p join definitions d on d.key = p.key and d.version = p.version, ns;
analyze bench_steps;
analyze bench_procs;
select key, version, n_steps, deadline_days, refuse_step, supp_step from bench_procs order by key;

-- 3. The plan: one row per dossier with its procedure, fate and timeline ----------------------------------------------
-- kind: done | refused | open | waiting. last_done = steps completed; cur = the open step (open only).
-- Timeline: step j runs from t0 + span * cum_before_j / W to t0 + span * cum_after_j / W, W = the weight of the steps
-- done; span / W = pace (0.3 .. 1.05 of the allotment, so ~7 % of steps and dossiers finish late).
create unlogged table bench_plan as
with base as (
    select i, pg_temp.r(i, 1) < :open_share as open, pg_temp.r(i, 2) as u from generate_series(1, :dossiers) i),
fate as (
    select b.i, p.key, p.version, p.n_steps, p.deadline_days,
           case when not b.open then case when p.refuse_step is not null and pg_temp.r(b.i, 3) < 0.03 then 'refused' else 'done' end
                when p.supp_step is not null and pg_temp.r(b.i, 3) < 0.06 then 'waiting' else 'open' end as kind,
           p.refuse_step, p.supp_step, p.total_w
    from base b join bench_procs p
      on case when b.open then b.u >= p.lo_open and b.u < p.hi_open else b.u >= p.lo_done and b.u < p.hi_done end),
placed as (
    select f.*,
           case f.kind when 'done' then f.n_steps when 'refused' then f.refuse_step when 'waiting' then f.supp_step
                else cur.step_no - 1 end as last_done,
           cur.step_no as cur, cur.cal as cur_cal, cur.w as cur_w, cur.cum_before as cur_before
    from fate f
    left join bench_steps cur on f.kind = 'open' and cur.key = f.key
         and pg_temp.r(f.i, 5) * f.total_w >= cur.cum_before and pg_temp.r(f.i, 5) * f.total_w < cur.cum_after),
timed as (
    select pl.*, coalesce(ld.cum_after, 0) as w_done,
           -- elapsed in the open step (overdue when past 1/1.25 of it) or waiting for the supplement
           case pl.kind when 'open' then case when pl.cur_cal is null then make_interval(secs => pl.cur_w * 3 * 3600 * pg_temp.r(pl.i, 8))
                                              else pl.cur_cal * (1.25 * pg_temp.r(pl.i, 8)) end
                        when 'waiting' then make_interval(secs => 10 * 86400 * pg_temp.r(pl.i, 8))
                        else interval '0' end as rest,
           make_interval(secs => coalesce(ld.cum_after, 0) * 3600 * (0.3 + 0.75 * pg_temp.r(pl.i, 6))) as span
    from placed pl left join bench_steps ld on ld.key = pl.key and ld.step_no = pl.last_done)
select row_number() over (order by x.t0, x.seed) as id, x.*
from (
    select t.i as seed, t.key, t.version, t.kind, t.n_steps, t.last_done, t.cur, t.w_done, t.span,
           case when t.kind in ('done', 'refused') then :'now'::timestamptz - t.span - make_interval(secs => 730 * 86400 * pg_temp.r(t.i, 7)) - interval '1 hour'
                else :'now'::timestamptz - t.rest - t.span end as t0,
           case when t.kind = 'waiting' then :'now'::timestamptz - t.rest end as paused_at,
           case when pg_temp.r(t.i, 9) < 0.40 then 'online' when pg_temp.r(t.i, 9) < 0.95 then 'direct' else 'post' end as channel,
           -- commune of the commune-level steps: skewed towards the first ones (UBNDXA busiest, XA38 quietest)
           case when floor(39 * power(pg_temp.r(t.i, 4), 2.0))::int = 0 then 'UBNDXA'
                else format('XA%s', lpad(floor(39 * power(pg_temp.r(t.i, 4), 2.0))::int::text, 2, '0')) end as commune,
           t.deadline_days,
           0::bigint as task_base
    from timed t) x;
alter table bench_plan add primary key (id);

-- Finish, due and apology facts per dossier. stop = when the dossier clock stopped (finished, paused) or now.
alter table bench_plan add column finished_at timestamptz, add column stop_at timestamptz, add column due0 timestamptz,
    add column due_at timestamptz, add column apology_at timestamptz, add column apologised boolean not null default false,
    add column apology_done timestamptz, add column late boolean, add column code text;
update bench_plan set
    finished_at = case when kind in ('done', 'refused') then t0 + span end,
    stop_at = coalesce(case when kind in ('done', 'refused') then t0 + span end, paused_at, :'now'::timestamptz),
    due0 = (date_trunc('day', t0 at time zone 'Asia/Ho_Chi_Minh')
            + make_interval(days => ceil(deadline_days * 1.4)::int
                            + case when deadline_days = 0 and extract(hour from t0 at time zone 'Asia/Ho_Chi_Minh') >= 15 then 1 else 0 end)
            + interval '17 hours') at time zone 'Asia/Ho_Chi_Minh';
-- The apology time: the start of the day before the due day (DossierEngine.ApologyTime; weekends not skipped here).
-- Only when that lies after reception: the engine also arms it in the past for same-day procedures, which fires at
-- once (reported; not modelled).
update bench_plan set apology_at = (date_trunc('day', due0 at time zone 'Asia/Ho_Chi_Minh') - interval '1 day' + interval '7 hours 30 minutes') at time zone 'Asia/Ho_Chi_Minh';
update bench_plan set apology_at = null where apology_at <= t0;
-- Dossiers still running at the apology time: about half are re-appointed once, two hours later, with a new due
-- time 2..5 days after the old one.
update bench_plan set apologised = true, apology_done = apology_at + interval '2 hours',
    due_at = (date_trunc('day', due0 at time zone 'Asia/Ho_Chi_Minh') + make_interval(days => 2 + floor(4 * pg_temp.r(id, 11))::int)
              + interval '17 hours') at time zone 'Asia/Ho_Chi_Minh'
where stop_at > apology_at + interval '2 hours' and pg_temp.r(id, 10) < 0.5;
update bench_plan set due_at = due0 where not apologised;
-- "late" is set by the dossier's overdue mark firing while its clock ran.
update bench_plan set late = stop_at > due_at;
-- Dossier codes: <agency>-YYMMDD-NNNN, the day's sequence in reception order (Circular 01/2018/TT-VPCP art. 19).
update bench_plan p
set code = format('000.00.20.H42-%s-%s', c.day, case when c.n < 10000 then to_char(c.n, 'FM0000') else c.n::text end),
    task_base = c.task_base
from (select id, to_char(t0 at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') as day,
             row_number() over (partition by (t0 at time zone 'Asia/Ho_Chi_Minh')::date order by t0, id) as n,
             coalesce(sum(last_done + case when kind = 'open' then 1 else 0 end) over (order by id rows between unbounded preceding and 1 preceding), 0) as task_base
      from bench_plan) c
where c.id = p.id;
analyze bench_plan;
select kind, count(*), min(t0), max(t0) from bench_plan group by kind order by kind;

-- 4. Step tasks, staged once (tasks, timers, journal and notifications all read them) -------------------------------
create unlogged table bench_tasks as
select p.task_base + s.step_no as id, p.id as dossier_id, p.code, p.key, p.kind as dossier_kind, s.step_no, p.last_done,
       s.step_no + 2 as local_id, s.element_id, s.name, u.unit, s.role, s.outcomes,
       case when s.step_no <= p.last_done then 'completed' else 'open' end as status,
       c.created_at, c.completed_at, c.created_at + s.cal as due_at,
       case when s.step_no <= p.last_done or pg_temp.r(p.task_base + s.step_no, 12) < 0.45 then o.username end as assignee,
       case when s.step_no > p.last_done then null
            when p.kind = 'refused' and s.step_no = p.last_done then 'refuse'
            when p.kind = 'waiting' and s.step_no = p.last_done then 'supplement'
            else s.usual_outcome end as outcome,
       s.open_status
from bench_plan p
join bench_steps s on s.key = p.key and s.step_no <= p.last_done + case when p.kind = 'open' then 1 else 0 end
cross join lateral (select case when s.unit = 'UBNDXA' then p.commune else s.unit end as unit) u
cross join lateral (
    select case when p.w_done = 0 then p.t0 else p.t0 + p.span * (s.cum_before / p.w_done) end as created_at,
           case when s.step_no <= p.last_done then p.t0 + p.span * (s.cum_after / p.w_done) end as completed_at) c
left join bench_officer_counts oc on oc.unit = u.unit and oc.role = s.role
left join bench_officers o on o.unit = u.unit and o.role = s.role
     and o.idx = (hashint8extended(p.task_base + s.step_no, 13) & 2147483647) % oc.n;
-- The flags the step's watches set when they fired while it was open (migration 0014): its reminder, its due time.
alter table bench_tasks add column overdue boolean, add column due_soon boolean;
update bench_tasks set overdue = due_at is not null and due_at < coalesce(completed_at, :'now'::timestamptz),
                       due_soon = due_at is not null and created_at + (due_at - created_at) * 0.75 <= coalesce(completed_at, :'now'::timestamptz);
create index on bench_tasks (dossier_id, step_no);
analyze bench_tasks;

-- Indexes are rebuilt after the load (sorted builds are much faster than row-by-row maintenance); the constraint
-- indexes stay. Foreign keys and triggers are off for the session: the rows are consistent by construction.
create temp table bench_indexes as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
from pg_index i join pg_class c on c.oid = i.indrelid
where c.relname in ('dossiers', 'tasks', 'timers', 'journal', 'notifications', 'apologies', 'dossier_documents', 'dossier_ratings')
  and c.relnamespace = 'public'::regnamespace
  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid);
do $$ declare x record; begin for x in select name from bench_indexes loop execute format('drop index %s', x.name); end loop; end $$;
set session_replication_role = replica;

-- 5. Dossiers --------------------------------------------------------------------------------------------------------
-- The open task as the interpreter keeps it in the state and journals it in taskCreated.
create function pg_temp.task_json(local_id int, name text, due timestamptz, outcomes text[], created timestamptz, element_id text, unit text, role text)
    returns jsonb language sql stable parallel safe as $$
    select jsonb_strip_nulls(jsonb_build_object('id', local_id, 'name', name, 'dueAt', pg_temp.iso(due), 'tokenId', 2,
        'outcomes', to_jsonb(outcomes), 'createdAt', pg_temp.iso(created), 'elementId', element_id,
        'assignment', jsonb_build_object('role', role, 'unit', unit, 'candidateUsers', '[]'::jsonb, 'candidateGroups', '[]'::jsonb)))
$$;

insert into dossiers (id, code, definition_key, definition_version, status, channel, applicant, documents, received_at, due_at,
                      original_due_at, finished_at, lookup_secret, unit_code, late, apology_count, state, version, created_at,
                      clock_stopped_at)
select p.id, p.code, p.key, p.version,
       case p.kind when 'done' then 'completed' when 'refused' then 'refused' when 'waiting' then 'waitingForSupplement'
                   else cur.open_status end,
       p.channel,
       jsonb_build_object('name', format('Công dân %s', p.id), 'phone', format('09%s', lpad((p.id % 100000000)::text, 8, '0')),
                          'address', format('Thôn %s, xã số %s', p.id % 12 + 1, p.id % 38 + 1), 'idNumber', lpad(p.id::text, 12, '0')),
       '["Đơn đề nghị (theo mẫu)", "Bản sao giấy tờ tùy thân"]'::jsonb,
       p.t0, p.due_at, p.due0, p.finished_at,
       -- the lookup secret is upper(md5(id))[1..10]; the row keeps its SHA-256 as DossierEngine.HashSecret does
       encode(sha256(convert_to(upper(substr(md5(p.id::text), 1, 10)), 'UTF8')), 'hex'),
       null,
       p.late,
       case when p.apologised then 1 else 0 end,
       jsonb_strip_nulls(jsonb_build_object(
           'calls', '[]'::jsonb,
           'clock', jsonb_build_object('dueAt', pg_temp.iso(p.due0), 'channel', p.channel,
                        'history', jsonb_build_array(jsonb_build_object('at', pg_temp.iso(p.t0), 'dueAt', pg_temp.iso(p.due0), 'reason', 'received')),
                        'receivedAt', pg_temp.iso(p.t0), 'pausedSince', pg_temp.iso(p.paused_at), 'originalDueAt', pg_temp.iso(p.due0),
                        'restartOnResume', false),
           'tasks', case when p.kind = 'open' then jsonb_build_array(pg_temp.task_json(cur.local_id, cur.name, cur.due_at, cur.outcomes,
                                                       cur.created_at, cur.element_id, cur.unit, cur.role)) else '[]'::jsonb end,
           'nextId', p.last_done + 3 + case when p.kind in ('open', 'waiting') then 1 else 0 end,
           'scopes', jsonb_build_array(jsonb_build_object('id', 1, 'kind', 'process', 'elementId', p.key,
                        'variables', case when lastdone.outcome is null then '{}'::jsonb else jsonb_build_object('outcome', lastdone.outcome) end)),
           'status', case when p.kind in ('done', 'refused') then 'completed' else 'active' end,
           'timers', '[]'::jsonb,
           'tokens', case p.kind when 'open' then jsonb_build_array(jsonb_build_object('id', 2, 'scopeId', 1, 'elementId', cur.element_id,
                                                       'enteredAt', pg_temp.iso(cur.created_at)))
                                 when 'waiting' then jsonb_build_array(jsonb_build_object('id', 2, 'scopeId', 1,
                                                       'elementId', 'waitSupplement_' || lastdone.element_id, 'enteredAt', pg_temp.iso(p.paused_at)))
                                 else '[]'::jsonb end,
           'endedAt', pg_temp.iso(p.finished_at),
           'isEnded', p.kind in ('done', 'refused'),
           'revision', p.last_done + 1,
           'startedAt', pg_temp.iso(p.t0),
           'variables', case when lastdone.outcome is null then '{}'::jsonb else jsonb_build_object('outcome', lastdone.outcome) end,
           'instanceId', p.code,
           'definitionKey', p.key,
           'subscriptions', case when p.kind = 'waiting' then jsonb_build_array(jsonb_build_object('id', p.last_done + 3, 'kind', 'message',
                                   'name', 'supplement', 'elementId', 'waitSupplement_' || lastdone.element_id, 'ownerTokenId', 2)) else '[]'::jsonb end,
           'activeElementIds', case p.kind when 'open' then jsonb_build_array(cur.element_id)
                                           when 'waiting' then jsonb_build_array('waitSupplement_' || lastdone.element_id) else '[]'::jsonb end,
           'definitionVersion', p.version)),
       -- version follows the journal revision, plus one for an apology
       p.last_done + 1 + case when p.apologised then 1 else 0 end,
       p.t0,
       p.paused_at -- the clock stopped while waiting for the supplement (migration 0020)
from bench_plan p
left join bench_tasks cur on cur.dossier_id = p.id and p.kind = 'open' and cur.step_no = p.last_done + 1
left join bench_tasks lastdone on lastdone.dossier_id = p.id and lastdone.step_no = p.last_done and p.last_done > 0
order by p.id;
select setval(pg_get_serial_sequence('dossiers', 'id'), (select max(id) from dossiers));

insert into dossier_sequences (agency_code, day, last_value)
select '000.00.20.H42', (t0 at time zone 'Asia/Ho_Chi_Minh')::date, count(*) from bench_plan group by 2
on conflict (agency_code, day) do update set last_value = greatest(dossier_sequences.last_value, excluded.last_value);

-- 6. Tasks: the steps, then apology tasks of late dossiers ------------------------------------------------------------
insert into tasks (id, dossier_id, kind, local_id, element_id, name, unit_code, role, assignee, status, created_at, due_at, overdue,
                   due_soon, completed_at, completed_by, outcome, comment, version)
select id, dossier_id, 'step', local_id, element_id, name, unit, role, assignee, status, created_at, due_at, overdue, due_soon,
       completed_at, case when status = 'completed' then assignee end, outcome,
       case outcome when 'refuse' then 'Hồ sơ không đủ điều kiện theo quy định / Does not meet the conditions' end,
       case when status = 'completed' or assignee is not null then 1 else 0 end
from bench_tasks order by id;
select setval(pg_get_serial_sequence('tasks', 'id'), (select max(id) from tasks));

-- DueWorkProcessor.CreateApologyTaskAsync: to the head of the unit holding the dossier at the apology time; completed
-- by the apology (DossierService), cancelled when the dossier ends first (DossierEngine.EndedAsync).
-- Due soon from the start, overdue once the dossier's due time has passed (DueWorkProcessor).
insert into tasks (dossier_id, kind, element_id, name, unit_code, role, status, created_at, due_at, due_soon, overdue, completed_at,
                   completed_by, comment, version)
select p.id, 'apology', 'apology', 'Văn bản xin lỗi và hẹn lại ngày trả kết quả', h.unit, 'head',
       case when p.apologised then 'completed' when p.kind in ('done', 'refused') then 'cancelled' else 'open' end,
       p.apology_at, p.due0, true, p.due0 < :'now'::timestamptz,
       case when p.apologised then p.apology_done when p.kind in ('done', 'refused') then p.finished_at end,
       case when p.apologised then o.username end,
       case when p.apologised then 'Hồ sơ cần xác minh thêm / Further verification needed' end,
       case when p.apologised or p.kind in ('done', 'refused') then 1 else 0 end
from bench_plan p
cross join lateral (
    select t.unit from bench_tasks t where t.dossier_id = p.id and t.created_at <= p.apology_at
    order by t.step_no desc limit 1) h
left join bench_officers o on o.unit = h.unit and o.role = 'head' and o.idx = 0
where p.stop_at > p.apology_at
order by p.id;

insert into apologies (dossier_id, reason, old_due_at, new_due_at, created_by, created_at)
select t.dossier_id, t.comment, p.due0, p.due_at, coalesce(t.completed_by, 'admin'), t.completed_at
from tasks t join bench_plan p on p.id = t.dossier_id
where t.kind = 'apology' and t.status = 'completed';

-- 7. Journal: the start, then one entry per completed step ------------------------------------------------------------
insert into journal (dossier_id, revision, at, actor, command, events, recorded_at)
select p.id, 1, p.t0, o.username,
       jsonb_build_object('channel', p.channel, 'command', 'start', 'receivedAt', pg_temp.iso(p.t0)),
       jsonb_build_array(
           jsonb_build_object('dueAt', pg_temp.iso(p.due0), 'event', 'instanceStarted', 'receivedAt', pg_temp.iso(p.t0),
                              'startEventId', 'start', 'definitionKey', p.key, 'definitionVersion', p.version),
           jsonb_build_object('event', 'nodeEntered', 'scopeId', 1, 'tokenId', 2, 'elementId', 'start'),
           jsonb_build_object('event', 'nodeCompleted', 'tokenId', 2, 'elementId', 'start'),
           jsonb_build_object('event', 'flowTaken', 'flowId', 'f_start_' || t.element_id, 'sourceId', 'start', 'targetId', t.element_id),
           jsonb_build_object('event', 'nodeEntered', 'scopeId', 1, 'tokenId', 2, 'elementId', t.element_id),
           jsonb_build_object('task', pg_temp.task_json(t.local_id, t.name, t.due_at, t.outcomes, t.created_at, t.element_id, t.unit, t.role),
                              'event', 'taskCreated')),
       p.t0
from bench_plan p
join bench_tasks t on t.dossier_id = p.id and t.step_no = 1
left join bench_officers o on o.unit = 'TTHCC' and o.role = 'receiver' and o.idx = p.id % 12
order by p.id;

insert into journal (dossier_id, revision, at, actor, command, events, recorded_at)
select t.dossier_id, t.step_no + 1, t.completed_at, t.assignee,
       jsonb_strip_nulls(jsonb_build_object('taskId', t.local_id, 'command', 'completeTask', 'outcome', t.outcome, 'completedBy', t.assignee,
                                            'comment', case t.outcome when 'refuse' then 'Hồ sơ không đủ điều kiện theo quy định / Does not meet the conditions' end)),
       jsonb_build_array(
           jsonb_strip_nulls(jsonb_build_object('event', 'taskCompleted', 'taskId', t.local_id, 'outcome', t.outcome, 'elementId', t.element_id,
                              'completedBy', t.assignee,
                              'comment', case t.outcome when 'refuse' then 'Hồ sơ không đủ điều kiện theo quy định / Does not meet the conditions' end)),
           jsonb_build_object('event', 'variablesSet', 'values', jsonb_build_object('outcome', t.outcome), 'scopeId', 1),
           jsonb_build_object('event', 'nodeCompleted', 'tokenId', 2, 'elementId', t.element_id))
       || case
            when n.id is not null then jsonb_build_array(
                jsonb_build_object('event', 'nodeEntered', 'scopeId', 1, 'tokenId', 2, 'elementId', n.element_id),
                jsonb_build_object('task', pg_temp.task_json(n.local_id, n.name, n.due_at, n.outcomes, n.created_at, n.element_id, n.unit, n.role),
                                   'event', 'taskCreated'))
            when t.outcome = 'supplement' then jsonb_build_array(
                jsonb_build_object('event', 'nodeEntered', 'scopeId', 1, 'tokenId', 2, 'elementId', 'waitSupplement_' || t.element_id),
                jsonb_build_object('kind', 'message', 'name', 'supplement', 'event', 'waitStarted', 'elementId', 'waitSupplement_' || t.element_id,
                                   'subscriptionId', t.local_id + 1),
                jsonb_build_object('dueAt', pg_temp.iso(t.completed_at), 'event', 'clockStopped'))
            else jsonb_build_array(
                jsonb_build_object('event', 'nodeEntered', 'scopeId', 1, 'tokenId', 2,
                                   'elementId', case when t.outcome = 'refuse' then 'refused_' || t.element_id else 'end' end),
                jsonb_build_object('event', 'nodeCompleted', 'tokenId', 2,
                                   'elementId', case when t.outcome = 'refuse' then 'refused_' || t.element_id else 'end' end),
                jsonb_build_object('event', 'instanceEnded', 'status', 'completed'))
          end,
       t.completed_at
from bench_tasks t
left join bench_tasks n on n.dossier_id = t.dossier_id and n.step_no = t.step_no + 1
where t.status = 'completed'
order by t.dossier_id, t.step_no;
select setval(pg_get_serial_sequence('journal', 'id'), (select max(id) from journal));

-- 8. Timers ----------------------------------------------------------------------------------------------------------
-- Per step with a due time: a reminder at DueSoonShare (0.75) of the allotment and the due mark. Fired when the time
-- came while the step was open, cancelled when the step ended first, pending when still ahead.
insert into timers (dossier_id, kind, task_id, element_id, due_at, status, attempts, fired_at, fired_by, lag_ms, created_at)
select t.dossier_id, k.kind, t.id, t.element_id, k.at,
       case when k.at <= coalesce(t.completed_at, :'now'::timestamptz) then 'fired' when t.status = 'completed' then 'cancelled' else 'pending' end,
       case when k.at <= coalesce(t.completed_at, :'now'::timestamptz) then 1 else 0 end,
       case when k.at <= coalesce(t.completed_at, :'now'::timestamptz) then k.at + interval '2 seconds' end,
       case when k.at <= coalesce(t.completed_at, :'now'::timestamptz) then 'bench' end,
       case when k.at <= coalesce(t.completed_at, :'now'::timestamptz) then 2000 end,
       t.created_at
from bench_tasks t
cross join lateral (values ('step_reminder', t.created_at + (t.due_at - t.created_at) * 0.75), ('step_due', t.due_at)) k(kind, at)
where t.due_at is not null
order by t.id, k.kind desc;

-- Per dossier: the overdue mark and the apology deadline (WatchDossierDueAsync), stopped when the dossier ends or
-- pauses; an apology cancels both and arms a new overdue mark at the new due time (DossierService).
insert into timers (dossier_id, kind, due_at, status, attempts, fired_at, fired_by, lag_ms, created_at)
select p.id, k.kind, k.at,
       case when k.at <= k.stop then 'fired' when k.stop < :'now'::timestamptz then 'cancelled' else 'pending' end,
       case when k.at <= k.stop then 1 else 0 end,
       case when k.at <= k.stop then k.at + interval '2 seconds' end,
       case when k.at <= k.stop then 'bench' end,
       case when k.at <= k.stop then 2000 end,
       k.created
from bench_plan p
cross join lateral (values
    ('dossier_due', p.due0, p.t0, least(p.stop_at, p.apology_done)),
    ('apology', p.apology_at, p.t0, least(p.stop_at, p.apology_done)),
    ('dossier_due', case when p.apologised then p.due_at end, p.apology_done, p.stop_at)) k(kind, at, created, stop)
where k.at is not null
order by p.id;

-- 9. Notifications the timers and steps wrote ------------------------------------------------------------------------
insert into notifications (username, unit_code, role, kind, dossier_id, task_id, message, created_at)
select t.assignee, case when t.assignee is null then t.unit end, case when t.assignee is null then t.role end,
       'dueSoon', t.dossier_id, t.id, format('Sắp đến hạn: %s (%s) / Due soon', t.name, t.code), x.fired_at
from bench_tasks t join timers x on x.task_id = t.id and x.kind = 'step_reminder' and x.status = 'fired'
union all
select null, n.unit, n.role, 'stepOverdue', t.dossier_id, t.id, format('Quá hạn: %s (%s) / Step overdue', t.name, t.code), x.fired_at
from bench_tasks t join timers x on x.task_id = t.id and x.kind = 'step_due' and x.status = 'fired'
cross join lateral (values (t.unit, 'head'), (null, 'supervisor')) n(unit, role)
union all
select null, null, 'supervisor', 'dossierOverdue', p.id, null,
       format('Hồ sơ %s đã quá hạn giải quyết / Dossier %s is overdue', p.code, p.code), x.fired_at
from bench_plan p join timers x on x.dossier_id = p.id and x.kind = 'dossier_due' and x.status = 'fired'
union all
select null, t.unit_code, 'head', 'apologyRequired', t.dossier_id, t.id,
       format('Hồ sơ %s sắp quá hạn: cần văn bản xin lỗi và hẹn lại / apology needed', p.code), t.created_at
from tasks t join bench_plan p on p.id = t.dossier_id where t.kind = 'apology'
union all
select null, null, 'receiver', 'supplementRequested', t.dossier_id, null,
       format('Hồ sơ %s cần bổ sung: Bản sao giấy tờ tùy thân / Supplement requested', t.code), t.completed_at
from bench_tasks t where t.outcome = 'supplement'
order by 8;

-- 10. Scanned documents and ratings (the dashboard's digitised share and satisfaction) --------------------------------
insert into dossier_documents (dossier_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
select p.id, 'don-de-nghi.pdf', 'application/pdf', 64, encode(sha256(convert_to(p.code, 'UTF8')), 'hex'),
       convert_to(rpad('%PDF-1.4 bench ' || p.code, 64, '.'), 'UTF8'), 'motcua', p.t0 + interval '10 minutes'
from bench_plan p where pg_temp.r(p.id, 14) < 0.30 order by p.id;

insert into dossier_ratings (dossier_id, score, comment, rated_at)
select p.id, 3 + floor(3 * pg_temp.r(p.id, 16))::int - case when pg_temp.r(p.id, 17) < 0.05 then 2 else 0 end, null, p.finished_at + interval '1 day'
from bench_plan p where p.kind = 'done' and pg_temp.r(p.id, 15) < 0.25 and p.finished_at + interval '1 day' < :'now'::timestamptz order by p.id;

-- 11. Indexes back, statistics, clean-up ------------------------------------------------------------------------------
set session_replication_role = origin;
do $$ declare x record; begin for x in select def from bench_indexes loop execute x.def; end loop; end $$;
drop table bench_tasks;
drop table bench_plan;

-- 12. The dashboard's and report's counts (migration 0010), as the engine would have kept them ------------------------
\if :{?counts}
\else
\set counts 1
\endif
select to_regproc('rebuild_dossier_counts') is not null and :counts = 1 as rebuild_counts \gset
\if :rebuild_counts
select rebuild_dossier_counts();
select rebuild_step_due_counts();
\endif
\timing off
vacuum (analyze) dossiers, tasks, timers, journal, notifications, apologies, dossier_documents, dossier_ratings, users, units;
select to_regclass('dossier_counts') is not null as has_counts \gset
\if :has_counts
vacuum (analyze) dossier_counts, dossier_scopes;
\endif
select (select count(*) from dossiers) as dossiers,
       (select count(*) from dossiers where finished_at is null) as open_dossiers,
       (select count(*) from tasks where status = 'open') as open_tasks,
       (select count(*) from tasks where status = 'open' and assignee is not null) as claimed,
       (select count(*) from tasks where status = 'open' and due_at < :'now'::timestamptz) as overdue_open_tasks,
       (select count(*) from tasks) as tasks, (select count(*) from timers) as timers, (select count(*) from journal) as journal,
       (select count(*) from notifications) as notifications, (select count(*) from units) as units, (select count(*) from users) as users,
       pg_size_pretty(pg_database_size(current_database())) as size;
