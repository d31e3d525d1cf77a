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
    // The buttons are named "action", so ``form.action`` is the button list, not the URL: read the
    // attribute (and the resolved URL through the prototype's getter, which a named control cannot shadow).
    var actionGetter = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, "action").get;
    var url = form.getAttribute("action") ? actionGetter.call(form) : window.location.href;
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    window.fetch(url, {
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
      // Never reload: a page load would lose what the visitor typed elsewhere on the page. Say so and
      // let them try again (or use the cookie page).
      buttons.forEach(function (button) { button.disabled = false; });
      var error = form.querySelector("[data-privacy-consent-error]");
      if (!error) {
        error = document.createElement("p");
        error.className = "pcc-error";
        error.setAttribute("role", "alert");
        error.setAttribute("data-privacy-consent-error", "");
        form.appendChild(error);
      }
      error.textContent = gettext("Your choice could not be saved. Please try again, or use the cookie page.");
    });
  }

  document.addEventListener("submit", onSubmit);
})();
