from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language, get_language_info

from coalition.network.models import Organisation


def _has_synthetic_data() -> bool:
    flag = cache.get("coalition:synthetic")
    if flag is None:
        flag = Organisation.objects.filter(is_synthetic=True).exists()
        cache.set("coalition:synthetic", flag, 60)
    return flag


def site(request):
    """What every page's frame needs: language links, direction, the demo banner."""
    current = get_language() or "en"
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return {
        "site_languages": languages,
        "text_direction": "rtl" if get_language_info(current)["bidi"] else "ltr",
        "synthetic_data": _has_synthetic_data(),
        "deployment_country": settings.COALITION_COUNTRY,
        "today": timezone.localdate(),
    }
