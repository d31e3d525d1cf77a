/* The demo shop's own analytics, loaded only after the visitor accepts the "analytics" cookie group
 * (the layout emits it through {% privacy_consent_script "analytics" ... %}). First-party: it counts
 * page views in the ff_analytics cookie and sends nothing anywhere. */
(function () {
  "use strict";
  var name = "ff_analytics";
  var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
  var parts = match ? decodeURIComponent(match[1]).split(".") : [];
  var id = parts[0] || Math.random().toString(36).slice(2) + Date.now().toString(36);
  var views = (parseInt(parts[1], 10) || 0) + 1;
  var maxAge = 395 * 24 * 3600;
  document.cookie = name + "=" + encodeURIComponent(id + "." + views) + "; path=/; max-age=" + maxAge + "; SameSite=Lax";
  window.shopDemoAnalytics = {loaded: true, visitor: id, pageViews: views, path: window.location.pathname};
  document.documentElement.setAttribute("data-analytics", "loaded");
})();
