/* portal: 复制 buttons beside addresses (the 订阅 page's feed addresses). Each button copies its
 * data-pt-copy text; where the clipboard cannot be written (an http page, an old browser) the
 * address is selected instead, so a long press or Ctrl+C copies it. Without JavaScript the
 * buttons stay hidden and the addresses are plain links. */
(function () {
  "use strict";

  var buttons = document.querySelectorAll("[data-pt-copy]");
  if (!buttons.length) return;
  var root = document.querySelector("[data-pt-copy-status]");
  var live = document.querySelector("[data-pt-copy-live]");

  function say(button, text) {
    if (live) live.textContent = text;
    var old = button.getAttribute("data-pt-label") || button.firstChild.textContent;
    button.setAttribute("data-pt-label", old);
    button.firstChild.textContent = text;
    window.setTimeout(function () { button.firstChild.textContent = old; }, 2000);
  }

  function select(button) {
    var target = button.parentNode.querySelector(".pt-feed__url") || button;
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-pt-copy");
      var done = root ? root.getAttribute("data-pt-copy-status") : "已复制";
      var failed = root ? root.getAttribute("data-pt-copy-failed") : "请选择复制";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say(button, done); },
          function () { select(button); say(button, failed); }
        );
      } else {
        select(button);
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        say(button, copied ? done : failed);
      }
    });
  });
})();
