"""What each role gets on a GET of every route (owner, anonymous, other customer, staff without
permissions, view-only staff, full staff), with the owner's ids filled in and tokens guessed.

A route missing here fails ``test_every_route_has_an_expectation``: say what each role should get.
"""

L, OK, RE, DEN, MISS, BAD, METH = "login", "ok", "reauth", "denied", "missing", "bad", "method"

EXPECTED: dict[str, tuple[str, ...]] = {
    'home': (OK, OK, OK, OK, OK, OK),  # /
    'product_list': (OK, OK, OK, OK, OK, OK),  # /shop/products/
    'product_detail': (OK, OK, OK, OK, OK, OK),  # /shop/products/pla-black-3/
    'review_create': (METH, L, METH, METH, METH, METH),  # /shop/products/pla-black-3/review/
    'cart': (OK, OK, OK, OK, OK, OK),  # /shop/cart/
    'cart_add': (METH, METH, METH, METH, METH, METH),  # /shop/cart/add/1/
    'cart_update': (METH, METH, METH, METH, METH, METH),  # /shop/cart/update/1/
    'cart_remove': (METH, METH, METH, METH, METH, METH),  # /shop/cart/remove/1/
    'checkout': (OK, OK, OK, OK, OK, OK),  # /shop/checkout/
    'order_list': (OK, L, OK, OK, OK, OK),  # /shop/orders/
    'order_detail': (OK, L, MISS, MISS, MISS, MISS),  # /shop/orders/FF-100007/
    'order_confirmation': (OK, MISS, MISS, MISS, MISS, MISS),  # /shop/orders/FF-100007/confirmation/
    'wishlist': (OK, L, OK, OK, OK, OK),  # /shop/wishlist/
    'wishlist_add': (METH, L, METH, METH, METH, METH),  # /shop/wishlist/add/1/
    'wishlist_remove': (METH, L, METH, METH, METH, METH),  # /shop/wishlist/remove/1/
    'contact': (OK, OK, OK, OK, OK, OK),  # /shop/contact/
    'profile': (OK, L, OK, OK, OK, OK),  # /shop/account/
    'profile_edit': (RE, L, RE, RE, RE, RE),  # /shop/account/edit/
    'address_list': (OK, L, OK, OK, OK, OK),  # /shop/account/addresses/
    'address_create': (OK, L, OK, OK, OK, OK),  # /shop/account/addresses/new/
    'address_edit': (OK, L, MISS, MISS, MISS, MISS),  # /shop/account/addresses/1/edit/
    'address_delete': (OK, L, MISS, MISS, MISS, MISS),  # /shop/account/addresses/1/delete/
    'account_login': (OK, OK, OK, OK, OK, OK),  # /accounts/login/
    'account_logout': (OK, OK, OK, OK, OK, OK),  # /accounts/logout/
    'account_inactive': (OK, OK, OK, OK, OK, OK),  # /accounts/inactive/
    'account_signup': (OK, OK, OK, OK, OK, OK),  # /accounts/signup/
    'account_reauthenticate': (OK, RE, OK, OK, OK, OK),  # /accounts/reauthenticate/
    'account_email': (OK, L, OK, OK, OK, OK),  # /accounts/email/
    'account_email_verification_sent': (OK, OK, OK, OK, OK, OK),  # /accounts/confirm-email/
    'account_change_password': (OK, L, OK, OK, OK, OK),  # /accounts/password/change/
    'account_set_password': (OK, L, OK, OK, OK, OK),  # /accounts/password/set/
    'account_reset_password': (OK, OK, OK, OK, OK, OK),  # /accounts/password/reset/
    'account_confirm_login_code': (OK, L, OK, OK, OK, OK),  # /accounts/login/code/confirm/
    'account_confirm_email': (OK, OK, OK, OK, OK, OK),  # /accounts/confirm-email/f4DiNv6YM76qOZGzSOJaFQsXtFlfZ-lY/
    'account_reset_password_from_key_done': (OK, OK, OK, OK, OK, OK),  # /accounts/password/reset/key/done/
    'account_reset_password_from_key': (OK, OK, OK, OK, OK, OK),
    'account_reset_password_done': (OK, OK, OK, OK, OK, OK),  # /accounts/password/reset/done/
    'socialaccount_login_cancelled': (OK, OK, OK, OK, OK, OK),  # /accounts/3rdparty/login/cancelled/
    'socialaccount_login_error': (L, L, L, L, L, L),  # /accounts/3rdparty/login/error/
    'socialaccount_signup': (L, L, L, L, L, L),  # /accounts/3rdparty/signup/
    'socialaccount_connections': (OK, L, OK, OK, OK, OK),  # /accounts/3rdparty/
    '<accounts/social/login/cancelled/>': (L, L, L, L, L, L),  # /accounts/social/login/cancelled/
    '<accounts/social/login/error/>': (L, L, L, L, L, L),  # /accounts/social/login/error/
    '<accounts/social/signup/>': (OK, OK, OK, OK, OK, OK),  # /accounts/social/signup/
    '<accounts/social/connections/>': (OK, OK, OK, OK, OK, OK),  # /accounts/social/connections/
    'usersessions_list': (OK, L, OK, OK, OK, OK),  # /accounts/sessions/
    'privacy_center:overview': (OK, L, OK, OK, OK, OK),  # /privacy/
    'privacy_center:requests': (OK, L, OK, OK, OK, OK),  # /privacy/requests/
    'privacy_center:request_new': (OK, L, OK, OK, OK, OK),  # /privacy/requests/new/
    'privacy_center:request_guest': (OK, OK, OK, OK, OK, OK),  # /privacy/requests/guest/
    'privacy_center:request_guest_verify': (BAD, BAD, BAD, BAD, BAD, BAD),
    'privacy_center:request_agent': (OK, OK, OK, OK, OK, OK),  # /privacy/requests/agent/
    'privacy_center:request_detail': (OK, L, MISS, MISS, MISS, MISS),
    'privacy_center:request_message': (METH, METH, METH, METH, METH, METH),
    'privacy_center:request_cancel': (OK, L, MISS, MISS, MISS, MISS),
    'privacy_center:request_order_proof': (METH, METH, METH, METH, METH, METH),
    'privacy_center:data': (OK, L, OK, OK, OK, OK),  # /privacy/data/
    'privacy_center:data_source': (OK, L, OK, OK, OK, OK),  # /privacy/data/shop_demo.address/
    'privacy_center:data_edit': (OK, L, MISS, MISS, MISS, MISS),  # /privacy/data/shop_demo.address/1/
    'privacy_center:exports': (OK, L, OK, OK, OK, OK),  # /privacy/exports/
    'privacy_center:export_detail': (OK, L, MISS, MISS, MISS, MISS),
    'privacy_center:export_download': (METH, L, METH, METH, METH, METH),
    'privacy_center:export_guest': ('410', '410', '410', '410', '410', '410'),
    'privacy_center:timeline': (OK, L, OK, OK, OK, OK),  # /privacy/timeline/
    'privacy_center:restriction': (OK, L, OK, OK, OK, OK),  # /privacy/restriction/
    'privacy_center:data_contest': (METH, L, METH, METH, METH, METH),
    'privacy_center:data_contest_withdraw': (METH, L, METH, METH, METH, METH),
    'privacy_center:request_documents': (METH, METH, METH, METH, METH, METH),  # POST only
    'privacy_center:cookies': (OK, OK, OK, OK, OK, OK),  # /privacy/cookies/
    'privacy_center:preferences': (OK, L, OK, OK, OK, OK),  # /privacy/preferences/
    'privacy_center:choices': (OK, OK, OK, OK, OK, OK),  # /privacy/choices/
    'privacy_center:do_not_sell': (OK, OK, OK, OK, OK, OK),  # /privacy/do-not-sell-or-share/
    'privacy_center:remove_posts': (OK, L, OK, OK, OK, OK),  # /privacy/posts/
    'privacy_center:newsletter': (OK, OK, OK, OK, OK, OK),  # /privacy/newsletter/
    'privacy_center:newsletter_confirm': (BAD, BAD, BAD, BAD, BAD, BAD),
    'privacy_center:unsubscribe': (MISS, MISS, MISS, MISS, MISS, MISS),  # /privacy/u/MFYtSy5FCs_-182O7E_HfyjFIMtZaeNq/
    'privacy_center:notice': (OK, OK, OK, OK, OK, OK),  # /privacy/notice/
    'privacy_center:policy_acknowledge': (METH, L, METH, METH, METH, METH),  # /privacy/notice/acknowledge/
    'privacy_center:delete': (OK, L, OK, OK, OK, OK),  # /privacy/delete/
    'privacy_center:delete_scheduled': (OK, OK, OK, OK, OK, OK),  # /privacy/delete/scheduled/
    'privacy_center:delete_cancel': (MISS, MISS, MISS, MISS, MISS, MISS),
    'cookie_consent_accept': (METH, METH, METH, METH, METH, METH),  # /cookies/accept/
    'cookie_consent_decline': (METH, METH, METH, METH, METH, METH),  # /cookies/decline/
    'cookie_consent_status': (OK, OK, OK, OK, OK, OK),  # /cookies/status/
    'cookie_consent_cookie_group_list': (OK, OK, OK, OK, OK, OK),  # /cookies/
    'gpc_json': (OK, OK, OK, OK, OK, OK),  # /.well-known/gpc.json
    'privacy_center_api:me': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/me/
    'privacy_center_api:data': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/data/
    'privacy_center_api:data_source': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/data/shop_demo.address/
    'privacy_center_api:data_row': (OK, DEN, MISS, MISS, MISS, MISS),  # /api/privacy/data/shop_demo.address/1/
    'privacy_center_api:exports': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/exports/
    'privacy_center_api:export_detail': (OK, DEN, MISS, MISS, MISS, MISS),
    'privacy_center_api:timeline': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/timeline/
    'privacy_center_api:requests': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/requests/
    'privacy_center_api:request_documents': (OK, DEN, MISS, MISS, MISS, MISS),  # the owner's list
    'privacy_center_api:request_detail': (OK, DEN, MISS, MISS, MISS, MISS),
    'privacy_center_api:request_messages': (OK, DEN, MISS, MISS, MISS, MISS),
    'privacy_center_api:request_cancel': (METH, DEN, METH, METH, METH, METH),
    'privacy_center_api:staff_requests': (DEN, DEN, DEN, DEN, OK, OK),  # /api/privacy/staff/requests/
    'privacy_center_api:staff_request_transition': (DEN, DEN, DEN, DEN, METH, METH),
    'privacy_center_api:consents': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/consents/
    'privacy_center_api:preferences': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/preferences/
    'privacy_center_api:policy': (OK, OK, OK, OK, OK, OK),  # /api/privacy/policy/
    'privacy_center_api:policy_acknowledge': (METH, DEN, METH, METH, METH, METH),  # /api/privacy/policy/acknowledge/
    'privacy_center_api:erasure': (DEN, DEN, DEN, DEN, DEN, DEN),  # /api/privacy/erasure/
    'privacy_center_api:erasure_plan': (OK, DEN, OK, OK, OK, OK),  # /api/privacy/erasure/plan/
    'privacy_center_api:erasure_cancel': (METH, METH, METH, METH, METH, METH),  # /api/privacy/erasure/cancel/
    'schema': (OK, OK, OK, OK, OK, OK),  # /api/schema/
    'api-docs': (OK, OK, OK, OK, OK, OK),  # /api/docs/
    'admin:index': (L, L, L, OK, OK, OK),  # /admin/
    'admin:login': (OK, OK, OK, OK, OK, OK),  # /admin/login/
    'admin:logout': (OK, OK, OK, METH, METH, METH),  # /admin/logout/
    'admin:password_change': (L, L, L, OK, OK, OK),  # /admin/password_change/
    'admin:password_change_done': (L, L, L, OK, OK, OK),  # /admin/password_change/done/
    'admin:autocomplete': (L, L, L, DEN, DEN, DEN),  # /admin/autocomplete/
    'admin:jsi18n': (L, L, L, OK, OK, OK),  # /admin/jsi18n/
    'admin:view_on_site': (L, L, L, MISS, MISS, MISS),  # /admin/r/nenJgEu2lpQL_4Vds41Y1y7HDI2WKRu3/1/
    'admin:auth_group_changelist': (L, L, L, DEN, DEN, OK),  # /admin/auth/group/
    'admin:auth_group_add': (L, L, L, DEN, DEN, OK),  # /admin/auth/group/add/
    'admin:auth_group_history': (L, L, L, OK, OK, OK),  # /admin/auth/group/1/history/
    'admin:auth_group_delete': (L, L, L, DEN, DEN, OK),  # /admin/auth/group/1/delete/
    'admin:auth_group_change': (L, L, L, DEN, DEN, OK),  # /admin/auth/group/1/change/
    'admin:<admin/auth/group/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/auth/group/1/
    'admin:auth_user_password_change': (L, L, L, DEN, DEN, MISS),
    'admin:auth_user_changelist': (L, L, L, DEN, DEN, OK),  # /admin/auth/user/
    'admin:auth_user_add': (L, L, L, DEN, DEN, OK),  # /admin/auth/user/add/
    'admin:auth_user_history': (L, L, L, DEN, DEN, OK),  # /admin/auth/user/1/history/
    'admin:auth_user_delete': (L, L, L, DEN, DEN, OK),  # /admin/auth/user/1/delete/
    'admin:auth_user_change': (L, L, L, DEN, DEN, OK),  # /admin/auth/user/1/change/
    'admin:<admin/auth/user/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/auth/user/1/
    'admin:account_emailaddress_changelist': (L, L, L, DEN, DEN, OK),  # /admin/account/emailaddress/
    'admin:account_emailaddress_add': (L, L, L, DEN, DEN, OK),  # /admin/account/emailaddress/add/
    'admin:account_emailaddress_history': (L, L, L, DEN, DEN, OK),  # /admin/account/emailaddress/1/history/
    'admin:account_emailaddress_delete': (L, L, L, DEN, DEN, OK),  # /admin/account/emailaddress/1/delete/
    'admin:account_emailaddress_change': (L, L, L, DEN, DEN, OK),  # /admin/account/emailaddress/1/change/
    'admin:<admin/account/emailaddress/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/account/emailaddress/1/
    'admin:socialaccount_socialapp_changelist': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialapp/
    'admin:socialaccount_socialapp_add': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialapp/add/
    'admin:socialaccount_socialapp_history': (L, L, L, OK, OK, OK),  # /admin/socialaccount/socialapp/1/history/
    'admin:socialaccount_socialapp_delete': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialapp/1/delete/
    'admin:socialaccount_socialapp_change': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialapp/1/change/
    'admin:<admin/socialaccount/socialapp/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:socialaccount_socialtoken_changelist': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialtoken/
    'admin:socialaccount_socialtoken_add': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialtoken/add/
    'admin:socialaccount_socialtoken_history': (L, L, L, OK, OK, OK),  # /admin/socialaccount/socialtoken/1/history/
    'admin:socialaccount_socialtoken_delete': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialtoken/1/delete/
    'admin:socialaccount_socialtoken_change': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialtoken/1/change/
    'admin:<admin/socialaccount/socialtoken/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:socialaccount_socialaccount_changelist': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialaccount/
    'admin:socialaccount_socialaccount_add': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialaccount/add/
    'admin:socialaccount_socialaccount_history': (L, L, L, OK, OK, OK),  # /admin/socialaccount/socialaccount/1/history/
    'admin:socialaccount_socialaccount_delete': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialaccount/1/delete/
    'admin:socialaccount_socialaccount_change': (L, L, L, DEN, DEN, OK),  # /admin/socialaccount/socialaccount/1/change/
    'admin:<admin/socialaccount/socialaccount/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:usersessions_usersession_changelist': (L, L, L, DEN, DEN, OK),  # /admin/usersessions/usersession/
    'admin:usersessions_usersession_add': (L, L, L, DEN, DEN, OK),  # /admin/usersessions/usersession/add/
    'admin:usersessions_usersession_history': (L, L, L, DEN, DEN, OK),  # /admin/usersessions/usersession/1/history/
    'admin:usersessions_usersession_delete': (L, L, L, DEN, DEN, OK),  # /admin/usersessions/usersession/1/delete/
    'admin:usersessions_usersession_change': (L, L, L, DEN, DEN, OK),  # /admin/usersessions/usersession/1/change/
    'admin:<admin/usersessions/usersession/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_center_suppressedemail_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_suppressedemail_add': (L, L, L, DEN, DEN, DEN),  # /admin/privacy_center/suppressedemail/add/
    'admin:privacy_center_suppressedemail_history': (L, L, L, OK, OK, OK),
    'admin:privacy_center_suppressedemail_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_suppressedemail_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_center/suppressedemail/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_center_accuracydispute_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_accuracydispute_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_accuracydispute_history': (L, L, L, OK, OK, OK),
    'admin:privacy_center_accuracydispute_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_accuracydispute_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_center/accuracydispute/<path:object_id>/>': (L, L, L, OK, OK, OK),
    # The outbox: read-only rows for staff who may see it (full staff); retry/cancel are POST actions.
    'admin:privacy_center_outboxmessage_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_outboxmessage_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_outboxmessage_history': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_outboxmessage_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_outboxmessage_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_center/outboxmessage/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_center_recipientnotification_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_recipientnotification_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_recipientnotification_history': (L, L, L, OK, OK, OK),  # no row 1: back to the index
    'admin:privacy_center_recipientnotification_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_recipientnotification_change': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_recipientnotification_resolve': (L, L, L, DEN, DEN, MISS),  # no row 1
    'admin:<admin/privacy_center/recipientnotification/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_center_processingrecordversion_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_processingrecordversion_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_processingrecordversion_history': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_processingrecordversion_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_center_processingrecordversion_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_center/processingrecordversion/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_center_processing_record': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_processing_record_download': (L, L, L, DEN, DEN, MISS),  # a guessed format
    'admin:privacy_center_processing_record_diff': (L, L, L, DEN, DEN, OK),
    'admin:privacy_center_data_map': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_subjecterasure_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_subjecterasure_add': (L, L, L, DEN, DEN, DEN),  # /admin/privacy_erasure/subjecterasure/add/
    'admin:privacy_erasure_subjecterasure_history': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_subjecterasure_delete': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_subjecterasure_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_erasure/subjecterasure/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_legalholdrecord_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_legalholdrecord_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_erasure_legalholdrecord_history': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_legalholdrecord_delete': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_legalholdrecord_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_erasure/legalholdrecord/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_erasuretombstone_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_erasuretombstone_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_erasure_erasuretombstone_history': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_erasuretombstone_delete': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_erasuretombstone_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_erasure/erasuretombstone/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_inactivitywarning_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_inactivitywarning_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_erasure_inactivitywarning_history': (L, L, L, OK, OK, OK),
    'admin:privacy_erasure_inactivitywarning_delete': (L, L, L, DEN, DEN, OK),
    'admin:privacy_erasure_inactivitywarning_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_erasure/inactivitywarning/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_consentrecord_changelist': (L, L, L, DEN, DEN, OK),  # /admin/privacy_consent/consentrecord/
    'admin:privacy_consent_consentrecord_add': (L, L, L, DEN, DEN, DEN),  # /admin/privacy_consent/consentrecord/add/
    'admin:privacy_consent_consentrecord_history': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_consentrecord_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_consentrecord_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_consent/consentrecord/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_privacysignal_changelist': (L, L, L, DEN, DEN, OK),  # /admin/privacy_consent/privacysignal/
    'admin:privacy_consent_privacysignal_add': (L, L, L, DEN, DEN, DEN),  # /admin/privacy_consent/privacysignal/add/
    'admin:privacy_consent_privacysignal_history': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_privacysignal_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_privacysignal_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_consent/privacysignal/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_subscription_changelist': (L, L, L, DEN, DEN, OK),  # /admin/privacy_consent/subscription/
    'admin:privacy_consent_subscription_add': (L, L, L, DEN, DEN, DEN),  # /admin/privacy_consent/subscription/add/
    'admin:privacy_consent_subscription_history': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_subscription_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_subscription_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_consent/subscription/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_preferencechange_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_consent_preferencechange_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_preferencechange_history': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_preferencechange_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_preferencechange_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_consent/preferencechange/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_policyacknowledgement_changelist': (L, L, L, DEN, DEN, OK),
    'admin:privacy_consent_policyacknowledgement_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_policyacknowledgement_history': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_policyacknowledgement_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_consent_policyacknowledgement_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_consent/policyacknowledgement/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_privacypolicy_changelist': (L, L, L, DEN, DEN, OK),  # /admin/privacy_consent/privacypolicy/
    'admin:privacy_consent_privacypolicy_add': (L, L, L, DEN, DEN, OK),  # /admin/privacy_consent/privacypolicy/add/
    'admin:privacy_consent_privacypolicy_history': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_privacypolicy_delete': (L, L, L, OK, OK, OK),
    'admin:privacy_consent_privacypolicy_change': (L, L, L, DEN, DEN, OK),
    'admin:<admin/privacy_consent/privacypolicy/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:cookie_consent_cookie_changelist': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookie/
    'admin:cookie_consent_cookie_add': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookie/add/
    'admin:cookie_consent_cookie_history': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookie/1/history/
    'admin:cookie_consent_cookie_delete': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookie/1/delete/
    'admin:cookie_consent_cookie_change': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookie/1/change/
    'admin:<admin/cookie_consent/cookie/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/cookie_consent/cookie/1/
    'admin:cookie_consent_cookiegroup_changelist': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookiegroup/
    'admin:cookie_consent_cookiegroup_add': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookiegroup/add/
    'admin:cookie_consent_cookiegroup_history': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookiegroup/1/history/
    'admin:cookie_consent_cookiegroup_delete': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookiegroup/1/delete/
    'admin:cookie_consent_cookiegroup_change': (L, L, L, DEN, DEN, OK),  # /admin/cookie_consent/cookiegroup/1/change/
    'admin:<admin/cookie_consent/cookiegroup/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:privacy_requests_privacyrequest_dashboard': (L, L, L, DEN, OK, OK),
    'admin:privacy_requests_privacyrequest_act': (L, L, L, METH, METH, METH),
    'admin:privacy_requests_privacyrequest_reply': (L, L, L, METH, METH, METH),
    'admin:privacy_requests_privacyrequest_proof': (L, L, L, DEN, DEN, RE),  # downloads need a re-authentication
    'admin:privacy_requests_privacyrequest_export': (L, L, L, DEN, DEN, RE),
    'admin:privacy_requests_privacyrequest_changelist': (L, L, L, DEN, OK, OK),
    'admin:privacy_requests_privacyrequest_add': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_requests_privacyrequest_history': (L, L, L, DEN, OK, OK),
    'admin:privacy_requests_privacyrequest_delete': (L, L, L, DEN, DEN, DEN),
    'admin:privacy_requests_privacyrequest_change': (L, L, L, DEN, OK, OK),
    'admin:<admin/privacy_requests/privacyrequest/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:shop_demo_product_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/product/
    'admin:shop_demo_product_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/product/add/
    'admin:shop_demo_product_history': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/product/1/history/
    'admin:shop_demo_product_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/product/1/delete/
    'admin:shop_demo_product_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/product/1/change/
    'admin:<admin/shop_demo/product/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/product/1/
    'admin:shop_demo_customerprofile_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/customerprofile/
    'admin:shop_demo_customerprofile_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/customerprofile/add/
    'admin:shop_demo_customerprofile_history': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/customerprofile/1/history/
    'admin:shop_demo_customerprofile_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/customerprofile/1/delete/
    'admin:shop_demo_customerprofile_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/customerprofile/1/change/
    'admin:<admin/shop_demo/customerprofile/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:shop_demo_address_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/address/
    'admin:shop_demo_address_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/address/add/
    'admin:shop_demo_address_history': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/address/1/history/
    'admin:shop_demo_address_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/address/1/delete/
    'admin:shop_demo_address_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/address/1/change/
    'admin:<admin/shop_demo/address/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/address/1/
    'admin:shop_demo_order_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/order/
    'admin:shop_demo_order_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/order/add/
    'admin:shop_demo_order_history': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/order/1/history/
    'admin:shop_demo_order_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/order/1/delete/
    'admin:shop_demo_order_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/order/1/change/
    'admin:<admin/shop_demo/order/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/order/1/
    'admin:shop_demo_payment_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/payment/
    'admin:shop_demo_payment_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/payment/add/
    'admin:shop_demo_payment_history': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/payment/1/history/
    'admin:shop_demo_payment_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/payment/1/delete/
    'admin:shop_demo_payment_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/payment/1/change/
    'admin:<admin/shop_demo/payment/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/payment/1/
    'admin:shop_demo_review_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/review/
    'admin:shop_demo_review_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/review/add/
    'admin:shop_demo_review_history': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/review/1/history/
    'admin:shop_demo_review_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/review/1/delete/
    'admin:shop_demo_review_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/review/1/change/
    'admin:<admin/shop_demo/review/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/review/1/
    'admin:shop_demo_wishlistitem_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/wishlistitem/
    'admin:shop_demo_wishlistitem_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/wishlistitem/add/
    'admin:shop_demo_wishlistitem_history': (L, L, L, OK, OK, OK),  # /admin/shop_demo/wishlistitem/1/history/
    'admin:shop_demo_wishlistitem_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/wishlistitem/1/delete/
    'admin:shop_demo_wishlistitem_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/wishlistitem/1/change/
    'admin:<admin/shop_demo/wishlistitem/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/wishlistitem/1/
    'admin:shop_demo_supportmessage_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/supportmessage/
    'admin:shop_demo_supportmessage_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/supportmessage/add/
    'admin:shop_demo_supportmessage_history': (L, L, L, OK, OK, OK),  # /admin/shop_demo/supportmessage/1/history/
    'admin:shop_demo_supportmessage_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/supportmessage/1/delete/
    'admin:shop_demo_supportmessage_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/supportmessage/1/change/
    'admin:<admin/shop_demo/supportmessage/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:shop_demo_newslettersignup_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/newslettersignup/
    'admin:shop_demo_newslettersignup_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/newslettersignup/add/
    'admin:shop_demo_newslettersignup_history': (L, L, L, OK, OK, OK),  # /admin/shop_demo/newslettersignup/1/history/
    'admin:shop_demo_newslettersignup_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/newslettersignup/1/delete/
    'admin:shop_demo_newslettersignup_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/newslettersignup/1/change/
    'admin:<admin/shop_demo/newslettersignup/<path:object_id>/>': (L, L, L, OK, OK, OK),
    'admin:shop_demo_visitlog_changelist': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/visitlog/
    'admin:shop_demo_visitlog_add': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/visitlog/add/
    'admin:shop_demo_visitlog_history': (L, L, L, OK, OK, OK),  # /admin/shop_demo/visitlog/1/history/
    'admin:shop_demo_visitlog_delete': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/visitlog/1/delete/
    'admin:shop_demo_visitlog_change': (L, L, L, DEN, DEN, OK),  # /admin/shop_demo/visitlog/1/change/
    'admin:<admin/shop_demo/visitlog/<path:object_id>/>': (L, L, L, OK, OK, OK),  # /admin/shop_demo/visitlog/1/
    'admin:app_list': (L, L, L, MISS, MISS, OK),  # /admin/shop_demo/
    'admin:<admin/(?P<url>.*)$>': (L, L, L, MISS, MISS, MISS),  # /admin/no-such-page/
    # The language switcher (POST); a GET redirects back.
    'set_language': (OK, OK, OK, OK, OK, OK),
    # The JavaScript translation catalogue of the privacy pages' scripts: public.
    'privacy_center:jsi18n': (OK, OK, OK, OK, OK, OK),
    # Django's set_language under the privacy pages (the switcher posts there); a GET redirects back.
    'privacy_center:set_language': (OK, OK, OK, OK, OK, OK),
}
