/*
 * app.js: small, dependency-free behaviour shared by every page.
 * Loaded with `defer` from base.html; no inline scripts anywhere (CSP script-src 'self').
 *
 * 1. htmx + CSRF: every htmx request carries Django's CSRF token (from <meta name="csrf-token">)
 *    in the X-CSRFToken header, so hx-post / hx-delete work with CsrfViewMiddleware.
 * 2. Workbench sidebar: on narrow screens the menu collapses behind a 菜单 button.
 *    Without JavaScript the menu simply stays open.
 */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token && event.detail && event.detail.headers) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  function initSidebar() {
    var toggle = document.querySelector(".wb-sidebar__toggle");
    if (!toggle) {
      return;
    }
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) {
      return;
    }
    var narrow = window.matchMedia("(max-width: 47.99em)");

    function setExpanded(expanded) {
      toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
      nav.classList.toggle("is-collapsed", !expanded);
    }

    toggle.hidden = false;
    setExpanded(!narrow.matches);
    toggle.addEventListener("click", function () {
      setExpanded(toggle.getAttribute("aria-expanded") !== "true");
    });
    narrow.addEventListener("change", function (event) {
      setExpanded(!event.matches);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initSidebar);
  } else {
    initSidebar();
  }
})();
