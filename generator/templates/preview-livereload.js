// mkdocs serve / properdocs serve: the problem page reloads itself once a later build is done.
// MkDocs' server adds its own reload script to the files of the site, but not to 404.html,
// which it sends for every other address; this asks the server the same question its script
// does (`/livereload/<epoch>/<id>` answers, within a minute, the epoch of the newest build).
// data-epoch is a time during this page's build, on the server's clock (milliseconds of
// time.monotonic(), as MkDocs counts its builds): any later build answers a greater one.
(function () {
  "use strict";
  var epoch = Number(document.currentScript.getAttribute("data-epoch"));
  var id = Date.now();

  function poll() {
    fetch("/livereload/" + epoch + "/" + id, { cache: "no-store" })
      .then(function (response) {
        return response.text();
      })
      .then(function (text) {
        if (parseFloat(text) > epoch) location.reload();
        else poll();
      })
      .catch(function () {
        setTimeout(poll, 3000); // the server was restarted or is busy: ask again
      });
  }

  poll();
})();
