from rest_framework.views import APIView


class WorkdaysAddApi(APIView):
    """Placeholder, implemented with the calendar."""
