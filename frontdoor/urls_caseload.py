"""The pages of one area of the front door (`frontdoor.urls` joins the areas)."""

urlpatterns = []
