// Refreshes the export page's progress bar from the API; the page works without it (a Refresh link).
// Strings come from Django's JavaScript catalog (privacy_center:jsi18n); English without it.
const gettext = window.gettext || ((text) => text);
const interpolate = window.interpolate || ((fmt, obj) => fmt.replace(/%\((\w+)\)s/g, (_, key) => obj[key]));
// The page's language formats the number ("60%", "60 %" in Swedish); no literal % in the catalog.
const percentFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" });
const box = document.getElementById("pc-export");
if (box) {
  const url = box.dataset.statusUrl;
  const tick = async () => {
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      data = await response.json();
    } catch (error) {
      return;
    }
    const bar = document.getElementById("pc-export-progress");
    const percent = document.getElementById("pc-export-percent");
    if (bar) bar.value = data.progress;
    if (percent) {
      const value = percentFormat.format(data.progress / 100);
      percent.textContent = interpolate(gettext("%(percent)s done"), { percent: value }, true);
    }
    if (data.status !== box.dataset.status) {
      window.location.reload();
      return;
    }
    window.setTimeout(tick, 1500);
  };
  window.setTimeout(tick, 1000);
}
