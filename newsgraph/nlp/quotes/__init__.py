"""The quotes layer: who said what. The `quotes` component (component.py) finds reported
statements from quote marks (marks.py, direct.py), the clause parse (clauses.py, with the
speaking subject found by subjects.py), headline colons (colon_lead.py) and title-case
headline verbs (headline.py), resolves speakers through the actor layer (speaker.py) and
scores their tone (tone.py); cues come from data/quotes/cues.tsv (lexicon.py)."""
