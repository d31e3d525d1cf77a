"""A Chinese maker-goods shop (SPEC §2): PIPL, simplified Chinese, corrections except the name."""

COUNTRY = "CN"
LANGUAGE = "zh-hans"

# (promise id, check in tests/seeds/walk.py, the policy's sentence)
PROMISES = [
    ("not-used-until-corrected", "not_used_until_corrected",
     "Your data is not used until the correction is done."),
    ("correct-except-name", "correct_except_name",
     "You may correct your data, except your name."),
    ("rectification", "rectification",
     "Rights: rectification."),
    ("access", "access_copy",
     "Rights: access and a copy."),
    ("delete", "delete_data",
     "Rights: erasure."),
    ("know", "know_categories_and_recipients",
     "Rights: know categories and recipients."),
    ("officer", "officer_and_policy_version",
     "A named privacy officer or contact."),
    ("language", "pages_in_the_shops_language",
     "Pages in simplified Chinese."),
    ("clock", "clocks_in_the_shops_zone",
     "Days counted in the shop's time zone (Asia/Shanghai)."),
    ("regime", "regime_clock",
     "Requests answered on the PIPL's clock."),
]
# Promises software could keep that this walk does not cover yet, and why.
NOT_COVERED: list[tuple[str, str]] = []
