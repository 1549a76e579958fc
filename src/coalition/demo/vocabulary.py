"""Invented, plausible names for the demo coalition. No real organisation or person."""

# (English, Dari, Pashto) templates; {p} is the province name in that language.
AF_MEMBER_TEMPLATES = [
    (
        "national_ngo",
        "{p} Education Development Organisation",
        "سازمان انکشاف معارف {p}",
        "د {p} د ښوونې د پراختیا سازمان",
        ["primary", "sdg4.1"],
    ),
    (
        "womens_group",
        "{p} Women's Literacy Association",
        "انجمن سوادآموزی زنان {p}",
        "د {p} د ښځو د سواد ټولنه",
        ["adult_literacy", "sdg4.6", "girls"],
    ),
    (
        "youth_group",
        "{p} Youth for Learning",
        "جوانان برای آموزش {p}",
        "د {p} ځوانان د زده کړې لپاره",
        ["secondary", "tvet", "sdg4.4"],
    ),
    (
        "network",
        "{p} Community Schools Network",
        "شبکه مکاتب اجتماعی {p}",
        "د {p} د ټولنیزو ښوونځیو شبکه",
        ["primary", "emergencies", "sdg4.1"],
    ),
    (
        "teachers_union",
        "{p} Teachers' Association",
        "انجمن معلمان {p}",
        "د {p} د ښوونکو ټولنه",
        ["teachers", "sdg4.c"],
    ),
    (
        "opd",
        "{p} Organisation of Persons with Disabilities",
        "سازمان افراد دارای معلولیت {p}",
        "د {p} د معلولیت لرونکو کسانو سازمان",
        ["inclusive", "sdg4.5", "sdg4.a"],
    ),
    (
        "womens_group",
        "{p} Girls' Education Initiative",
        "ابتکار آموزش دختران {p}",
        "د {p} د نجونو د زده کړې نوښت",
        ["girls", "secondary", "sdg4.5"],
    ),
    (
        "national_ngo",
        "{p} Early Childhood Care Centre",
        "مرکز مراقبت از کودکان خردسال {p}",
        "د {p} د کوچنيو ماشومانو د پاملرنې مرکز",
        ["early_childhood", "sdg4.2"],
    ),
    (
        "national_ngo",
        "{p} Clean Schools Initiative",
        "ابتکار مکاتب پاک {p}",
        "د {p} د پاکو ښوونځیو نوښت",
        ["wash", "sdg4.a"],
    ),
]
AF_INGOS = [
    ("Open Classroom Alliance", "اتحاد صنف باز", "د پرانیستي ټولګي اتحاد"),
    ("Kites for Learning International", "بادبادک‌ها برای آموزش", "د زده کړې لپاره پتنګونه"),
    ("Bright Futures Education Trust", "بنیاد آموزشی آینده روشن", "د روښانه راتلونکي ښوونیز بنسټ"),
]

# (English, Khmer) templates for Cambodia.
KH_MEMBER_TEMPLATES = [
    (
        "national_ngo",
        "{p} Education Development Organisation",
        "អង្គការអភិវឌ្ឍន៍ការអប់រំ{p}",
        ["primary", "sdg4.1"],
    ),
    (
        "womens_group",
        "{p} Women's Literacy Association",
        "សមាគមអក្ខរកម្មស្ត្រី{p}",
        ["adult_literacy", "sdg4.6", "girls"],
    ),
    (
        "youth_group",
        "{p} Youth for Learning",
        "យុវជនដើម្បីការសិក្សា{p}",
        ["secondary", "tvet", "sdg4.4"],
    ),
    ("network", "{p} Community Schools Network", "បណ្តាញសាលារៀនសហគមន៍{p}", ["primary", "sdg4.1"]),
    ("teachers_union", "{p} Teachers' Association", "សមាគមគ្រូបង្រៀន{p}", ["teachers", "sdg4.c"]),
    (
        "opd",
        "{p} Disabled People's Organisation",
        "អង្គការជនពិការ{p}",
        ["inclusive", "sdg4.5", "sdg4.a"],
    ),
    (
        "womens_group",
        "{p} Girls' Education Initiative",
        "គំនិតផ្តួចផ្តើមអប់រំក្មេងស្រី{p}",
        ["girls", "secondary", "sdg4.5"],
    ),
    (
        "national_ngo",
        "{p} Early Childhood Care Centre",
        "មជ្ឈមណ្ឌលថែទាំកុមារតូច{p}",
        ["early_childhood", "sdg4.2"],
    ),
    ("national_ngo", "{p} Clean Schools Initiative", "គំនិតផ្តួចផ្តើមសាលាស្អាត{p}", ["wash", "sdg4.a"]),
]
KH_INGOS = [
    ("Open Classroom Alliance", "សម្ព័ន្ធថ្នាក់រៀនបើកចំហ"),
    ("Kites for Learning International", "ខ្លែងដើម្បីការសិក្សាអន្តរជាតិ"),
    ("Bright Futures Education Trust", "មូលនិធិអប់រំអនាគតភ្លឺស្វាង"),
]

