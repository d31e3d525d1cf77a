"""A Vietnamese pet shop (SPEC §2): requests with supporting documents, staff check before deletion, agents."""

COUNTRY = "VN"
LANGUAGE = "vi"

# (promise id, check in tests/seeds/walk.py, the policy's sentence)
PROMISES = [
    ("documents", "supporting_documents",
     "Other requests go by email with supporting documents."),
    ("check-then-delete", "staff_check_then_delete",
     "We check, contact you, then delete."),
    ("agents", "agents_show_proof",
     "Authorized agents must show proof; additional verification data is deleted once used."),
    ("view", "view_data",
     "Customers log in to a customer information page to view their data."),
    ("edit", "edit_data",
     "... and edit it."),
    ("objection", "objection",
     "Rights: objection."),
    ("newsletter", "newsletter_unsubscribe",
     "Newsletters: opt in at sign-up, unsubscribe easily on the website at any time."),
    ("cookies", "cookie_groups",
     "Cookies: declining keeps only the functional ones."),
    ("language", "pages_in_the_shops_language",
     "Pages in Vietnamese."),
    ("clock", "clocks_in_the_shops_zone",
     "Days counted in the shop's time zone (Asia/Ho_Chi_Minh)."),
    ("regime", "regime_clock",
     "Requests answered on the PDPL's clock."),
]
# Promises software could keep that this walk does not cover yet, and why.
NOT_COVERED = [
]
