"""`portal import`: manuscripts (稿件) as they arrive, turned into draft articles.

documents.py reads a file into blocks (Word through mammoth, WPS/ODT/RTF/DOC through
LibreOffice, text in any Chinese encoding); conventions.py reads the manuscript's habits
(title, byline, dateline, captions, end marks); duplicates.py recognises pieces imported
before; drafts.py writes the article and its photos; importer.py runs the whole folder.
"""
