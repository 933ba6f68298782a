// The theme without a client component: this script runs inline in <head> before first paint
// (the root layout renders it). It applies the stored choice ("light", "dark" or "system" under
// the localStorage key "theme", as next-themes stored it) as the `dark` / `light` class and
// color-scheme of <html> (and `data-theme`, the choice itself), follows the OS while the choice is
// "system" and other tabs when they change it, and handles every `[data-set-theme]` button and
// closes the `<details data-menu>` menus (the public header's menus are server-rendered, so public
// pages need no React for them). The
// workspace's theme menu calls the same `__tesseraSetTheme` through ./theme-store.ts, which hears
// the `tessera:theme` event. Plain ES2017 in a string: it runs before any bundle.
export const THEME_SCRIPT = `(function () {
  var root = document.documentElement;
  var media = matchMedia("(prefers-color-scheme: dark)");
  function stored() {
    try { return localStorage.getItem("theme") || "system"; } catch (e) { return "system"; }
  }
  function apply(theme) {
    var dark = theme === "dark" || (theme !== "light" && media.matches);
    root.classList.remove(dark ? "light" : "dark");
    root.classList.add(dark ? "dark" : "light");
    root.style.colorScheme = dark ? "dark" : "light";
    root.setAttribute("data-theme", theme);
  }
  function set(theme) {
    try { localStorage.setItem("theme", theme); } catch (e) {}
    var style = document.createElement("style");
    style.textContent = "*,*::before,*::after{transition:none!important}";
    document.head.appendChild(style);
    apply(theme);
    void getComputedStyle(document.body).opacity;
    setTimeout(function () { style.remove(); }, 1);
    dispatchEvent(new Event("tessera:theme"));
  }
  apply(stored());
  media.addEventListener("change", function () { apply(stored()); });
  addEventListener("storage", function (event) {
    if (event.key === "theme") { apply(stored()); dispatchEvent(new Event("tessera:theme")); }
  });
  window.__tesseraSetTheme = set;
  // The theme buttons, and the server-rendered menus (<details data-menu>): a choice, a link or a
  // click outside closes them; so does Escape, returning focus to the menu's summary.
  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target : null;
    var button = target && target.closest("[data-set-theme]");
    if (button) set(button.getAttribute("data-set-theme") || "system");
    var open = document.querySelectorAll("details[data-menu][open]");
    for (var i = 0; i < open.length; i++) {
      if (!target || !open[i].contains(target) || button || target.closest("a")) open[i].open = false;
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var active = document.activeElement;
    var menu = active && active.closest && active.closest("details[data-menu][open]");
    if (!menu) return;
    menu.open = false;
    var summary = menu.querySelector("summary");
    if (summary) summary.focus();
  });
})();`;
