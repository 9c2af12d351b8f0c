-- What each quote's cue reports: speech (said, wrote), belief (thinks, fears), intention
-- (wants, plans), knowledge (knows, found) or perception (saw, heard), so that statements
-- can be told from beliefs. Quotes stored before this migration keep NULL (not known) until
-- `newsgraph reprocess` analyzes their articles again.

ALTER TABLE quotes ADD COLUMN attribution TEXT;

CREATE INDEX quotes_attribution ON quotes (attribution);
