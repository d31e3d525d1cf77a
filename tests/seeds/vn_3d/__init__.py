"""A 3D-printing shop in Vietnam (SPEC §2): Vietnamese pages, Ho Chi Minh City's clock, the PDPL."""

COUNTRY = "VN"
LANGUAGE = "vi"

# (promise id, check in tests/seeds/walk.py, the policy's sentence)
PROMISES = [
    ("view", "view_data",
     "Customers log in to a customer information page to view their data."),
    ("edit", "edit_data",
     "... to edit their data."),
    ("delete", "delete_data",
     "... or to delete their data."),
    ("access", "access_copy",
     "Rights: access and a copy."),
    ("rectification", "rectification",
     "Rights: rectification."),
    ("objection", "objection",
     "Rights: objection."),
    ("withdraw", "withdraw_consent",
     "Rights: withdrawal of consent (without affecting earlier lawful processing)."),
    ("deletion-30", "deletion_within_30_days_not_used_meanwhile",
     "Deletion immediately, within a maximum of 30 days, with the data not used or disclosed while the "
     "request is processed."),
    ("regime", "regime_clock",
     "Requests answered on the clock of the law that applies (the PDPL, and Decree 13/2023/ND-CP where it "
     "still applies)."),
    ("language", "pages_in_the_shops_language",
     "The policy and pages in Vietnamese."),
    ("clock", "clocks_in_the_shops_zone",
     "Days counted in the shop's time zone (Asia/Ho_Chi_Minh)."),
    ("identity", "verify_by_data_held",
     "Identity: verify the requester by matching data already held."),
    ("collected", "collected_data_declared",
     "Collected data: name, e-mail, phone, address, national ID (credit checks), IP address, visit history, "
     "payment, orders, reviews, support chats."),
    ("passwords", "passwords_not_guessable",
     "Passwords must not be easily guessed (birthday, phone number)."),
    ("cookies", "cookie_groups",
     "Cookies: functional, analytic and marketing groups; declining keeps only the functional ones."),
]
# Promises software could keep that this walk does not cover yet, and why.
NOT_COVERED = [
]
