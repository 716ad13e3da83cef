"""Reading: PDF → pages of lines and tables (PDFium, pdfplumber for ruled tables, OCR)."""
