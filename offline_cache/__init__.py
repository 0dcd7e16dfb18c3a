"""The kiosk's durable side: encrypted outbox, sync to the hub, catalog cache. Qt-free."""
