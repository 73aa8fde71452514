"""The names in a framework folder. Imports nothing, so the light reading modules can use it."""

FRAMEWORK_FILE = "framework.yml"
