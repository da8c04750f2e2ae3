app_name = "confidentiality"
urlpatterns: list = []
