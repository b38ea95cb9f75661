"""The document model and what builds it: model, frame, assembly, locale data, symbols."""
