"""Stage 4, report: checked claims in, what people read and keep out.

``export`` writes a report as Markdown, standalone HTML, JSON, CSV and ClaimReview JSON-LD (and
the escaped HTML pieces the page shows); ``reviews`` keeps a reviewer's verdicts, notes and claim
edits on disk, one file per article.
"""
