"""Working-day API: ``GET /api/core/workdays/add/?start=YYYY-MM-DD&days=N``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengwu.core.selectors import load_calendar
from zhengwu.core.workdays import MAX_WORKDAYS, CalendarYearMissing, add_workdays


class WorkdaysAddApi(APIView):
    """Due date of a period of N working days counted from the day after ``start`` (次日起算)."""

    class InputSerializer(serializers.Serializer):
        start = serializers.DateField(
            input_formats=["%Y-%m-%d"],
            error_messages={
                "required": gettext_lazy("缺少起算日期start。"),
                "invalid": gettext_lazy("起算日期start格式错误，应为YYYY-MM-DD。"),
            },
        )
        days = serializers.IntegerField(
            min_value=0,
            max_value=MAX_WORKDAYS,
            error_messages={
                "required": gettext_lazy("缺少工作日数days。"),
                "invalid": gettext_lazy("工作日数days应为整数。"),
                "min_value": gettext_lazy("工作日数days不能为负数。"),
                "max_value": gettext_lazy("工作日数days不能超过{max_value}。"),
            },
        )

    class OutputSerializer(serializers.Serializer):
        start = serializers.DateField()
        days = serializers.IntegerField()
        due_date = serializers.DateField()
        explanation = serializers.ListField(child=serializers.CharField())

        class Meta:
            ref_name = "WorkdaysAddOutput"

    @extend_schema(
        parameters=[InputSerializer],
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="请求参数有误（detail + errors）"),
            409: OpenApiResponse(description="缺少某年的节假日安排（detail + missing_year）"),
        },
    )
    def get(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.query_params)
        if not data.is_valid():
            return Response(
                {"detail": _("请求参数有误。"), "errors": data.errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        start, days = data.validated_data["start"], data.validated_data["days"]
        try:
            result = add_workdays(start, days, load_calendar())
        except CalendarYearMissing as exc:
            return Response(
                {"detail": exc.message, "code": exc.code, "missing_year": exc.year},
                status=status.HTTP_409_CONFLICT,
            )
        except ValueError as exc:  # e.g. a year past the calendar's horizon
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        output = self.OutputSerializer(
            {
                "start": start,
                "days": days,
                "due_date": result.due_date,
                "explanation": result.explain(),
            }
        )
        return Response(output.data)
