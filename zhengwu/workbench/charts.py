"""ECharts option dicts, built server-side and handed to the page with `json_script`.

`static/js/charts.js` calls `echarts.init` + `setOption` with them (no inline scripts; CSP).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .selectors import RoleCount


def staff_by_role_option(rows: Sequence[RoleCount]) -> dict[str, Any]:
    labels = [row.label for row in rows]
    values = [row.count for row in rows]
    return {
        "aria": {"enabled": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 8, "right": 32, "top": 16, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": labels, "inverse": True},
        "series": [
            {
                "name": "人数",
                "type": "bar",
                "data": values,
                "barMaxWidth": 22,
                "label": {"show": True, "position": "right"},
            }
        ],
    }
