"""The DOCX writer and the WordprocessingML parts it writes."""
