"""The catalog and the engine: a theme and answers become matters, one merged form and a checklist. Qt-free."""
