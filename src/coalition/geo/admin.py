from django.contrib import admin

from coalition.geo.models import Area, Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "calendar", "primary_entry_age", "primary_duration"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "level", "country", "parent"]
    list_filter = ["country", "level"]
    search_fields = ["code", "name_en", "name_fa", "name_ps", "name_km"]
