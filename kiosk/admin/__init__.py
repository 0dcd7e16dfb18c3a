"""Admin mode at the terminal, for hall staff with no keyboard: a PIN pad and the admin panel.

`kiosk.admin.staff_mode.StaffMode(runtime, host, config_path)` is what the window
uses: `.open()` on the hidden corner gesture shows the `PinPad`; a right PIN opens
the `AdminPanel` (settings, queue, reprint, diagnostics, system). Every action is
audited through `AuditGate` before it is done. `settings_fields` and
`settings_toml` hold the settings form's rules and the TOML writer without Qt,
which is why this package file imports nothing. Every word staff read goes
through tr() like the citizen screens (`language` says which language is shown).
"""
