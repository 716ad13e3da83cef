"""Reports: comparison, diff, check and summaries as terminal tables, Markdown, CSV, XLSX, HTML, JSON."""
