// Refreshes the export page's progress bar from the API; the page works without it (a Refresh link).
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
    if (percent) percent.textContent = `${data.progress}%`;
    if (data.status !== box.dataset.status) {
      window.location.reload();
      return;
    }
    window.setTimeout(tick, 1500);
  };
  window.setTimeout(tick, 1000);
}
