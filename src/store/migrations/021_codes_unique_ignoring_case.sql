-- Reliefline schema 21: codes are unique ignoring case. People type codes (sheets, events, the
-- field app), so STP-HUB and stp-hub would be two places that read the same and split the stock
-- between them. The application refused such a twin before inserting, but two requests at the
-- same moment (abc and ABC) could both pass its check; these indexes make the rule hold. Each is
-- in the code's scope: operations and organisations over all, the rest within their operation.
--
-- A ledger that already holds codes differing only in case is not changed: the upgrade stops
-- here with a message naming each pair (this migration runs in one transaction, so nothing of it
-- stays, and the previous release still runs on the data). Rename or merge them, then upgrade
-- (docs/operations.md, "Codes that differ only in case").

do $$
declare
  twins text;
begin
  select string_agg(pair, '; ' order by pair) into twins from (
    select 'operations ' || string_agg(code, ' and ' order by code) as pair
      from operations group by lower(code) having count(*) > 1
    union all
    select 'organisations ' || string_agg(code, ' and ' order by code)
      from organisations group by lower(code) having count(*) > 1
    union all
    select 'locations ' || string_agg(l.code, ' and ' order by l.code) || ' in operation ' || min(o.code)
      from locations l join operations o on o.id = l.operation_id
      group by l.operation_id, lower(l.code) having count(*) > 1
    union all
    select 'items ' || string_agg(i.code, ' and ' order by i.code) || ' in operation ' || min(o.code)
      from items i join operations o on o.id = i.operation_id
      group by i.operation_id, lower(i.code) having count(*) > 1
    union all
    select 'teams ' || string_agg(t.code, ' and ' order by t.code) || ' in operation ' || min(o.code)
      from teams t join operations o on o.id = t.operation_id
      group by t.operation_id, lower(t.code) having count(*) > 1
    union all
    select 'consignments ' || string_agg(c.code, ' and ' order by c.code) || ' in operation ' || min(o.code)
      from consignments c join operations o on o.id = c.operation_id
      group by c.operation_id, lower(c.code) having count(*) > 1
  ) found;
  if twins is not null then
    raise exception 'codes that differ only in case: %', twins
      using hint = 'rename or merge one of each pair, then upgrade again (docs/operations.md, "Codes that differ only in case"); nothing was changed';
  end if;
end
$$;

create unique index if not exists operations_code_ignoring_case on operations (lower(code));
create unique index if not exists organisations_code_ignoring_case on organisations (lower(code));
create unique index if not exists locations_code_ignoring_case on locations (operation_id, lower(code));
create unique index if not exists items_code_ignoring_case on items (operation_id, lower(code));
create unique index if not exists teams_code_ignoring_case on teams (operation_id, lower(code));
create unique index if not exists consignments_code_ignoring_case on consignments (operation_id, lower(code));
