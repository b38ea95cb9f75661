"""PDF writers: Typst (the default) and LibreOffice from the DOCX."""
