"""Reading the files recommendations come in (pure: bytes in, rows out; no Flask, no models).

What the UN and its partners publish, as they publish it: CSV and spreadsheets in any common encoding, OHCHR's
thematic list of recommendations (a Word table), UPR Info's database export. Each reader gives a table of text
cells with its headers; coalition/recommendations checks the rows and imports them.
"""
