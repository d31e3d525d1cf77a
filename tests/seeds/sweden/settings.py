"""The settings sweden adds to its Django settings for privacy_center."""

PRIVACY_CENTER_SHOP_COUNTRY = "SE"
TIME_ZONE = "Europe/Stockholm"
LANGUAGE_CODE = "sv"
PRIVACY_CENTER_DEFAULT_REGIMES = ["gdpr"]
PRIVACY_CENTER_REQUEST_PROMISES = {
    "erasure": {"days": 30, "text": "Vi raderar dina uppgifter inom högst 30 dagar och använder dem inte under tiden."},
}
PRIVACY_CENTER_REQUEST_TYPES: dict = {}
PRIVACY_CENTER_FREE_COPIES_PER_YEAR = 1
PRIVACY_CENTER_CONTROLLER = {
    "name": "Filament & Form AB", "address": "Sveavägen 1, 111 57 Stockholm, Sweden",
    "email": "privacy@filament-form.example", "officer": "Ada Lindqvist, privacy officer",
    "supervisory_authority": "Integritetsskyddsmyndigheten (IMY), imy.se",
}
