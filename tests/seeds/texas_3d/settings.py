"""The settings texas_3d adds to its Django settings for privacy_center."""

PRIVACY_CENTER_SHOP_COUNTRY = "US"
TIME_ZONE = "America/Chicago"
LANGUAGE_CODE = "en"
PRIVACY_CENTER_DEFAULT_REGIMES = ["tdpsa"]
PRIVACY_CENTER_REQUEST_PROMISES = {
    "opt_out_sale": {"days": 15, "text": "We honour an opt-out of sale no later than fifteen (15) days."},
}
PRIVACY_CENTER_REQUEST_TYPES: dict = {}
# "No purpose requires keeping your information longer than 2 years."
PRIVACY_CENTER_MAX_RETENTION_DAYS = 730
PRIVACY_CENTER_RETENTION_DAYS = {
    "privacy_center.privacyevent": 730, "privacy_center.subjectflags": 730,
    "privacy_center.recipientnotification": 730, "privacy_consent.consentrecord": 730,
    "privacy_center.accuracydispute": 730,
    "shop_demo.order": 730, "shop_demo.orderline": 730, "shop_demo.payment": 730,
}
PRIVACY_CENTER_REQUEST_RETENTION_MONTHS = 24
PRIVACY_CENTER_BIRTH_DATE_FIELD = "profile.birth_date"
PRIVACY_CENTER_CONTROLLER = {
    "name": "Lone Star Layers LLC", "address": "500 W 2nd St, Austin, TX 78701, USA",
    "email": "privacy@lonestarlayers.example", "officer": "Dana Ruiz, privacy contact",
    "supervisory_authority": "Texas Attorney General, texasattorneygeneral.gov",
}
