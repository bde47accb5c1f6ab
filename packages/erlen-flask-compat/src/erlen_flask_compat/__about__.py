__version__ = "0.1.0"

#: The Flask release whose API this compat layer provides, and whose test
#: suite it is checked against; ``flask.__version__`` reports it.
FLASK_VERSION = "3.1.3"