PARTNERS = {
    "AF": [
        (
            "ministry",
            "Ministry of Education (demo)",
            "وزارت معارف (نمایشی)",
            "د پوهنې وزارت (نمایشي)",
        ),
        (
            "development_partner",
            "Northern Education Fund",
            "صندوق آموزشی شمال",
            "د شمال د ښوونې صندوق",
        ),
        (
            "development_partner",
            "Learning Partnership Facility",
            "تسهیلات مشارکت آموزشی",
            "د زده کړې د همکارۍ اسانتیا",
        ),
        (
            "un_agency",
            "UN Children's Agency (demo)",
            "اداره کودکان ملل متحد (نمایشی)",
            "د ملګرو ملتونو د ماشومانو اداره (نمایشي)",
        ),
        (
            "un_agency",
            "UN Education Office (demo)",
            "دفتر آموزش ملل متحد (نمایشی)",
            "د ملګرو ملتونو د ښوونې دفتر (نمایشي)",
        ),
    ],
    "KH": [
        ("ministry", "Ministry of Education (demo)", "ក្រសួងអប់រំ (សាកល្បង)"),
        ("development_partner", "Mekong Education Fund", "មូលនិធិអប់រំមេគង្គ"),
        ("development_partner", "Learning Partnership Facility", "យន្តការភាពជាដៃគូសិក្សា"),
        ("un_agency", "UN Children's Agency (demo)", "ទីភ្នាក់ងារកុមារអង្គការសហប្រជាជាតិ (សាកល្បង)"),
        ("un_agency", "UN Education Office (demo)", "ការិយាល័យអប់រំអង្គការសហប្រជាជាតិ (សាកល្បង)"),
    ],
}

GIVEN_NAMES = {
    "AF": [
        "Ahmad",
        "Fatima",
        "Zahra",
        "Mohammad",
        "Mariam",
        "Habiba",
        "Nasrin",
        "Karim",
        "Farid",
        "Shabnam",
        "Rahima",
        "Jawad",
        "Laila",
        "Samiullah",
        "Nargis",
        "Wahid",
    ],
    "KH": [
        "Sokha",
        "Dara",
        "Sophea",
        "Vanna",
        "Chanthy",
        "Ratha",
        "Sreyleak",
        "Bopha",
        "Visal",
        "Pisey",
        "Kanha",
        "Rithy",
        "Sreymom",
        "Vuthy",
        "Chenda",
        "Sambath",
    ],
}
FAMILY_NAMES = {
    "AF": [
        "Ahmadi",
        "Hakimi",
        "Rahimi",
        "Sultani",
        "Noori",
        "Karimi",
        "Azizi",
        "Popal",
        "Safi",
        "Haidari",
        "Amiri",
        "Yousufzai",
    ],
    "KH": [
        "Sok",
        "Chan",
        "Kim",
        "Heng",
        "Keo",
        "Meas",
        "Prak",
        "Ouk",
        "Seng",
        "Nhem",
        "Chea",
        "Lim",
    ],
}
POSITIONS = ["Director", "Programme manager", "Education officer", "Coordinator"]
