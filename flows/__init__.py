"""The catalog and the engine: a theme and answers become matters, a merged form and a checklist. Qt-free."""
