"""The WSGI application `bench/load.py` serves: the service's, with the plain-English
score's pronouncing dictionary loaded before gunicorn forks (`--preload`).

textstat loads cmudict on its first score, about 2 s of one core: without this, each
worker's first draft save -- and the first save on the worker started after the kill --
would take that long. A deployment could warm it the same way.
"""

from config.readability import reading_ease
from config.wsgi import application

reading_ease(["Loading the word list once, before the workers start, saves each of them time."])

__all__ = ["application"]
