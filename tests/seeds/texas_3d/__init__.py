"""A 3D-printing shop in Texas (SPEC §2): TDPSA for Texans, CCPA for Californians, Shine the Light, minors' posts, a
2-year ceiling."""

COUNTRY = "US-TX"
LANGUAGE = "en"

# (promise id, check in tests/seeds/walk.py, the policy's sentence)
PROMISES = [
    ("opt-out-sale", "opt_out_of_sale",
     "Rights: opt-out of sale/sharing."),
    ("opt-out-15", "opt_out_within_15_days",
     "Opt-out of sale no later than fifteen (15) days."),
    ("know", "know_categories_and_recipients",
     "Rights: the right to know categories and recipients."),
    ("non-discrimination", "non_discrimination",
     "Rights: non-discrimination."),
    ("access", "access_copy",
     "Rights: access and a copy."),
    ("delete", "delete_data",
     "Rights: erasure."),
    ("ceiling", "retention_ceiling",
     "No purpose requires keeping your information longer than 2 years."),
    ("minors", "minors_remove_posts",
     "California minors may remove content they posted (Bus. & Prof. Code § 22581)."),
    ("shine-the-light", "shine_the_light",
     "Shine the Light (Cal. Civ. Code § 1798.83): names and addresses of third parties that received your "
     "data for their own direct marketing, once a year."),
    ("signals", "browser_signals_honoured",
     "Browsers' privacy signals (GPC) are honoured."),
    ("regime", "regime_clock",
     "Requests answered on the clock of the law that applies (TDPSA, 45 days)."),
    ("clock", "clocks_in_the_shops_zone",
     "Days counted in the shop's time zone (America/Chicago)."),
]
# Promises software could keep that this walk does not cover yet, and why.
NOT_COVERED = [
]
