/* Progressive enhancement of the cookie banner: the form works without this file.
 * With it, a choice is saved in the background, Consent Mode is updated, scripts the
 * visitor now allows are loaded and the banner goes away without a page load. */
(function () {
  "use strict";
  // Strings come from Django's JavaScript catalog (privacy_center:jsi18n); English without it.
  var gettext = window.gettext || function (text) { return text; };

  function announce(text) {
    var status = document.createElement("p");
    status.className = "pcc-signal";
    status.setAttribute("role", "status");
    status.setAttribute("data-privacy-saved", "");
    status.textContent = text;
    document.body.appendChild(status);
  }

  function activateScripts(choices) {
    document.querySelectorAll('script[type="text/plain"][data-consent-group]').forEach(function (node) {
      if (choices[node.getAttribute("data-consent-group")] !== true) return;
      var script = document.createElement("script");
      script.src = node.getAttribute("data-src");
      script.setAttribute("data-consent-group", node.getAttribute("data-consent-group"));
      node.replaceWith(script);
    });
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-privacy-consent-form]") || !window.fetch) return;
    var submitter = event.submitter;
    if (!submitter || submitter.name !== "action") return;
    event.preventDefault();
    var data = new FormData(form);
    data.set("action", submitter.value);
    window.fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "XMLHttpRequest", "Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (result) {
      if (typeof window.gtag === "function") window.gtag("consent", "update", result.consent_mode);
      activateScripts(result.choices);
      var banner = document.querySelector("[data-privacy-banner]");
      if (banner) banner.remove();
      announce(submitter.value === "accept_all"
        ? gettext("Saved: all cookies are allowed. You can change this on the cookie page.")
        : gettext("Saved: only necessary cookies are used. You can change this on the cookie page."));
      document.dispatchEvent(new CustomEvent("privacy:consent", {detail: result}));
    }).catch(function () {
      var hidden = document.createElement("input");  // fall back to the plain POST
      hidden.type = "hidden"; hidden.name = "action"; hidden.value = submitter.value;
      form.appendChild(hidden);
      form.submit();
    });
  }

  document.addEventListener("submit", onSubmit);
})();
