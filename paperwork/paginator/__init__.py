"""The paginator: decides every line and page break of a script, in integers.

``layout_for(script, paper)`` gives the page (bundled paper merged with the script's own
settings); ``paginate(script, layout)`` lays the script out on it the way Final Draft does.
"""

from paperwork.paginator.layout import layout_for
from paperwork.paginator.paginate import paginate

__all__ = ["layout_for", "paginate"]
