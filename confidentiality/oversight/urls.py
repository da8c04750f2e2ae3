app_name = "confidentiality_oversight"
urlpatterns: list = []
