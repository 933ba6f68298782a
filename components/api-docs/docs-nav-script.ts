// The API reference's table of contents without React (pages/api-docs.tsx sends no bundle): ↑/↓,
// Home and End move between its links (Tab still walks them), and the link of the section in the
// URL's hash is marked `aria-current="location"`. Plain ES2017 in a string, run inline after the
// navigation is in the document; DocsNav (./docs-nav.tsx) marks its <nav> with data-docs-nav.
export const DOCS_NAV_SCRIPT = `(function () {
  function links(nav) { return Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']")); }
  function mark() {
    var hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) {}
    var navs = document.querySelectorAll("nav[data-docs-nav]");
    for (var i = 0; i < navs.length; i++) {
      links(navs[i]).forEach(function (link) {
        if (link.getAttribute("href").slice(1) === hash) link.setAttribute("aria-current", "location");
        else link.removeAttribute("aria-current");
      });
    }
  }
  mark();
  addEventListener("hashchange", mark);
  document.addEventListener("keydown", function (event) {
    var nav = event.target && event.target.closest ? event.target.closest("nav[data-docs-nav]") : null;
    if (!nav) return;
    var all = links(nav);
    var index = all.indexOf(document.activeElement);
    if (index === -1) return;
    var target =
      event.key === "ArrowDown" ? all[Math.min(index + 1, all.length - 1)] :
      event.key === "ArrowUp" ? all[Math.max(index - 1, 0)] :
      event.key === "Home" ? all[0] :
      event.key === "End" ? all[all.length - 1] : null;
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
})();`;
