"""The code of each ``flask.*`` module, run inside that module by the finder.

Never import these modules directly: :mod:`erlen_flask_compat.finder` runs
each one's code in the ``flask`` module it stands for. Each only imports
Erlen's objects under Flask's names, with absolute imports, since the code
runs with ``__package__`` set to ``flask``.
"""
