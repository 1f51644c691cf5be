"""Integrations with frameworks. Each is imported only when asked for, so that migrata itself
never imports a framework."""
