-- Welsh beside English for every text an organisation writes that members or the public read.
-- The existing single-language columns hold the English; a NULL or empty side is "not yet
-- translated" and puts the item on the organisation's translation list.

ALTER TABLE suggestions ADD COLUMN public_text_cy TEXT;
ALTER TABLE suggestions ADD COLUMN public_response_cy TEXT;
-- When set, the public board, poster and kiosk show an item only once both languages exist.
ALTER TABLE organisations ADD COLUMN board_needs_both_languages BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE meeting_groups ADD COLUMN usual_place_cy TEXT;
ALTER TABLE meetings ADD COLUMN place_cy TEXT;
ALTER TABLE meetings ADD COLUMN minutes_cy TEXT;
ALTER TABLE agenda_items ADD COLUMN title_cy TEXT;
ALTER TABLE meeting_decisions ADD COLUMN text_cy TEXT;
ALTER TABLE meeting_actions ADD COLUMN text_cy TEXT;

ALTER TABLE fee_rates ADD COLUMN source_cy TEXT;
ALTER TABLE expense_rates ADD COLUMN source_cy TEXT;
ALTER TABLE limit_presets ADD COLUMN source_cy TEXT;

ALTER TABLE assessment_rounds ADD COLUMN name_cy TEXT;

-- Practice L2.07 is about involvement roles, not jobs: "role description" keeps employment
-- wording (and its benefits meaning) away from service users' and carers' roles.
UPDATE model_practices SET
    title_en = 'Role descriptions exist for the more active roles',
    title_cy = 'Mae disgrifiadau rôl yn bodoli ar gyfer y rolau mwy gweithredol'
WHERE code = 'L2.07' AND built_in AND title_en = 'Job descriptions exist for the more active roles';
