"""The settings vn_pet adds to its Django settings for privacy_center."""

PRIVACY_CENTER_SHOP_COUNTRY = "VN"
TIME_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_CODE = "vi"
PRIVACY_CENTER_DEFAULT_REGIMES = ["vn_pdpl"]
PRIVACY_CENTER_REQUEST_PROMISES: dict = {}
# "We check, contact you, then delete."
PRIVACY_CENTER_REQUEST_TYPES = {"erasure": {"staff_approval": True}}
PRIVACY_CENTER_CONTROLLER = {
    "name": "Pet Shop Hà Nội", "address": "5 Hàng Bài, Hoàn Kiếm, Hà Nội", "email": "privacy@petshop.example",
    "officer": "Trần Văn Nam, privacy contact", "supervisory_authority": "A05, Bộ Công an",
}
