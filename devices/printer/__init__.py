"""ESC/POS receipt printing (python-escpos transports, simulator) with Chinese as GB18030. Qt-free."""
