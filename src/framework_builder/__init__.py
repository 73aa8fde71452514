"""framework-builder: validate, render and publish living local prevention frameworks."""

__version__ = "0.1.0"
