"""What the request pages and the requests API share: the steps before a service call.

A flow takes the HTTP request (for who is asking and whether they re-authenticated), checks, limits
and validates, then calls one service. Pages and API catch the same exceptions and present them in
their own way (a form error, a 403 or 429 JSON answer), so both behave alike.
"""
