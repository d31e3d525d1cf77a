// Refreshes the export page's progress (bar, percentage, the section being collected) from the API; the page
// works without it (a Refresh link). When the status cannot be read, it says so where the visitor sees it and
// points at the Refresh link instead of stopping silently.
// Strings come from Django's JavaScript catalog (privacy_center:jsi18n); English without it.
const gettext = window.gettext || ((text) => text);
const interpolate = window.interpolate || ((fmt, obj) => fmt.replace(/%\((\w+)\)s/g, (_, key) => obj[key]));
// The page's language formats the number ("60%", "60 %" in Swedish); no literal % in the catalog.
const percentFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" });
const box = document.getElementById("pc-export");
const MAX_FAILURES = 3;
if (box) {
  const url = box.dataset.statusUrl;
  let failures = 0;
  const stop = (message) => {
    const alert = document.getElementById("pc-export-poll-error");
    if (!alert) return;
    alert.textContent = message + " " + gettext("Use the Refresh link to see where your copy stands.");
    alert.hidden = false;
  };
  const retryOrStop = (message) => {
    failures += 1;
    if (failures >= MAX_FAILURES) {
      stop(message);
      return;
    }
    window.setTimeout(tick, 1500 * failures);
  };
  const tick = async () => {
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        // Logged out in another tab, or the copy is gone: asking again will not help.
        stop(gettext("We stopped checking the progress: this page can no longer read it (are you still logged in?)."));
        return;
      }
      if (!response.ok) {
        retryOrStop(interpolate(gettext("We could not check the progress (error %(code)s)."),
          { code: response.status }, true));
        return;
      }
      data = await response.json();
    } catch (error) {
      retryOrStop(gettext("We could not check the progress: the connection failed."));
      return;
    }
    failures = 0;
    const bar = document.getElementById("pc-export-progress");
    const percent = document.getElementById("pc-export-percent");
    const section = document.getElementById("pc-export-section");
    if (bar) bar.value = data.progress;
    if (percent) {
      const value = percentFormat.format(data.progress / 100);
      percent.textContent = interpolate(gettext("%(percent)s done"), { percent: value }, true);
    }
    if (section) {
      section.hidden = !data.current_source;
      if (data.current_source) {
        section.textContent = interpolate(section.dataset.template, { section: data.current_source }, true);
      }
    }
    if (data.status !== box.dataset.status) {
      window.location.reload();
      return;
    }
    window.setTimeout(tick, 1500);
  };
  window.setTimeout(tick, 1000);
}
