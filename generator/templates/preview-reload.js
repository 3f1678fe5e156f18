// portal serve: reload this page when a build changed it; show content errors over it.
// Added to each page as the preview sends it (generator/preview.py), never to the site.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = Number(me.getAttribute("data-version") || 0);
  var page = me.getAttribute("data-page") || "";
  // The heading comes from the message table (generator/messages.py), like every staff text.
  var title = me.getAttribute("data-title") || "";
  // This page is the error list itself (no good site yet): once fixed, load the real page.
  var errorPage = me.hasAttribute("data-error-page");
  var box = null;

  function show(errors) {
    if (!errors.length) {
      if (box) {
        box.remove();
        box = null;
      }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.className = "portal-preview-errors";
      box.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:10000;" +
        "background:#fff3f3;color:#8a1111;border-top:3px solid #c62828;padding:12px 16px;" +
        "font:16px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    // Text, never markup: the messages quote the content.
    box.textContent = title + "\n\n" + errors.join("\n");
  }

  function ask(now) {
    var url = "/.portal/wait?v=" + version + "&page=" + encodeURIComponent(page);
    return fetch(now ? url + "&now=1" : url, { cache: "no-store" }).then(function (r) {
      return r.json();
    });
  }

  function poll() {
    ask(false)
      .then(function (answer) {
        // After any new build the error page is fetched again: the new list, or the site.
        if (answer.reload || (errorPage && answer.version > version)) {
          location.reload();
          return;
        }
        version = answer.version;
        if (!errorPage) show(answer.errors || []);
        poll();
      })
      .catch(function () {
        setTimeout(poll, 1000); // the preview was restarted or is busy: ask again
      });
  }

  ask(true)
    .then(function (answer) {
      if (errorPage) {
        if (!(answer.errors || []).length) location.reload();
        return;
      }
      show(answer.errors || []);
    })
    .catch(function () {})
    .then(poll);
})();
