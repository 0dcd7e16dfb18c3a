"""Reference central hub: the HTTP API terminals talk to, and the fleet page. Qt-free."""
