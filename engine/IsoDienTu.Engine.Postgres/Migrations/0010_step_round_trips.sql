-- Completing a task cancels the task's pending watches by task id: without this index that update scanned every
-- pending timer (0.5 ms per completion on a small database, growing with the timer table).
create index timers_task on timers (task_id) where status = 'pending';
