from django.contrib.auth.backends import ModelBackend


class PhoneOrUsernameBackend(ModelBackend):
    pass
