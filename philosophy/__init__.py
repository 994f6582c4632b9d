"""The customer-service philosophy: model, loader, checks and change summary. Imports nothing from mkdocs."""
from .loader import Loaded, load
from .problems import PhilosophyError, Problem

__all__ = ["Loaded", "PhilosophyError", "Problem", "load"]
