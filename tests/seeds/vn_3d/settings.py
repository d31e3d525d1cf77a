"""The settings vn_3d adds to its Django settings for privacy_center."""

PRIVACY_CENTER_SHOP_COUNTRY = "VN"
TIME_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_CODE = "vi"
PRIVACY_CENTER_DEFAULT_REGIMES = ["vn_pdpl"]
PRIVACY_CENTER_REQUEST_PROMISES = {
    "erasure": {"days": 30, "text": "Chúng tôi xoá dữ liệu của bạn ngay, chậm nhất trong 30 ngày."},
}
PRIVACY_CENTER_REQUEST_TYPES: dict = {}
PRIVACY_CENTER_CONTROLLER = {
    "name": "In 3D Sài Gòn", "address": "12 Lê Lợi, Quận 1, TP. Hồ Chí Minh", "email": "privacy@in3d.example",
    "officer": "Nguyễn Thị Mai, privacy officer", "supervisory_authority": "A05, Bộ Công an",
}
