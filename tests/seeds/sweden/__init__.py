"""A 3D-printing shop in Sweden (SPEC §2; the demo's own policy): GDPR, IMY, bookkeeping law, unpaid invoices."""

COUNTRY = "SE"
LANGUAGE = "sv"

# (promise id, check in tests/seeds/walk.py, the policy's sentence)
PROMISES = [
    ("bookkeeping", "bookkeeping_kept_7_years",
     "Bookkeeping data kept 7 years and not deletable on request."),
    ("unpaid", "kept_while_unpaid",
     "Kept until unpaid invoices are paid."),
    ("free-copy", "one_free_copy_a_year",
     "One free extract (copy of all data) a year."),
    ("portability", "portability",
     "Rights: portability."),
    ("restriction", "restriction",
     "Rights: restriction."),
    ("withdraw", "withdraw_consent",
     "Rights: withdrawal of consent."),
    ("deletion-30", "deletion_within_30_days_not_used_meanwhile",
     "Deletion within a maximum of 30 days, the data not used meanwhile."),
    ("complaint", "complaint_to_authority",
     "Rights: complaint to a supervisory authority (IMY)."),
    ("recipients", "recipients_told",
     "Third parties that received data are told of corrections and erasures."),
    ("cookies", "cookie_groups",
     "Cookies: functional, analytic and marketing groups; declining keeps only the functional ones."),
    ("newsletter", "newsletter_unsubscribe",
     "Newsletters: unsubscribe easily on the website at any time."),
    ("officer", "officer_and_policy_version",
     "A named privacy officer, and the policy's version and effective date shown."),
    ("language", "pages_in_the_shops_language",
     "Pages in Swedish."),
    ("clock", "clocks_in_the_shops_zone",
     "Days counted in the shop's time zone (Europe/Stockholm)."),
    ("regime", "regime_clock",
     "Requests answered within the GDPR's month."),
]
# Promises software could keep that this walk does not cover yet, and why.
NOT_COVERED = [
]
