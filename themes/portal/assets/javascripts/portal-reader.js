// portal: the 适老化 reading controls (text size in three steps, high contrast).
//
// Loaded in <head> without defer, so the reader's saved choice is on <html> before the first
// paint and a page never flashes at the wrong size. The controls themselves (see
// partials/portal-reader.html) stay hidden until this script shows them: without JavaScript
// there is nothing to set and the page reads as it is. The choice is kept in localStorage
// for the whole site, so it follows the reader from page to page.
(function () {
  "use strict";

  var KEY = "portal.reader";
  var SIZES = ["0", "1", "2"];
  var root = document.documentElement;

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (e) {
      return {};
    }
  }

  function save(settings) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(settings));
    } catch (e) {
      // Private mode or storage switched off: the choice holds for this page only.
    }
  }

  function systemContrast() {
    return !!(window.matchMedia && window.matchMedia("(prefers-contrast: more)").matches);
  }

  // What to show: the saved choice, else the system's "more contrast" preference.
  function effective(settings) {
    var size = SIZES.indexOf(String(settings.size)) >= 0 ? String(settings.size) : "0";
    var high = typeof settings.contrast === "boolean" ? settings.contrast : systemContrast();
    return { size: size, contrast: high };
  }

  function apply(settings) {
    var shown = effective(settings);
    if (shown.size === "0") {
      root.removeAttribute("data-pt-size");
    } else {
      root.setAttribute("data-pt-size", shown.size);
    }
    if (shown.contrast) {
      root.setAttribute("data-pt-contrast", "high");
    } else {
      root.removeAttribute("data-pt-contrast");
    }
    return shown;
  }

  var settings = load();
  apply(settings);

  function wire() {
    var box = document.querySelector("[data-pt-reader]");
    if (!box) {
      return;
    }
    var toggle = box.querySelector(".pt-reader__toggle");
    var panel = box.querySelector(".pt-reader__panel");
    var sizes = box.querySelectorAll("input[name=pt-size]");
    var contrast = box.querySelector("input[name=pt-contrast]");
    var reset = box.querySelector(".pt-reader__reset");
    var status = box.querySelector(".pt-reader__status");

    function reflect() {
      var shown = effective(settings);
      for (var i = 0; i < sizes.length; i++) {
        sizes[i].checked = sizes[i].value === shown.size;
      }
      contrast.checked = shown.contrast;
    }

    function announce() {
      var shown = effective(settings);
      var label = box.querySelector("input[name=pt-size][value='" + shown.size + "'] + span");
      status.textContent =
        "字号：" + (label ? label.textContent : "") + "，高对比度：" + (shown.contrast ? "开" : "关");
    }

    function update(change) {
      for (var key in change) {
        if (Object.prototype.hasOwnProperty.call(change, key)) {
          settings[key] = change[key];
        }
      }
      save(settings);
      apply(settings);
      reflect();
      announce();
    }

    function open(show) {
      panel.hidden = !show;
      toggle.setAttribute("aria-expanded", show ? "true" : "false");
    }

    for (var i = 0; i < sizes.length; i++) {
      sizes[i].addEventListener("change", function (event) {
        update({ size: event.target.value });
      });
    }
    contrast.addEventListener("change", function () {
      update({ contrast: contrast.checked });
    });
    reset.addEventListener("click", function () {
      settings = {};
      save(settings);
      apply(settings);
      reflect();
      announce();
    });
    toggle.addEventListener("click", function () {
      open(panel.hidden);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        open(false);
        toggle.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !box.contains(event.target)) {
        open(false);
      }
    });
    // Another tab changed the setting: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) {
        settings = load();
        apply(settings);
        reflect();
      }
    });

    reflect();
    box.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }

  // The menu and search are opened by hidden checkboxes. Material marks them
  // autocomplete="off" so that Firefox does not bring them back checked on a reload or on
  // going back, but that attribute is not valid HTML on a checkbox (generator/theme_patches.py
  // takes it out), so a page shown again closes them here.
  window.addEventListener("pageshow", function () {
    var ids = ["__drawer", "__search"];
    for (var i = 0; i < ids.length; i++) {
      var box = document.getElementById(ids[i]);
      if (box && box.checked) {
        box.checked = false;
        box.dispatchEvent(new Event("change"));
      }
    }
  });
})();
