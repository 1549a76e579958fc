from django.contrib import admin

from coalition.network.models import MembershipApplication, MembershipEvent, Organisation, Person


class MembershipEventInline(admin.TabularInline):
    model = MembershipEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "effective_on", "reason", "actor"]
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "kind", "relationship", "membership_status", "listed_publicly"]
    list_filter = ["kind", "relationship", "membership_status", "listed_publicly"]
    search_fields = ["name_en", "name_fa", "name_ps", "name_km", "acronym"]
    inlines = [MembershipEventInline]
    # Membership changes go through the platform's pages so that they are dated and reasoned.
    readonly_fields = ["membership_status", "member_since"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organisation", "is_focal_point"]
    search_fields = ["full_name", "email"]


@admin.register(MembershipApplication)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "status", "created_at"]
    list_filter = ["status"]
