"""Evidence that a media item is one of our pieces (用稿), weighed the way a reader weighs it.

A reader who sees 泉溪镇拆除农家乐违规阳光房5处 beside our 泉溪中队协助镇政府拆除农家乐违规阳光房5处
matches them by the facts, not by the spelling: the same town, the same 5处, the same key nouns,
a date a few days after ours. Each kind of evidence is a small pure function:

titles   headline similarity (edit distance of the titles without the outlets' dressing)
numbers  quantities with their measure words, Arabic or Chinese, full or half width (12块,
         30余个, 十处, 1.3万平方米, 9月1日, 晚上十点), shared and conflicting
names    our units, the county's towns and places, neighbouring counties and other county
         departments (`generator/data/gazetteer.txt` and squads.yml), shared and conflicting
words    key words, segmented with rjieba as the site search does, weighted by how rare they
         are among our own pieces; the item's summary against our first paragraphs
rule     `Evidence` and `weigh`: one confidence, by odds
match    `Matcher`: our pieces prepared once, the evidence for one item and one piece
"""
