-- The index that proposal P3 (docs/performance.md) needs; not in the migrations while no query uses it.
create index if not exists tasks_open_as_of_idx on tasks ((coalesce(confirmed_on, '9999-12-31'::date)), (coalesce(ended_on, '9999-12-31'::date)));
