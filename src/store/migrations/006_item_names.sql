-- Reliefline schema 6: names in other languages, for reports written in them.
-- `names` maps a language code to the forms a sentence needs, e.g. for an item
--   {"ru": {"name": "Пиломатериалы", "measured": "пиломатериалов"},
--    "en": {"name": "Lumber", "measured": "lumber"}}
-- Items: name, measured (after "300 m³ of"; Russian genitive), count forms by plural
-- category (one, few, many, other) and gender (m, f, n, pl). Locations: name, at ("at
-- the Yerevan freight station"), to ("to the hub in Stepanakert"). Teams: name, agent
-- (the people who did it, as a plural subject). Missing forms fall back to the name in
-- a construction that needs no declension. See docs/reports.md.
alter table items add column names jsonb not null default '{}'::jsonb;
alter table locations add column names jsonb not null default '{}'::jsonb;
alter table teams add column names jsonb not null default '{}'::jsonb;
