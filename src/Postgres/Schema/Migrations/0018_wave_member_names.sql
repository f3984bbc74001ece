-- The identity traits a wave's upload carries, as the INS record gives them (birth name, first names, used name): a
-- letter is addressed by name. Required for a line reached by letter only; the notice carries the name composed from them.
ALTER TABLE mes_wave_member ADD COLUMN IF NOT EXISTS birth_name text;
ALTER TABLE mes_wave_member ADD COLUMN IF NOT EXISTS first_names text;
ALTER TABLE mes_wave_member ADD COLUMN IF NOT EXISTS used_name text;
