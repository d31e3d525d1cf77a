"""The settings china_maker adds to its Django settings for privacy_center."""

PRIVACY_CENTER_SHOP_COUNTRY = "CN"
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
PRIVACY_CENTER_DEFAULT_REGIMES = ["pipl"]
PRIVACY_CENTER_REQUEST_PROMISES: dict = {}
PRIVACY_CENTER_REQUEST_TYPES: dict = {}
# "You may correct your data, except your name."
PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": ["email"]}
PRIVACY_CENTER_CONTROLLER = {
    "name": "创客好物", "address": "深圳市南山区科技园 1 号", "email": "privacy@maker-goods.example",
    "officer": "王芳 (privacy officer)", "supervisory_authority": "国家互联网信息办公室 (CAC)",
}
