app_name = "printing"
urlpatterns: list = []
