-- Cancelling a step's watches (when it completes, is cancelled or its boundary timer fires) looks its pending timers up
-- by task: without this index every such step scanned the whole timers table (~10 ms per step at 100,000 rows).
create index timers_pending_task on timers (task_id) where status = 'pending';
