"""Languages Django does not know out of the box.

Django ships no locale data for Pashto, so LANG_INFO lacks it and get_language_info('ps')
would fail. Register it once, before settings list it in LANGUAGES.
"""

from django.conf.locale import LANG_INFO

EXTRA_LANG_INFO = {
    "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
}
# Names in the language switcher, written as readers of each language write them. Our `fa`
# is Afghan Dari, so it is called دری, not فارسی.
LOCAL_NAMES = {"fa": "دری", "km": "ខ្មែរ"}


def register_extra_languages() -> None:
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)
    for code, name in LOCAL_NAMES.items():
        LANG_INFO[code] = {**LANG_INFO[code], "name_local": name}
