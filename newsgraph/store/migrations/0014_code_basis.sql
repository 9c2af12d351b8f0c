-- How the actor layer found each entity's country: "known" (knowledge base, gazetteer),
-- "text" (a role, title or demonym the article gives), "context" (guessed from a relative,
-- the sentence or the article). `newsgraph actors` prefers, across articles, the code the
-- most articles give with evidence (known or text) over guesses. NULL for entities stored
-- before this migration and for those without a country.

ALTER TABLE entities ADD COLUMN code_basis TEXT;
