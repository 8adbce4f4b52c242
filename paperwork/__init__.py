"""paperwork: the paperwork of a media production co-ordinator.

Four verbs, one direction: read -> paginate -> build -> render.
"""

__version__ = "0.1.0"
